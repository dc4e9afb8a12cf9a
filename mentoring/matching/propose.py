"""Proposals with reasons and warnings for a whole programme; 'who would fit?' for one person.

Also one given pair judged on its own (``explain_pair``), and why nobody fits one person
(``why_nobody_fits``), so that runs, "Wer passt?" and a manual proposal explain alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from .assign import assign
from .candidates import (
    CandidateSet,
    allowed_pairs,
    blocking_counts,
    candidates_encoded,
    mentee_failures,
    mentor_failures,
    priority_rank,
)
from .encode import Encoded, encode
from .model import (
    Candidate,
    Labels,
    MatchResult,
    Mentee,
    Mentor,
    PairExplanation,
    Place,
    ProgrammeRules,
    Proposal,
    Unmatched,
)
from .reasons import blocked_reasons, displaced_reason, pair_reasons, unused_reason
from .rules import Rule
from .scoring import ScoreParts, score_encoded
from .text import Translator, as_translator
from .warnings import language_names, pair_warnings


def propose(
    rules: ProgrammeRules,
    mentors: Sequence[Mentor],
    mentees: Sequence[Mentee],
    places: Sequence[Place],
    labels: Labels | None = None,
    *,
    objective: str = "coverage",
    method: str = "optimal",
    translate: Translator | Callable[[str], str] | None = None,
    max_per_mentee: int = 30,
    names: Mapping[str, str] | None = None,
) -> MatchResult:
    """Propose tandems for all open requests of a programme, with reasons, and explain the rest.

    ``names`` maps ids to display names used in the unmatched reasons (default: the ids).
    """
    tr = as_translator(translate)
    labels = labels or Labels()
    enc = encode(rules, mentors, mentees, places)
    cs = candidates_encoded(enc, max_per_mentee=max_per_mentee)
    result = assign(cs, objective=objective, method=method)
    weights = rules.weights.normalised()
    place_by_code = {p.code: p for p in enc.places}
    pair_index = _pair_lookup(cs)

    proposals = []
    for i, j in zip(result.mentor.tolist(), result.mentee.tolist(), strict=True):
        k = pair_index[(i, j)]
        parts = cs.parts.row(k)
        km = float(cs.parts.distance_km[k])
        mentor, mentee = mentors[i], mentees[j]
        reasons = pair_reasons(mentor, mentee, parts, weights, place_by_code, km, labels, tr)
        warnings = pair_warnings(rules, mentor, mentee, km, labels, tr)
        proposals.append(
            Proposal(mentor.id, mentee.id, float(cs.score[k]), parts, reasons, warnings)
        )

    unmatched = _unmatched(enc, cs, result, mentors, mentees, names or {}, labels, tr)
    return MatchResult(proposals, unmatched, objective=objective, method=method)


def _pair_lookup(cs: CandidateSet) -> dict[tuple[int, int], int]:
    return {
        (i, j): k
        for k, (i, j) in enumerate(zip(cs.mentor.tolist(), cs.mentee.tolist(), strict=True))
    }


def _unmatched(
    enc: Encoded, cs: CandidateSet, result, mentors, mentees, names, labels, tr
) -> list[Unmatched]:
    def name(person_id: str) -> str:
        return names.get(person_id, person_id)

    partner_of = dict(zip(result.mentee.tolist(), result.mentor.tolist(), strict=True))
    score_of = dict(zip(result.mentee.tolist(), result.score.tolist(), strict=True))
    assigned_to: dict[int, list[int]] = {}
    for j, i in partner_of.items():
        assigned_to.setdefault(i, []).append(j)
    scores = cs.score
    by_mentor = np.argsort(cs.mentor, kind="stable")
    mentor_sorted = cs.mentor[by_mentor]
    out = []

    for j, mentee in enumerate(mentees):
        if j in partner_of:
            continue
        if j in cs.blocked:
            counts = cs.blocked[j]
            spoken = language_names(mentee.languages, labels, tr)
            reasons = blocked_reasons(counts, len(mentors), "mentee", tr, languages=spoken)
            out.append(Unmatched(mentee.id, "mentee", reasons, list(counts)))
            continue
        options = np.arange(*np.searchsorted(cs.mentee, [j, j + 1]))  # pairs sorted by mentee
        best = options[np.lexsort((cs.mentor_rank[cs.mentor[options]], -scores[options]))[0]]
        i, ours = int(cs.mentor[best]), float(scores[best])
        taken = assigned_to.get(i, [])
        if not taken:
            reason = unused_reason(name(mentors[i].id), ours, tr)
            out.append(Unmatched(mentee.id, "mentee", [reason]))
            continue
        # The weakest pair the best mentor got is the one that displaced this mentee.
        rival = min(taken, key=lambda t: (score_of[t], -cs.mentee_rank[t]))
        reason = displaced_reason(
            name(mentors[i].id), name(mentees[rival].id), score_of[rival], ours, tr
        )
        out.append(Unmatched(mentee.id, "mentee", [reason], [], (mentors[i].id, mentees[rival].id)))

    for i, mentor in enumerate(mentors):
        if i in assigned_to or mentor.capacity_left <= 0:
            continue
        options = by_mentor[slice(*np.searchsorted(mentor_sorted, [i, i + 1]))]
        if not options.size:
            counts = blocking_counts(mentee_failures(enc, i))
            spoken = language_names(mentor.languages, labels, tr)
            reasons = blocked_reasons(counts, len(mentees), "mentor", tr, languages=spoken)
            out.append(Unmatched(mentor.id, "mentor", reasons, list(counts)))
            continue
        best = options[np.lexsort((cs.mentee_rank[cs.mentee[options]], -scores[options]))[0]]
        j, ours = int(cs.mentee[best]), float(scores[best])
        if j not in partner_of:
            reason = unused_reason(name(mentees[j].id), ours, tr)
            out.append(Unmatched(mentor.id, "mentor", [reason]))
            continue
        rival = partner_of[j]
        reason = displaced_reason(
            name(mentees[j].id), name(mentors[rival].id), score_of[j], ours, tr
        )
        out.append(Unmatched(mentor.id, "mentor", [reason], [], (mentees[j].id, mentors[rival].id)))
    return out


def top_candidates(
    rules: ProgrammeRules,
    mentors: Sequence[Mentor],
    mentees: Sequence[Mentee],
    places: Sequence[Place],
    labels: Labels | None = None,
    *,
    for_mentee: str | None = None,
    for_mentor: str | None = None,
    limit: int = 10,
    translate: Translator | Callable[[str], str] | None = None,
) -> list[Candidate]:
    """Return the best allowed partners of one person with reasons, ignoring others' claims."""
    if (for_mentee is None) == (for_mentor is None):
        raise ValueError("give exactly one of for_mentee and for_mentor")
    tr = as_translator(translate)
    labels = labels or Labels()
    enc = encode(rules, mentors, mentees, places)
    if for_mentee is not None:
        j = enc.mentee_ids.index(for_mentee)
        mentor_idx = np.arange(len(mentors))
        mentee_idx = np.full(len(mentors), j)
        rank = priority_rank(enc.mentor_ids, enc.mentors.waiting_days)
    else:
        i = enc.mentor_ids.index(for_mentor)
        mentee_idx = np.arange(len(mentees))
        mentor_idx = np.full(len(mentees), i)
        rank = priority_rank(enc.mentee_ids, enc.mentees.waiting_days)
    ok = allowed_pairs(enc, mentor_idx, mentee_idx)
    mentor_idx, mentee_idx, rank = mentor_idx[ok], mentee_idx[ok], rank[ok]
    parts: ScoreParts = score_encoded(enc, mentor_idx, mentee_idx)
    order = np.lexsort((rank, -parts.total))[: max(limit, 0)]
    weights = rules.weights.normalised()
    place_by_code = {p.code: p for p in enc.places}
    out = []
    for k in order.tolist():
        mentor, mentee = mentors[mentor_idx[k]], mentees[mentee_idx[k]]
        row = parts.row(k)
        km = float(parts.distance_km[k])
        reasons = pair_reasons(mentor, mentee, row, weights, place_by_code, km, labels, tr)
        warnings = pair_warnings(rules, mentor, mentee, km, labels, tr)
        out.append(Candidate(mentor.id, mentee.id, float(parts.total[k]), row, reasons, warnings))
    return out


