"""Accessibility feedback."""

from mentoring.extensions import db
from mentoring.models import AccessibilityFeedback


def submit_accessibility_feedback(*, message: str, contact: str | None, page: str | None) -> None:
    db.session.add(
        AccessibilityFeedback(message=message, contact=contact or None, page=page or None)
    )
    db.session.commit()
