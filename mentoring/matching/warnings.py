"""Plain German warnings: the weak points of a pair that the hard rules let through.

Reasons name a pair's strengths; warnings name what a coordinator should know before asking
the two: no common language, no common free time, beyond the volunteer's reach, a wish of the
volunteer not met, a police certificate about to need re-inspection.
"""

from __future__ import annotations

from .model import Labels, Mentee, Mentor, ProgrammeRules
from .text import SLOTS, Translator, _, day, join_words, number, slot_label

MAX_SLOTS_NAMED = 3
_SLOT_ORDER = {code: i for i, code in enumerate(SLOTS)}


def reachable(mentor: Mentor, mentee: Mentee, distance_km: float) -> bool:
    """Whether the mentee's quarter lies where the volunteer is willing to go (the travel rule)."""
    if mentee.place == mentor.place or mentee.place in mentor.travel_places:
        return True
    return mentor.travel_radius_km is not None and distance_km <= mentor.travel_radius_km


def needs_certificate(rules: ProgrammeRules, mentee: Mentee) -> bool:
    """§72a SGB VIII: the programme asks for it, or a minor is involved."""
    return rules.requires_police_certificate or mentee.involves_minor


def outside_age_wish(mentor: Mentor, mentee: Mentee) -> bool:
    """Whether the supported person's age lies outside the volunteer's preferred range."""
    if mentee.age is None:
        return False
    low, high = mentor.preferred_min_age, mentor.preferred_max_age
    return (low is not None and mentee.age < low) or (high is not None and mentee.age > high)


def pair_warnings(
    rules: ProgrammeRules,
    mentor: Mentor,
    mentee: Mentee,
    distance_km: float,
    labels: Labels,
    tr: Translator,
) -> list[str]:
    """Return the pair's weak points as German sentences, the weightiest first (maybe none)."""
    out = []
    if not mentor.languages & mentee.languages:
        out.append(
            tr.say(
                _(
                    "Keine gemeinsame Sprache: die Anfrage nennt %(mentee)s, die ehrenamtliche "
                    "Person %(mentor)s"
                ),
                mentee=language_names(mentee.languages, labels, tr),
                mentor=language_names(mentor.languages, labels, tr),
            )
        )
    if not mentor.availability & mentee.availability:
        out.append(
            tr.say(
                _(
                    "Keine gemeinsame freie Zeit: die Anfrage nennt %(mentee)s, die "
                    "ehrenamtliche Person %(mentor)s"
                ),
                mentee=_slots(mentee.availability, tr),
                mentor=_slots(mentor.availability, tr),
            )
        )
    if not reachable(mentor, mentee, distance_km):
        km = number(distance_km, 1)
        if mentor.travel_radius_km is not None:
            out.append(
                tr.say(
                    _(
                        "Außerhalb der Reichweite: %(km)s km entfernt, die ehrenamtliche Person "
                        "fährt bis %(radius)s km"
                    ),
                    km=km,
                    radius=number(mentor.travel_radius_km, 1),
                )
            )
        else:
            out.append(
                tr.say(
                    _(
                        "Außerhalb der Reichweite: %(km)s km entfernt und nicht in den "
                        "Stadtteilen, die die ehrenamtliche Person angegeben hat"
                    ),
                    km=km,
                )
            )
    if outside_age_wish(mentor, mentee):
        out.append(
            tr.say(
                _(
                    "Alter nicht wie gewünscht: die ehrenamtliche Person wünscht %(wish)s, "
                    "hier %(age)s Jahre"
                ),
                wish=_age_range(mentor.preferred_min_age, mentor.preferred_max_age, tr),
                age=mentee.age,
            )
        )
    wished = mentee.preferred_languages
    if wished and mentor.languages & mentee.languages and not wished & mentor.languages:
        out.append(
            tr.say(
                _("Wunschsprache der Anfrage nicht dabei: %(languages)s"),
                languages=language_names(wished, labels, tr),
            )
        )
    due = mentor.police_certificate_due_soon
    if due is not None and mentor.police_certificate_valid and needs_certificate(rules, mentee):
        out.append(
            tr.say(
                _("Erweitertes Führungszeugnis: erneute Einsichtnahme fällig am %(date)s"),
                date=day(due),
            )
        )
    return out


def language_names(codes: frozenset[str], labels: Labels, tr: Translator) -> str:
    """Name the languages as German prose, German first ('keine Sprache' for none)."""
    if not codes:
        return tr.say(_("keine Sprache"))
    # German first, then by name: the reader looks for the others.
    names = sorted((labels.language(c) for c in codes if c != "de"), key=str.casefold)
    if "de" in codes:
        names.insert(0, labels.language("de"))
    return join_words(names, tr)


def _slots(codes: frozenset[str], tr: Translator) -> str:
    if not codes:
        return tr.say(_("keine Zeit"))
    ordered = sorted(codes, key=lambda s: _SLOT_ORDER.get(s, 99))
    named = [slot_label(s, tr) for s in ordered[:MAX_SLOTS_NAMED]]
    if len(ordered) > MAX_SLOTS_NAMED:
        return tr.say(
            _("%(slots)s und %(more)s weitere"),
            slots=", ".join(named),
            more=len(ordered) - MAX_SLOTS_NAMED,
        )
    return join_words(named, tr)


def _age_range(low: int | None, high: int | None, tr: Translator) -> str:
    if low is not None and high is not None:
        return tr.say(_("%(low)s bis %(high)s Jahre"), low=low, high=high)
    if low is not None:
        return tr.say(_("ab %(low)s Jahren"), low=low)
    return tr.say(_("bis %(high)s Jahre"), high=high)
