"""Signed links to "Mein Engagement" (volunteers) and "Meine Anfrage" (requests).

The token carries only the person (kind, id) and expires after SELF_SERVICE_LINK_DAYS; it is
signed for its own purpose, so a withdrawal or confirmation link never opens these pages.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired

from mentoring import signing
from mentoring.exceptions import OperationError
from mentoring.links import public_url
from mentoring.personal_data.records import KINDS

# The page's address names what the person sees: their commitment or their request.
AREAS = {"volunteer": "mein-engagement", "request": "meine-anfrage"}


def self_service_token(kind: str, person_id: int) -> str:
    return signing.dumps(signing.SELF_SERVICE, {"kind": kind, "id": person_id})


def self_service_url(kind: str, person_id: int, locale: str | None = None) -> str | None:
    """The absolute link for a message (None while PUBLIC_BASE_URL is not configured); it opens
    in the person's correspondence language, which they can switch on the page."""
    values = {"area": AREAS[kind], "token": self_service_token(kind, person_id)}
    if locale and locale != current_app.config["BABEL_DEFAULT_LOCALE"]:
        values["lang"] = locale
    return public_url("self_service.page", **values)


def read_self_service_token(token: str) -> tuple[str, int]:
    """(kind, id); OperationError with a message in the visitor's language otherwise."""
    max_age = current_app.config["SELF_SERVICE_LINK_DAYS"] * 86400
    invalid = _(
        "Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig ist, oder wenden Sie sich "
        "an uns."
    )
    try:
        data = signing.loads(signing.SELF_SERVICE, token, max_age=max_age)
    except SignatureExpired:
        raise OperationError(
            _("Dieser Link ist abgelaufen. Sie können hier einen neuen Link anfordern.")
        ) from None
    except BadSignature:
        raise OperationError(invalid) from None
    if (
        not isinstance(data, dict)
        or data.get("kind") not in KINDS
        or not isinstance(data.get("id"), int)
    ):
        raise OperationError(invalid)
    return data["kind"], data["id"]
