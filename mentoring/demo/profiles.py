"""How the people of each programme kind look: the weights and shares the generators draw from."""

from mentoring.demo import names
from mentoring.models import RegisteredBy

# --- Programme kinds -------------------------------------------------------------------------
# How a programme's people look. Known programme codes have their own kind; a programme added
# by an admin gets one from its attributes, and ages always come from its min_age/max_age.
KIND_BY_CODE = {
    "ausbildungspaten": "career",
    "familienpaten": "family",
    "klein-trifft-gross": "child",
    "sprachlotsen": "language",
    "wohneinrichtungen": "care",
    "gruendungsmentoring": "founder",
}
REQUEST_WEIGHTS = {
    "career": 40,
    "family": 18,
    "child": 24,
    "language": 18,
    "care": 8,
    "founder": 6,
    "youth": 8,
    "adult": 6,
}
VOLUNTEER_WEIGHTS = {
    "career": 40,
    "family": 15,
    "child": 25,
    "language": 15,
    "care": 8,
    "founder": 6,
    "youth": 8,
    "adult": 5,
}
# Exact ages of the person supported (family kinds: the youngest child).
AGE_WEIGHTS = {
    "career": {
        14: 8,
        15: 12,
        16: 16,
        17: 16,
        18: 13,
        19: 10,
        20: 8,
        21: 6,
        22: 4,
        23: 3,
        24: 2,
        25: 1,
        26: 1,
    },
    "family": {0: 45, 1: 35, 2: 20},
    "child": {3: 8, 4: 10, 5: 11, 6: 12, 7: 12, 8: 11, 9: 10, 10: 9, 11: 8, 12: 7},
    "language": dict.fromkeys(range(20, 56), 1),
    "care": dict.fromkeys(range(13, 22), 1),
    "founder": dict.fromkeys(range(20, 36), 1),
    "youth": dict.fromkeys(range(12, 21), 1),
    "adult": dict.fromkeys(range(20, 41), 1),
}
# Share of birth months given (family programmes always give it: the age decides eligibility).
MONTH_SHARE = {"family": 1.0, "child": 0.5}
GENERATION = {
    "career": "youth",
    "care": "youth",
    "youth": "youth",
    "family": "child",
    "child": "child",
    "language": "parent",
    "founder": "parent",
    "adult": "parent",
}
PERSON_ORIGINS = {
    "family": names.FAMILY_ORIGINS,
    "child": names.FAMILY_ORIGINS,
    "language": names.REFUGEE_ORIGINS,
}
REGISTERED_BY = {
    "career": {RegisteredBy.SELF: 45, RegisteredBy.GUARDIAN: 15, RegisteredBy.REFERRER: 40},
    "family": {RegisteredBy.GUARDIAN: 75, RegisteredBy.REFERRER: 25},
    "child": {RegisteredBy.GUARDIAN: 70, RegisteredBy.REFERRER: 30},
    "language": {RegisteredBy.SELF: 60, RegisteredBy.GUARDIAN: 5, RegisteredBy.REFERRER: 35},
    "care": {RegisteredBy.SELF: 10, RegisteredBy.REFERRER: 90},
    "founder": {RegisteredBy.SELF: 75, RegisteredBy.REFERRER: 25},
    "youth": {RegisteredBy.SELF: 35, RegisteredBy.GUARDIAN: 35, RegisteredBy.REFERRER: 30},
    "adult": {RegisteredBy.SELF: 70, RegisteredBy.REFERRER: 30},
}
# Which occupations suit a volunteer of a programme kind (see names.OCCUPATIONS).
OCCUPATION_SUIT = {
    "career": "career",
    "family": "family",
    "child": "child",
    "language": "language",
    "care": "career",
    "founder": "founder",
    "youth": "career",
    "adult": "career",
}
FEMALE_SHARE = {"family": 0.8, "child": 0.7, "language": 0.6, "career": 0.4}
# Tags a volunteer of a programme kind typically ticks: (tag, probability).
PROGRAMME_TAGS = {
    "career": (("berufsorientierung", 0.8), ("bewerbung", 0.7), ("vorstellungsgespraech", 0.5)),
    "family": (("alltag-familie", 0.9), ("kochen", 0.3)),
    "child": (("vorlesen-spielen", 0.8), ("natur-garten", 0.3), ("lernen", 0.3)),
    "language": (("behoerden", 0.8), ("deutsch", 0.5), ("alltag-familie", 0.3)),
    "care": (("alltag-familie", 0.5), ("berufsorientierung", 0.5)),
    "founder": (("gruendung", 0.9), ("geld", 0.5)),
    "youth": (("lernen", 0.5),),
    "adult": (),
}
# Sprachlots*innen: the first volunteers and requests cycle through these origins, so that even
# the small demo set has shared languages to match on.
LANGUAGE_VOLUNTEER_CYCLE = ("ar", "uk", "rude", "ku", "tr")
LANGUAGE_REQUEST_CYCLE = ("ar", "uk", "ku", "tr")
# Weekly availability: probability per weekday and per part of day, multiplied.
WEEKDAYS = {"mon": 1, "tue": 1, "wed": 1, "thu": 1, "fri": 1}
AVAILABILITY = {
    "senior": (
        {**dict.fromkeys(WEEKDAYS, 0.55), "sat": 0.15, "sun": 0.08},
        {"morning": 0.8, "afternoon": 0.8, "evening": 0.25},
    ),
    "youth": (
        {**dict.fromkeys(WEEKDAYS, 0.6), "sat": 0.35, "sun": 0.15},
        {"morning": 0.08, "afternoon": 0.85, "evening": 0.45},
    ),
    "family": (
        {**dict.fromkeys(WEEKDAYS, 0.6), "sat": 0.2, "sun": 0.1},
        {"morning": 0.75, "afternoon": 0.6, "evening": 0.1},
    ),
    "child": (
        {**dict.fromkeys(WEEKDAYS, 0.6), "sat": 0.4, "sun": 0.25},
        {"morning": 0.05, "afternoon": 0.85, "evening": 0.15},
    ),
    "adult": (
        {**dict.fromkeys(WEEKDAYS, 0.65), "sat": 0.1, "sun": 0.05},
        {"morning": 0.8, "afternoon": 0.5, "evening": 0.15},
    ),
}
AVAILABILITY_BY_KIND = {
    "career": "youth",
    "care": "youth",
    "youth": "youth",
    "family": "family",
    "child": "child",
    "language": "adult",
    "founder": "adult",
    "adult": "adult",
}
PREFERRED_AGES = {"child": ((3, 6), (4, 8), (6, 12), (3, 10)), "career": ((14, 18), (16, 25))}
CAPACITY = {1: 55, 2: 33, 3: 12}
CHILDREN = {1: 35, 2: 35, 3: 18, 4: 8, 5: 4}
LOCALES = ("tr", "ar", "uk")  # mentee-side interface languages besides de and en
