"""Session loading for staff accounts: the cookie names a server-side session."""

from mentoring.extensions import login_manager
from mentoring.models import StaffUser
from mentoring.operations.sessions import resume_session


@login_manager.user_loader
def load_staff(session_id: str) -> StaffUser | None:
    return resume_session(token=session_id)
