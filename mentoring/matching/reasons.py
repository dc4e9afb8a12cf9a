"""Plain German reasons for proposals and for people left unmatched."""

from __future__ import annotations

from collections.abc import Mapping

from .model import SCORE_PARTS, Labels, Mentee, Mentor, Place
from .rules import Rule
from .text import SLOTS, Translator, _, join_words, ngettext, number, slot_label

MAX_REASONS = 4
MIN_WAITING_DAYS = 14  # shorter waits are normal and not worth a reason
_SLOT_ORDER = {code: i for i, code in enumerate(SLOTS)}


def pair_reasons(
    mentor: Mentor,
    mentee: Mentee,
    parts: Mapping[str, float],
    weights: Mapping[str, float],
    places: Mapping[str, Place],
    distance_km: float,
    labels: Labels,
    tr: Translator,
) -> list[str]:
    """Return up to four reasons for a pair, the weightiest part first."""
    gain = {name: weights[name] * parts[name] for name in SCORE_PARTS}
    items: list[tuple[float, str]] = []

    home, there = places[mentor.place], places[mentee.place]
    if home.code == there.code:
        items.append((gain["distance"], tr.say(_("Beide in %(place)s"), place=there.name)))
    elif home.district == there.district:
        items.append(
            (
                gain["distance"],
                tr.say(_("Beide im Stadtbezirk %(district)s"), district=there.district),
            )
        )
    else:
        km = number(distance_km, 1)
        items.append((gain["distance"], tr.say(_("%(km)s km entfernt"), km=km)))

    shared_slots = sorted(
        mentor.availability & mentee.availability, key=lambda s: _SLOT_ORDER.get(s, 99)
    )
    if shared_slots:
        slots = join_words([slot_label(s, tr) for s in shared_slots[:2]], tr)
        items.append((gain["availability"], tr.say(_("beide %(slots)s frei"), slots=slots)))

    fields = sorted(mentor.career_fields & mentee.career_fields)
    if fields:
        goal = mentee.career_goal or tr.say(
            _("Ausbildung im Berufsfeld %(field)s"), field=labels.career_field(fields[0])
        )
        if mentor.occupation:
            text = tr.say(
                _("früher %(occupation)s – sucht %(goal)s"), occupation=mentor.occupation, goal=goal
            )
        else:
            field_label = labels.career_field(fields[0])
            text = tr.say(
                _("Erfahrung im Berufsfeld %(field)s – sucht %(goal)s"),
                field=field_label,
                goal=goal,
            )
        items.append((gain["expertise"], text))
    tags = sorted(mentor.expertise & mentee.needs)
    if tags:
        topics = join_words([labels.tag(t) for t in tags[:3]], tr)
        # Slightly below the career match, which reads as the stronger reason.
        items.append(
            (gain["expertise"] * 0.99, tr.say(_("kennt sich aus mit: %(topics)s"), topics=topics))
        )

    languages = sorted(
        (mentor.languages & (mentee.preferred_languages or mentee.languages)) - {"de"}
    )
    if languages:
        names = join_words([labels.language(c) for c in languages[:2]], tr)
        items.append((gain["language"], tr.say(_("beide sprechen %(languages)s"), languages=names)))

    has_wish = mentor.preferred_min_age is not None or mentor.preferred_max_age is not None
    if has_wish and parts["preference"] >= 1:
        items.append((gain["preference"], tr.say(_("Alter wie gewünscht"))))

    days = max(mentee.waiting_days, mentor.waiting_days)
    if days >= MIN_WAITING_DAYS:
        if mentee.waiting_days >= mentor.waiting_days:
            marked = ngettext("wartet seit %(num)d Tag", "wartet seit %(num)d Tagen", days)
        else:
            marked = ngettext(
                "Ehrenamtliche Person wartet seit %(num)d Tag",
                "Ehrenamtliche Person wartet seit %(num)d Tagen",
                days,
            )
        items.append((gain["waiting"], tr.plural(marked, num=days)))

    ranked = sorted(enumerate(items), key=lambda item: (-item[1][0], item[0]))
    reasons = [text for _pos, (weight, text) in ranked if weight > 0][:MAX_REASONS]
    return reasons or [tr.say(_("erfüllt alle Regeln des Programms"))]


def blocked_reasons(
    counts: Mapping[Rule, int],
    total: int,
    side: str,
    tr: Translator,
    *,
    languages: str | None = None,
) -> list[str]:
    """Explain why nobody at all is allowed: the most blocking rule first, then the counts.

    ``languages`` (the person's languages, as text) is named when a shared language is missing.
    """
    if not counts:
        if side == "mentee":
            return [
                tr.say(_("Keine passende Person: es ist niemand mit freier Kapazität angemeldet"))
            ]
        return [tr.say(_("Keine passende Person: es liegt keine offene Anfrage vor"))]
    first = next(iter(counts))
    explanation = first.explanation if side == "mentee" else first.mentor_explanation
    reasons = [tr.say(_("Keine passende Person: %(explanation)s"), explanation=tr.say(explanation))]
    for rule, count in counts.items():
        reasons.append(
            tr.say(
                _("%(rule)s schließt %(count)s von %(total)s aus"),
                rule=tr.say(rule.label),
                count=count,
                total=total,
            )
        )
    if languages is not None and Rule.SHARED_LANGUAGE in counts:
        if side == "mentee":
            text = tr.say(_("Sprachen der Anfrage: %(languages)s"), languages=languages)
        else:
            text = tr.say(
                _("Sprachen der ehrenamtlichen Person: %(languages)s"), languages=languages
            )
        reasons.append(text)
    return reasons


def displaced_reason(other: str, taken_by: str, theirs: float, ours: float, tr: Translator) -> str:
    """Explain that the best partner went to someone else, and why."""
    if theirs > ours:
        return tr.say(
            _(
                "Es gab passende Personen, aber sie wurden anderen zugeteilt: %(other)s passte "
                "am besten, wurde aber mit %(taken_by)s vermittelt, weil dort die Passung höher "
                "war (%(theirs)s gegenüber %(ours)s)"
            ),
            other=other,
            taken_by=taken_by,
            theirs=number(theirs),
            ours=number(ours),
        )
    if theirs == ours:
        return tr.say(
            _(
                "Es gab passende Personen, aber sie wurden anderen zugeteilt: %(other)s passte "
                "am besten, wurde aber bei gleicher Passung (%(theirs)s) mit %(taken_by)s "
                "vermittelt, weil %(taken_by)s länger wartet oder Vorrang hatte"
            ),
            other=other,
            taken_by=taken_by,
            theirs=number(theirs),
        )
    return tr.say(
        _(
            "Es gab passende Personen, aber sie wurden anderen zugeteilt: %(other)s passte am "
            "besten, wurde aber mit %(taken_by)s vermittelt (%(theirs)s gegenüber %(ours)s), "
            "damit insgesamt mehr Menschen eine Begleitung bekommen"
        ),
        other=other,
        taken_by=taken_by,
        theirs=number(theirs),
        ours=number(ours),
    )


def unused_reason(other: str, ours: float, tr: Translator) -> str:
    """Explain that the best partner stayed free because the pair adds too little."""
    return tr.say(
        _(
            "Es gab passende Personen, aber die Passung war zu gering: %(other)s passte am "
            "besten (%(ours)s)"
        ),
        other=other,
        ours=number(ours),
    )
