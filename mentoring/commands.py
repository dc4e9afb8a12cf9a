"""Command-line commands: flask seed, flask demo load."""

import click
from flask import Flask
from flask.cli import AppGroup

from mentoring.operations.reference import seed_reference_data

demo_cli = AppGroup("demo", help="Demo and synthetic data.")


@click.command("seed")
def seed_command():
    """Load Herne's reference data (districts, programmes, languages, tags)."""
    created = seed_reference_data()
    click.echo(f"Referenzdaten: {created} neue Einträge.")


@demo_cli.command("load")
@click.option("--volunteers", type=click.IntRange(min=0), default=None,
              help="Synthetic set with this many volunteers (default: the demo set of about 60).")
@click.option("--requests", type=click.IntRange(min=0), default=None,
              help="Synthetic set with this many requests (default: the demo set of about 150).")
@click.option("--seed", type=int, default=2021, show_default=True, help="Random seed.")
@click.option("--if-empty", is_flag=True, help="Do nothing when people are already stored.")
def demo_load(volunteers, requests, seed, if_empty):
    """Fill the database with fictional, deterministic demo data and a demo staff account."""
    from mentoring.demo.loader import load_demo

    seed_reference_data()
    report = load_demo(volunteers=volunteers, requests=requests, seed=seed, if_empty=if_empty)
    click.echo(report)


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(demo_cli)
