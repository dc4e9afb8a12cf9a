"""The data model; one module per aggregate."""

from mentoring.models.consent import ConsentRecord
from mentoring.models.feedback import AccessibilityFeedback
from mentoring.models.people import (
    DuplicateSignup,
    MenteeRequest,
    RegisteredBy,
    RequestStatus,
    Volunteer,
    VolunteerStatus,
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
from mentoring.models.staff import StaffRole, StaffUser

__all__ = [
    "AccessibilityFeedback",
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
    "StaffRole",
    "StaffUser",
    "Tag",
    "TagKind",
    "Volunteer",
    "VolunteerStatus",
]
