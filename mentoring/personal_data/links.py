"""Signed links with which a person withdraws their consent without an account."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired

from mentoring import signing
from mentoring.exceptions import OperationError
from mentoring.personal_data.records import KINDS


def withdrawal_token(kind: str, person_id: int) -> str:
    return signing.dumps(signing.CONSENT_WITHDRAWAL, {"kind": kind, "id": person_id})


def read_withdrawal_token(token: str) -> tuple[str, int]:
    """(kind, id) from a signed link; OperationError for a tampered or expired one."""
    max_age = current_app.config["PRIVACY_WITHDRAWAL_LINK_DAYS"] * 86400
    try:
        data = signing.loads(signing.CONSENT_WITHDRAWAL, token, max_age=max_age)
    except SignatureExpired:
        raise OperationError(
            _(
                "Dieser Link ist abgelaufen. Bitte wenden Sie sich an uns, "
                "wir helfen Ihnen gern weiter."
            )
        ) from None
    except BadSignature:
        raise OperationError(
            _(
                "Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig "
                "ist, oder wenden Sie sich an uns."
            )
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("kind") not in KINDS
        or not isinstance(data.get("id"), int)
    ):
        raise OperationError(
            _(
                "Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig "
                "ist, oder wenden Sie sich an uns."
            )
        )
    return data["kind"], data["id"]
