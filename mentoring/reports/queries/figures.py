"""The shapes of the report figures, from the filter to the finished statistics."""

import math
from dataclasses import dataclass, field
from datetime import date

from mentoring.models import EndReason


@dataclass(frozen=True)
class Filter:
    """What to count: a period and the programmes (already limited to what the user may see)."""

    period_start: date
    period_end: date
    programme_ids: tuple[int, ...]
    department_ids: tuple[int, ...] = ()


@dataclass
class Counts:
    volunteers_new: int = 0
    volunteers_screened: int = 0
    volunteers_active: int = 0
    volunteers_waiting: int = 0
    volunteers_free: int = 0
    requests_new: int = 0
    requests_open: int = 0
    requests_waiting: int = 0
    requests_matched: int = 0
    tandems_started: int = 0
    tandems_active: int = 0
    tandems_ended: int = 0
    end_reasons: dict[EndReason, int] = field(default_factory=lambda: dict.fromkeys(EndReason, 0))
    checkins_due: int = 0
    checkins_done: int = 0
    volunteer_hours: float = 0.0
    tandems_with_hours: int = 0


@dataclass(frozen=True)
class WaitingTime:
    """Days from sign-up to first meeting: how many tandems, median and 90th percentile."""

    count: int
    median: float | None
    p90: float | None

    @classmethod
    def of(cls, days: list[int]) -> "WaitingTime":
        return cls(len(days), percentile(days, 0.5), percentile(days, 0.9))


@dataclass
class Row:
    """One line of a table: a programme, a district or the total."""

    key: str
    label: str
    counts: Counts = field(default_factory=Counts)
    waiting: WaitingTime = field(default_factory=lambda: WaitingTime(0, None, None))


@dataclass(frozen=True)
class ProgrammeInfo:
    id: int
    code: str
    name: str
    department: str
    summary: str
    volunteer_task: str


@dataclass(frozen=True)
class MonthPoint:
    month: date  # first day of the month
    waiting: int  # requests waiting for a partner at the end of the month
    new_requests: int
    started: int  # tandems with their first meeting in the month


@dataclass(frozen=True)
class Balance:
    """Supply against demand in one district."""

    key: str
    label: str
    volunteers_free: int
    requests_waiting: int

    @property
    def missing(self) -> int:
        return max(self.requests_waiting - self.volunteers_free, 0)


@dataclass
class Statistics:
    filter: Filter
    today: date
    programmes: list[ProgrammeInfo]
    departments: list[str]
    by_programme: list[Row]
    by_district: list[Row]
    total: Row
    months: list[MonthPoint]

    @property
    def balance(self) -> list[Balance]:
        return [
            Balance(row.key, row.label, row.counts.volunteers_free, row.counts.requests_waiting)
            for row in self.by_district
        ]

    @property
    def most_missing(self) -> Balance | None:
        """The district where most volunteers are missing (ties: the first in order)."""
        candidates = [b for b in self.balance if b.missing > 0]
        return max(candidates, key=lambda b: b.missing) if candidates else None


def percentile(values: list[int] | list[float], q: float) -> float | None:
    """The q-quantile (0 ≤ q ≤ 1) by linear interpolation between closest ranks; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    lower = math.floor(position)
    upper = math.ceil(position)
    fraction = position - lower
    return ordered[lower] + (ordered[upper] - ordered[lower]) * fraction
