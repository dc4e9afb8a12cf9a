"""How a person is reached: e-mail, phone or letter, in which language, with an interpreter.

Shared by the sign-up forms (which fill it) and the operations (which store it).
"""

from dataclasses import dataclass

from flask_babel import gettext as _

from mentoring.exceptions import OperationError
from mentoring.models import ContactChannel


@dataclass(frozen=True)
class ContactDetails:
    """How to reach a person besides e-mail and phone (all optional but the channel)."""

    channel: ContactChannel = ContactChannel.EMAIL
    street: str | None = None
    house_number: str | None = None
    correspondence_language: str | None = None  # None: the language of the page
    interpreter_needed: bool = False
    name_latin: str | None = None

    def columns(self, *, email: str | None, phone: str | None, locale: str) -> dict:
        """The model columns; refuses a channel without its details (the forms say it first)."""
        given = {
            ContactChannel.EMAIL: bool(email),
            ContactChannel.PHONE: bool(phone),
            ContactChannel.LETTER: bool(self.street and self.house_number),
        }
        if not given[self.channel]:
            raise OperationError(
                _(
                    "Für die gewählte Art der Kontaktaufnahme fehlen Angaben: E-Mail-Adresse, "
                    "Telefonnummer oder Straße und Hausnummer."
                )
            )
        return {
            "contact_channel": self.channel,
            "street": self.street or None,
            "house_number": self.house_number or None,
            "correspondence_language": self.correspondence_language or locale,
            "interpreter_needed": self.interpreter_needed,
            "name_latin": self.name_latin or None,
        }


# Reached by e-mail, in the language of the page: what every sign-up was before this existed.
BY_EMAIL = ContactDetails()
