"""The volunteer's answer to a proposal by signed link ("Anfrage senden"), and what they see.

The token carries the proposal and the volunteer (ids only); it is refused for every other
purpose, after PROPOSAL_ANSWER_LINK_DAYS, and for a proposal that now belongs to nobody else.
What the volunteer learns about the request is deliberately little: programme, age, quarter,
what help is wanted, the goal in the family's words and the times, never a surname or contact.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired

from mentoring import clock, signing
from mentoring.availability import decode
from mentoring.eligibility import request_ages
from mentoring.exceptions import OperationError
from mentoring.i18n import programme_text, translate_reference_text
from mentoring.matching.text import DAYPARTS, WEEKDAYS

YES, NO = "yes", "no"
ANSWERS = (YES, NO)
# The short list of reasons a volunteer may give for a "no" (codes stored on the proposal).
REASONS = ("no_time", "too_far", "not_for_me", "other")


def reason_choices() -> list[tuple[str, str]]:
    """(code, text) in the current language."""
    texts = {
        "no_time": _("Ich habe im Moment keine Zeit"),
        "too_far": _("Der Weg ist mir zu weit"),
        "not_for_me": _("Das passt nicht zu mir"),
        "other": _("Ein anderer Grund"),
    }
    return [(code, texts[code]) for code in REASONS]


def reason_text(code: str | None) -> str:
    return dict(reason_choices()).get(code or "", "")


def answer_token(proposal_id: int, volunteer_id: int) -> str:
    return signing.dumps(signing.PROPOSAL_ANSWER, {"p": proposal_id, "v": volunteer_id})


def read_answer_token(token: str) -> tuple[int, int]:
    """(proposal id, volunteer id); OperationError with a message in the page's language."""
    max_age = current_app.config["PROPOSAL_ANSWER_LINK_DAYS"] * 86400
    invalid = _(
        "Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig ist, oder wenden Sie sich "
        "an uns."
    )
    try:
        data = signing.loads(signing.PROPOSAL_ANSWER, token, max_age=max_age)
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
        or not isinstance(data.get("p"), int)
        or not isinstance(data.get("v"), int)
    ):
        raise OperationError(invalid)
    return data["p"], data["v"]


@dataclass(frozen=True)
class RequestSummary:
    """What a volunteer is told about a request, in the current language."""

    programme: str
    age: str
    quarter: str
    needs: list[str]
    goal: str | None
    times: list[str]


def request_summary(proposal) -> RequestSummary:
    """Call while rendering (the message's or the page's locale decides the language)."""
    row = proposal.request
    ages = request_ages(row, clock.today())
    if ages.exact:
        age = _("%(n)s Jahre", n=ages.low)
    else:
        age = _("%(low)s oder %(high)s Jahre", low=ages.low, high=ages.high)
    times = []
    for slot in decode(row.availability or 0):
        day, _sep, part = slot.partition("-")
        times.append(f"{_(WEEKDAYS[day])} {_(DAYPARTS[part])}")
    return RequestSummary(
        programme=programme_text(proposal.programme),
        age=age,
        quarter=row.place.name,
        needs=[translate_reference_text(tag.label) for tag in row.tags],
        goal=(row.goal or "").strip() or None,
        times=times,
    )
