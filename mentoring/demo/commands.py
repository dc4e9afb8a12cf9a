"""flask demo load, flask demo tandems: fictional people and synthetic tandem histories."""

import click
from flask.cli import AppGroup

from mentoring.demo.histories import generate_histories
from mentoring.demo.loader import load_demo
from mentoring.exceptions import OperationError
from mentoring.operations.reference import seed_reference_data

demo_cli = AppGroup("demo", help="Demo and synthetic data.")


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
    seed_reference_data()
    try:
        report = load_demo(volunteers=volunteers, requests=requests, seed=seed, if_empty=if_empty)
    except OperationError as refusal:
        raise click.ClickException(str(refusal)) from None
    click.echo(report)


@demo_cli.command("tandems")
@click.option("--seed", type=int, default=2021, show_default=True, help="Random seed.")
@click.option(
    "--share",
    type=click.FloatRange(0, 1),
    default=0.45,
    show_default=True,
    help="Share of the open requests that get a tandem.",
)
def demo_tandems(seed, share):
    """Create tandems with first meetings, check-ins and endings for stored people."""
    click.echo(generate_histories(seed=seed, share=share))
