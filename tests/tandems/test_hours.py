"""Volunteer hours per tandem and month: recording, correcting, bounds, dates, the tandem page."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from wtforms import Form

from mentoring.extensions import db
from mentoring.models import AuditEntry, VolunteerHours
from mentoring.operations import OperationError
from mentoring.operations.hours import record_hours, remove_hours
from mentoring.tandems.engagement_forms import MonthField
from tests.support.factories import (
    make_request,
    make_staff,
    make_tandem,
    make_volunteer,
    today,
)
from tests.support.forms import post_prefixed_form
from tests.support.login import login


def _this_month() -> date:
    return today().replace(day=1)


def _months_back(n: int) -> date:
    month = _this_month()
    for _ in range(n):
        month = (month - timedelta(days=1)).replace(day=1)
    return month


def _tandem(**overrides):
    """A tandem that met first three months ago (hours may go back that far)."""
    fields = dict(first_meeting_days_ago=95, created_at=datetime.now(UTC) - timedelta(days=100))
    return make_tandem(make_volunteer(), make_request(), **{**fields, **overrides})


def _rows(tandem_id):
    db.session.expire_all()
    return db.session.scalars(
        select(VolunteerHours)
        .where(VolunteerHours.tandem_id == tandem_id)
        .order_by(VolunteerHours.month)
    ).all()


def _post_hours(client, tandem_id, month, hours):
    url = f"/dashboard/tandems/{tandem_id}"
    return post_prefixed_form(
        client, url, f"{url}/stunden", "hours", {"month": month, "hours": hours}
    )


def test_hours_are_recorded_shown_and_totalled_on_the_tandem_page(client):
    staff = login(client, make_staff(name="Karla Koordination"))
    tandem = _tandem()
    last = _months_back(1)
    response = _post_hours(client, tandem.id, last.strftime("%m.%Y"), "2,5")
    assert response.status_code == 302
    _post_hours(client, tandem.id, _this_month().strftime("%m.%Y"), "4")
    rows = _rows(tandem.id)
    assert [(r.month, r.hours) for r in rows] == [
        (last, Decimal("2.5")),
        (_this_month(), Decimal("4.0")),
    ]
    assert {r.recorded_by_id for r in rows} == {staff.id}
    page = client.get(f"/dashboard/tandems/{tandem.id}").get_data(as_text=True)
    assert "Ehrenamtliche Stunden" in page
    assert ">2,5</td>" in page and ">6,5</td>" in page  # the month and the total
    assert "Karla Koordination" in page
    actions = db.session.scalars(
        select(AuditEntry.detail).where(AuditEntry.action == "hours_recorded")
    ).all()
    assert actions == [f"month={last:%Y-%m}", f"month={_this_month():%Y-%m}"]


def test_a_month_entered_again_is_corrected_not_doubled(client):
    login(client, make_staff())
    tandem = _tandem()
    month = _this_month().strftime("%m.%Y")
    _post_hours(client, tandem.id, month, "3")
    _post_hours(client, tandem.id, month, "5,5")
    rows = _rows(tandem.id)
    assert [r.hours for r in rows] == [Decimal("5.5")]
    corrected = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "hours_corrected")
    ).all()
    assert len(corrected) == 1 and corrected[0].subject_id == tandem.id
    assert "5" not in corrected[0].detail.split("=")[0]  # names and the month, never the hours


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "zwischen 0,5 und 200"),
        ("0,4", "zwischen 0,5 und 200"),
        ("200,5", "zwischen 0,5 und 200"),
        ("201", "zwischen 0,5 und 200"),
        ("2,55", "höchstens einer Nachkommastelle"),
        ("zwei", "als Zahl ein"),
        ("1e3", "als Zahl ein"),
        ("-3", "als Zahl ein"),
        ("1000", "als Zahl ein"),
        ("", "Bitte geben Sie die Stunden ein."),
    ],
)
def test_bad_hours_are_refused_with_a_german_message(client, typed, message):
    login(client, make_staff())
    tandem = _tandem()
    response = _post_hours(client, tandem.id, _this_month().strftime("%m.%Y"), typed)
    if response.status_code == 302:  # refused by the operation: flashed on the page
        response = client.get(response.headers["Location"])
    else:
        assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _rows(tandem.id) == []


@pytest.mark.parametrize("typed", ["0,5", "200", "12.5", "٤٫٥", "7"])
def test_bounds_and_digits_that_are_accepted(client, typed):
    login(client, make_staff())
    tandem = _tandem()
    assert _post_hours(client, tandem.id, _this_month().strftime("%m.%Y"), typed).status_code == 302
    expected = Decimal(typed.replace(",", ".").replace("٫", "."))  # Decimal reads ٤ as 4
    assert [r.hours for r in _rows(tandem.id)] == [expected]


@pytest.mark.parametrize("typed", ["11/2026", "2026-11", " 11.2026 ", "١١.٢٠٢٦"])
def test_month_spellings(typed):
    class F(Form):
        month = MonthField()

    form = F()
    form.month.process_formdata([typed])
    assert form.month.data == date(2026, 11, 1)


@pytest.mark.parametrize("typed", ["13.2026", "11.26", "November", "00.2026", "11.1899"])
def test_impossible_months_are_refused(client, typed):
    login(client, make_staff())
    tandem = _tandem()
    response = _post_hours(client, tandem.id, typed, "3")
    assert response.status_code == 400
    assert "Bitte geben Sie Monat und Jahr ein" in response.get_data(as_text=True)


def test_future_months_are_refused_by_form_and_operation(client):
    staff = login(client, make_staff())
    tandem = _tandem()
    next_month = (_this_month() + timedelta(days=32)).replace(day=1)
    response = _post_hours(client, tandem.id, next_month.strftime("%m.%Y"), "3")
    assert response.status_code == 400
    assert "nur für vergangene Monate und den laufenden Monat" in response.get_data(as_text=True)
    with pytest.raises(OperationError, match="vergangene Monate"):
        record_hours(tandem_id=tandem.id, month=next_month, hours=Decimal("3"), staff=staff)
    assert _rows(tandem.id) == []


def test_no_hours_before_the_tandem_or_after_its_end(app):
    staff = make_staff()
    tandem = _tandem(ended_on=_months_back(2) + timedelta(days=3))
    with pytest.raises(OperationError, match="noch nicht"):
        record_hours(tandem_id=tandem.id, month=_months_back(5), hours=Decimal(2), staff=staff)
    with pytest.raises(OperationError, match="endete am"):
        record_hours(tandem_id=tandem.id, month=_months_back(1), hours=Decimal(2), staff=staff)
    record_hours(tandem_id=tandem.id, month=_months_back(2), hours=Decimal(2), staff=staff)
    assert len(_rows(tandem.id)) == 1


def test_operation_checks_bounds_itself(app):
    staff = make_staff()
    tandem = _tandem()
    for bad in (Decimal("0.4"), Decimal("200.1"), Decimal("1.25"), Decimal("NaN"), None):
        with pytest.raises(OperationError):
            record_hours(tandem_id=tandem.id, month=_this_month(), hours=bad, staff=staff)
    entry = record_hours(tandem_id=tandem.id, month=today(), hours=Decimal("1.50"), staff=staff)
    assert entry.month == _this_month() and entry.hours == Decimal("1.5")


def test_self_service_records_without_staff(app):
    """Issue #13's link will call record_hours(staff=None) after checking the link."""
    tandem = _tandem()
    entry = record_hours(tandem_id=tandem.id, month=_this_month(), hours=Decimal("3"))
    assert entry.recorded_by_id is None
    audit = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "hours_recorded"))
    assert [a.staff_id for a in audit] == [None]


