"""German number and date formatting for pages, reports and exports."""

from babel.numbers import format_decimal

NUMBER_LOCALE = "de_DE"


def number(n: int | float, plain: bool = False) -> str:
    """German number formatting (1.234); plain gives digits only, for machine-read files."""
    if plain:
        return str(n)
    return format_decimal(n, locale=NUMBER_LOCALE)


def days(value: float) -> str:
    """Days with at most one decimal, German style (12,5)."""
    return format_decimal(round(value, 1), format="#,##0.#", locale=NUMBER_LOCALE)


def hours(value) -> str:
    """Hours with at most one decimal, German style (2,5; 12; 1.204,5)."""
    return format_decimal(value, format="#,##0.#", locale=NUMBER_LOCALE)


def percent(value: float) -> str:
    """A share 0..1 as whole percent (42 %)."""
    return f"{round(value * 100)} %"


def german_date(value) -> str:
    return value.strftime("%d.%m.%Y")
