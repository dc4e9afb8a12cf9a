"""The thank-you when a tandem ends and the questionnaire behind its signed link."""

import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.messages import worker
from mentoring.messages.reminders import feedback_token
from mentoring.models import AuditEntry, EndReason, Message, TandemFeedback, TandemStatus
from mentoring.operations.delivery import deliver
from mentoring.operations.tandems import end_tandem
from mentoring.operations.withdrawal import stop_processing
from tests.support.factories import make_request, make_tandem, make_volunteer, today
from tests.support.forms import csrf_token
from tests.support.smtp import html_part, mail_config, smtp_server, text_part

ANSWERS = {
    "satisfaction": "4",
    "would_recommend": "yes",
    "went_well": "Wir haben viel gelacht.",
    "could_be_better": "",
}


@pytest.fixture(autouse=True)
def empty_queue(app):
    worker.huey.flush()
    yield
    worker.huey.flush()


def running_tandem(volunteer_language="de", request_language="ar"):
    now = datetime.now(UTC)
    volunteer = make_volunteer(correspondence_language=volunteer_language, email_confirmed_at=now)
    request_row = make_request(
        correspondence_language=request_language, locale=request_language, email_confirmed_at=now
    )
    return make_tandem(volunteer, request_row)


def ended_tandem(coordinator, **languages):
    tandem = running_tandem(**languages)
    end_tandem(
        tandem_id=tandem.id,
        staff=coordinator,
        reason=EndReason.GOALS_REACHED,
        ended_on=today(),
    )
    return tandem


def thanks() -> list[Message]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Message).where(Message.kind == "tandem_thanks").order_by(Message.id)
        )
    )


def feedback_section(page: str) -> str:
    return page.split('<h2 id="rueckmeldungen">')[1].split("</section>")[0]


def link_in(text: str) -> str:
    return re.search(r"https://mentoring\.example\.org(/rueckmeldung/\S+)", text).group(1)


def test_ending_a_tandem_thanks_both_sides_in_their_languages(app, coordinator):
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        tandem = ended_tandem(coordinator)
        sent = thanks()
        assert [(m.volunteer_id, m.request_id, m.locale) for m in sent] == [
            (tandem.volunteer_id, None, "de"),
            (None, tandem.request_id, "ar"),
        ]
        for message in sent:
            assert deliver(message.id) == "sent"
        mails = inbox.wait_for(2)
    german = next(m for m in mails if m["Content-Language"] == "de")
    arabic = next(m for m in mails if m["Content-Language"] == "ar")
    assert german["Subject"] == "Vielen Dank für Ihre Zeit im Tandem"
    assert "Ohne Menschen wie Sie gäbe es dieses Angebot nicht." in text_part(german)
    assert "/rueckmeldung/" in text_part(german)
    assert '<html lang="ar" dir="rtl">' in html_part(arabic)
    assert "Vielen Dank" not in arabic["Subject"]
    assert "/rueckmeldung/" in text_part(arabic)


def test_no_thanks_to_a_person_who_withdrew_consent(app, coordinator):
    tandem = running_tandem()
    stop_processing("volunteer", tandem.volunteer, None, today())
    db.session.commit()
    assert [m.request_id for m in thanks()] == [tandem.request_id]


def test_questionnaire_stores_one_answer_per_side(app, client, coordinator):
    tandem = ended_tandem(coordinator)
    url = link_in(thanks()[0].body_text)
    page = client.get(url)
    assert page.status_code == 200
    assert "Wie zufrieden waren Sie insgesamt mit dem Tandem?" in page.get_data(as_text=True)
    response = client.post(
        url, data={**ANSWERS, "csrf_token": csrf_token(page.get_data(as_text=True))}
    )
    assert response.status_code == 200
    assert "Ihre Antworten sind bei uns angekommen." in response.get_data(as_text=True)
    # The same link again: no second answer.
    again = client.get(url).get_data(as_text=True)
    assert "Sie haben diese Fragen schon beantwortet." in again
    client.post(
        url,
        data={
            **ANSWERS,
            "satisfaction": "1",
            "csrf_token": csrf_token(page.get_data(as_text=True)),
        },
    )
    [answer] = db.session.scalars(select(TandemFeedback)).all()
    assert (answer.tandem_id, answer.side, answer.satisfaction) == (tandem.id, "volunteer", 4)
    assert answer.would_recommend is True and answer.could_be_better is None
    assert answer.programme_id == tandem.programme_id
    # The other side answers on its own link.
    other = link_in(thanks()[1].body_text)
    page = client.get(other)
    client.post(
        other,
        data={
            **ANSWERS,
            "would_recommend": "no",
            "csrf_token": csrf_token(page.get_data(as_text=True)),
        },
    )
    assert db.session.query(TandemFeedback).count() == 2
    details = db.session.scalars(
        select(AuditEntry.detail).where(AuditEntry.action == "tandem_feedback")
    ).all()
    assert sorted(details) == ["feedback:request", "feedback:volunteer"]


