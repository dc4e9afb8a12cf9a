"""One clock: "today" and "now" as Herne sees them.

Stored moments are UTC (``UTCDateTime``); dates that people type or read (a first meeting, an
inspection, "in the future?") are calendar days in the configured time zone. Between midnight and
01:00/02:00 in Herne the UTC date is still yesterday, so ``datetime.now(UTC).date()`` must not be
used for them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_ZONE = "Europe/Berlin"


def zone() -> ZoneInfo:
    name = (
        current_app.config.get("BABEL_DEFAULT_TIMEZONE", DEFAULT_ZONE)
        if has_app_context()
        else DEFAULT_ZONE
    )
    return ZoneInfo(name)


def now() -> datetime:
    """The current moment, timezone-aware in UTC (what the database stores)."""
    return datetime.now(UTC)


def today() -> date:
    """The calendar day in Herne right now."""
    return datetime.now(zone()).date()
