"""Draw one fictional volunteer, screened as far as their sign-up date allows."""

from datetime import UTC, datetime, time, timedelta

from mentoring.demo import names
from mentoring.demo.draws import Draws
from mentoring.demo.profiles import (
    CAPACITY,
    FEMALE_SHARE,
    LANGUAGE_VOLUNTEER_CYCLE,
    OCCUPATION_SUIT,
    PREFERRED_AGES,
    PROGRAMME_TAGS,
    VOLUNTEER_WEIGHTS,
)
from mentoring.models import ContactChannel, RegisteredBy, VolunteerStatus


def volunteer(draws: Draws, i: int) -> dict:
    r = draws.rng
    primary = draws.programme(i, VOLUNTEER_WEIGHTS)
    kind = primary.kind
    if kind == "language":
        cycle = LANGUAGE_VOLUNTEER_CYCLE
        n = draws.language_volunteers
        origin = cycle[n] if n < len(cycle) else draws.weighted(names.LANGUAGE_VOLUNTEER_ORIGINS)
        draws.language_volunteers += 1
    else:
        origin = draws.weighted(names.SENIOR_ORIGINS)
    female = r.random() < FEMALE_SHARE.get(kind, 0.5)
    first, last = draws.name(origin, "senior", female)
    birth_year = min(1970, int(r.triangular(1945, 1971, 1958)))

    own = names.ORIGIN_LANGUAGES[origin]
    langs = ["de"]
    if own and (kind == "language" or r.random() < 0.9):
        langs.append(own[0])
    langs += [extra for extra in own[1:] if r.random() < 0.4]
    if origin == "de" and r.random() < 0.25:
        langs.append("en")
    langs = draws.languages(langs)

    programmes = [primary]
    others = [p for p in draws.ref.programmes if p is not primary]
    speaks_other = any(code not in ("de", "en") for code in langs)
    if not speaks_other:
        others = [p for p in others if p.kind != "language"]
    language_others = [p for p in others if p.kind == "language"]
    if language_others and r.random() < 0.4:
        programmes.append(r.choice(language_others))
    elif others and r.random() < 0.3:
        programmes.append(r.choice(others))

    suit = OCCUPATION_SUIT[kind]
    with_title = [o for o in names.OCCUPATIONS if (o[1] if female else o[0])]
    fitting = [o for o in with_title if suit in o[4]]
    occupation = None
    tag_codes: list[str] = []
    if r.random() >= 0.04:
        occ = r.choice(fitting if fitting and r.random() < 0.75 else with_title)
        occupation = occ[1] if female else occ[0]
        tag_codes += occ[2]
        if kind in ("career", "care", "founder") or r.random() < 0.6:
            tag_codes += occ[3]
    for programme in programmes:
        for code, share in PROGRAMME_TAGS[programme.kind]:
            if r.random() < share:
                tag_codes.append(code)
    for _ in range(r.choice((0, 1, 1, 2))):
        tag_codes.append(r.choice(names.HOBBY_TAGS))

    place = draws.place(i)
    travel = [place] + draws.neighbours[place][: draws.weighted({0: 15, 1: 30, 2: 35, 3: 20})]
    radius = r.choice((2.0, 5.0, 10.0)) if r.random() < 0.25 else None
    preferred = None
    if kind in PREFERRED_AGES and r.random() < 0.3:
        preferred = r.choice(PREFERRED_AGES[kind])
    experience = None
    if occupation and r.random() < 0.5:
        # Drawn first, then capped: the same draws whatever today's date.
        years = max(10, min(r.randint(15, 45), draws.today.year - birth_year - 20))
        experience = f"{years} Jahre als {occupation} gearbeitet."
        if r.random() < 0.4:
            experience += " " + r.choice(names.EXPERIENCE_EXTRAS)
    interests = None
    if r.random() < 0.65:
        interests = ", ".join(r.sample(names.INTERESTS, r.randint(1, 3)))
    created = draws.created_at()
    days = (draws.now - created).days
    if days < 21:
        status = draws.weighted({VolunteerStatus.NEW: 80, VolunteerStatus.SCREENING: 20})
    elif days < 90:
        status = draws.weighted(
            {VolunteerStatus.NEW: 15, VolunteerStatus.SCREENING: 55, VolunteerStatus.READY: 30}
        )
    else:
        status = draws.weighted({VolunteerStatus.SCREENING: 20, VolunteerStatus.READY: 80})
    interview_on, training_on, police_check = _screening(
        draws, created, status, any(p.requires_police_certificate for p in programmes)
    )
    full_name = f"{first} {last}"
    phone = draws.phone() if r.random() < 0.85 else None  # the same draw order as before
    return {
        "first_name": first,
        "last_name": last,
        "phone": phone,
        # The oldest prefer a call; no extra draw, so the other demo data stay as they were.
        "contact_channel": ContactChannel.PHONE
        if phone and birth_year <= 1950
        else ContactChannel.EMAIL,
        "correspondence_language": "de",
        "birth_year": birth_year,
        "postal_code": r.choice(draws.postal[place]),
        "place": place,
        "occupation": occupation,
        "experience": experience,
        "interests": interests,
        "capacity": draws.weighted(CAPACITY),
        "travel_radius_km": radius,
        "availability": draws.slots("senior"),
        "preferred_min_age": preferred[0] if preferred else None,
        "preferred_max_age": preferred[1] if preferred else None,
        "partner_wishes": r.choice(names.PARTNER_WISHES) if r.random() < 0.12 else None,
        "heard_from": r.choice(names.HEARD_FROM) if r.random() < 0.8 else None,
        "status": status,
        "locale": "de",
        "created_at": created,
        "interview_on": interview_on,
        "training_on": training_on,
        "police_check": police_check,
        "programmes": [p.code for p in programmes],
        "languages": langs,
        "tags": draws.tags(tag_codes),
        "travel_places": travel,
        "consents": [draws.consent(created, full_name, RegisteredBy.SELF.value, "self")],
    }


def _screening(draws: Draws, created: datetime, status: VolunteerStatus, needs_certificate: bool):
    """Interview and training dates and a police-certificate inspection, as far as the
    volunteer's status says screening has got (§72a SGB VIII: facts only, no document)."""
    r = draws.rng
    start = created.date()
    if status is VolunteerStatus.NEW or (draws.now - created).days < 7:
        return None, None, None
    interview = min(draws.today, start + timedelta(days=r.randint(5, 30)))
    training = None
    if status is VolunteerStatus.READY:
        training = min(draws.today, interview + timedelta(days=r.randint(7, 45)))
    elif r.random() < 0.4:
        interview = None
    check = None
    if needs_certificate and (status is VolunteerStatus.READY or r.random() < 0.4):
        inspected = min(draws.today, start + timedelta(days=r.randint(10, 60)))
        check = {
            # A certificate may be at most three months old when it is shown.
            "issue_date": inspected - timedelta(days=r.randint(3, 80)),
            "inspected_on": inspected,
            "conviction_listed": False,
            "created_at": datetime.combine(inspected, time(10), UTC),
        }
    return interview, training, check
