"""Seeded random form posts: the forms a page shows, and hostile values for their fields.

A post starts from plausible values (the page's own defaults and choices, valid answers of the
public forms) and replaces a few fields with hostile ones, so that it gets past the first checks
and reaches the deeper ones: the cross-field rules, the operation, the database.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urlsplit

# Byte strings, sent percent-encoded as they are (invalid UTF-8 included).
HOSTILE: tuple[bytes, ...] = (
    b"",
    b" ",
    b"   \t ",
    b"\x00",
    b"Gisela\x00Kowalski",
    b"\xff\xfe",  # not UTF-8
    b"\xed\xa0\x80",  # an encoded lone surrogate
    b"\xc3",  # a cut-off UTF-8 sequence
    "١٩٥٨".encode(),  # Arabic-Indic digits
    "²".encode(),  # a digit to str.isdigit, not to int()
    b"-1",
    b"-999999999999",
    b"0",
    str(2**31).encode(),
    str(2**63).encode(),
    str(2**70).encode(),
    b"9" * 5000,  # beyond Python's int() digit limit
    b"1e9",
    b"NaN",
    b"31.02.2026",
    b"2026-13-45",
    b"9999-12-31",
    b"0001-01-01",
    b"x@y",
    b"a" * 81,
    b"a" * 255,
    b"a" * 2001,
    b"a" * 20_000,
    b"<script>alert(1)</script>",
    b"' OR 1=1 --",
    b"%s%s%n",
    "Ærø Øst 🙂 עברית".encode(),
)


@dataclass
class FormShape:
    """A form on a page: where it posts and the names (and offered values) of its fields."""

    action: str
    multipart: bool = False
    values: dict[str, list[str]] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)


class _FormCollector(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[FormShape] = []
        self.csrf_token: str | None = None
        self._form: FormShape | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            action = urlsplit(a.get("action") or self.page_path).path or self.page_path
            enctype = (a.get("enctype") or "").lower()
            self._form = FormShape(action, multipart=enctype == "multipart/form-data")
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            if name.endswith("csrf_token"):
                self.csrf_token = self.csrf_token or a.get("value")
            elif a.get("type") == "file":
                self._form.files.add(name)
            else:
                self._form.values.setdefault(name, []).append(a.get("value") or "")
        elif tag in ("textarea", "select") and name:
            self._form.values.setdefault(name, [])
            self._select = name if tag == "select" else None
        elif tag == "option" and self._select:
            self._form.values[self._select].append(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def read_forms(html: str, page_path: str) -> tuple[list[FormShape], str | None]:
    """The POST forms of a page and its CSRF token (None if it has none)."""
    collector = _FormCollector(page_path)
    collector.feed(html)
    return collector.forms, collector.csrf_token


class Fuzzer:
    """Seeded post bodies for one form: plausible values with a few hostile ones."""

    def __init__(self, seed: int | str, good: dict[str, list[str]] | None = None):
        self.rng = random.Random(seed)
        self.good = good or {}

    def hostile(self) -> bytes:
        rng = self.rng
        if rng.random() < 0.1:
            return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 12)))
        return rng.choice(HOSTILE)

    def pairs(self, shape: FormShape, csrf_token: str | None) -> list[tuple[str, bytes]]:
        """One post: (name, value) pairs; a name may repeat (a list where a scalar is expected)."""
        rng = self.rng
        names = list(shape.values)
        mutated = set(rng.sample(names, k=min(len(names), rng.randint(1, 3)))) if names else set()
        pairs: list[tuple[str, bytes]] = []
        for name in names:
            if rng.random() < 0.05 and name not in mutated:
                continue  # missing
            if name in mutated:
                for _ in range(rng.choice((1, 1, 1, 2, 3))):
                    pairs.append((name, self.hostile()))
                continue
            offered = [v for v in self.good.get(name, []) or shape.values[name] if v != ""]
            if not offered:
                continue
            chosen = (
                offered if name in self.good and len(self.good[name]) > 1 else [rng.choice(offered)]
            )
            pairs.extend((name, v.encode()) for v in chosen)
        if rng.random() < 0.05:
            pairs.append((rng.choice(("unbekannt", "id", "page", "next")), self.hostile()))
        if csrf_token is not None and rng.random() >= 0.05:  # sometimes the token is missing
            pairs.append(("csrf_token", csrf_token.encode()))
        rng.shuffle(pairs)
        return pairs


def urlencoded(pairs: list[tuple[str, bytes]]) -> bytes:
    return "&".join(
        f"{quote_from_bytes(n.encode())}={quote_from_bytes(v)}" for n, v in pairs
    ).encode()


def multipart_data(pairs: list[tuple[str, bytes]], files: set[str], rng: random.Random) -> dict:
    """The same post as multipart (text decoded with replacement), with a random small file."""
    import io

    data: dict[str, list] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value.decode("utf-8", "replace"))
    for name in files:
        body = rng.choice(
            (
                b"Vorname;Nachname\r\nA;B\r\n",
                b"\x00\xff" * 50,
                b"Vorname;Nachname;E-Mail\r\n" + b"x" * 131_073 + b";B;c@d.de\r\n",
                b"",
            )
        )
        data[name] = (io.BytesIO(body), "liste.csv")
    return data
