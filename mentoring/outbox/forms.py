"""Forms of the outbox pages: buttons (CSRF only) and the letters marked printed."""

from wtforms import HiddenField
from wtforms.validators import DataRequired, Regexp

from mentoring.forms import BaseForm, MaxLength


class ActionForm(BaseForm):
    """A button that changes something: only the CSRF token."""


class PrintedForm(BaseForm):
    """The ids of the letters in the PDF that was printed, comma-separated."""

    ids = HiddenField(
        validators=[DataRequired(), MaxLength(11000), Regexp(r"^\d{1,10}(,\d{1,10}){0,999}$")]
    )

    def message_ids(self) -> list[int]:
        return [int(v) for v in self.ids.data.split(",")]
