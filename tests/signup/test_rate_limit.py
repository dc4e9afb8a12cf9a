"""Public forms share one generous budget per client address; showing a form costs nothing."""

from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import Volunteer
from tests.support.forms import post_form, volunteer_form


def test_public_forms_share_a_per_address_budget(app, client):
    app.config["PUBLIC_FORM_LIMIT"] = "3 per hour"
    for n in range(3):
        response = post_form(
            client, "/anmelden/ehrenamt", volunteer_form(email=f"person{n}@example.org")
        )
        assert response.status_code == 302, n
    # The budget is spent: any other public form is refused too, in German, and nothing is stored.
    refused = post_form(client, "/barrierefreiheit", {"message": "Hallo"})
    assert refused.status_code == 429
    assert "Zu viele Versuche" in refused.get_data(as_text=True)
    again = post_form(client, "/anmelden/ehrenamt", volunteer_form(email="vierte@example.org"))
    assert again.status_code == 429
    assert db.session.scalar(select(func.count()).select_from(Volunteer)) == 3
    # Reading the forms stays possible.
    assert client.get("/anmelden/ehrenamt").status_code == 200


def test_another_address_has_its_own_budget(app, client):
    app.config["PUBLIC_FORM_LIMIT"] = "1 per hour"
    assert post_form(client, "/anmelden/ehrenamt", volunteer_form()).status_code == 302
    other = app.test_client()
    response = post_form(
        other,
        "/anmelden/ehrenamt",
        volunteer_form(email="nachbar@example.org"),
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert response.status_code == 302