def explain_pair(
    rules: ProgrammeRules,
    mentor: Mentor,
    mentee: Mentee,
    places: Sequence[Place],
    labels: Labels | None = None,
    *,
    translate: Translator | Callable[[str], str] | None = None,
) -> PairExplanation:
    """Judge one given pair on its own: score, reasons, warnings and every hard rule it breaks.

    For a pair a coordinator proposes by hand: the same texts as a run or "Wer passt?" give.
    """
    tr = as_translator(translate)
    labels = labels or Labels()
    enc = encode(rules, [mentor], [mentee], places)
    failures = mentor_failures(enc, 0)
    broken = [rule for rule in Rule if bool(failures[rule][0])]
    parts = score_encoded(enc, np.zeros(1, dtype=np.intp), np.zeros(1, dtype=np.intp))
    row, km = parts.row(0), float(parts.distance_km[0])
    place_by_code = {p.code: p for p in enc.places}
    weights = rules.weights.normalised()
    return PairExplanation(
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        score=float(parts.total[0]),
        parts=row,
        reasons=pair_reasons(mentor, mentee, row, weights, place_by_code, km, labels, tr),
        warnings=pair_warnings(rules, mentor, mentee, km, labels, tr),
        broken_rules=broken,
    )


def why_nobody_fits(
    rules: ProgrammeRules,
    mentors: Sequence[Mentor],
    mentees: Sequence[Mentee],
    places: Sequence[Place],
    labels: Labels | None = None,
    *,
    for_mentee: str | None = None,
    for_mentor: str | None = None,
    translate: Translator | Callable[[str], str] | None = None,
) -> list[str]:
    """Explain, as a run does for the unmatched, which hard rules rule out everybody else.

    Pass the whole other side of the programme (not a narrowed one): the counts are of it.
    Returns no reasons when somebody is allowed after all.
    """
    if (for_mentee is None) == (for_mentor is None):
        raise ValueError("give exactly one of for_mentee and for_mentor")
    tr = as_translator(translate)
    labels = labels or Labels()
    enc = encode(rules, mentors, mentees, places)
    if for_mentee is not None:
        j = enc.mentee_ids.index(for_mentee)
        failures, side, person, total = mentor_failures(enc, j), "mentee", mentees[j], len(mentors)
    else:
        i = enc.mentor_ids.index(for_mentor)
        failures, side, person, total = mentee_failures(enc, i), "mentor", mentors[i], len(mentees)
    if total and not np.logical_or.reduce(list(failures.values())).all():
        return []  # somebody is allowed after all
    counts = blocking_counts(failures)
    spoken = language_names(person.languages, labels, tr)
    return blocked_reasons(counts, total, side, tr, languages=spoken)
