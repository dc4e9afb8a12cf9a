"""Draw one fictional request whose person fits the programme's sign-up rules."""

from mentoring.demo import names
from mentoring.demo.draws import Draws
from mentoring.demo.profiles import (
    AGE_WEIGHTS,
    AVAILABILITY_BY_KIND,
    CHILDREN,
    GENERATION,
    LANGUAGE_REQUEST_CYCLE,
    LOCALES,
    MONTH_SHARE,
    PERSON_ORIGINS,
    REGISTERED_BY,
    REQUEST_WEIGHTS,
)
from mentoring.demo.reference import ProgrammeInfo
from mentoring.eligibility import SELF_SIGNUP_MIN_AGE, fits_range, is_minor, possible_age
from mentoring.models import RegisteredBy, RequestStatus


def request(draws: Draws, i: int) -> dict:
    r = draws.rng
    programme = draws.programme(i, REQUEST_WEIGHTS)
    kind = programme.kind
    birth_year, birth_month = _birth(draws, programme)
    ages = possible_age(birth_year, birth_month, draws.today)
    minor = is_minor(ages)
    registered_by = _registered_by(draws, programme, kind, ages)

    if kind == "language":
        cycle = LANGUAGE_REQUEST_CYCLE
        n = draws.language_requests
        origin = cycle[n] if n < len(cycle) else draws.weighted(names.REFUGEE_ORIGINS)
        draws.language_requests += 1
    else:
        origin = draws.weighted(PERSON_ORIGINS.get(kind, names.YOUTH_ORIGINS))
    generation = GENERATION[kind]
    person_female = r.random() < 0.5
    family_name = r.choice(names.SURNAMES[origin])
    person_first = r.choice(names.GIVEN[origin][generation][0 if person_female else 1])
    person_last = names.surname_for(origin, family_name, person_female)
    parent_female = r.random() < 0.75
    parent_first = r.choice(names.GIVEN[origin]["parent"][0 if parent_female else 1])
    parent_last = names.surname_for(origin, family_name, parent_female)

    referrer_kind = organisation = None
    if registered_by is RegisteredBy.SELF:
        contact = (person_first, person_last)
    elif registered_by is RegisteredBy.GUARDIAN:
        contact = (parent_first, parent_last)
    else:
        pro_origin = draws.weighted(names.PROFESSIONAL_ORIGINS)
        contact = draws.name(pro_origin, "parent", r.random() < 0.7)
        referrer_kind = draws.weighted(names.REFERRER_KINDS[kind])
        by_kind = names.ORGANISATIONS[referrer_kind]
        pool = by_kind.get(kind) or by_kind.get("any") or next(iter(by_kind.values()))
        organisation = r.choice(pool)

    own = names.ORIGIN_LANGUAGES[origin]
    if kind == "language":
        # Families asking for a language guide: their own languages, not (yet) German.
        langs = [own[0]] if own else ["de"]
        langs += [extra for extra in own[1:] if r.random() < 0.5]
        if r.random() < 0.15:
            langs.append("en")
    else:
        langs = ["de"]
        if own and r.random() < 0.6:
            langs.append(own[0])
        if r.random() < 0.05:
            langs.append("en")
    langs = draws.languages(langs) or ["de"]

    career_goal = None
    tag_codes = r.sample(names.NEEDS[kind], r.randint(1, 3))
    if kind == "career":
        if r.random() < 0.7:
            goal_m, goal_f, fields = r.choice(names.CAREER_GOALS)
            career_goal = goal_f if person_female else goal_m
            tag_codes += fields
        elif draws.ref.career_fields and r.random() < 0.5:
            tag_codes += r.sample(draws.ref.career_fields, min(2, len(draws.ref.career_fields)))

    goal = None
    if registered_by is RegisteredBy.REFERRER:
        if kind == "career" and r.random() < 0.6:
            goal = r.choice(names.GOALS["career_referred"])
    elif r.random() < 0.6:
        goal = r.choice(names.GOALS[kind])

    children = None
    if kind in ("family", "child") or (kind == "language" and r.random() < 0.6):
        children = draws.weighted(CHILDREN)

    locale = "de"
    if registered_by is not RegisteredBy.REFERRER:
        if origin in LOCALES and r.random() < 0.35:
            locale = origin
        elif (origin == "af" and r.random() < 0.3) or r.random() < 0.03:
            locale = "en"

    place = draws.place(i)
    created = draws.created_at()
    if (draws.now - created).days < 14:
        status = draws.weighted({RequestStatus.NEW: 85, RequestStatus.OPEN: 15})
    else:
        status = draws.weighted({RequestStatus.NEW: 10, RequestStatus.OPEN: 90})

    contact_name = f"{contact[0]} {contact[1]}"
    on_behalf = "minor" if minor else "self" if registered_by is RegisteredBy.SELF else "adult"
    consents = [draws.consent(created, contact_name, registered_by.value, on_behalf)]
    if minor and registered_by is not RegisteredBy.GUARDIAN:
        # The guardian's consent, confirmed by the young person (16-17) or the referrer.
        consents.append(
            draws.consent(
                created,
                f"{parent_first} {parent_last}",
                RegisteredBy.GUARDIAN.value,
                "minor",
                purpose="guardian_consent",
            )
        )
    return {
        "programme": programme.code,
        "registered_by": registered_by,
        "contact_first_name": contact[0],
        "contact_last_name": contact[1],
        "contact_phone": draws.phone() if r.random() < (0.95 if referrer_kind else 0.75) else None,
        "referrer_kind": referrer_kind,
        "referrer_organisation": organisation,
        "person_first_name": person_first,
        "person_birth_year": birth_year,
        "person_birth_month": birth_month,
        "children_count": children,
        "postal_code": r.choice(draws.postal[place]),
        "place": place,
        "goal": goal,
        "career_goal": career_goal,
        "availability": draws.slots(AVAILABILITY_BY_KIND[kind]),
        "status": status,
        "locale": locale,
        "correspondence_language": locale,
        "created_at": created,
        "languages": langs,
        "tags": draws.tags(tag_codes),
        "consents": consents,
    }


