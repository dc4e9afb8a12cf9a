"""The access export as handed out: the readable document and the JSON copy, both redacted alike.

`prepare` gathers both and lists the third-party data in them; `redacted` applies a review's
choice to both, so the JSON (Art. 20) never shows what the printed document hides.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from mentoring.personal_data.document import Document, build_document
from mentoring.personal_data.export import collect_export
from mentoring.personal_data.records import get_person
from mentoring.personal_data.redaction import Candidate, Redactor, find_candidates, redactor

OWN_COLUMNS = {
    "volunteer": ("first_name", "last_name", "email", "phone"),
    "request": (
        "contact_first_name",
        "contact_last_name",
        "contact_email",
        "contact_phone",
        "person_first_name",
    ),
}


@dataclass
class Prepared:
    document: Document
    data: dict
    candidates: list[Candidate]


def prepare(kind: str, person_id: int) -> Prepared:
    document = build_document(kind, person_id)
    data = collect_export(kind, person_id)
    texts = [*document_texts(document), *json_texts(data)]
    return Prepared(document, data, find_candidates(texts, own_values(kind, person_id, data)))


def redacted(prepared: Prepared, kept: set[str]) -> tuple[Document, dict, Redactor]:
    """Both copies with every candidate that was not kept replaced by a mark."""
    red = redactor(prepared.candidates, kept)
    document = copy.deepcopy(prepared.document)
    for section in document.sections:
        for entry in section.entries:
            entry.heading = red.text(entry.heading)
            for item in entry.items:
                item.value = red.text(item.value)
    return document, red.data(prepared.data), red


def own_values(kind: str, person_id: int, data: dict) -> list[str]:
    """The person's own names and contact data: never third-party data in their own export."""
    person = get_person(kind, person_id)
    values = [getattr(person, column, None) or "" for column in OWN_COLUMNS[kind]]
    for consent in data["tables"].get("consent_records", []):
        values.append(consent.get("given_by_name") or "")
    return values


def document_texts(document: Document) -> Iterator[tuple[str, str]]:
    """(where, text) of every text a person or staff member wrote into the document."""
    for section in document.sections:
        for entry in section.entries:
            for item in entry.items:
                if item.free_text:
                    yield f"{section.title} – {item.label}", item.value


def json_texts(data: dict) -> Iterator[tuple[str, str]]:
    for table, rows in data["tables"].items():
        for row in rows:
            for column, value in row.items():
                yield from _strings(f"JSON {table}.{column}", value)


def _strings(where: str, value) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if not _is_moment(value):
            yield where, value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(where, v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(where, v)


def _is_moment(text: str) -> bool:
    """An ISO date or time as the JSON export writes them: no one's name or number."""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True
