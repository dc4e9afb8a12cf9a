"""A small hand-made data set whose figures are worked out by hand in the tests.

Programmes: A = Ausbildungspaten (FB 41), F = Familienpaten (FB 43), K = klein trifft groß (empty).
Period: 01.01.2026 – 30.06.2026, today: 15.07.2026.

Volunteers                                   Requests
V1 A    Eickel   ready    cap 1  2026-02-01  R1 A Eickel   matched   2025-11-01 (T1)
V2 A+F  Wanne    active   cap 2  2025-12-01  R2 F Mitte    matched   2026-01-10 (T2)
V3 F    Mitte    active   cap 1  2026-03-10  R3 A Sodingen closed, erased 2026-01-05 (T3)
V4 A    Eickel   new             2026-04-01  R4 A Wanne    open      2026-02-15
V5 A    Sodingen withdrawn, erased 2026-01-15 R5 A Wanne   new       2026-07-05
V6 F    Wanne    paused   cap 1  2025-06-01  R6 F Eickel   open      2025-07-01 (T4 ended)
                                             R7 F Eickel   withdrawn 2026-03-01 (T5)
                                             R8 A Wanne    open      2025-12-01

Tandems (created → first meeting → end)
T1 A V2–R1 active  2025-12-20 → 2026-01-20                   waited 80 days
T2 F V3–R2 trial   2026-03-01 → 2026-03-20                   waited 69 days
T3 A both erased   2026-02-02 → 2026-02-04 → 2026-05-31 moved away   waited 30 days
T4 F V6–R6 ended   2025-08-20 → 2025-09-01 → 2025-12-15 did not fit (outside the period)
T5 F V2–R7 ended   2026-03-10 → 2026-03-15 → 2026-04-30 no time; no kept sign-up date, so
                   the request's (2026-03-01) is used: waited 14 days
"""

import pytest

from mentoring.extensions import db
from mentoring.models import EndReason, RequestStatus, TandemStatus, VolunteerStatus
from tests.reports import builders as b


@pytest.fixture
def scenario(app):
    b.volunteer(created="2026-02-01")
    v2 = b.volunteer(
        programmes=("ausbildungspaten", "familienpaten"),
        place_code="wanne",
        status=VolunteerStatus.ACTIVE,
        capacity=2,
        created="2025-12-01",
    )
    v3 = b.volunteer(
        programmes=("familienpaten",),
        place_code="mitte",
        status=VolunteerStatus.ACTIVE,
        created="2026-03-10",
    )
    b.volunteer(status=VolunteerStatus.NEW, created="2026-04-01")
    b.volunteer(
        place_code="sodingen", status=VolunteerStatus.WITHDRAWN, created="2026-01-15", erased=True
    )
    v6 = b.volunteer(
        programmes=("familienpaten",),
        place_code="wanne",
        status=VolunteerStatus.PAUSED,
        created="2025-06-01",
    )

    r1 = b.request(status=RequestStatus.MATCHED, created="2025-11-01")
    r2 = b.request(
        programme_code="familienpaten",
        place_code="mitte",
        status=RequestStatus.MATCHED,
        created="2026-01-10",
    )
    b.request(place_code="sodingen", status=RequestStatus.CLOSED, created="2026-01-05", erased=True)
    b.request(place_code="wanne", status=RequestStatus.OPEN, created="2026-02-15")
    b.request(place_code="wanne", status=RequestStatus.NEW, created="2026-07-05")
    r6 = b.request(programme_code="familienpaten", status=RequestStatus.OPEN, created="2025-07-01")
    r7 = b.request(
        programme_code="familienpaten", status=RequestStatus.WITHDRAWN, created="2026-03-01"
    )
    b.request(place_code="wanne", status=RequestStatus.OPEN, created="2025-12-01")

    t1 = b.tandem(
        programme_code="ausbildungspaten",
        volunteer_row=v2,
        request_row=r1,
        created="2025-12-20",
        first_meeting="2026-01-20",
    )
    t2 = b.tandem(
        programme_code="familienpaten",
        volunteer_row=v3,
        request_row=r2,
        status=TandemStatus.TRIAL,
        created="2026-03-01",
        first_meeting="2026-03-20",
    )
    t3 = b.tandem(
        programme_code="ausbildungspaten",
        status=TandemStatus.ENDED,
        created="2026-02-02",
        first_meeting="2026-02-04",
        ended="2026-05-31",
        reason=EndReason.MOVED_AWAY,
        signed_up="2026-01-05",
    )
    b.tandem(
        programme_code="familienpaten",
        volunteer_row=v6,
        request_row=r6,
        status=TandemStatus.ENDED,
        created="2025-08-20",
        first_meeting="2025-09-01",
        ended="2025-12-15",
        reason=EndReason.DID_NOT_FIT,
    )
    b.tandem(
        programme_code="familienpaten",
        volunteer_row=v2,
        request_row=r7,
        status=TandemStatus.ENDED,
        created="2026-03-10",
        first_meeting="2026-03-15",
        ended="2026-04-30",
        reason=EndReason.NO_TIME,
        signed_up=None,
    )

    b.check_in(t1, "2026-02-03", "2026-02-05")
    b.check_in(t1, "2026-03-05", "2026-03-06")
    b.check_in(t1, "2026-04-05")
    b.check_in(t1, "2026-07-05")
    b.check_in(t2, "2026-04-03", "2026-04-03")
    b.check_in(t2, "2026-05-03")
    b.check_in(t3, "2026-02-18", "2026-02-18")
    db.session.commit()
    ids = {
        code: b.programme(code).id
        for code in ("ausbildungspaten", "familienpaten", "klein-trifft-gross")
    }
    return ids