def test_questionnaire_in_arabic_right_to_left(app, client, coordinator):
    ended_tandem(coordinator)
    page = client.get(link_in(thanks()[1].body_text) + "?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in page and 'lang="ar"' in page
    assert "Wie zufrieden" not in page


def test_missing_answers_give_clear_messages(app, client, coordinator):
    ended_tandem(coordinator)
    url = link_in(thanks()[0].body_text)
    page = client.get(url)
    response = client.post(
        url, data={"csrf_token": csrf_token(page.get_data(as_text=True)), "went_well": "x" * 2001}
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Bitte wählen Sie, wie zufrieden Sie waren." in text
    assert "Bitte wählen Sie Ja oder Nein." in text
    assert "höchstens 2000 Zeichen" in text
    assert db.session.query(TandemFeedback).count() == 0


def test_post_without_csrf_is_refused(app, client, coordinator):
    ended_tandem(coordinator)
    url = link_in(thanks()[0].body_text)
    response = client.post(url, data=ANSWERS)
    assert response.status_code == 400
    assert db.session.query(TandemFeedback).count() == 0


def test_tampered_and_expired_links_give_a_clear_page(app, client, coordinator):
    tandem = ended_tandem(coordinator)
    token = feedback_token(tandem.id, "volunteer")
    tampered = client.get(f"/rueckmeldung/{token[:-3]}abc")
    assert tampered.status_code == 400
    assert "Dieser Link ist ungültig." in tampered.get_data(as_text=True)
    app.config["FEEDBACK_LINK_DAYS"] = 0
    time.sleep(1.1)
    expired = client.get(f"/rueckmeldung/{token}")
    assert expired.status_code == 400
    assert "Dieser Link ist abgelaufen." in expired.get_data(as_text=True)


def test_link_of_a_running_tandem_stores_nothing(app, client):
    tandem = running_tandem()
    url = f"/rueckmeldung/{feedback_token(tandem.id, 'volunteer')}"
    page = client.get(url)
    response = client.post(
        url, data={**ANSWERS, "csrf_token": csrf_token(page.get_data(as_text=True))}
    )
    assert "Diese Befragung gibt es nicht mehr." in response.get_data(as_text=True)
    assert db.session.query(TandemFeedback).count() == 0
    assert tandem.status is TandemStatus.ACTIVE


def test_committee_report_shows_the_aggregates_without_free_texts(app, admin_client):
    tandems = [running_tandem() for _ in range(3)]
    for n, tandem in enumerate(tandems):
        tandem.status = TandemStatus.ENDED
        for side, score in (("volunteer", 5), ("request", 3 + (n == 0))):
            db.session.add(
                TandemFeedback(
                    tandem_id=tandem.id,
                    programme_id=tandem.programme_id,
                    side=side,
                    satisfaction=score,
                    would_recommend=not (side == "request" and n == 2),
                    went_well="Geheimer Freitext",
                )
            )
    db.session.commit()
    period = {"von": (today() - timedelta(days=30)).isoformat(), "bis": today().isoformat()}
    committee = admin_client.get("/dashboard/berichte/ausschuss", query_string=period)
    page = feedback_section(committee.get_data(as_text=True))
    row = re.search(r"<th scope=\"row\">Ausbildungspaten</th>(.*?)</tr>", page, re.S).group(1)
    cells = re.findall(r'<td class="number">([^<]*)</td>', row)
    assert cells == ["6", "4,2", "83 %"]  # (5*3 + 4 + 3 + 3) / 6 = 4.17; 5 of 6 recommend
    assert "Geheimer Freitext" not in page
    # Fewer than 5 answers: hidden in the committee report.
    db.session.query(TandemFeedback).filter(TandemFeedback.side == "request").delete()
    db.session.commit()
    page = feedback_section(
        admin_client.get("/dashboard/berichte/ausschuss", query_string=period).get_data(
            as_text=True
        )
    )
    row = re.search(r"<th scope=\"row\">Ausbildungspaten</th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r'<td class="number">([^<]*)</td>', row) == ["&lt; 5", "–", "–"]


def test_auskunft_holds_only_the_own_answer_and_erasure_keeps_only_the_figures(app, coordinator):
    from mentoring.operations.erasure import erase_person
    from mentoring.personal_data.records import related_rows

    tandem = ended_tandem(coordinator)
    for side, text in (("volunteer", "Text der Ehrenamtlichen"), ("request", "Text der Familie")):
        db.session.add(
            TandemFeedback(
                tandem_id=tandem.id,
                programme_id=tandem.programme_id,
                side=side,
                satisfaction=5,
                would_recommend=True,
                went_well=text,
            )
        )
    db.session.commit()
    rows = related_rows("volunteer", tandem.volunteer_id).tables["tandem_feedback"]
    assert [r["went_well"] for r in rows] == ["Text der Ehrenamtlichen"]
    erase_person(kind="volunteer", person_id=tandem.volunteer_id, staff=coordinator)
    db.session.expire_all()
    answers = {f.side: f for f in db.session.scalars(select(TandemFeedback))}
    assert answers["volunteer"].went_well is None and answers["volunteer"].satisfaction == 5
    assert answers["request"].went_well == "Text der Familie"
