"""Command-line commands: flask seed, flask staff, and the demo and privacy groups."""

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy.engine import make_url

from mentoring.database_roles import grant_app_role
from mentoring.demo.commands import demo_cli
from mentoring.extensions import db
from mentoring.messages.commands import messages_cli, worker_command
from mentoring.models import StaffRole
from mentoring.operations import OperationError
from mentoring.operations.reference import seed_reference_data
from mentoring.operations.staff import create_staff
from mentoring.privacy.commands import privacy_cli

staff_cli = AppGroup("staff", help="Staff accounts.")


@click.command("seed")
def seed_command():
    """Load Herne's reference data (districts, programmes, languages, tags)."""
    created = seed_reference_data()
    click.echo(f"Referenzdaten: {created} neue Einträge.")


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


@click.command("grant-app-role")
@click.argument("role", required=False)
@click.option("--for-url", help="Take the role from this database URL (the app's DATABASE_URL).")
def grant_app_role_command(role, for_url):
    """As the owner: let ROLE read and write rows, but not truncate, alter or drop anything."""
    role = role or (make_url(for_url).username if for_url else None)
    if not role:
        raise click.UsageError("Name the role, or give --for-url with a user in it.")
    try:
        with db.engine.begin() as conn:
            grant_app_role(conn, role)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Rechte für die Anwendungsrolle {role} gesetzt.")


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(grant_app_role_command)
    app.cli.add_command(demo_cli)
    app.cli.add_command(staff_cli)
    app.cli.add_command(privacy_cli)
    app.cli.add_command(messages_cli)
    app.cli.add_command(worker_command)
