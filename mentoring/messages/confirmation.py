"""Signed links that confirm a person's e-mail address (sent with the sign-up confirmation).

The token carries the person (kind, id) and a short hash of the address, never the address
itself: a link stays valid only for the address it was sent to.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired

from mentoring import signing
from mentoring.exceptions import OperationError
from mentoring.personal_data.records import KINDS


def address_hash(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode("utf-8")).hexdigest()[:16]


def confirmation_token(kind: str, person_id: int, address: str) -> str:
    return signing.dumps(
        signing.EMAIL_CONFIRMATION, {"kind": kind, "id": person_id, "a": address_hash(address)}
    )


def read_confirmation_token(token: str) -> tuple[str, int, str]:
    """(kind, id, address hash); OperationError with a German message otherwise."""
    max_age = current_app.config["EMAIL_CONFIRMATION_LINK_DAYS"] * 86400
    invalid = _(
        "Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig ist, oder wenden Sie sich "
        "an uns."
    )
    try:
        data = signing.loads(signing.EMAIL_CONFIRMATION, token, max_age=max_age)
    except SignatureExpired:
        raise OperationError(
            _(
                "Dieser Link ist abgelaufen. Bitte wenden Sie sich an uns, "
                "wir helfen Ihnen gern weiter."
            )
        ) from None
    except BadSignature:
        raise OperationError(invalid) from None
    if (
        not isinstance(data, dict)
        or data.get("kind") not in KINDS
        or not isinstance(data.get("id"), int)
        or not isinstance(data.get("a"), str)
    ):
        raise OperationError(invalid)
    return data["kind"], data["id"], data["a"]
