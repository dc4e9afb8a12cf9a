"""Who may take part in which programme: pure rules used by forms and operations alike."""

from dataclasses import dataclass
from datetime import date

ADULT_AGE = 18
SELF_SIGNUP_MIN_AGE = 16  # DSGVO Art. 8 as applied in Germany


@dataclass(frozen=True)
class AgeRange:
    """The possible ages of a person when only the birth year (and maybe month) is known."""

    low: int
    high: int

    @property
    def exact(self) -> bool:
        return self.low == self.high


def possible_age(birth_year: int, birth_month: int | None, today: date) -> AgeRange:
    """Age in whole years; without a month the birthday may or may not have passed."""
    years = today.year - birth_year
    if birth_month is None:
        return AgeRange(max(years - 1, 0), max(years, 0))
    # Without a day we count the birthday as reached on the first of its month.
    age = years - (1 if today.month < birth_month else 0)
    return AgeRange(max(age, 0), max(age, 0))


def fits_range(ages: AgeRange, min_age: int | None, max_age: int | None) -> bool | None:
    """True if every possible age fits, False if none does, None if the month would decide."""

    def ok(age: int) -> bool:
        return (min_age is None or age >= min_age) and (max_age is None or age <= max_age)

    low_ok, high_ok = ok(ages.low), ok(ages.high)
    if low_ok and high_ok:
        return True
    if not low_ok and not high_ok:
        return False
    return None


def is_minor(ages: AgeRange) -> bool:
    """Counts as a minor unless surely 18: safeguarding errs on the safe side."""
    return ages.low < ADULT_AGE


def request_ages(request_row, today: date) -> AgeRange:
    """The possible ages of the person a request is for."""
    return possible_age(request_row.person_birth_year, request_row.person_birth_month, today)


def involves_minor(request_row, today: date) -> bool:
    return is_minor(request_ages(request_row, today))


def engine_age(ages: AgeRange, min_age: int | None, max_age: int | None) -> int:
    """One age for the matching engine: the possible age that fits the programme, if any does.

    Without a birth month the age is a range of two; sign-up admitted the person when the month
    could make them fit, so matching gives the same benefit of the doubt.
    """
    for age in (ages.low, ages.high):
        if (min_age is None or age >= min_age) and (max_age is None or age <= max_age):
            return age
    return ages.low
