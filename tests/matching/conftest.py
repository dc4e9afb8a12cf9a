"""Factories and Herne's quarters for the matching tests (no app needed)."""

from __future__ import annotations

import pytest

from mentoring.matching import Labels, Mentee, Mentor, Place, ProgrammeRules

# Approximate centres of Herne's quarters (Ortsteile) with their districts (Stadtbezirke).
HERNE = [
    Place("mitte", "Herne-Mitte", "Herne-Mitte", 51.538, 7.219),
    Place("sued", "Herne-Süd", "Herne-Mitte", 51.525, 7.225),
    Place("baukau-ost", "Baukau-Ost", "Herne-Mitte", 51.548, 7.205),
    Place("holsterhausen", "Holsterhausen", "Herne-Mitte", 51.555, 7.228),
    Place("wanne", "Wanne", "Wanne", 51.533, 7.155),
    Place("crange", "Crange", "Wanne", 51.548, 7.170),
    Place("baukau-west", "Baukau-West", "Wanne", 51.548, 7.190),
    Place("eickel", "Herne-Eickel", "Eickel", 51.520, 7.170),
    Place("roehlinghausen", "Röhlinghausen", "Eickel", 51.510, 7.150),
    Place("wanne-sued", "Wanne-Süd", "Eickel", 51.525, 7.150),
    Place("sodingen", "Sodingen", "Sodingen", 51.535, 7.255),
    Place("boernig", "Börnig", "Sodingen", 51.550, 7.255),
    Place("holthausen", "Holthausen", "Sodingen", 51.565, 7.245),
    Place("horsthausen", "Horsthausen", "Sodingen", 51.565, 7.215),
]

LABELS = Labels(
    tags={"bewerbung": "Bewerbungen", "mathe": "Mathe", "alltag": "Alltagshilfe"},
    career_fields={"elektro": "Elektrotechnik", "gesundheit": "Gesundheit"},
    languages={"de": "Deutsch", "ar": "Arabisch", "uk": "Ukrainisch", "tr": "Türkisch"},
)

RULES = ProgrammeRules("ausbildungspaten", min_age=14, max_age=27)


def make_mentor(id: str = "m1", **overrides) -> Mentor:
    """Build a volunteer with sensible defaults."""
    values = {
        "capacity_left": 1,
        "place": "eickel",
        "languages": frozenset({"de"}),
        "police_certificate_valid": True,
    }
    values.update(overrides)
    return Mentor(id=id, **values)


def make_mentee(id: str = "e1", **overrides) -> Mentee:
    """Build a mentee with sensible defaults."""
    values = {"age": 17, "place": "eickel", "languages": frozenset({"de"})}
    values.update(overrides)
    return Mentee(id=id, **values)


@pytest.fixture
def places():
    return list(HERNE)
