"""docs/datenschutz.md (Art. 30 record) is generated and must match the code."""

from pathlib import Path

from flask import current_app

from mentoring.extensions import db
from mentoring.privacy.docs import UNDESCRIBED, render_record

DOCS = Path(__file__).resolve().parents[2] / "docs" / "datenschutz.md"


def test_committed_record_matches_the_generator(app):
    assert DOCS.read_text(encoding="utf-8") == render_record(current_app.config), (
        "docs/datenschutz.md is stale: run `flask privacy docs`"
    )


def test_every_table_and_column_is_described(app):
    text = render_record(current_app.config)
    assert UNDESCRIBED not in text
    for table in db.metadata.sorted_tables:
        assert f"`{table.name}`" in text


def test_record_states_the_configured_periods(app):
    current_app.config["PURGE_TANDEM_NOTES_MONTHS"] = 18
    assert "Tandems: 18 Monate nach dem Ende" in render_record(current_app.config)


def test_cli_check_reports_a_stale_file(app, tmp_path):
    stale = tmp_path / "datenschutz.md"
    stale.write_text("alt", encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["privacy", "docs", "--check", "--output", str(stale)])
    assert result.exit_code != 0 and "veraltet" in result.output
    assert runner.invoke(args=["privacy", "docs", "--output", str(stale)]).exit_code == 0
    assert runner.invoke(args=["privacy", "docs", "--check", "--output", str(stale)]).exit_code == 0
