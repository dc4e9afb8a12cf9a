"""Render time of the main dashboard pages on SQLite and PostgreSQL with a large data set.

For each database: a fresh database, the migrations, `flask seed` and
`flask demo load --volunteers 5000 --requests 20000` (in subprocesses, as an operator would run
them); then the demo admin logs in through Flask's test client and every page in PAGES is
rendered N times after one warm-up. Prints median and 95th percentile per page and writes
bench/RESULTS-dashboard.md.

    .venv/bin/python bench/dashboard.py                    # both databases, N=50
    .venv/bin/python bench/dashboard.py --only sqlite -n 20
    .venv/bin/python bench/dashboard.py --skip-load        # reuse the databases of the last run

Colleagues: add your pages to PAGES (a URL, or a function of the ids found in the data).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Environment overrides let helpers on one machine bench without sharing a database.
SQLITE_PATH = Path(os.environ.get("BENCH_SQLITE_PATH", "/tmp/mentoring_bench.sqlite"))
DATABASES = {
    "SQLite": f"sqlite:///{SQLITE_PATH}",
    "PostgreSQL": os.environ.get(
        "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/mentoring_bench"
    ),
}
VOLUNTEERS, REQUESTS = 5000, 20000
TARGET_P95_MS = 150

# (label, endpoint, URL values; "{name}" is replaced by an id found in the data). Extend freely.
PAGES = [
    ("Startseite", "dashboard.index", {}),
    ("Ehrenamtliche", "intake.volunteers", {}),
    ("Ehrenamtliche, Seite 40", "intake.volunteers", {"seite": 40}),
    ("Ehrenamtliche, Suche", "intake.volunteers", {"q": "schmidt"}),
    (
        "Ehrenamtliche, Filter",
        "intake.volunteers",
        {"status": "screening", "waiting": 30, "district": "{district_id}"},
    ),
    ("Ehrenamtliche, Doppelte", "intake.volunteers", {"duplicates": "y"}),
    ("Ehrenamtliche/r", "intake.volunteer_detail", {"volunteer_id": "{volunteer_id}"}),
    ("Anfragen", "intake.requests", {}),
    ("Anfragen, Seite 400", "intake.requests", {"seite": 400}),
    ("Anfragen, Suche", "intake.requests", {"q": "mueller"}),
    (
        "Anfragen, Filter",
        "intake.requests",
        {"status": "new", "waiting": 90, "programme": "{programme_id}"},
    ),
    ("Anfragen, Doppelte", "intake.requests", {"duplicates": "y"}),
    ("Anfrage", "intake.request_detail", {"request_id": "{request_id}"}),
    ("Import", "intake.volunteer_import", {}),
    ("Vermittlung", "proposals.overview", {}),
    ("Vermittlungslauf", "proposals.run", {"run_id": "{run_id}"}),
    ("Vermittlungslauf, Seite 2", "proposals.run", {"run_id": "{run_id}", "seite": 2}),
    ("Tandems", "tandems.index", {}),
    ("Tandems, Seite 2", "tandems.index", {"seite": 2}),
    ("Datenschutz-Protokoll", "privacy.audit_log", {}),
    ("Datenschutz-Protokoll, Seite 5", "privacy.audit_log", {"seite": 5}),
    (
        "Wer passt? (Ehrenamtliche/r)",
        "proposals.fit_for_volunteer",
        {"volunteer_id": "{fit_volunteer_id}"},
    ),
    ("Wer passt? (Anfrage)", "proposals.fit_for_request", {"request_id": "{fit_request_id}"}),
]
# Pages with another target (a matching run is a POST that computes and stores a whole run).
RUN_LABEL = "Vermittlungslauf berechnen"
TARGETS_MS = {RUN_LABEL: 2000, "Wer passt?": 300}
RUN_REPEAT = 5


def prepare(url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "FLASK_APP": "app", "MENTORING_ENV": "development"}
    if url.startswith("sqlite"):
        SQLITE_PATH.unlink(missing_ok=True)
    else:
        subprocess.run(
            [sys.executable, "-m", "tests.pgdb", "recreate", url], cwd=ROOT, check=True, env=env
        )
    flask = str(Path(sys.executable).with_name("flask"))
    for args in (
        ["db", "upgrade"],
        ["seed"],
        ["demo", "load", "--volunteers", str(VOLUNTEERS), "--requests", str(REQUESTS)],
    ):
        started = time.perf_counter()
        subprocess.run([flask, *args], cwd=ROOT, check=True, env=env, stdout=subprocess.DEVNULL)
        print(f"  flask {' '.join(args)}: {time.perf_counter() - started:.1f} s", flush=True)


def measure(url: str, repeat: int) -> dict[str, tuple[float, float, int]]:
    from flask import url_for
    from sqlalchemy import func, select

    from config import DevelopmentConfig
    from mentoring.demo.staff import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD
    from mentoring.extensions import db
    from mentoring.factory import create_app
    from mentoring.models import (
        MatchingRun,
        MenteeRequest,
        Place,
        Programme,
        RequestStatus,
        Volunteer,
        VolunteerStatus,
    )
    from mentoring.models.people import volunteer_programmes

    class BenchConfig(DevelopmentConfig):
        SQLALCHEMY_DATABASE_URI = url
        SESSION_COOKIE_SECURE = False
        STAFF_IDLE_MINUTES = 24 * 60

    app = create_app(BenchConfig)
    with app.app_context():
        ids = {
            "volunteer_id": db.session.scalar(select(func.max(Volunteer.id))),
            "request_id": db.session.scalar(select(func.max(MenteeRequest.id))),
            "run_id": db.session.scalar(select(func.max(MatchingRun.id))),
            "programme_id": db.session.scalar(select(func.min(Programme.id))),
            "district_id": db.session.scalar(select(func.min(Place.district_id))),
            "count": db.session.scalar(select(func.count()).select_from(Volunteer)),
        }
        # The largest programme (most open requests): its run, and "who fits?" within it.
        largest = db.session.scalar(
            select(MenteeRequest.programme_id)
            .where(MenteeRequest.status == RequestStatus.OPEN)
            .group_by(MenteeRequest.programme_id)
            .order_by(func.count().desc(), MenteeRequest.programme_id)
            .limit(1)
        )
        ids["largest_programme_id"] = largest
        ids["fit_request_id"] = db.session.scalar(
            select(func.max(MenteeRequest.id)).where(
                MenteeRequest.programme_id == largest, MenteeRequest.status == RequestStatus.OPEN
            )
        )
        ids["fit_volunteer_id"] = db.session.scalar(
            select(func.max(Volunteer.id))
            .join(volunteer_programmes, volunteer_programmes.c.volunteer_id == Volunteer.id)
            .where(
                volunteer_programmes.c.programme_id == largest,
                Volunteer.status == VolunteerStatus.READY,
            )
        )
        db.session.remove()
    client = app.test_client()
    page = client.get("/mitarbeitende/anmelden").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(
        "/mitarbeitende/anmelden",
        data={"csrf_token": token, "email": DEMO_STAFF_EMAIL, "password": DEMO_STAFF_PASSWORD},
    )
    assert response.status_code == 302, "login failed"
    results = {}
    for label, endpoint, values in PAGES:
        values = {k: v.format(**ids) if isinstance(v, str) else v for k, v in values.items()}
        if "None" in values.values():  # e.g. no matching run in the data
            continue
        with app.test_request_context():
            path = url_for(endpoint, **values)
        status = client.get(path).status_code  # warm-up (template compilation, caches)
        assert status == 200, f"{path}: {status}"
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        results[label] = _summary(label, times)
    with app.test_request_context():
        run_path = url_for("proposals.programme", programme_id=ids["largest_programme_id"])
    results[RUN_LABEL] = _time_run(client, run_path)
    with app.app_context():
        db.engine.dispose()
    return results


def _summary(label: str, times: list[float]) -> tuple[float, float, int]:
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
    print(f"  {label:28} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms", flush=True)
    return statistics.median(times), p95, len(times)


def _time_run(client, path: str) -> tuple[float, float, int]:
    """A matching run of the largest programme through the page: POST, compute, store, redirect."""
    times = []
    for _ in range(RUN_REPEAT + 1):
        page = client.get(path).get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        data = {"csrf_token": token, "objective": "coverage", "method": "optimal"}
        started = time.perf_counter()
        response = client.post(path, data=data)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 302, f"{path}: {response.status_code}"
    return _summary(RUN_LABEL, times[1:])  # the first one warms up


def _target(label: str) -> float:
    return next(
        (ms for prefix, ms in TARGETS_MS.items() if label.startswith(prefix)), TARGET_P95_MS
    )


def write_results(all_results: dict, repeat: int, load: tuple[float, float]) -> Path:
    names = list(all_results)
    lines = [
        "# Dashboard render times",
        "",
        f"`bench/dashboard.py`: {VOLUNTEERS} volunteers, {REQUESTS} requests "
        f"(`flask demo load`), logged in as the demo admin (sees everything), N={repeat} renders "
        "per page after one warm-up, Flask test client (no network, no browser). "
        f'Target: p95 under {TARGET_P95_MS} ms; "Wer passt?" under {TARGETS_MS["Wer passt?"]} ms; '
        f"a matching run of the largest programme (POST through the page, {RUN_REPEAT} runs "
        f"after one warm-up) under {TARGETS_MS[RUN_LABEL]} ms.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. Load average (1 min) at start / end: "
        f"{load[0]:.1f} / {load[1]:.1f} — on a shared machine a load above the core count "
        "inflates the times, the p95 most.",
        "",
        "| page | " + " | ".join(f"{n} median ms | {n} p95 ms" for n in names) + " |",
        "|---|" + "---:|---:|" * len(names),
    ]
    labels = [label for label, *_ in PAGES] + [RUN_LABEL]
    labels = [label for label in labels if any(label in r for r in all_results.values())]
    for label in labels:
        cells = []
        for name in names:
            if label in all_results[name]:
                median, p95, _ = all_results[name][label]
                flag = " ⚠" if p95 > _target(label) else ""
                cells += [f"{median:.1f}", f"{p95:.1f}{flag}"]
            else:
                cells += ["–", "–"]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "⚠ = above the target.", ""]
    path = ROOT / "bench" / "RESULTS-dashboard.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--repeat", type=int, default=50)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args()
    results = {}
    load_start = os.getloadavg()[0]
    for name, url in DATABASES.items():
        if args.only and args.only != name.lower():
            continue
        print(f"{name}:", flush=True)
        if not args.skip_load:
            prepare(url)
        results[name] = measure(url, args.repeat)
    load = (load_start, os.getloadavg()[0])
    print(f"written: {write_results(results, args.repeat, load)}")


if __name__ == "__main__":
    main()
