"""The access export (Art. 15 DSGVO): everything stored about one person, as JSON-ready data."""

from __future__ import annotations

import enum
import json
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

from flask import current_app

from mentoring.models import AuditEntry, MatchingRun
from mentoring.personal_data.records import (
    audit_rows,
    get_person,
    programme_ids,
    related_rows,
    run_entries,
)


def jsonable(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def collect_export(kind: str, person_id: int) -> dict:
    """Everything stored about one person, as plain JSON-ready data (no audit entry)."""
    person = get_person(kind, person_id)
    related = related_rows(kind, person_id)
    tables = dict(related.tables)
    tables[AuditEntry.__tablename__] = audit_rows(related)
    tables[MatchingRun.__tablename__] = run_entries(kind, person_id, programme_ids(related))
    return jsonable(
        {
            "meta": {
                "title": "Auskunft nach Art. 15 DSGVO",
                "kind": kind,
                "id": person_id,
                "reference": person.reference,
                "erased": person.erased_at is not None,
                "created": datetime.now(UTC).replace(microsecond=0),
                "controller": current_app.config["OPERATOR_NAME"],
            },
            "tables": {name: tables[name] for name in sorted(tables)},
        }
    )


def export_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


PRINT_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "privacy-print.css"


def document_pdf(html: str) -> bytes:
    """The readable export as a tagged PDF (PDF/UA-1); nothing is fetched from outside."""
    from weasyprint import CSS, HTML  # imported late: loading Pango takes a moment
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",))
    return HTML(string=html, url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(filename=str(PRINT_CSS))], pdf_variant="pdf/ua-1"
    )
