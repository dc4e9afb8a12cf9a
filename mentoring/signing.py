"""Signed tokens for links and hidden fields: one salt per purpose, the purpose in the payload.

A token signed for one purpose (a consent-withdrawal link) is refused for every other purpose
(the CSV import's preview payload), even though both are signed with the same SECRET_KEY.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

CONSENT_WITHDRAWAL = "consent-withdrawal"
VOLUNTEER_IMPORT = "volunteer-import"
DISCLOSURE_REVIEW = "disclosure-review"
EMAIL_CONFIRMATION = "email-confirmation"
PROPOSAL_ANSWER = "proposal-answer"
SELF_SERVICE = "self-service"
TANDEM_FEEDBACK = "tandem-feedback"


def salt(purpose: str) -> str:
    return f"mentoring:{purpose}"


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt(purpose))


def dumps(purpose: str, data: Any) -> str:
    return _serializer(purpose).dumps({"purpose": purpose, "data": data})


def loads(purpose: str, token: str, *, max_age: int) -> Any:
    """The data signed for `purpose`; itsdangerous' SignatureExpired or BadSignature otherwise."""
    payload = _serializer(purpose).loads(token, max_age=max_age)
    if not isinstance(payload, dict) or payload.get("purpose") != purpose or "data" not in payload:
        raise BadSignature("token signed for another purpose")
    return payload["data"]
