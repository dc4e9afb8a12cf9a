"""At most once: a real worker process (`flask worker`) killed between the SMTP server's
acceptance and the record of it delivers nothing twice; staff see "unklar" and may resend."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.messages import worker
from mentoring.models import Message, MessageState
from tests.support.forms import post_form, press, volunteer_form
from tests.support.login import login
from tests.support.smtp import mail_config, smtp_server, wait_until

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shared_queue(app, tmp_path):
    """The test process and the worker processes share a SQLite queue file."""
    url = f"sqlite:///{tmp_path / 'queue.sqlite'}"
    app.config["MESSAGE_QUEUE_URL"] = url
    worker.init_app(app)
    yield url
    app.config["MESSAGE_QUEUE_URL"] = "memory://"
    worker.init_app(app)


def start_worker(app, queue_url: str, port: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "FLASK_APP": "app",
        "PYTHONPATH": str(ROOT),
        "MENTORING_ENV": "development",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(port),
        "MESSAGE_QUEUE_URL": queue_url,
        "MESSAGE_WORKER_EMBEDDED": "0",
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [str(Path(sys.executable).parent / "flask"), "worker", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def message_state(message_id: int) -> Message:
    db.session.expire_all()
    return db.session.get(Message, message_id)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_worker_killed_between_send_and_record_delivers_nothing_twice(
    app, client, coordinator, shared_queue, tmp_path
):
    log = tmp_path / "worker.log"
    with smtp_server() as (inbox, port):
        app.config.update(mail_config(port))
        first = start_worker(app, shared_queue, port, log)
        # The server takes the message, then the worker dies before it hears the "250".
        inbox.on_data = lambda: os.kill(first.pid, signal.SIGKILL)
        try:
            post_form(client, "/anmelden/ehrenamt", volunteer_form())
            message_id = db.session.scalar(select(Message.id))
            inbox.wait_for(1, timeout=60)
            assert first.wait(timeout=30) == -signal.SIGKILL
        finally:
            stop(first)
        inbox.on_data = None
        assert message_state(message_id).state is MessageState.SENDING

        second = start_worker(app, shared_queue, port, log)
        try:
            worker.deliver_message(message_id)  # the queue entry comes back, as after a restart
            wait_until(lambda: worker.huey.pending_count() == 0, timeout=60)
            time.sleep(1.5)  # the task ran (or would have): still one mail
            assert worker._sweep() == 0  # nothing is due: "sending" is never retried
            assert len(inbox.messages) == 1
            message = message_state(message_id)
            assert message.state is MessageState.SENDING and message.attempts == 1

            # After the grace period staff see it as "unklar" and decide.
            message.next_attempt_at -= timedelta(minutes=6)
            db.session.commit()
            login(client, coordinator)
            page = client.get("/dashboard/nicht-zugestellt").get_data(as_text=True)
            assert "unklar" in page
            url = f"/dashboard/nachrichten/{message_id}"
            response = press(client, url, f"{url}/erneut-senden")
            assert response.status_code == 302
            mails = inbox.wait_for(2, timeout=60)
        finally:
            stop(second)
    assert len(mails) == 2
    assert mails[0]["Message-ID"] != mails[1]["Message-ID"]
    copy = db.session.scalar(select(Message).where(Message.resend_of_id == message_id))
    assert message_state(copy.id).state is MessageState.SENT
    assert mails[1]["Message-ID"] == copy.message_id
