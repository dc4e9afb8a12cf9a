"""Third-party data in an access export, listed for staff to redact (Art. 15 Abs. 4 DSGVO).

Candidates are e-mail addresses and phone numbers (by pattern) and names of other people that
the database knows (volunteers, requests and their contacts, staff), found in any text of the
export; the person's own names and contact data are not candidates. A candidate is known by a
key (a hash of its text), so a review can be carried to the hand-out without repeating the text.
Whatever the review did not explicitly keep is redacted: text added after the review stays hidden.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import MenteeRequest, StaffUser, Volunteer

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone number: at least six digits, with spaces, slashes, dashes or brackets between them.
PHONE_RE = re.compile(r"(?<![\w./-])\+?\(?\d[\d ()/\-]{4,}\d(?![\w/-]|[.:,]\d)")
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
DATE_RE = re.compile(r"\d{4}-\d\d-\d\d|\d\d?\.\d\d?\.\d{2,4}")
KINDS = {
    "email": _l("E-Mail-Adresse"),
    "phone": _l("Telefonnummer"),
    "name": _l("Name einer anderen Person"),
}
NAME_COLUMNS = (
    Volunteer.first_name,
    Volunteer.last_name,
    MenteeRequest.person_first_name,
    MenteeRequest.contact_first_name,
    MenteeRequest.contact_last_name,
)


@dataclass
class Candidate:
    key: str
    kind: str
    text: str
    places: list[str] = field(default_factory=list)  # "Section – label: … context …"

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])


def key_of(kind: str, text: str) -> str:
    return hashlib.sha256(f"{kind}:{text}".encode()).hexdigest()[:16]


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def find_candidates(texts: Iterable[tuple[str, str]], own: Iterable[str]) -> list[Candidate]:
    """Third-party data in (where, text) pairs; ``own`` holds the person's own values."""
    own = {o.strip() for o in own if o and o.strip()}
    own_lower = {o.lower() for o in own} | {w.lower() for o in own for w in o.split()}
    own_digits = {digits(o) for o in own if len(digits(o)) >= 6}
    texts = [(where, text) for where, text in texts if text]
    found: dict[str, Candidate] = {}

    def add(kind: str, text: str, where: str, source: str, start: int, end: int):
        key = key_of(kind, text)
        candidate = found.setdefault(key, Candidate(key, kind, text))
        snippet = source[max(0, start - 40) : end + 40].replace("\n", " ")
        if len(candidate.places) < 5:
            candidate.places.append(f"{where}: …{snippet}…")

    words: set[str] = set()
    for where, text in texts:
        for match in EMAIL_RE.finditer(text):
            if match.group(0).lower() not in own_lower:
                add("email", match.group(0), where, text, match.start(), match.end())
        for match in PHONE_RE.finditer(text):
            number = digits(match.group(0))
            if DATE_RE.fullmatch(match.group(0).strip()):
                continue
            if len(number) >= 6 and number not in own_digits:
                add("phone", match.group(0).strip(), where, text, match.start(), match.end())
        for word in WORD_RE.findall(EMAIL_RE.sub(" ", text)):
            parts = re.split(r"[-'’]", word)
            words |= {w for w in (word, *parts) if w and w[0].isupper()}
    names = known_names(words) - {w for w in words if w.lower() in own_lower}
    for where, text in texts:
        for name in sorted(names):
            for match in _name_pattern(name).finditer(text):
                add("name", name, where, text, match.start(), match.end())
    return sorted(found.values(), key=lambda c: (list(KINDS).index(c.kind), c.text.lower()))


def known_names(words: set[str]) -> set[str]:
    """Those of the words that are a name of someone in the database."""
    if not words:
        return set()
    ordered = sorted(words)
    found: set[str] = set()
    for column in NAME_COLUMNS:
        found |= set(db.session.scalars(select(column).where(column.in_(ordered)).distinct()))
    for name in db.session.scalars(select(StaffUser.name)):
        found |= {part for part in name.split() if part in words}
    return {name for name in found if name and len(name) >= 2}


def _name_pattern(name: str) -> re.Pattern:
    return re.compile(rf"(?<![^\W\d_]){re.escape(name)}(?![^\W\d_])")


@dataclass
class Redactor:
    """Replaces every candidate's text that is not kept with a visible mark."""

    redacted: list[Candidate]

    @property
    def mark(self) -> str:
        return _("[geschwärzt]")

    def text(self, value: str) -> str:
        if not isinstance(value, str) or not value:
            return value
        for candidate in sorted(self.redacted, key=lambda c: -len(c.text)):
            if candidate.kind == "name":
                value = _name_pattern(candidate.text).sub(self.mark, value)
            else:
                value = value.replace(candidate.text, self.mark)
        return value

    def data(self, value):
        """The same replacement through nested JSON-ready data (dict keys stay as they are)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.data(v) for v in value]
        return value


def redactor(candidates: list[Candidate], kept: set[str]) -> Redactor:
    return Redactor([c for c in candidates if c.key not in kept])
