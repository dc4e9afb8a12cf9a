"""Message bodies go after MESSAGE_BODY_RETENTION_DAYS; the daily job runs on the worker;
no body and no address ever reaches a log line."""

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.messages import worker
from mentoring.messages.flows import signup_confirmation
from mentoring.models import Message, MessageState
from mentoring.operations.delivery import deliver
from mentoring.operations.messages import delete_old_bodies
from tests.support.factories import make_volunteer
from tests.support.forms import post_form, volunteer_form
from tests.support.smtp import free_port, mail_config, smtp_server


def old_message(days: int, state=MessageState.SENT) -> Message:
    message = signup_confirmation("volunteer", make_volunteer())
    message.state = state
    message.created_at = datetime.now(UTC) - timedelta(days=days)
    db.session.commit()
    return message


def test_bodies_past_the_retention_period_are_deleted_and_the_rows_stay(app):
    app.config["MESSAGE_BODY_RETENTION_DAYS"] = 180
    old = old_message(181)
    recent = old_message(179)
    waiting = old_message(200, MessageState.WAITING)  # not out yet: kept for delivery
    assert delete_old_bodies() == 1
    db.session.expire_all()
    old, recent, waiting = (db.session.get(Message, m.id) for m in (old, recent, waiting))
    assert old.subject is old.body_text is old.body_html is old.attachments is None
    assert old.body_deleted_at is not None and old.to_address  # where it went stays
    assert recent.body_text and waiting.body_text
    assert delete_old_bodies() == 0


def test_the_daily_job_purges_and_deletes_old_bodies(app):
    old_message(400)
    report = worker.run_daily_jobs()
    assert report["message_bodies"] == 1
    assert "purge" in report
    periodic = {task.__name__ for task in worker.huey._registry._periodic_tasks}
    assert {"daily_jobs", "sweep"} <= periodic


def test_cli_runs_the_daily_jobs(app):
    old_message(400)
    result = app.test_cli_runner().invoke(args=["messages", "daily"])
    assert result.exit_code == 0 and "Nachrichtentexte gelöscht: 1" in result.output


def test_no_address_and_no_text_in_any_log_line(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        post_form(client, "/anmelden/ehrenamt", volunteer_form())
        message = db.session.scalar(select(Message))
        assert deliver(message.id) == "sent"
        inbox.rcpt_reply = "550 unknown"
        retry = signup_confirmation("volunteer", make_volunteer(email="zweite@example.org"))
        db.session.commit()
        assert deliver(retry.id) == "failed"
    app.config.update(mail_config(free_port()))
    third = signup_confirmation("volunteer", make_volunteer(email="dritte@example.org"))
    db.session.commit()
    assert deliver(third.id) == "retry"
    ours = [r for r in caplog.records if r.name.startswith(("mentoring", "huey"))]
    assert ours, "the delivery logs its steps"
    text = "\n".join(r.getMessage() for r in ours)
    for secret in ("gisela.kowalski@example.org", "Kowalski", "zweite@", "dritte@", "Guten Tag"):
        assert secret not in text
    assert f"message sent id={message.id}" in text