def test_other_department_cannot_record_or_remove(app):
    tandem = _tandem()  # FB 41
    other = make_staff(email="fb43@example.org", departments=("fb43",))
    with pytest.raises(OperationError, match="gibt es nicht"):
        record_hours(tandem_id=tandem.id, month=_this_month(), hours=Decimal(3), staff=other)
    record_hours(tandem_id=tandem.id, month=_this_month(), hours=Decimal(3))
    with pytest.raises(OperationError, match="gibt es nicht"):
        remove_hours(tandem_id=tandem.id, month=_this_month(), staff=other)
    assert len(_rows(tandem.id)) == 1


def test_a_month_entered_by_mistake_is_removed(client):
    login(client, make_staff())
    tandem = _tandem()
    month = _this_month().strftime("%m.%Y")
    _post_hours(client, tandem.id, month, "3")
    url = f"/dashboard/tandems/{tandem.id}"
    response = post_prefixed_form(
        client, url, f"{url}/stunden/loeschen", "remove", {"month": month}
    )
    assert response.status_code == 302
    assert _rows(tandem.id) == []
    assert db.session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "hours_removed"))
    again = post_prefixed_form(client, url, f"{url}/stunden/loeschen", "remove", {"month": month})
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "keine Stunden eingetragen" in page


def test_database_refuses_out_of_range_hours(app):
    """The check constraint holds even if code forgets the rule."""
    tandem = _tandem()
    db.session.add(VolunteerHours(tandem_id=tandem.id, month=_this_month(), hours=Decimal("250")))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
