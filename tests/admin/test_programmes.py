"""Programme settings for admins: validation, audit by field names, activation only with the
texts in all five languages, deactivation refused while requests or proposals are open."""

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import AuditEntry, Programme, ProgrammeTranslation
from tests.support.factories import make_proposal, make_request, make_volunteer, programme
from tests.support.forms import post_form

NEW_NAME = "Lesepaten"
TEXTS = {
    "en": ("Reading mentors", "Volunteers read with children.", "You read with a child."),
    "ar": ("رعاة القراءة", "متطوعون يقرؤون مع الأطفال.", "تقرأ مع طفل."),
    "uk": ("Наставники з читання", "Волонтери читають з дітьми.", "Ви читаєте з дитиною."),
    "tr": ("Okuma mentorları", "Gönüllüler çocuklarla okur.", "Bir çocukla okursunuz."),
}


def _url(code: str) -> str:
    return f"/verwaltung/programme/{programme(code).id}"


def _form(code: str, **overrides) -> dict:
    """The programme's stored settings as the edit form posts them."""
    row = programme(code)
    data = {
        "name": row.name,
        "summary": row.summary,
        "volunteer_task": row.volunteer_task,
        "active": "active" if row.active else "planned",
        "department": row.department.code,
        "min_age": "" if row.min_age is None else str(row.min_age),
        "max_age": "" if row.max_age is None else str(row.max_age),
        "first_checkin_days": str(row.first_checkin_days),
        "checkin_interval_days": str(row.checkin_interval_days),
    }
    stored = {t.locale: t for t in row.translations}
    for locale in TEXTS:
        for field in ("name", "summary", "volunteer_task"):
            data[f"{field}_{locale}"] = getattr(stored[locale], field) if locale in stored else ""
    if row.requires_police_certificate:
        data["requires_police_certificate"] = "y"
    if row.requires_shared_language:
        data["requires_shared_language"] = "y"
    data.update(overrides)
    return data


def _translations(*locales) -> dict:
    data = {}
    for locale in locales:
        name, summary, task = TEXTS[locale]
        data.update(
            {f"name_{locale}": name, f"summary_{locale}": summary, f"volunteer_task_{locale}": task}
        )
    return data


def _audit(action: str) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == action).order_by(AuditEntry.id)
        )
    )


def test_list_and_form_show_every_programme_with_its_settings(app, admin_client):
    html = admin_client.get("/verwaltung/programme").get_data(as_text=True)
    for row in db.session.scalars(select(Programme)):
        assert row.name in html
    assert "geplant" in html
    page = admin_client.get(_url("ausbildungspaten")).get_data(as_text=True)
    assert 'value="0,35"' in page and "Standard: 0,35" in page  # the engine's defaults shown
    assert 'dir="rtl" id="name_ar" lang="ar"' in page


def test_coordinators_may_not_open_the_settings(app, staff_client):
    assert staff_client.get("/verwaltung/programme").status_code == 403
    assert staff_client.get(_url("ausbildungspaten")).status_code == 403


