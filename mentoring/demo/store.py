"""Store generated people in bulk: COPY on PostgreSQL, Core executemany elsewhere."""

from collections.abc import Iterator

from sqlalchemy import insert, select, text

from mentoring.demo.generate import DemoData
from mentoring.extensions import db
from mentoring.models import MenteeRequest, Place, PoliceCheck, Programme, Tag, Volunteer
from mentoring.models.consent import ConsentRecord
from mentoring.models.people import (
    request_languages,
    request_tags,
    volunteer_languages,
    volunteer_programmes,
    volunteer_tags,
    volunteer_travel_places,
)

# Rows per execute call outside PostgreSQL (SQLAlchemy batches RETURNING inserts itself).
CHUNK = 2000


def _chunks(rows: list[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _insert(table, rows: list[dict]) -> None:
    """Bulk insert: COPY on PostgreSQL (executemany there sends every row on its own), Core
    executemany elsewhere."""
    if not rows:
        return
    if _postgres():
        _copy(table, rows)
        return
    for chunk in _chunks(rows):
        db.session.execute(insert(table), chunk)


def _insert_people(table, rows: list[dict]) -> list[int]:
    """Insert volunteers or requests in bulk; return their new ids in the order of the rows.

    PostgreSQL: ids are reserved from the table's sequence first (safe next to concurrent
    sign-ups), then the rows are copied. Elsewhere: RETURNING, matched through the unique
    reference (asking SQLAlchemy to keep RETURNING in parameter order makes it insert row by row).
    """
    if not rows:
        return []
    if _postgres():
        ids = sorted(
            db.session.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                    "FROM generate_series(1, :n)"
                ),
                {"table": table.name, "n": len(rows)},
            )
        )
        _copy(table, [{"id": id_, **row} for id_, row in zip(ids, rows, strict=True)])
        return ids
    statement = insert(table).returning(table.c.reference, table.c.id)
    by_reference: dict[str, int] = {}
    for chunk in _chunks(rows):
        by_reference.update(db.session.execute(statement, chunk).all())
    return [by_reference[row["reference"]] for row in rows]


def _copy(table, rows: list[dict]) -> None:
    """COPY rows into a PostgreSQL table inside the session's transaction.

    Values go through the columns' SQLAlchemy bind processing (enums, UTC timestamps), and
    columns left out get their Python-side defaults, as a Core insert would do.
    """
    from psycopg import sql

    dialect = db.session.get_bind().dialect
    names_given = list(rows[0])
    defaults = {
        c.name: c.default
        for c in table.columns
        if c.name not in rows[0]
        and c.default is not None
        and (c.default.is_scalar or c.default.is_callable)
    }
    columns = [table.c[name] for name in names_given + list(defaults)]
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(c.name) for c in columns)
    )
    cursor = db.session.connection().connection.driver_connection.cursor()
    with cursor, cursor.copy(statement) as copy:
        for row in rows:
            values = [row[name] for name in names_given]
            values += [d.arg if d.is_scalar else d.arg(None) for d in defaults.values()]
            copy.write_row(
                [
                    p(v) if p is not None and v is not None else v
                    for p, v in zip(processors, values, strict=True)
                ]
            )


def _columns(table, sample: dict) -> list[str]:
    """The table's columns that the generated dicts fill in (ids and foreign keys aside)."""
    return [
        c.name
        for c in table.columns
        if c.name in sample and c.name not in ("id", "place_id", "programme_id")
    ]


def store_people(data: DemoData, staff_id: int | None) -> None:
    """Write the generated people with their links, consents and police checks."""
    programme_ids = dict(db.session.execute(select(Programme.code, Programme.id)).all())
    place_ids = dict(db.session.execute(select(Place.code, Place.id)).all())
    tag_ids = dict(db.session.execute(select(Tag.code, Tag.id)).all())
    consents: list[dict] = []
    checks: list[dict] = []

    table = Volunteer.__table__
    columns = _columns(table, data.volunteers[0]) if data.volunteers else []
    rows = [
        {**{c: v[c] for c in columns}, "place_id": place_ids[v["place"]]} for v in data.volunteers
    ]
    ids = _insert_people(table, rows)
    links = {
        volunteer_programmes: [],
        volunteer_languages: [],
        volunteer_tags: [],
        volunteer_travel_places: [],
        request_languages: [],
        request_tags: [],
    }
    for vid, v in zip(ids, data.volunteers, strict=True):
        links[volunteer_programmes] += [
            {"volunteer_id": vid, "programme_id": programme_ids[c]} for c in v["programmes"]
        ]
        links[volunteer_languages] += [
            {"volunteer_id": vid, "language_code": c} for c in v["languages"]
        ]
        links[volunteer_tags] += [{"volunteer_id": vid, "tag_id": tag_ids[c]} for c in v["tags"]]
        links[volunteer_travel_places] += [
            {"volunteer_id": vid, "place_id": place_ids[c]} for c in v["travel_places"]
        ]
        consents += [{**c, "volunteer_id": vid, "request_id": None} for c in v["consents"]]
        if v["police_check"]:
            checks.append({**v["police_check"], "volunteer_id": vid, "inspected_by_id": staff_id})

    table = MenteeRequest.__table__
    columns = _columns(table, data.requests[0]) if data.requests else []
    rows = [
        {
            **{c: r[c] for c in columns},
            "place_id": place_ids[r["place"]],
            "programme_id": programme_ids[r["programme"]],
        }
        for r in data.requests
    ]
    ids = _insert_people(table, rows)
    for rid, r in zip(ids, data.requests, strict=True):
        links[request_languages] += [
            {"request_id": rid, "language_code": c} for c in r["languages"]
        ]
        links[request_tags] += [{"request_id": rid, "tag_id": tag_ids[c]} for c in r["tags"]]
        consents += [{**c, "volunteer_id": None, "request_id": rid} for c in r["consents"]]

    for link_table, link_rows in links.items():
        _insert(link_table, link_rows)
    _insert(ConsentRecord.__table__, consents)
    _insert(PoliceCheck.__table__, checks)
