"""The command line on the columnar JSON format, run as a subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

VALID = {
    "mentors": {"id": ["a", "b"], "capacity": [1, 1]},
    "mentees": {"id": ["x", "y", "z"]},
    "candidates": {"mentor": ["a", "a", "b"], "mentee": ["x", "y", "y"], "score": [0.9, 0.8, 0.3]},
}


def run(tmp_path, instance, *args):
    path = tmp_path / "instance.json"
    path.write_text(instance if isinstance(instance, str) else json.dumps(instance))
    return run_path(path, *args)


def run_path(path, *args):
    return subprocess.run(
        [sys.executable, "-m", "mentoring.matching", "solve", str(path), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_solves_and_prints_the_result(tmp_path):
    out = run(tmp_path, VALID)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {
        "objective": "coverage",
        "method": "optimal",
        "matched": 2,
        "total_score": 1.2,
        "pairs": {"mentor": ["a", "b"], "mentee": ["x", "y"], "score": [0.9, 0.3]},
        "unmatched": ["z"],
    }


@pytest.mark.parametrize("objective", ["coverage", "score"])
@pytest.mark.parametrize("method", ["optimal", "greedy"])
def test_objectives_and_methods(tmp_path, objective, method):
    out = run(tmp_path, VALID, "--objective", objective, "--method", method)
    result = json.loads(out.stdout)
    assert (result["objective"], result["method"]) == (objective, method)
    assert result["matched"] == len(result["pairs"]["mentee"])


def test_coverage_versus_score(tmp_path):
    instance = {
        "mentors": {"id": ["a", "b"], "capacity": [1, 1]},
        "mentees": {"id": ["x", "y"]},
        "candidates": {
            "mentor": ["a", "a", "b"],
            "mentee": ["x", "y", "x"],
            "score": [1, 0.2, 0.1],
        },
    }
    coverage = json.loads(run(tmp_path, instance).stdout)
    assert coverage["matched"] == 2 and coverage["total_score"] == 0.3
    by_score = json.loads(run(tmp_path, instance, "--objective", "score").stdout)
    assert (
        by_score["matched"] == 1 and by_score["total_score"] == 1 and by_score["unmatched"] == ["y"]
    )


def test_empty_instance_is_valid(tmp_path):
    empty = {
        "mentors": {"id": [], "capacity": []},
        "mentees": {"id": []},
        "candidates": {"mentor": [], "mentee": [], "score": []},
    }
    out = run(tmp_path, empty)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["pairs"] == {"mentor": [], "mentee": [], "score": []}
    assert json.loads(out.stdout)["matched"] == 0


def with_(path: str, value):
    data = json.loads(json.dumps(VALID))
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[key]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return data


BAD = {
    "unknown mentor id": (with_("candidates.mentor", ["a", "q", "b"]), "unknown mentor id 'q'"),
    "unknown mentee id": (with_("candidates.mentee", ["x", "y", "w"]), "unknown mentee id 'w'"),
    "duplicate mentor id": (with_("mentors.id", ["a", "a"]), "duplicate mentor id 'a'"),
    "duplicate mentee id": (with_("mentees.id", ["x", "y", "x"]), "duplicate mentee id 'x'"),
    "duplicate pair": (
        with_("candidates", {"mentor": ["a", "a"], "mentee": ["x", "x"], "score": [0.1, 0.2]}),
        "duplicate candidate pair",
    ),
    "score above 1": (with_("candidates.score", [0.9, 1.5, 0.3]), "candidates.score[1]"),
    "score below 0": (with_("candidates.score", [0.9, -0.1, 0.3]), "candidates.score[1]"),
    "score not a number": (with_("candidates.score", [0.9, "0.5", 0.3]), "must be a number"),
    "score boolean": (with_("candidates.score", [0.9, True, 0.3]), "must be a number"),
    "negative capacity": (with_("mentors.capacity", [1, -1]), "mentors.capacity[1]"),
    "fractional capacity": (with_("mentors.capacity", [1, 1.5]), "whole number"),
    "id not a string": (with_("mentees.id", ["x", 2, "z"]), "mentees.id[1] must be a string"),
    "missing table": (with_("mentees", KeyError), "missing key 'mentees'"),
    "missing column": (with_("candidates.score", KeyError), "missing key candidates.score"),
    "column not a list": (with_("mentors.capacity", 3), "mentors.capacity must be a list"),
    "unequal columns": (with_("mentors.capacity", [1]), "unequal lengths"),
    "not an object": ([1, 2], "must be a JSON object"),
    "malformed JSON": ('{"mentors": ', "malformed JSON"),
    "NaN score": (
        '{"mentors": {"id": ["a"], "capacity": [1]}, "mentees": {"id": ["x"]},'
        ' "candidates": {"mentor": ["a"], "mentee": ["x"], "score": [NaN]}}',
        "candidates.score[0]",
    ),  # fmt: skip
}


@pytest.fixture(scope="module")
def bad_runs(tmp_path_factory):
    """Start every bad-input run at once (start-up dominates), each test then waits for its own."""
    folder = tmp_path_factory.mktemp("bad")
    started = {}
    for k, (name, (instance, _message)) in enumerate(BAD.items()):
        path = folder / f"{k}.json"
        path.write_text(instance if isinstance(instance, str) else json.dumps(instance))
        started[name] = subprocess.Popen(
            [sys.executable, "-m", "mentoring.matching", "solve", str(path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    yield started
    for process in started.values():
        process.communicate(timeout=300)


@pytest.mark.parametrize("name", BAD.keys())
def test_bad_input_exits_2_with_one_line(bad_runs, name):
    message = BAD[name][1]
    stdout, stderr = bad_runs[name].communicate(timeout=300)
    out = subprocess.CompletedProcess([], bad_runs[name].returncode, stdout, stderr)
    assert out.returncode == 2
    assert out.stdout == ""
    assert message in out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_missing_file_exits_2(tmp_path):
    out = run_path(tmp_path / "nope.json")
    assert out.returncode == 2
    assert "cannot read" in out.stderr and out.stderr.count("\n") == 1


def test_directory_instead_of_file_exits_2(tmp_path):
    out = run_path(tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_unknown_objective_is_a_usage_error(tmp_path):
    out = run(tmp_path, VALID, "--objective", "fastest")
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_the_command_line_loads_neither_flask_nor_sqlalchemy(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(VALID))
    script = (
        "import sys\n"
        "from mentoring.matching.cli import main\n"
        f"main(['solve', {str(path)!r}])\n"
        "print([name for name in ('flask', 'sqlalchemy') if name in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[0])["matched"] == 2
    assert out.stdout.splitlines()[-1] == "[]"
