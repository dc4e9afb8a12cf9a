"""The weekly availability grid (weekday × part of day), stored as a 21-bit integer."""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAYPARTS = ("morning", "afternoon", "evening")
SLOTS = tuple(f"{day}-{part}" for day in WEEKDAYS for part in DAYPARTS)
_BIT = {slot: 1 << i for i, slot in enumerate(SLOTS)}


def encode(slots) -> int:
    """Turn slot codes like "tue-afternoon" into the stored bitmask."""
    mask = 0
    for slot in slots:
        mask |= _BIT[slot]
    return mask


def decode(mask: int) -> list[str]:
    """Turn a stored bitmask back into slot codes, in grid order."""
    return [slot for slot in SLOTS if mask & _BIT[slot]]
