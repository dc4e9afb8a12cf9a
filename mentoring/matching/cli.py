"""Command line: ``python -m mentoring.matching solve INSTANCE.json``."""

from __future__ import annotations

import argparse
import json
import sys


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line."""
    parser = argparse.ArgumentParser(prog="python -m mentoring.matching")
    commands = parser.add_subparsers(dest="command", required=True)
    solve = commands.add_parser("solve", help="assign mentees to mentors; result JSON on stdout")
    solve.add_argument("instance", help="columnar JSON instance file")
    solve.add_argument("--objective", choices=("coverage", "score"), default="coverage")
    solve.add_argument("--method", choices=("optimal", "greedy"), default="optimal")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (2 for bad input)."""
    args = build_parser().parse_args(argv)
    from .assign import assign
    from .io import InstanceError, id_rank, load_instance, result_document

    try:
        instance = load_instance(args.instance)
    except InstanceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = assign(
        (instance.mentor, instance.mentee, instance.score),
        instance.capacity,
        objective=args.objective,
        method=args.method,
        n_mentees=len(instance.mentee_ids),
        mentor_rank=id_rank(instance.mentor_ids),
        mentee_rank=id_rank(instance.mentee_ids),
    )
    json.dump(
        result_document(instance, result), sys.stdout, ensure_ascii=False, separators=(",", ":")
    )
    sys.stdout.write("\n")
    return 0
