"""Benchmark the outbox: N messages queued in committed transactions, delivered by the huey
worker to a local SMTP server (aiosmtpd); messages/s and commit → delivery p50/p95.

    .venv/bin/python bench/messages.py                       # 10,000 messages, SQLite, 4 threads
    .venv/bin/python bench/messages.py --database-url postgresql+psycopg://postgres@127.0.0.1/bench_messages
    .venv/bin/python bench/messages.py --messages 2000 --workers 8 --queue-url sqlite:////tmp/q.db

The SMTP server runs in this process (a thread), as do the producer and the worker threads; the
database is fresh (a temporary SQLite file, or the given PostgreSQL database, emptied first).
Every message is a real sign-up confirmation rendered from the templates.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MENTORING_ENV", "development")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=4, help="worker threads")
    parser.add_argument("--batch", type=int, default=50, help="messages per committed transaction")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--queue-url", default="memory://")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--write", default=str(ROOT / "bench" / "RESULTS-messages.md"))
    args = parser.parse_args()

    from aiosmtpd.controller import Controller
    from flask_migrate import upgrade
    from sqlalchemy import func, select, text

    from config import DevelopmentConfig
    from mentoring.extensions import db
    from mentoring.factory import create_app
    from mentoring.messages import worker
    from mentoring.messages.flows import signup_confirmation
    from mentoring.models import Message, MessageState
    from mentoring.operations.reference import seed_reference_data
    from tests.support.factories import make_volunteer
    from tests.support.smtp import free_port

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    tmp = tempfile.mkdtemp(prefix="bench-messages-")
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite"
    port = free_port()
    settings = {
        "SQLALCHEMY_DATABASE_URI": url,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "MESSAGE_QUEUE_URL": args.queue_url,
        "MESSAGE_WORKER_EMBEDDED": False,
        "PUBLIC_BASE_URL": "https://mentoring.example.org",
    }
    app = create_app(type("BenchConfig", (DevelopmentConfig,), settings))

    arrived: dict[str, float] = {}
    lock = threading.Lock()

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            now = time.perf_counter()
            for line in envelope.content.split(b"\r\n"):
                if line.lower().startswith(b"message-id:"):
                    with lock:
                        arrived[line.split(b":", 1)[1].strip().decode()] = now
                    break
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        seed_reference_data()
        volunteer = make_volunteer(email="bench@example.org")
        volunteer_id = volunteer.id
        db.session.remove()

    consumer = worker._EmbeddedConsumer(
        worker.huey, workers=args.workers, worker_type="thread", periodic=False
    )
    consumer.start()
    committed: dict[str, float] = {}
    started = time.perf_counter()
    with app.app_context():
        from mentoring.models import Volunteer

        person = db.session.get(Volunteer, volunteer_id)
        done = 0
        while done < args.messages:
            ids = []
            for _ in range(min(args.batch, args.messages - done)):
                ids.append(signup_confirmation("volunteer", person).message_id)
            db.session.commit()
            at = time.perf_counter()
            committed.update((message_id, at) for message_id in ids)
            done += len(ids)
        queued = time.perf_counter()
        deadline = time.monotonic() + args.timeout
        while len(arrived) < args.messages and time.monotonic() < deadline:
            time.sleep(0.2)
        finished = time.perf_counter()
        consumer.stop(graceful=True)
        sent = db.session.scalar(select(func.count()).where(Message.state == MessageState.SENT))
        backend = db.engine.dialect.name
        db.session.remove()
        db.engine.dispose()
    controller.stop()

    latencies = [(arrived[m] - committed[m]) * 1000 for m in committed if m in arrived]
    duplicates = sent - len(arrived) if sent > len(arrived) else 0
    rate = len(arrived) / (max(arrived.values()) - started) if arrived else 0
    rows = [
        ("database", backend),
        ("queue", args.queue_url.split(":", 1)[0]),
        ("worker threads", str(args.workers)),
        ("messages committed", f"{len(committed):,}"),
        ("delivered (distinct Message-IDs)", f"{len(arrived):,}"),
        ("state 'sent'", f"{sent:,}"),
        ("queueing (render + commit)", f"{queued - started:.1f} s"),
        ("all delivered after", f"{finished - started:.1f} s"),
        ("throughput", f"{rate:.0f} messages/s"),
        ("commit → delivery p50", f"{statistics.median(latencies):.0f} ms" if latencies else "-"),
        ("commit → delivery p95", f"{percentile(latencies, 0.95):.0f} ms" if latencies else "-"),
    ]
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    print(f"| measure | value |\n|---|---:|\n{table}")
    if duplicates:
        print(f"WARNING: {duplicates} more 'sent' rows than delivered messages")
    if args.write:
        with open(args.write, "a", encoding="utf-8") as out:
            out.write(
                f"\n## {time.strftime('%Y-%m-%d %H:%M')} — {backend}, "
                f"{args.workers} threads, load {os.getloadavg()[0]:.1f}\n\n"
                f"| measure | value |\n|---|---:|\n{table}\n"
            )
    return 0 if len(arrived) == args.messages else 1


if __name__ == "__main__":
    sys.exit(main())
