"""flask demo tandems: synthetic tandem histories for the statistics."""

import click

from mentoring.reports.histories import generate_histories


@click.command("tandems")
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
