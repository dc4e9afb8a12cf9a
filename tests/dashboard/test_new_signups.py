"""The start page counts new sign-ups nobody has reached yet, per programme, with links."""

from mentoring import clock
from mentoring.dashboard.queries import awaiting_first_contact
from mentoring.models import RequestStatus, VolunteerStatus
from tests.support.factories import make_request, make_volunteer, programme


def _counts(user, codes):
    rows = awaiting_first_contact(user, [programme(code) for code in codes])
    return {row["programme"].code: (row["volunteers"], row["requests"]) for row in rows}


def test_counts_per_programme_only_new_and_not_contacted(app, coordinator, admin):
    make_volunteer(status=VolunteerStatus.NEW)
    make_volunteer(status=VolunteerStatus.NEW, programmes=("ausbildungspaten", "familienpaten"))
    make_volunteer(status=VolunteerStatus.NEW, first_contact_on=clock.today())
    make_volunteer(status=VolunteerStatus.READY)
    make_volunteer(status=VolunteerStatus.NEW, erased_at=clock.now())
    make_request(status=RequestStatus.NEW)
    make_request(status=RequestStatus.OPEN)
    make_request(status=RequestStatus.NEW, programme_code="familienpaten")
    both = ("ausbildungspaten", "familienpaten")
    assert _counts(admin, both) == {"ausbildungspaten": (2, 1), "familienpaten": (1, 1)}
    # A coordinator of FB 41 counts nothing of FB 43's programme, even when asked for it.
    assert _counts(coordinator, both)["familienpaten"] == (0, 0)


def test_start_page_links_to_the_filtered_lists(app, staff_client):
    make_volunteer(status=VolunteerStatus.NEW)
    make_request(status=RequestStatus.NEW)
    make_request(status=RequestStatus.NEW)
    page = staff_client.get("/dashboard/").get_data(as_text=True)
    assert "Neu eingegangen, noch nicht kontaktiert" in page
    pid = programme("ausbildungspaten").id
    assert f"/dashboard/ehrenamtliche?programme={pid}&amp;uncontacted=y&amp;sort=new" in page
    assert "2 neue Anfragen in Ausbildungspaten" in page
    assert "1 neue ehrenamtliche Person in Ausbildungspaten" in page
    listed = staff_client.get(f"/dashboard/anfragen?programme={pid}&uncontacted=y&sort=new")
    assert listed.get_data(as_text=True).count("noch nicht kontaktiert</span>") == 2
