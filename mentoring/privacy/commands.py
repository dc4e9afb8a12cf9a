"""flask privacy purge | docs: deletion periods and the record of processing activities."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from mentoring import clock

privacy_cli = AppGroup("privacy", help="Datenschutz: Löschfristen und Verarbeitungsverzeichnis.")

DOCS_PATH = Path("docs") / "datenschutz.md"


@privacy_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Nur anzeigen, was gelöscht würde.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Stichtag (JJJJ-MM-TT), Standard: heute.",
)
def purge_command(dry_run: bool, today):
    """Apply the deletion periods; safe to run daily from cron."""
    from mentoring.operations.purge import purge

    report = purge(today=today.date() if today else None, dry_run=dry_run)
    click.echo(report.text())


@privacy_cli.command("docs")
@click.option("--check", is_flag=True, help="Nur prüfen, ob die Datei aktuell ist.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Zieldatei, Standard: docs/datenschutz.md im Projekt.",
)
def docs_command(check: bool, output: Path | None):
    """Write docs/datenschutz.md (Art. 30 DSGVO) from the configuration and the data model."""
    from mentoring.privacy.docs import render_record

    target = output or Path(current_app.root_path).parent / DOCS_PATH
    text = render_record(current_app.config)
    if check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            raise click.ClickException(f"{target} ist veraltet: flask privacy docs ausführen.")
        click.echo(f"{target} ist aktuell.")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(f"{target} geschrieben ({clock.today():%d.%m.%Y}).")
