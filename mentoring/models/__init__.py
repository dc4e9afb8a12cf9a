"""The data model; one module per aggregate."""

from mentoring.models.consent import ConsentRecord
from mentoring.models.feedback import AccessibilityFeedback
from mentoring.models.messages import Message, MessageChannel, MessageKind, MessageState
from mentoring.models.people import (
    MATCHABLE_STATUSES,
    DuplicateSignup,
    MenteeRequest,
    RegisteredBy,
    RequestStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.privacy import AuditEntry, PoliceCheck
from mentoring.models.proposals import (
    DeclineReason,
    MatchingRun,
    PairExclusion,
    Proposal,
    ProposalStatus,
)
from mentoring.models.reference import (
    Department,
    District,
    Language,
    Place,
    PostalCode,
    Programme,
    Tag,
    TagKind,
)
from mentoring.models.staff import (
    RecoveryCode,
    SetPasswordToken,
    StaffRole,
    StaffSession,
    StaffUser,
)
from mentoring.models.tandems import (
    OCCUPYING_STATUSES,
    CheckIn,
    EndReason,
    Tandem,
    TandemEvent,
    TandemNote,
    TandemStatus,
)

__all__ = [
    "MATCHABLE_STATUSES",
    "OCCUPYING_STATUSES",
    "AccessibilityFeedback",
    "AuditEntry",
    "CheckIn",
    "DeclineReason",
    "EndReason",
    "MatchingRun",
    "Message",
    "MessageChannel",
    "MessageKind",
    "MessageState",
    "PairExclusion",
    "PoliceCheck",
    "Proposal",
    "ProposalStatus",
    "Tandem",
    "TandemEvent",
    "TandemNote",
    "TandemStatus",
    "ConsentRecord",
    "Department",
    "District",
    "DuplicateSignup",
    "Language",
    "MenteeRequest",
    "Place",
    "PostalCode",
    "Programme",
    "RegisteredBy",
    "RequestStatus",
    "RecoveryCode",
    "SetPasswordToken",
    "StaffRole",
    "StaffSession",
    "StaffUser",
    "Tag",
    "TagKind",
    "Volunteer",
    "VolunteerStatus",
]
