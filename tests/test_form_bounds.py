"""Every text field of every form has a length bound that fits its column; no NUL gets through."""

import inspect

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import StringField
from wtforms.validators import Length

from mentoring.forms import BaseForm, readable_text
from mentoring.models import (
    AccessibilityFeedback,
    CheckIn,
    ConsentRecord,
    MenteeRequest,
    Programme,
    Proposal,
    StaffUser,
    Tandem,
    TandemNote,
    Volunteer,
)

# Form class name → the table its fields are stored in (fields named like a column are checked
# against that column's length).
STORED_IN = {
    "PersonFields": Volunteer,
    "VolunteerFields": Volunteer,
    "VolunteerForm": Volunteer,
    "MenteeForm": MenteeRequest,
    "FeedbackForm": AccessibilityFeedback,
    "StaffForm": StaffUser,
    "LoginForm": StaffUser,
    "DeclineForm": Proposal,
    "EndForm": Tandem,
    "CheckInForm": CheckIn,
    "NoteForm": TandemNote,
    "ProgrammeForm": Programme,
    "PauseForm": Volunteer,
    "WithdrawForm": Volunteer,
    "HoldForm": MenteeRequest,
    "CloseForm": MenteeRequest,
}
# Fields stored under another name.
COLUMN_OF = {
    ("MenteeForm", "guardian_name"): ConsentRecord.__table__.c.given_by_name,
    ("PersonFields", "privacy_version"): ConsentRecord.__table__.c.text_version,
    ("DeclineForm", "note"): Proposal.__table__.c.decline_note,
    ("EndForm", "note"): Tandem.__table__.c.end_note,
    ("PauseForm", "note"): Volunteer.__table__.c.status_note,
    ("WithdrawForm", "note"): Volunteer.__table__.c.status_note,
    ("HoldForm", "note"): MenteeRequest.__table__.c.status_note,
    ("CloseForm", "note"): MenteeRequest.__table__.c.status_note,
}
# Fields of the dashboard without a bound yet: the integrator adds them after moving the
# dashboard into feature packages (issue 11). A field that gets its bound must leave this list.
AWAITING_BOUND: set[tuple[str, str]] = set()


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def _text_fields(app):
    """(form class, field name, unbound field) for every string field of every BaseForm."""
    assert app  # the app imports every blueprint, and so every form
    for form_class in set(_all_subclasses(BaseForm)):
        if not form_class.__module__.startswith("mentoring."):
            continue
        for name in dir(form_class):
            unbound = getattr(form_class, name, None)
            field_class = getattr(unbound, "field_class", None)
            if field_class is not None and issubclass(field_class, StringField):
                yield form_class, name, unbound


def _max_length(unbound) -> int | None:
    validators = unbound.kwargs.get("validators") or ()
    bounds = [v.max for v in validators if isinstance(v, Length) and v.max != -1]
    return min(bounds) if bounds else None


def _declaring_class(form_class, name) -> str:
    for klass in form_class.__mro__:
        if name in vars(klass):
            return klass.__name__
    return form_class.__name__


def test_every_text_field_has_a_length_bound(app):
    unbounded = {
        (_declaring_class(form, name), name)
        for form, name, unbound in _text_fields(app)
        if _max_length(unbound) is None
    }
    missing = sorted(unbounded - AWAITING_BOUND)
    assert missing == [], "add Length(max=…) (mentoring.forms.MaxLength for hidden fields)"
    bounded_now = sorted(AWAITING_BOUND - unbounded)
    assert bounded_now == [], "bounded now: delete from AWAITING_BOUND"


def test_bounds_fit_the_columns(app):
    checked, too_long = 0, []
    for form, name, unbound in _text_fields(app):
        owner = _declaring_class(form, name)
        column = COLUMN_OF.get((owner, name))
        if column is None and form.__name__ in STORED_IN:
            column = STORED_IN[form.__name__].__table__.c.get(name)
        length = getattr(getattr(column, "type", None), "length", None)
        bound = _max_length(unbound)
        if length is None or bound is None:
            continue
        checked += 1
        if bound > length:
            too_long.append(f"{owner}.{name}: Length(max={bound}) > {column} ({length})")
    assert too_long == []
    assert checked >= 15  # names, e-mail addresses, phones, postal codes, organisation, ...


@pytest.mark.parametrize(
    "value",
    ["Gi\x00sela", "Gisela\ud800", "Gis\ufffdela", "\x00"],
    ids=["nul", "surrogate", "fffd", "only-nul"],
)
def test_base_form_refuses_unreadable_text_in_every_string_field(app, value):
    class Probe(BaseForm):
        class Meta:
            csrf = False

        name = StringField()

    with app.test_request_context(method="POST"):
        form = Probe(formdata=MultiDict({"name": value}))
        assert not form.validate()
        assert form.name.errors == [
            "Die Eingabe enthält Zeichen, die wir nicht lesen können. Bitte prüfen Sie sie."
        ]


def test_readable_text_is_checked_first_on_every_string_field(app):
    for form, name, _ in _text_fields(app):
        with app.test_request_context():
            bound = form(formdata=None, meta={"csrf": False}, **_form_kwargs(form))
            assert bound[name].validators[0] is readable_text, f"{form.__name__}.{name}"


def _form_kwargs(form) -> dict:
    from mentoring.models import RegisteredBy

    # MenteeForm and the staff forms built from it need the way in.
    wants_way = "registered_by" in inspect.signature(form.__init__).parameters
    return {"registered_by": RegisteredBy.SELF} if wants_way else {}
