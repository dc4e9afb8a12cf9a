"""The matching engine: hard rules, scores, exact assignment, German reasons and warnings.

A pure library (no Flask, no SQLAlchemy): dataclasses in, proposals with reasons and warnings out.
"""

from .assign import Assignment, assign
from .candidates import CandidateSet, candidates
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
    Weights,
)
from .propose import explain_pair, propose, top_candidates, why_nobody_fits
from .rules import Rule
from .scoring import ScoreParts, score
from .text import Translator

__all__ = [
    "Assignment",
    "Candidate",
    "CandidateSet",
    "Labels",
    "MatchResult",
    "Mentee",
    "Mentor",
    "PairExplanation",
    "Place",
    "ProgrammeRules",
    "Proposal",
    "Rule",
    "ScoreParts",
    "Translator",
    "Unmatched",
    "Weights",
    "assign",
    "candidates",
    "explain_pair",
    "propose",
    "score",
    "top_candidates",
    "why_nobody_fits",
]
