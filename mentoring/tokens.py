"""Random one-time values (session ids, set-password links, recovery codes) and their digests.

Only the SHA-256 of such a value is stored: the values are long and random, so a plain hash
suffices, and a copy of the database opens no session and sets no password.
"""

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
