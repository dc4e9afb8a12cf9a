"""Translation hook: German msgids marked for Babel, translated only when a reason is rendered.

Babel's extractor finds ``_("...")`` and ``ngettext("...", "...", n)`` calls in this package
(default keywords). The markers return the msgid unchanged; ``Translator`` applies the caller's
``gettext``/``ngettext`` (e.g. Flask-Babel's) and fills in the named placeholders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def _(message: str) -> str:
    """Mark a German msgid for extraction; translation happens in ``Translator``."""
    return message


def ngettext(singular: str, plural: str, n: int) -> tuple[str, str, int]:
    """Mark a plural msgid pair for extraction; ``Translator.plural`` renders it."""
    return singular, plural, n


def _identity(message: str) -> str:
    return message


def _plural_identity(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


@dataclass(frozen=True, slots=True)
class Translator:
    """Render msgids with the caller's gettext/ngettext (identity by default)."""

    gettext: Callable[[str], str] = _identity
    ngettext: Callable[[str, str, int], str] = _plural_identity

    def say(self, msgid: str, **params: Any) -> str:
        """Translate ``msgid`` and fill in its named placeholders."""
        text = self.gettext(msgid)
        return text % params if params else text

    def plural(self, marked: tuple[str, str, int], **params: Any) -> str:
        """Translate a plural marked with ``ngettext`` and fill in its placeholders."""
        singular, plural, n = marked
        return self.ngettext(singular, plural, n) % params


def as_translator(translate: Translator | Callable[[str], str] | None) -> Translator:
    """Accept a Translator, a plain gettext-like callable, or None (German as is)."""
    if translate is None:
        return Translator()
    if isinstance(translate, Translator):
        return translate
    return Translator(gettext=translate)


def number(value: float, decimals: int = 2) -> str:
    """Format a number the German way (comma as decimal separator, dot for thousands)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


WEEKDAYS = {
    "mon": _("montags"),
    "tue": _("dienstags"),
    "wed": _("mittwochs"),
    "thu": _("donnerstags"),
    "fri": _("freitags"),
    "sat": _("samstags"),
    "sun": _("sonntags"),
}
DAYPARTS = {
    "morning": _("vormittags"),
    "afternoon": _("nachmittags"),
    "evening": _("abends"),
}
# Slot codes in a fixed order: bit i of an availability mask is SLOTS[i] (21 bits).
SLOTS = tuple(f"{day}-{part}" for day in WEEKDAYS for part in DAYPARTS)


def slot_label(code: str, tr: Translator) -> str:
    """Return e.g. 'dienstags nachmittags' for 'tue-afternoon' (unknown codes as they are)."""
    day, _sep, part = code.partition("-")
    if day not in WEEKDAYS or part not in DAYPARTS:
        return code
    return f"{tr.say(WEEKDAYS[day])} {tr.say(DAYPARTS[part])}"


def join_words(items: list[str], tr: Translator) -> str:
    """Join items as German prose: 'a, b und c'."""
    if len(items) <= 1:
        return "".join(items)
    return tr.say(_("%(first)s und %(last)s"), first=", ".join(items[:-1]), last=items[-1])


def day(value) -> str:
    """Format a date the German way: 15.01.2027."""
    return value.strftime("%d.%m.%Y")
