"""The query layer against figures worked out by hand (see conftest.py for the data set)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from mentoring import clock
from mentoring.extensions import db
from mentoring.models import Department, EndReason, MenteeRequest, Volunteer
from mentoring.reports.queries import Counts, Filter, collect, percentile
from tests.reports.builders import TODAY, make_filter
from tests.support.factories import place


def _rows(rows):
    return {row.key: row for row in rows}


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([], 0.5, None),
        ([7], 0.5, 7),
        ([7], 0.9, 7),
        ([5, 5], 0.5, 5),
        ([10, 10, 10, 20], 0.5, 10),  # ties: the median sits inside the tie
        ([10, 10, 10, 20], 0.9, 17),  # position 2.7: 10 + 0.7 × (20 − 10)
        ([20, 10, 10, 10], 0.9, 17),  # order does not matter
        ([1, 2, 3, 4], 0.5, 2.5),
        ([14, 30, 69, 80], 0.9, 76.7),
        ([3, 3, 3, 3, 3], 0.9, 3),
    ],
)
def test_percentile_linear_interpolation(values, q, expected):
    result = percentile(values, q)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


def test_volunteers_per_programme_district_and_total(scenario):
    stats = collect(make_filter(scenario), today=TODAY)
    by_programme = _rows(stats.by_programme)
    a = by_programme["ausbildungspaten"].counts
    f = by_programme["familienpaten"].counts
    assert (
        a.volunteers_new,
        a.volunteers_screened,
        a.volunteers_active,
        a.volunteers_waiting,
        a.volunteers_free,
    ) == (3, 2, 1, 1, 2)
    assert (
        f.volunteers_new,
        f.volunteers_screened,
        f.volunteers_active,
        f.volunteers_waiting,
        f.volunteers_free,
    ) == (1, 3, 1, 0, 1)
    # V2 is in both programmes: counted in each, once in the total.
    t = stats.total.counts
    assert (
        t.volunteers_new,
        t.volunteers_screened,
        t.volunteers_active,
        t.volunteers_waiting,
        t.volunteers_free,
    ) == (4, 4, 2, 1, 2)
    districts = _rows(stats.by_district)
    assert [
        (
            d.counts.volunteers_new,
            d.counts.volunteers_screened,
            d.counts.volunteers_active,
            d.counts.volunteers_waiting,
            d.counts.volunteers_free,
        )
        for d in (districts[k] for k in ("eickel", "wanne", "herne-mitte", "sodingen"))
    ] == [(2, 1, 0, 1, 1), (0, 2, 1, 0, 1), (1, 1, 1, 0, 0), (1, 0, 0, 0, 0)]


def test_requests(scenario):
    stats = collect(make_filter(scenario), today=TODAY)
    by_programme = _rows(stats.by_programme)

    def figures(c: Counts):
        return c.requests_new, c.requests_open, c.requests_waiting, c.requests_matched

    assert figures(by_programme["ausbildungspaten"].counts) == (2, 3, 2, 1)
    assert figures(by_programme["familienpaten"].counts) == (2, 1, 1, 1)
    assert figures(stats.total.counts) == (4, 4, 3, 2)
    districts = _rows(stats.by_district)
    assert figures(districts["eickel"].counts) == (1, 1, 1, 1)
    assert figures(districts["wanne"].counts) == (1, 3, 2, 0)
    assert figures(districts["herne-mitte"].counts) == (1, 0, 0, 1)
    assert figures(districts["sodingen"].counts) == (1, 0, 0, 0)  # the erased request


def test_tandems_and_end_reasons(scenario):
    stats = collect(make_filter(scenario), today=TODAY)
    by_programme = _rows(stats.by_programme)

    def figures(c: Counts):
        return c.tandems_started, c.tandems_active, c.tandems_ended

    assert figures(by_programme["ausbildungspaten"].counts) == (2, 1, 1)
    assert figures(by_programme["familienpaten"].counts) == (2, 1, 1)
    assert figures(stats.total.counts) == (4, 2, 2)
    assert stats.total.counts.end_reasons == {
        EndReason.GOALS_REACHED: 0,
        EndReason.MOVED_AWAY: 1,
        EndReason.NO_TIME: 1,
        EndReason.DID_NOT_FIT: 0,
        EndReason.OTHER: 0,
    }
    districts = _rows(stats.by_district)
    assert figures(districts["eickel"].counts) == (2, 1, 1)
    assert figures(districts["herne-mitte"].counts) == (1, 1, 0)
    assert figures(districts["wanne"].counts) == (0, 0, 0)
    # Both partners of T3 were erased: the tandem still counts, without a district.
    assert figures(districts["ohne-angabe"].counts) == (1, 0, 1)
    assert districts["ohne-angabe"].counts.end_reasons[EndReason.MOVED_AWAY] == 1


def test_waiting_times_median_and_p90(scenario):
    stats = collect(make_filter(scenario), today=TODAY)
    total = stats.total.waiting
    assert total.count == 4
    assert total.median == pytest.approx(49.5)  # (30 + 69) / 2
    assert total.p90 == pytest.approx(76.7)  # 69 + 0.7 × (80 − 69)
    by_programme = _rows(stats.by_programme)
    a, f = by_programme["ausbildungspaten"].waiting, by_programme["familienpaten"].waiting
    assert (a.count, a.median, a.p90) == (2, pytest.approx(55), pytest.approx(75))
    assert (f.count, f.median, f.p90) == (2, pytest.approx(41.5), pytest.approx(63.5))
    districts = _rows(stats.by_district)
    assert districts["eickel"].waiting.median == pytest.approx(47)  # 80 and 14
    assert districts["herne-mitte"].waiting.median == 69
    assert districts["ohne-angabe"].waiting.median == 30  # from the kept sign-up date


def test_check_ins_due_until_today(scenario):
    stats = collect(make_filter(scenario), today=TODAY)
    by_programme = _rows(stats.by_programme)
    assert (
        by_programme["ausbildungspaten"].counts.checkins_due,
        by_programme["ausbildungspaten"].counts.checkins_done,
    ) == (4, 3)
    assert (
        by_programme["familienpaten"].counts.checkins_due,
        by_programme["familienpaten"].counts.checkins_done,
    ) == (2, 1)
    assert (stats.total.counts.checkins_due, stats.total.counts.checkins_done) == (6, 4)
    # Seen on 04.04.2026, the check-ins due later are not yet due.
    early = collect(make_filter(scenario), today=date(2026, 4, 4))
    assert (early.total.counts.checkins_due, early.total.counts.checkins_done) == (4, 4)


def test_supply_against_demand(scenario):
    stats = collect(make_filter(scenario), today=TODAY)
    balance = {b.key: b for b in stats.balance}
    assert (balance["eickel"].volunteers_free, balance["eickel"].requests_waiting) == (1, 1)
    assert (balance["wanne"].volunteers_free, balance["wanne"].requests_waiting) == (1, 2)
    assert balance["wanne"].missing == 1
    assert balance["eickel"].missing == 0
    assert stats.most_missing.key == "wanne"


def test_waiting_list_over_time(scenario):
    stats = collect(make_filter(scenario), today=TODAY)
    assert [m.month for m in stats.months] == [date(2026, m, 1) for m in range(1, 7)]
    # January: R2, R3 (erased, via its tandem), R6 (open again since 15.12.2025), R8.
    assert [m.waiting for m in stats.months] == [4, 4, 3, 3, 3, 3]
    assert [m.new_requests for m in stats.months] == [2, 1, 1, 0, 0, 0]
    assert [m.started for m in stats.months] == [1, 1, 2, 0, 0, 0]
    assert sum(m.new_requests for m in stats.months) == stats.total.counts.requests_new


def test_empty_programme_is_listed_with_zeros(scenario):
    stats = collect(make_filter(scenario), today=TODAY)
    empty = _rows(stats.by_programme)["klein-trifft-gross"]
    assert empty.counts == Counts()
    assert (empty.waiting.count, empty.waiting.median, empty.waiting.p90) == (0, None, None)


def test_period_without_data(scenario):
    stats = collect(make_filter(scenario, date(2020, 1, 1), date(2020, 12, 31)), today=TODAY)
    t = stats.total.counts
    assert (
        t.volunteers_new,
        t.requests_new,
        t.tandems_started,
        t.tandems_active,
        t.tandems_ended,
        t.checkins_due,
    ) == (0, 0, 0, 0, 0, 0)
    assert stats.total.waiting.median is None
    assert len(stats.months) == 12
    assert {(m.waiting, m.new_requests, m.started) for m in stats.months} == {(0, 0, 0)}
    # Stock figures describe today whatever the period.
    assert t.requests_waiting == 3


def test_no_programmes_gives_empty_statistics(app):
    stats = collect(Filter(date(2026, 1, 1), date(2026, 6, 30), ()), today=TODAY)
    assert stats.by_programme == []
    assert stats.total.counts == Counts()
    assert [m.waiting for m in stats.months] == [0] * 6


def test_department_filter_limits_programmes(scenario):
    fb43 = db.session.scalar(select(Department.id).where(Department.code == "fb43"))
    stats = collect(make_filter(scenario, departments=[fb43]), today=TODAY)
    assert [row.key for row in stats.by_programme] == ["familienpaten"]
    t = stats.total.counts
    # V2 is active only in Ausbildungspaten, which is not counted here.
    assert (t.volunteers_new, t.volunteers_screened, t.volunteers_active, t.volunteers_free) == (
        1,
        3,
        1,
        1,
    )
    assert (t.requests_new, t.tandems_started) == (2, 2)


def test_erased_people_are_counted_but_never_listed(scenario):
    stats = collect(make_filter(scenario), today=TODAY)
    sodingen = _rows(stats.by_district)["sodingen"].counts
    assert (sodingen.volunteers_new, sodingen.requests_new) == (1, 1)
    # Nothing in the statistics carries a person: only labels and numbers.
    for row in [*stats.by_programme, *stats.by_district, stats.total]:
        assert "Test" not in row.label and "@" not in row.label


def test_erasure_keeps_the_anonymous_counts(scenario):
    """Erase people with the privacy operation: flows stay, nobody reappears by name."""
    from mentoring.models import MenteeRequest, Volunteer
    from mentoring.operations.erasure import erase_person

    before = collect(make_filter(scenario), today=TODAY)
    mitte = place("mitte").id
    v3 = db.session.scalar(select(Volunteer.id).where(Volunteer.place_id == mitte))
    r2 = db.session.scalar(
        select(MenteeRequest.id).where(
            MenteeRequest.programme_id == scenario["familienpaten"],
            MenteeRequest.status == "matched",
        )
    )
    erase_person(kind="volunteer", person_id=v3, staff=None, today=TODAY)
    erase_person(kind="request", person_id=r2, staff=None, today=TODAY)
    after = collect(make_filter(scenario), today=TODAY)
    # (Not checkins_due: ending a tandem on erasure deletes its check-ins not held, even overdue.)
    for name in ("volunteers_new", "requests_new", "tandems_started", "checkins_done"):
        assert getattr(after.total.counts, name) == getattr(before.total.counts, name), name
    assert after.total.waiting == before.total.waiting  # T2's wait is still counted
    assert _rows(after.by_district)["herne-mitte"].counts.requests_new == 1
    labels = {row.label for row in [*after.by_programme, *after.by_district]}
    assert not any("Test" in label or "gelöscht" in label.lower() for label in labels)


def test_paused_volunteers_and_held_requests_are_neither_supply_nor_demand(scenario):
    before = collect(make_filter(scenario), today=TODAY).total.counts
    assert before.volunteers_free and before.requests_waiting
    later = clock.today() + timedelta(days=30)
    db.session.execute(update(Volunteer).values(paused_until=later))
    db.session.execute(update(MenteeRequest).values(on_hold=True, on_hold_until=later))
    db.session.commit()
    after = collect(make_filter(scenario), today=TODAY).total.counts
    assert (after.volunteers_waiting, after.volunteers_free, after.requests_waiting) == (0, 0, 0)
    assert after.requests_open == before.requests_open  # still open, only not matchable now
    assert after.volunteers_screened == before.volunteers_screened
