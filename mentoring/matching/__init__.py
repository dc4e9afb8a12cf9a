"""The matching engine: candidates under hard rules, scores, exact assignment, German reasons.

A pure library (no Flask, no SQLAlchemy): dataclasses in, proposals with reasons out.
"""

from .assign import Assignment, assign
from .candidates import CandidateSet, candidates
from .model import (
    Candidate,
    Labels,
    MatchResult,
    Mentee,
    Mentor,
    Place,
    ProgrammeRules,
    Proposal,
    Unmatched,
    Weights,
)
from .propose import propose, top_candidates
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
    "propose",
    "score",
    "top_candidates",
]
