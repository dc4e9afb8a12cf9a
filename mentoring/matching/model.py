"""Plain data the matching engine takes in and hands back (no Flask, no SQLAlchemy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .rules import Rule

SCORE_PARTS = ("expertise", "availability", "distance", "language", "preference", "waiting")


@dataclass(frozen=True, slots=True)
class Weights:
    """Relative weights of the score parts; normalised to sum 1 when scoring."""

    expertise: float = 0.35
    availability: float = 0.2
    distance: float = 0.15
    language: float = 0.1
    preference: float = 0.1
    waiting: float = 0.1

    def normalised(self) -> dict[str, float]:
        """Return the weights as a dict that sums to 1 (all-zero weights count equally)."""
        raw = {name: max(0.0, float(getattr(self, name))) for name in SCORE_PARTS}
        total = sum(raw.values())
        if total <= 0:
            return {name: 1 / len(SCORE_PARTS) for name in SCORE_PARTS}
        return {name: value / total for name, value in raw.items()}


@dataclass(frozen=True, slots=True)
class ProgrammeRules:
    """The hard rules and score weights of one programme."""

    code: str
    min_age: int | None = None
    max_age: int | None = None
    requires_police_certificate: bool = False
    requires_shared_language: bool = False
    weights: Weights = field(default_factory=Weights)
    max_waiting_days: int = 180
    # Distance score is 1 at 0 km and falls linearly to 0 at this distance.
    distance_zero_km: float = 10.0


@dataclass(frozen=True, slots=True)
class Place:
    """A quarter (Ortsteil) with its district (Stadtbezirk) and approximate centre."""

    code: str
    name: str
    district: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Mentor:
    """A volunteer as the engine sees them."""

    id: str
    capacity_left: int
    birth_year: int | None = None
    place: str = ""
    travel_places: frozenset[str] = frozenset()
    travel_radius_km: float | None = None
    languages: frozenset[str] = frozenset()
    expertise: frozenset[str] = frozenset()
    occupation: str | None = None
    career_fields: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()
    police_certificate_valid: bool = False
    # Set only while the re-inspection of the certificate falls due soon (the caller decides
    # how soon, e.g. within 8 weeks): the day it falls due. Warned about, never a hard rule.
    police_certificate_due_soon: date | None = None
    preferred_min_age: int | None = None
    preferred_max_age: int | None = None
    excluded: frozenset[str] = frozenset()
    waiting_days: int = 0
    # None: the caller already filtered by programme; otherwise the programme codes wanted.
    programmes: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Mentee:
    """A young person or family asking for a mentor."""

    id: str
    age: int | None = None
    involves_minor: bool = False
    place: str = ""
    languages: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    career_fields: frozenset[str] = frozenset()
    career_goal: str | None = None
    availability: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    preferred_languages: frozenset[str] = frozenset()
    waiting_days: int = 0
    # None: the caller already filtered by programme; otherwise the programme asked for.
    programme: str | None = None


@dataclass(frozen=True, slots=True)
class Labels:
    """German display labels for codes used in reasons (unknown codes show as they are)."""

    tags: dict[str, str] = field(default_factory=dict)
    career_fields: dict[str, str] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)

    def tag(self, code: str) -> str:
        """Return the label of an expertise/need tag."""
        return self.tags.get(code, code)

    def career_field(self, code: str) -> str:
        """Return the label of a KAoA career field."""
        return self.career_fields.get(code, code)

    def language(self, code: str) -> str:
        """Return the label of a language code."""
        return self.languages.get(code, code)


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed tandem with its score, score parts, reasons and warnings."""

    mentor_id: str
    mentee_id: str
    score: float
    parts: dict[str, float]
    reasons: list[str]
    warnings: list[str] = field(default_factory=list)  # the pair's weak points, German


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A person left without a partner, and why."""

    person_id: str
    side: str  # "mentee" or "mentor"
    reasons: list[str]
    blocking_rules: list[Rule] = field(default_factory=list)  # most blocking first
    best_alternative: tuple[str, str] | None = None  # (other_id, taken_by_id)


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Proposals and the people left unmatched, for one programme."""

    proposals: list[Proposal]
    unmatched: list[Unmatched]
    objective: str = "coverage"
    method: str = "optimal"

    @property
    def total_score(self) -> float:
        """Return the sum of the proposals' scores."""
        return round(sum(p.score for p in self.proposals), 4)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible partner for one person, scored, ignoring everybody else's claims."""

    mentor_id: str
    mentee_id: str
    score: float
    parts: dict[str, float]
    reasons: list[str]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PairExplanation:
    """One given pair judged on its own: score, reasons, warnings and the hard rules it breaks."""

    mentor_id: str
    mentee_id: str
    score: float
    parts: dict[str, float]
    reasons: list[str]
    warnings: list[str]
    broken_rules: list[Rule]  # empty: the pair keeps every hard rule
