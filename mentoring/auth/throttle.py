"""Login throttling that slows guessing without locking the rightful owner out.

Failed attempts are counted in the rate-limit storage (`limiter.storage`: Redis when configured,
so every worker sees the same counts; memory otherwise).

- Per account and kind ("password" or "code"): the first LOGIN_LIMIT_PER_ACCOUNT failures in the
  window are free; each further failure makes the next attempt wait 2, 4, 8 … seconds (at most
  LOGIN_DELAY_MAX_SECONDS). While a password wait runs, the login page checks password and
  second factor only together, so someone guessing passwords learns nothing and the owner, who
  has both, gets in at once. A code wait can only be caused by someone who knows the password.
- Per client address: beyond LOGIN_LIMIT_PER_ADDRESS failures the address is refused until the
  window has passed (request.remote_addr; ProxyFix makes it the real client behind a proxy).
"""

from __future__ import annotations

import hashlib
import math
import time

from flask import current_app, request
from limits import parse
from limits.strategies import FixedWindowRateLimiter

from mentoring.extensions import limiter

PASSWORD = "password"
CODE = "code"


def _on() -> bool:
    return bool(limiter.enabled)


def _prefix() -> str:
    return current_app.config.get("LOGIN_THROTTLE_PREFIX", "login-throttle")


def _account(email: str) -> str:
    # Hashed so that e-mail addresses never land in Redis or its logs.
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def _failures_key(kind: str, email: str) -> str:
    return f"{_prefix()}/fail/{kind}/{_account(email)}"


def _wait_key(kind: str, email: str, count: int) -> str:
    return f"{_prefix()}/wait/{kind}/{_account(email)}/{count}"


def _account_limit():
    return parse(current_app.config["LOGIN_LIMIT_PER_ACCOUNT"])


def _address_limit():
    return parse(current_app.config["LOGIN_LIMIT_PER_ADDRESS"])


def _address() -> str:
    return request.remote_addr or "unknown"


def wait_seconds(kind: str, email: str) -> int:
    """Seconds until the account may try this kind of attempt alone again (0: now)."""
    if not _on() or not email:
        return 0
    storage = limiter.storage
    count = storage.get(_failures_key(kind, email))
    if count <= _account_limit().amount:
        return 0
    key = _wait_key(kind, email, count)
    if storage.get(key) <= 0:
        return 0
    return max(0, math.ceil(storage.get_expiry(key) - time.time()))


def record_failure(kind: str, email: str) -> None:
    """Count a failed attempt for the account and for the client address."""
    if not _on():
        return
    storage = limiter.storage
    FixedWindowRateLimiter(storage).hit(_address_limit(), _prefix(), "address", _address())
    if not email:
        return
    account_limit = _account_limit()
    count = storage.incr(_failures_key(kind, email), account_limit.get_expiry())
    beyond = count - account_limit.amount
    if beyond > 0:
        delay = min(2**beyond, current_app.config["LOGIN_DELAY_MAX_SECONDS"])
        storage.incr(_wait_key(kind, email, count), delay)


def address_blocked() -> bool:
    if not _on():
        return False
    strategy = FixedWindowRateLimiter(limiter.storage)
    return not strategy.test(_address_limit(), _prefix(), "address", _address())


def clear(email: str) -> None:
    """A complete login forgets the account's failures."""
    if not _on() or not email:
        return
    for kind in (PASSWORD, CODE):
        limiter.storage.clear(_failures_key(kind, email))
