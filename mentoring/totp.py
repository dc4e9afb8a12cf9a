"""TOTP (RFC 6238) secrets: generated, kept encrypted at rest, checked once per time step.

The secret is encrypted with Fernet (AES-128-CBC with HMAC-SHA256) under a key derived from
SECRET_KEY, so a copy of the database alone yields no second factor. Changing SECRET_KEY makes
the stored secrets unreadable: every staff member then enrols again (an admin resets them).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from datetime import datetime

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from flask import current_app
from markupsafe import Markup

DIGITS = 6
INTERVAL = 30
VALID_WINDOW = 1  # one step either side: clocks of phones drift
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
_RECOVERY_GROUPS = 3  # 3 × 4 characters ≈ 59 bits


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"herne-mentoring totp v1\x00" + _secret_key()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _secret_key() -> bytes:
    key = current_app.config["SECRET_KEY"]
    return key.encode() if isinstance(key, str) else key


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(stored: str) -> str | None:
    try:
        return _fernet().decrypt(stored.encode()).decode()
    except InvalidToken:
        return None


def grouped(secret: str) -> str:
    """The secret in groups of four, easy to read aloud or type."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret: str, account: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(
        name=account, issuer_name=current_app.config["TOTP_ISSUER"]
    )


def qr_svg(uri: str, label: str) -> Markup:
    """The provisioning URI as an inline SVG image (no script, no external request)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, border=4, svgclass="qr-code")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def matching_step(secret: str, code: str, *, after: int | None, at: datetime) -> int | None:
    """The time step the code belongs to, if valid and later than `after` (no replay)."""
    code = normalise(code)
    if len(code) != DIGITS or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=INTERVAL)
    now_step = totp.timecode(at)
    for step in range(now_step - VALID_WINDOW, now_step + VALID_WINDOW + 1):
        if (after is None or step > after) and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    return [
        "-".join(
            "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(4))
            for _ in range(_RECOVERY_GROUPS)
        )
        for _ in range(RECOVERY_CODE_COUNT)
    ]
