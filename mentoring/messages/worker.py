"""The delivery worker on huey: tasks, periodic jobs, the queue storage and the embedded mode.

Storage from MESSAGE_QUEUE_URL: `redis://…` in production (several worker processes may run,
`flask worker`), `sqlite:///…` on one machine (development), `memory://` in tests.

- `deliver_message(id)` is queued after each commit that queued a message (outbox notifier);
  a retry is the same task scheduled for its `next_attempt_at`.
- `sweep` (every minute) queues again every waiting e-mail that is due: a message whose queue
  entry was lost (Redis down at commit time, a restarted queue) still goes out.
- `daily_jobs` (03:15 Europe/Berlin) runs the deletion periods (`flask privacy purge`) and
  deletes message bodies after MESSAGE_BODY_RETENTION_DAYS.
- `reminder_jobs` (every hour at :05, acting from DIGEST_HOUR UTC on) sends the coordinators'
  daily digest and the §72a reminders (mentoring.operations.reminders); what was sent is
  recorded, so the later runs of the day, a restarted worker or a second worker send nothing twice.

`make run` starts the consumer as threads of the development server (MESSAGE_WORKER_EMBEDDED):
a real consumer with scheduler and retries, unlike huey's immediate mode, which runs tasks
inline and would make a retry block the request.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from flask import Flask
from huey import Huey, crontab
from huey.consumer import Consumer
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from mentoring.messages import outbox, smtp

log = logging.getLogger(__name__)

QUEUE_NAME = "mentoring-messages"

# Storage is replaced in init_app from MESSAGE_QUEUE_URL; tasks register on this object.
huey = Huey(QUEUE_NAME, storage_class=MemoryStorage, results=False, utc=True)

_app: Flask | None = None
_embedded: Consumer | None = None
_embedded_lock = threading.Lock()


def storage_for(url: str):
    if url.startswith("memory:"):
        return MemoryStorage(QUEUE_NAME)
    if url.startswith("sqlite:///"):
        return SqliteStorage(QUEUE_NAME, filename=url.removeprefix("sqlite:///"))
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStorage(QUEUE_NAME, url=url)
    raise ValueError("MESSAGE_QUEUE_URL must start with memory:, sqlite:/// or redis://")


def init_app(app: Flask) -> None:
    """Bind the queue to this app: its storage, the outbox notifier, the embedded consumer."""
    global _app
    _app = app
    url = app.config["MESSAGE_QUEUE_URL"]
    if getattr(huey, "_url", None) != url:
        huey.storage = storage_for(url)
        huey._url = url
    outbox.set_notifier(_enqueue)
    if app.config.get("MESSAGE_WORKER_EMBEDDED"):
        start_embedded()


def _enqueue(message_id: int, at: datetime | None) -> None:
    if at is None or at <= datetime.now(UTC):
        deliver_message(message_id)
    else:
        deliver_message.schedule((message_id,), eta=at)


def _in_app(func, *args):
    if _app is None:
        raise RuntimeError("mentoring.messages.worker.init_app was not called")
    with _app.app_context():
        return func(*args)


@huey.on_startup()
def _keep_smtp_connections() -> None:
    """A worker thread keeps its SMTP connection between messages (checked with NOOP)."""
    smtp.keep_open()


@huey.on_shutdown()
def _close_smtp_connection() -> None:
    smtp.close()


@huey.task()
def deliver_message(message_id: int) -> None:
    from mentoring.operations.delivery import deliver

    _in_app(deliver, message_id)


@huey.periodic_task(crontab(minute="*"))
def sweep() -> None:
    _in_app(_sweep)


def _sweep() -> int:
    from mentoring.operations.delivery import deliver, due_message_ids, mail_configured

    if not mail_configured():
        return 0
    count = 0
    with smtp.batch():
        for message_id in due_message_ids():
            deliver(message_id)
            count += 1
    return count


# 02:15 UTC is 03:15 in Herne in winter, 04:15 in summer: after the nightly backup (02:30 local).
@huey.periodic_task(crontab(hour="2", minute="15"))
def daily_jobs() -> None:
    _in_app(run_daily_jobs)


def run_daily_jobs() -> dict:
    """The deletion periods and the message bodies past their retention, each committing."""
    from mentoring.operations.messages import delete_old_bodies
    from mentoring.operations.purge import purge

    report = purge(today=None, dry_run=False).text()
    deleted = delete_old_bodies()
    log.info("daily jobs done: message bodies deleted=%s", deleted)
    return {"purge": report, "message_bodies": deleted}


@huey.periodic_task(crontab(minute="5"))
def reminder_jobs() -> None:
    _in_app(run_reminders_if_due)


def run_reminders_if_due(now: datetime | None = None) -> dict | None:
    """The reminder jobs, once the day's DIGEST_HOUR (UTC) has come."""
    from flask import current_app

    from mentoring.operations.reminders import run_reminder_jobs

    now = now or datetime.now(UTC)
    if now.hour < current_app.config["DIGEST_HOUR"]:
        return None
    return run_reminder_jobs()


class _EmbeddedConsumer(Consumer):
    """A consumer inside another process: threads only, the host keeps its signal handlers."""

    def _set_signal_handlers(self):
        pass


def consumer(workers: int = 1) -> Consumer:
    return Consumer(huey, workers=workers, worker_type="thread", periodic=True)


def start_embedded() -> Consumer:
    """Start one worker thread and the scheduler in this process (once)."""
    global _embedded
    with _embedded_lock:
        if _embedded is None:
            _embedded = _EmbeddedConsumer(huey, workers=1, worker_type="thread", periodic=True)
            _embedded.start()
            log.info("delivery worker started in this process")
        return _embedded


def stop_embedded() -> None:
    global _embedded
    with _embedded_lock:
        if _embedded is not None:
            _embedded.stop(graceful=True)
            _embedded = None
