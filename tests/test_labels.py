"""Every stored code that staff read has a German label."""

import re
from pathlib import Path

from mentoring import labels

ROOT = Path(__file__).resolve().parent.parent
AUDIT_CALL = re.compile(r'audit\.record(?:_now)?\(\s*"([a-z0-9_]+)"(?:,\s*"([a-z_]+)")?')


def _audit_calls() -> set[tuple[str, str | None]]:
    found = set()
    for path in (ROOT / "mentoring").rglob("*.py"):
        for action, subject in AUDIT_CALL.findall(path.read_text(encoding="utf-8")):
            found.add((action, subject or None))
    return found


def test_every_audit_action_and_subject_in_the_code_has_a_label():
    calls = _audit_calls()
    assert len(calls) > 20  # the pattern still finds the calls
    assert sorted(a for a, _ in calls if a not in labels.AUDIT_ACTIONS) == []
    subjects = {s for _, s in calls if s}
    assert sorted(subjects - set(labels.AUDIT_SUBJECTS)) == []


def test_every_enum_member_has_a_label():
    for enum_type, texts in labels.ENUM_LABELS.items():
        assert set(texts) == set(enum_type), enum_type.__name__


def test_label_reads_enum_values_and_plain_strings(app):
    from mentoring.models import TandemStatus

    assert labels.label(TandemStatus.ENDED) == "beendet"
    assert labels.label("ended", "TandemStatus") == "beendet"
    assert labels.label("no-such-value", "TandemStatus") == "no-such-value"
    assert labels.label(None) == ""