def _birth(draws: Draws, programme: ProgrammeInfo) -> tuple[int, int | None]:
    """Birth year (and maybe month) of someone whose every possible age fits the programme."""
    r = draws.rng
    low, high = programme.min_age, programme.max_age
    weights = {
        age: w
        for age, w in AGE_WEIGHTS[programme.kind].items()
        if (low is None or age >= low) and (high is None or age <= high)
    }
    if not weights:  # an admin's unusual range: spread evenly over it
        first = low if low is not None else 0
        weights = dict.fromkeys(range(first, (high if high is not None else first + 20) + 1), 1)
    age = draws.weighted(weights)
    month = r.randint(1, 12) if r.random() < MONTH_SHARE.get(programme.kind, 0.3) else None
    year = draws.today.year - age
    uncertain = fits_range(possible_age(year, None, draws.today), low, high) is not True
    if month is None and uncertain:
        # Without a month the age would be uncertain at the edge of the range.
        month = r.randint(1, 12)
    if month is not None:
        year = draws.today.year - age - (1 if draws.today.month < month else 0)
    return year, month


def _registered_by(draws: Draws, programme: ProgrammeInfo, kind: str, ages) -> RegisteredBy:
    weights = {
        way: w
        for way, w in REGISTERED_BY[kind].items()
        if not (
            way is RegisteredBy.SELF and (programme.for_families or ages.low < SELF_SIGNUP_MIN_AGE)
        )
        and not (way is RegisteredBy.GUARDIAN and not is_minor(ages))
    }
    return draws.weighted(weights) if weights else RegisteredBy.REFERRER
