"""Postausgang, Nicht zugestellt, the letters PDF (DIN 5008, checked with pypdf), resend."""

import io
import re

from pypdf import PdfReader
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.messages.flows import signup_confirmation
from mentoring.models import AuditEntry, Message, MessageChannel, MessageState
from tests.support.factories import make_request, make_volunteer
from tests.support.forms import csrf_token, press


def letter_for(person, kind="volunteer", locale=None):
    if locale:
        person.locale = locale
    person.contact_channel = "letter"
    person.street, person.house_number = "Hauptstraße", "7"
    message = signup_confirmation(kind, person)
    db.session.commit()
    return message


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_days_letters_print_as_one_pdf_and_are_marked_printed(app, staff_client):
    volunteer = make_volunteer()
    family = make_request(locale="ar")
    first = letter_for(volunteer)
    second = letter_for(family, "request")
    page = staff_client.get("/dashboard/postausgang")
    html = page.get_data(as_text=True)
    assert "2 Briefe warten." in html
    pdf = staff_client.get("/dashboard/postausgang/briefe.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.data))
    assert len(reader.pages) >= 2
    text = pdf_text(pdf.data)
    assert volunteer.full_name in text and "Hauptstraße 7" in text
    assert f"{volunteer.postal_code} Herne" in text
    assert volunteer.reference in text and family.reference in text
    assert "Stadt Herne · Friedrich-Ebert-Platz 2 · 44623 Herne" in text  # return line
    assert "Wie geht es weiter?" in text
    assert "e-mail-bestaetigen" not in text
    ids = re.search(r'name="ids" type="hidden" value="([\d,]+)"', html)
    ids = ids or re.search(r'id="ids" name="ids" type="hidden" value="([\d,]+)"', html)
    response = staff_client.post(
        "/dashboard/postausgang/briefe/gedruckt",
        data={"csrf_token": csrf_token(html), "ids": f"{first.id},{second.id}"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    states = db.session.scalars(select(Message.state)).all()
    assert states == [MessageState.PRINTED, MessageState.PRINTED]
    assert db.session.scalar(select(func.count()).where(AuditEntry.action == "letter_printed")) == 2
    assert "Keine Briefe zu drucken." in staff_client.get("/dashboard/postausgang").get_data(
        as_text=True
    )


def test_the_address_sits_in_the_window_of_a_din_5008_letter(app, staff_client):
    letter_for(make_volunteer())
    data = staff_client.get("/dashboard/postausgang/briefe.pdf").data
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 210  # A4
    assert round(float(page.mediabox.height) / 72 * 25.4) == 297
    found = []

    def visitor(text, cm, tm, font_dict, font_size):
        if "Hauptstraße 7" in text:
            # The text matrix in the page's coordinates (WeasyPrint scales and flips with cm).
            found.append(
                (
                    tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
                    tm[4] * cm[1] + tm[5] * cm[3] + cm[5],
                )
            )

    page.extract_text(visitor_text=visitor)
    [(x, y)] = found
    x_mm, top_mm = x / 72 * 25.4, 297 - y / 72 * 25.4
    assert 19.9 <= x_mm <= 30  # window: 20 mm from the left edge, 85 mm wide
    assert 50 <= top_mm <= 90  # window: 45 mm to 90 mm from the top


def test_the_message_page_shows_the_text_and_a_failed_one_can_be_resent(app, staff_client):
    volunteer = make_volunteer()
    message = signup_confirmation("volunteer", volunteer)
    message.state, message.last_error = MessageState.FAILED, "smtp_550"
    db.session.commit()
    url = f"/dashboard/nachrichten/{message.id}"
    page = staff_client.get(url).get_data(as_text=True)
    assert volunteer.reference in page and "smtp_550" in page and "fehlgeschlagen" in page
    undelivered = staff_client.get("/dashboard/nicht-zugestellt").get_data(as_text=True)
    assert volunteer.full_name in undelivered
    response = press(staff_client, url, f"{url}/erneut-senden")
    assert response.status_code == 302
    copy = db.session.scalar(select(Message).where(Message.resend_of_id == message.id))
    assert copy.state is MessageState.WAITING and copy.channel is MessageChannel.EMAIL
    assert copy.message_id != message.message_id and copy.body_text == message.body_text
    assert (
        db.session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "message_resent"))
        == f"of={message.id}"
    )
    person = staff_client.get(f"/dashboard/ehrenamtliche/{volunteer.id}").get_data(as_text=True)
    assert person.count("Bestätigung der Anmeldung") == 2


def test_another_departments_messages_stay_hidden(app, client_b, world_a):
    assert client_b.get(f"/dashboard/nachrichten/{world_a['message_id']}").status_code == 404
    page = client_b.get("/dashboard/postausgang").get_data(as_text=True)
    assert "Alphamentor" not in page