def test_settings_are_saved_and_audited_by_field_names(app, admin_client):
    response = post_form(
        admin_client,
        _url("ausbildungspaten"),
        _form(
            "ausbildungspaten",
            min_age="15",
            first_checkin_days="21",
            weight_expertise="0,5",
            department="ehrenamt",
        ),
        follow_redirects=True,
    )
    assert "Die Einstellungen sind gespeichert." in response.get_data(as_text=True)
    db.session.expire_all()
    row = programme("ausbildungspaten")
    assert (row.min_age, row.first_checkin_days, row.department.code) == (15, 21, "ehrenamt")
    assert row.matching_weights == {"expertise": 0.5}  # only what differs from the defaults
    assert row.requires_shared_language is True  # unchanged: the rule is on by default
    (detail,) = _audit("programme_updated")
    assert set(detail.split(",")) == {
        "min_age",
        "first_checkin_days",
        "department",
        "matching_weights",
    }
    assert "15" not in detail  # names, not values


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"min_age": "20", "max_age": "10"}, "nicht unter dem Mindestalter"),
        ({"min_age": "120"}, "Alter von 0 bis 99"),
        ({"first_checkin_days": "0"}, "von 1 bis 365"),
        ({"checkin_interval_days": "3"}, "von 7 bis 365"),
        ({"checkin_interval_days": ""}, "Zahl der Tage"),
        ({"weight_distance": "11"}, "von 0 bis 10"),
        ({"weight_distance": "-1"}, "von 0 bis 10"),
        ({"weight_language": "viel"}, "zum Beispiel 0,2"),
        ({"weight_language": "nan"}, "zum Beispiel 0,2"),
        ({"name": ""}, "den Namen ein"),
        ({"department": "fb99"}, "Not a valid choice"),
        ({"name": "x" * 121}, "121"),
    ],
)
def test_bad_settings_are_refused_in_german_and_nothing_is_saved(
    app, admin_client, overrides, message
):
    response = post_form(
        admin_client, _url("ausbildungspaten"), _form("ausbildungspaten", **overrides)
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Bitte prüfen Sie Ihre Angaben" in html
    if message != "121" and message != "Not a valid choice":
        assert message in html
    db.session.expire_all()
    assert programme("ausbildungspaten").min_age == 14
    assert _audit("programme_updated") == []


def test_all_weights_zero_is_refused(app, admin_client):
    zeros = {
        f"weight_{p}": "0"
        for p in ("expertise", "availability", "distance", "language", "preference", "waiting")
    }
    html = post_form(
        admin_client, _url("ausbildungspaten"), _form("ausbildungspaten", **zeros)
    ).get_data(as_text=True)
    assert "Mindestens ein Gewicht muss größer als 0 sein." in html


def test_a_seeded_planned_programme_activates_with_the_catalogue_translations(app, admin_client):
    response = post_form(
        admin_client,
        _url("wohneinrichtungen"),
        _form("wohneinrichtungen", active="active"),
        follow_redirects=True,
    )
    assert "Die Einstellungen sind gespeichert." in response.get_data(as_text=True)
    db.session.expire_all()
    assert programme("wohneinrichtungen").active is True
    assert len(_audit("programme_activated")) == 1


def test_activation_is_refused_without_translations_and_names_the_missing_languages(
    app, admin_client
):
    data = _form(
        "gruendungsmentoring",
        name=NEW_NAME,
        summary="Ehrenamtliche lesen mit Kindern.",
        active="active",
    )
    data.update(_translations("en", "uk"))
    response = post_form(admin_client, _url("gruendungsmentoring"), data)
    html = response.get_data(as_text=True)
    assert "kann noch nicht aktiviert werden" in html
    assert (
        "Arabisch, Türkisch" in html and "Englisch" not in html.split("aktiviert werden")[1][:200]
    )
    db.session.expire_all()
    row = programme("gruendungsmentoring")
    assert row.active is False and row.name != NEW_NAME  # nothing half-written
    assert db.session.scalar(select(ProgrammeTranslation.id)) is None


def test_activated_programme_appears_on_the_public_pages_in_all_five_languages(app, admin_client):
    data = _form(
        "gruendungsmentoring",
        name=NEW_NAME,
        summary="Ehrenamtliche lesen mit Kindern.",
        volunteer_task="Sie lesen mit einem Kind.",
        active="active",
    )
    data.update(_translations("en", "ar", "uk", "tr"))
    response = post_form(admin_client, _url("gruendungsmentoring"), data, follow_redirects=True)
    assert "Die Einstellungen sind gespeichert." in response.get_data(as_text=True)
    assert len(_audit("programme_activated")) == 1
    (detail,) = _audit("programme_updated")
    assert "name_ar" in detail and "summary_tr" in detail
    public = app.test_client()
    expected = {"de": (NEW_NAME, "Ehrenamtliche lesen mit Kindern.")} | {
        locale: texts[:2] for locale, texts in TEXTS.items()
    }
    for locale, (name, summary) in expected.items():
        start = public.get(f"/?lang={locale}").get_data(as_text=True)
        assert name in start and summary in start, locale
        form = public.get(f"/anmelden/unterstuetzung/selbst?lang={locale}").get_data(as_text=True)
        assert name in form, locale
        volunteer_form = public.get(f"/anmelden/ehrenamt?lang={locale}").get_data(as_text=True)
        assert name in volunteer_form, locale


def test_deactivation_is_refused_while_requests_or_proposals_are_open(app, admin_client):
    request_row = make_request(programme_code="ausbildungspaten")
    response = post_form(
        admin_client, _url("ausbildungspaten"), _form("ausbildungspaten", active="planned")
    )
    html = response.get_data(as_text=True)
    assert "kann nicht auf „geplant“ gesetzt werden: 1 offene Anfragen" in html
    db.session.expire_all()
    assert programme("ausbildungspaten").active is True
    volunteer = make_volunteer()
    make_proposal(volunteer, request_row)
    html = post_form(
        admin_client, _url("ausbildungspaten"), _form("ausbildungspaten", active="planned")
    ).get_data(as_text=True)
    assert "1 offene Vorschläge" in html


def test_deactivation_hides_the_programme_from_the_public_forms(app, admin_client):
    response = post_form(
        admin_client,
        _url("sprachlotsen"),
        _form("sprachlotsen", active="planned"),
        follow_redirects=True,
    )
    assert "Die Einstellungen sind gespeichert." in response.get_data(as_text=True)
    assert len(_audit("programme_deactivated")) == 1
    start = app.test_client().get("/").get_data(as_text=True)
    assert "Sprachlots*innen" not in start


def test_the_common_language_rule_can_be_switched_off(app, admin_client):
    data = _form("sprachlotsen")
    data.pop("requires_shared_language")
    post_form(admin_client, _url("sprachlotsen"), data)
    db.session.expire_all()
    assert programme("sprachlotsen").requires_shared_language is False
    assert _audit("programme_updated") == ["requires_shared_language"]


def test_seeded_programmes_keep_their_catalogue_translations(app):
    public = app.test_client()
    assert "Family mentors" in public.get("/?lang=en").get_data(as_text=True)
    assert "Family mentors" in public.get("/anmelden/ehrenamt?lang=en").get_data(as_text=True)


def test_a_translation_wins_over_the_catalogue_and_empty_ones_are_removed(app, admin_client):
    data = _form("familienpaten", name_en="Family sponsors", summary_en="Help at home.")
    post_form(admin_client, _url("familienpaten"), data)
    public = app.test_client()
    html = public.get("/?lang=en").get_data(as_text=True)
    assert "Family sponsors" in html and "Help at home." in html
    db.session.expire_all()
    post_form(
        admin_client, _url("familienpaten"), _form("familienpaten", name_en="", summary_en="")
    )
    assert db.session.scalar(select(ProgrammeTranslation.id)) is None
    assert "Family mentors" in public.get("/?lang=en").get_data(as_text=True)
