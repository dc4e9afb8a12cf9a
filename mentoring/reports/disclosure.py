"""Small-count suppression: nobody can be singled out in figures that leave the office.

Rules (applied to the committee report, its PDF and the CSV export alike):

1. A count of 1 to 4 is shown as "< 5"; 0 is shown as 0 (an empty cell reveals no one).
2. Where counts of a group add up to a total that is shown, a single hidden count could be worked
   out by subtraction. Then the smallest other non-zero count of the group is hidden too, shown as
   "•" (secondary suppression).
3. Values computed from hidden counts (a share, a difference, a median of fewer than 5 waiting
   times) are not shown either.

The statistics page for staff shows exact numbers: coordinators see the cases themselves anyway.
"""

from dataclasses import dataclass

from mentoring.formatting import number

THRESHOLD = 5
SMALL = "< 5"
LOCKED = "•"
NOT_SHOWN = "–"


@dataclass(frozen=True)
class Cell:
    """A shown value: its text, and the number itself when it may be shown (for charts)."""

    text: str
    value: float | None

    @property
    def hidden(self) -> bool:
        return self.value is None and self.text in (SMALL, LOCKED)


def exact(n: int) -> Cell:
    return Cell(number(n), n)


def primary(n: int) -> Cell:
    if 0 < n < THRESHOLD:
        return Cell(SMALL, None)
    return Cell(number(n), n)


def protect(values: list[int], total: int | None = None) -> tuple[list[Cell], Cell | None]:
    """Cells for a group of counts (and its total), safe against differencing."""
    cells = [primary(v) for v in values]
    total_cell = primary(total) if total is not None else None
    hidden = [i for i, c in enumerate(cells) if c.value is None]
    total_shown = total_cell is not None and total_cell.value is not None
    if total_shown and len(hidden) == 1:
        candidates = [i for i, v in enumerate(values) if v > 0 and cells[i].value is not None]
        if candidates:
            smallest = min(candidates, key=lambda i: (values[i], i))
            cells[smallest] = Cell(LOCKED, None)
    return cells, total_cell


def exact_group(values: list[int], total: int | None = None) -> tuple[list[Cell], Cell | None]:
    return [exact(v) for v in values], (exact(total) if total is not None else None)
