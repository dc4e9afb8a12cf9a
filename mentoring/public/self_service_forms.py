"""The forms of "Mein Engagement" / "Meine Anfrage": pieces of the sign-up forms, same rules."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField
from wtforms.validators import InputRequired

from mentoring.forms import BaseForm, GermanDateField
from mentoring.person_fields import (
    REQUIRED_EMAIL,
    PersonFields,
    VolunteerFields,
    correspondence_language_choices,
    place_choices,
    slot_choices,
)


class ContactForm(PersonFields):
    """E-mail, phone, postal address, channel and language: the sign-up form's contact block with
    its rules (at least one way to reach the person; the chosen channel needs its details)."""

    field_order = (
        "email",
        "phone",
        "street",
        "house_number",
        "postal_code",
        "place",
        "contact_channel",
        "correspondence_language",
        "interpreter_needed",
    )
    email = VolunteerFields.email
    phone = VolunteerFields.phone
    # Not asked here: the rest of the sign-up form.
    name_latin = None
    languages = None
    availability = None
    consent = None
    privacy_version = None

    def fill_choices(self) -> None:
        self.place.choices = place_choices()
        self.correspondence_language.choices = correspondence_language_choices()


class CommitmentForm(BaseForm):
    """A volunteer's times and capacity, as on the sign-up form."""

    field_order = ("capacity", "availability")
    capacity = VolunteerFields.capacity
    availability = PersonFields.availability

    def fill_choices(self) -> None:
        self.availability.choices = slot_choices()


class PauseForm(BaseForm):
    until = GermanDateField(
        _l("Pause bis einschließlich"),
        validators=[InputRequired(_l("Bitte geben Sie ein Datum ein, zum Beispiel 14.03.2026."))],
    )


class WithdrawForm(BaseForm):
    """Only the CSRF token: the button is the confirmation."""


class LinkRequestForm(BaseForm):
    email = EmailField(_l("Ihre E-Mail-Adresse"), validators=REQUIRED_EMAIL)
