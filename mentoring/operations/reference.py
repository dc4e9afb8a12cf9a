"""Load Herne's reference data (districts, places, programmes, ...) idempotently."""

import json
from importlib import resources

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import (
    Department,
    District,
    Language,
    Place,
    PostalCode,
    Programme,
    Tag,
    TagKind,
)


def _reference_data() -> dict:
    return json.loads(
        resources.files("mentoring.data").joinpath("reference.json").read_text("utf-8")
    )


def _upsert(model, key: str, value, **fields):
    row = db.session.scalar(select(model).where(getattr(model, key) == value))
    if row is None:
        row = model(**{key: value}, **fields)
        db.session.add(row)
        return row, True
    return row, False


def seed_reference_data() -> int:
    """Insert missing reference rows; existing rows (maybe edited by an admin) stay as they are."""
    data = _reference_data()
    created = 0
    departments = {}
    for item in data["departments"]:
        departments[item["code"]], new = _upsert(
            Department, "code", item["code"], name=item["name"]
        )
        created += new
    db.session.flush()
    for item in data["programmes"]:
        fields = {k: v for k, v in item.items() if k not in ("code", "department")}
        _, new = _upsert(
            Programme, "code", item["code"], department=departments[item["department"]], **fields
        )
        created += new
    for district_item in data["districts"]:
        district, new = _upsert(District, "code", district_item["code"], name=district_item["name"])
        created += new
        db.session.flush()
        for place in district_item["places"]:
            fields = {k: v for k, v in place.items() if k != "code"}
            _, new = _upsert(Place, "code", place["code"], district_id=district.id, **fields)
            created += new
    for code in data["postal_codes"]:
        _, new = _upsert(PostalCode, "code", code)
        created += new
    for order, item in enumerate(data["languages"]):
        _, new = _upsert(Language, "code", item["code"], name=item["name"], sort_order=order)
        created += new
    for kind, items in data["tags"].items():
        for order, (code, label) in enumerate(items):
            _, new = _upsert(Tag, "code", code, kind=TagKind(kind), label=label, sort_order=order)
            created += new
    db.session.commit()
    return created
