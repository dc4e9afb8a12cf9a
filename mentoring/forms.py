"""Form pieces shared by every form: base form, fields and validators used in several places."""

import re

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from wtforms import (
    DateField,
    DecimalField,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    ValidationError,
    widgets,
)
from wtforms.validators import Length, StopValidation

from mentoring import clock
from mentoring.extensions import db
from mentoring.input_limits import ascii_digits
from mentoring.models import PostalCode

FREE_TEXT_HINT = _l(
    "Bitte schreiben Sie hier nichts über Gesundheit, Religion oder Aufenthaltsstatus."
)
# Set by static/js/forms.js when a language link re-posts a form (see BaseForm).
LANGUAGE_SWITCH_FIELD = "switch_language"
PHONE_PATTERN = r"^\+?[0-9][0-9 ()/\-]{5,24}$"
# A NUL byte (PostgreSQL cannot store it), a lone surrogate (not encodable as UTF-8) or the
# replacement character (what undecodable bytes in a multipart upload become).
UNREADABLE_RE = re.compile("[\x00\ud800-\udfff\ufffd]")


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes: easier for older users than a multi-select box."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class WholeNumberField(IntegerField):
    """An integer field whose parse error says in plain words what to type.

    A text input (the templates add inputmode="numeric"), not type="number": a number input
    silently drops digits of other scripts (١٩٥٦) and changes values on a mouse wheel.
    """

    widget = widgets.TextInput()

    def __init__(self, label=None, validators=None, example: str = "", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.example = example

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            self.raw_data = [""]  # blank counts as missing for InputRequired
            return
        try:
            self.data = int(valuelist[0].strip())
        except ValueError:
            self.data = None
            message = _l("Bitte geben Sie eine Zahl ein.")
            if self.example:
                message = _l(
                    "Bitte geben Sie eine Zahl ein, zum Beispiel %(example)s.", example=self.example
                )
            raise ValueError(message) from None


class Digits:
    """Marks a text field that holds a number (postcode, phone, house number): BaseForm reads
    digits of any script in it as ASCII digits. It checks nothing itself."""

    field_flags = {"digits": True}

    def __call__(self, form, field):
        pass


# Fields whose input is a number or a choice of ids: digits of any script are read as ASCII.
NUMBER_LIKE_FIELDS = (
    IntegerField,
    DecimalField,
    FloatField,
    DateField,
    SelectField,
    RadioField,
    SelectMultipleField,
)


def is_number_like(field) -> bool:
    return isinstance(field, NUMBER_LIKE_FIELDS) or bool(getattr(field.flags, "digits", False))


def readable_text(form, field):
    """Refuse characters no one types: NUL bytes, lone surrogates, undecodable bytes."""
    if isinstance(field.data, str) and UNREADABLE_RE.search(field.data):
        raise StopValidation(
            _l("Die Eingabe enthält Zeichen, die wir nicht lesen können. Bitte prüfen Sie sie.")
        )


class MaxLength(Length):
    """Length(max=n) that ends the field's checks: one message, later checks never see the text.

    It sets no HTML maxlength: a browser would cut pasted text off without saying so.
    """

    def __init__(self, max: int, message=None):
        super().__init__(max=max, message=message)
        self.field_flags = {}

    def __call__(self, form, field):
        try:
            super().__call__(form, field)
        except ValidationError as error:
            raise StopValidation(str(error)) from None


class BaseForm(FlaskForm):
    """Trims whitespace on every text field and refuses unreadable characters in any string
    field (`readable_text`, checked first); reads digits of any script as ASCII digits in every
    number-like field (`is_number_like`: numbers, dates, choices, fields marked `Digits()`);
    a language switch re-shows the form unchecked."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            kwargs = {}
            if issubclass(unbound_field.field_class, StringField):
                kwargs["validators"] = [readable_text, *unbound_field.kwargs.get("validators", ())]
            if unbound_field.field_class.__name__ in ("StringField", "TextAreaField", "EmailField"):
                kwargs["filters"] = [*unbound_field.kwargs.get("filters", ()), _strip]
            return unbound_field.bind(form=form, **kwargs, **options)

    # Names in the order the page shows them, so the error summary lists them that way too
    # (WTForms would put the fields of a base class first).
    field_order: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.field_order:
            shown = {name: self._fields[name] for name in self.field_order if name in self._fields}
            rest = {name: field for name, field in self._fields.items() if name not in shown}
            self._fields = {**shown, **rest}

    def process(self, formdata=None, obj=None, data=None, extra_filters=None, **kwargs):
        formdata = self.meta.wrap_formdata(self, formdata)
        if formdata is not None:
            formdata = self._ascii_digits(formdata)
        super().process(formdata, obj, data=data, extra_filters=extra_filters, **kwargs)

    def _ascii_digits(self, formdata):
        """A copy of the posted data with ٤٤٦٤٩ read as 44649 in the number-like fields."""
        numeric = {field.name for field in self._fields.values() if is_number_like(field)}
        if not numeric.intersection(formdata.keys()):
            return formdata
        items = []
        for key in formdata:
            for value in formdata.getlist(key):
                if key in numeric and isinstance(value, str):
                    value = ascii_digits(value)
                items.append((key, value))
        return MultiDict(items)

    def is_language_switch(self) -> bool:
        return self.is_submitted() and bool(request.form.get(LANGUAGE_SWITCH_FIELD))

    def validate_on_submit(self, extra_validators=None) -> bool:
        # static/js/forms.js re-posts the form to ?lang=xx when a language link is clicked, so the
        # page comes back in the new language with the input kept; nothing is checked or saved.
        if self.is_language_switch():
            return False
        return super().validate_on_submit(extra_validators)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def herne_postal_code(form, field):
    """Refuse postal codes outside Herne, saying why."""
    code = (field.data or "").strip()
    if not code.isdigit() or len(code) != 5:
        raise ValidationError(_l("Bitte geben Sie eine Postleitzahl mit 5 Ziffern ein."))
    if db.session.get(PostalCode, code) is None:
        raise ValidationError(
            _l(
                "Diese Postleitzahl liegt nicht in Herne. Die Programme sind für Menschen, "
                "die in Herne wohnen."
            )
        )


def herne_postal_codes() -> list[str]:
    return list(db.session.scalars(select(PostalCode.code).order_by(PostalCode.code)))


def current_year() -> int:
    return clock.today().year


DATE_HINT = _l("Zum Beispiel 14.03.2026.")


class GermanDateField(DateField):
    """A date from the browser's date picker (2026-03-14) or typed the German way (14.03.2026).

    Surrounding whitespace is ignored; an empty input keeps the field's default (or None), so
    ``InputRequired``/``Optional`` decide whether a date is needed.
    """

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%Y-%m-%d", "%d.%m.%Y"], **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.raw_data = [""]  # blank counts as missing for InputRequired
            return
        try:
            super().process_formdata([valuelist[0].strip()])
        except ValueError:
            self.data = None
            raise ValueError(
                _l("Bitte geben Sie ein Datum ein, zum Beispiel 14.03.2026.")
            ) from None


def not_in_future(form, field):
    """Refuse a date after today (in Herne's calendar)."""
    if field.data is not None and field.data > clock.today():
        raise ValidationError(_l("Das Datum darf nicht in der Zukunft liegen."))
