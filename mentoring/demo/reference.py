"""The reference data as the generators see it: codes only, from the database or from JSON."""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from mentoring.demo.profiles import KIND_BY_CODE
from mentoring.extensions import db
from mentoring.models import Language, Place, PostalCode, Programme, Tag, TagKind


@dataclass(frozen=True)
class ProgrammeInfo:
    code: str
    min_age: int | None
    max_age: int | None
    for_families: bool = False
    requires_shared_language: bool = False
    requires_police_certificate: bool = False

    @property
    def kind(self) -> str:
        known = KIND_BY_CODE.get(self.code)
        if known:
            return known
        # Not requires_shared_language: that rule is on for nearly every programme.
        if self.for_families:
            return "family" if self.max_age is not None and self.max_age <= 2 else "child"
        if self.min_age is not None and self.min_age >= 18:
            return "adult"
        return "youth"


@dataclass(frozen=True)
class PlaceInfo:
    code: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Reference:
    """What the generators need to know of the reference data; codes only, no ids."""

    programmes: tuple[ProgrammeInfo, ...]  # active ones, in display order
    places: tuple[PlaceInfo, ...]
    postal_codes: tuple[str, ...]
    tags: frozenset[str]
    career_fields: tuple[str, ...]
    languages: frozenset[str]

    @classmethod
    def from_database(cls) -> "Reference":
        programmes = db.session.scalars(
            select(Programme)
            .where(Programme.active.is_(True))
            .order_by(Programme.sort_order, Programme.code)
        )
        tags = db.session.execute(select(Tag.code, Tag.kind).order_by(Tag.sort_order, Tag.code))
        tags = list(tags)
        return cls(
            programmes=tuple(
                ProgrammeInfo(
                    p.code,
                    p.min_age,
                    p.max_age,
                    p.for_families,
                    p.requires_shared_language,
                    p.requires_police_certificate,
                )
                for p in programmes
            ),
            places=tuple(
                PlaceInfo(p.code, p.lat, p.lon)
                for p in db.session.scalars(select(Place).order_by(Place.code))
            ),
            postal_codes=tuple(
                db.session.scalars(select(PostalCode.code).order_by(PostalCode.code))
            ),
            tags=frozenset(code for code, _ in tags),
            career_fields=tuple(code for code, kind in tags if kind == TagKind.CAREER_FIELD),
            languages=frozenset(db.session.scalars(select(Language.code))),
        )

    @classmethod
    def from_data(cls, data: Mapping) -> "Reference":
        """From a dict shaped like mentoring/data/reference.json (for tests without a database)."""
        programmes = sorted(
            (p for p in data["programmes"] if p.get("active", True)),
            key=lambda p: (p.get("sort_order", 0), p["code"]),
        )
        return cls(
            programmes=tuple(
                ProgrammeInfo(
                    p["code"],
                    p.get("min_age"),
                    p.get("max_age"),
                    p.get("for_families", False),
                    p.get("requires_shared_language", False),
                    p.get("requires_police_certificate", False),
                )
                for p in programmes
            ),
            places=tuple(
                sorted(
                    (
                        PlaceInfo(p["code"], p["lat"], p["lon"])
                        for d in data["districts"]
                        for p in d["places"]
                    ),
                    key=lambda p: p.code,
                )
            ),
            postal_codes=tuple(sorted(data["postal_codes"])),
            tags=frozenset(code for items in data["tags"].values() for code, _ in items),
            career_fields=tuple(code for code, _ in data["tags"].get("career_field", [])),
            languages=frozenset(item["code"] for item in data["languages"]),
        )
