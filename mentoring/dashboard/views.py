"""The coordinator's start page: what is due now."""

from flask import render_template
from flask_login import current_user

from mentoring import clock
from mentoring.access import staff_required, visible_programmes
from mentoring.dashboard import bp
from mentoring.dashboard import queries as q
from mentoring.proposals.queries import stale_days


@bp.route("/")
@staff_required
def index():
    today = clock.today()
    stale, stale_total = q.stale_proposals(current_user)
    programmes = visible_programmes(current_user)
    return render_template(
        "dashboard/index.html",
        programmes=programmes,
        uncontacted=q.awaiting_first_contact(current_user, programmes),
        today=today,
        check_ins=q.due_check_ins(current_user, today),
        stale=stale,
        stale_total=stale_total,
        stale_days=stale_days(),
        reinspections=q.certificate_reinspections(current_user, today),
    )
