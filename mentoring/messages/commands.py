"""flask worker | flask messages deliver | daily | reminders: the delivery worker's commands."""

import logging

import click
from flask.cli import AppGroup

from mentoring.messages import worker

messages_cli = AppGroup("messages", help="Nachrichten: Zustellung und tägliche Aufgaben.")


@click.command("worker")
@click.option("--workers", default=2, show_default=True, help="Threads, die zustellen.")
def worker_command(workers: int):
    """Run the delivery worker (huey consumer with the periodic jobs) until stopped."""
    logging.basicConfig(level=logging.INFO)
    worker.consumer(workers=workers).run()


@messages_cli.command("deliver")
def deliver_command():
    """Deliver every due e-mail now, in this process (without the queue)."""
    count = worker._sweep()
    click.echo(f"{count} Nachricht(en) bearbeitet.")


@messages_cli.command("daily")
def daily_command():
    """Run the daily jobs now: deletion periods and old message bodies."""
    report = worker.run_daily_jobs()
    click.echo(f"Nachrichtentexte gelöscht: {report['message_bodies']}")


@messages_cli.command("reminders")
def reminders_command():
    """Run the reminder jobs now: today's digests and the §72a reminders (each only once)."""
    from mentoring.operations.reminders import run_reminder_jobs

    report = run_reminder_jobs()
    click.echo(
        f"Tagesübersichten: {report['digests']}, Erinnerungen Führungszeugnis: "
        f"{report['police_checks']}"
    )
