"""Command-line commands: flask seed, flask demo load."""

import click
from flask import Flask
from flask.cli import AppGroup

from mentoring.models import StaffRole
from mentoring.operations import OperationError
from mentoring.operations.auth import create_staff
from mentoring.operations.reference import seed_reference_data
from mentoring.privacy.commands import privacy_cli

demo_cli = AppGroup("demo", help="Demo and synthetic data.")
staff_cli = AppGroup("staff", help="Staff accounts.")


@click.command("seed")
def seed_command():
    """Load Herne's reference data (districts, programmes, languages, tags)."""
    created = seed_reference_data()
    click.echo(f"Referenzdaten: {created} neue Einträge.")


@demo_cli.command("load")
@click.option(
    "--volunteers",
    type=click.IntRange(min=0),
    default=None,
    help="Synthetic set with this many volunteers (default: the demo set of about 60).",
)
@click.option(
    "--requests",
    type=click.IntRange(min=0),
    default=None,
    help="Synthetic set with this many requests (default: the demo set of about 150).",
)
@click.option("--seed", type=int, default=2021, show_default=True, help="Random seed.")
@click.option("--if-empty", is_flag=True, help="Do nothing when people are already stored.")
def demo_load(volunteers, requests, seed, if_empty):
    """Fill the database with fictional, deterministic demo data and a demo staff account."""
    from mentoring.demo.loader import load_demo

    seed_reference_data()
    report = load_demo(volunteers=volunteers, requests=requests, seed=seed, if_empty=if_empty)
    click.echo(report)


@staff_cli.command("create")
@click.option("--email", prompt="E-Mail-Adresse")
@click.option("--name", prompt="Name")
@click.option(
    "--role", type=click.Choice([r.value for r in StaffRole]), default="admin", show_default=True
)
@click.option(
    "--department", "departments", multiple=True, help="Department code (repeatable), e.g. fb41."
)
@click.password_option("--password", prompt="Passwort (mindestens 12 Zeichen)")
def staff_create(email, name, role, departments, password):
    """Create a staff account, e.g. the first admin."""
    try:
        user = create_staff(
            email=email,
            name=name,
            password=password,
            role=StaffRole(role),
            department_codes=list(departments),
        )
    except OperationError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Konto angelegt: {user.email} ({user.role.value})")


def init_app(app: Flask) -> None:
    from mentoring.reports.commands import demo_tandems

    demo_cli.add_command(demo_tandems)
    app.cli.add_command(seed_command)
    app.cli.add_command(demo_cli)
    app.cli.add_command(staff_cli)
    app.cli.add_command(privacy_cli)
