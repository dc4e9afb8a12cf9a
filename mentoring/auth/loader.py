"""Session loading for staff accounts."""

from mentoring.extensions import db, login_manager
from mentoring.models import StaffUser


@login_manager.user_loader
def load_staff(user_id: str) -> StaffUser | None:
    user = db.session.get(StaffUser, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None
