"""Benchmark the statistics page and the committee PDF on a large synthetic data set.

For each database (a fresh SQLite file and a fresh PostgreSQL database): migrations,
`flask seed`, `flask demo load --volunteers 5000 --requests 20000`, `flask demo tandems`; then an
admin logs in through the login form and the test client renders the statistics page 50 times
and the PDF 5 times (after one untimed warm-up each). Prints median and p95 and writes
bench/RESULTS-reports.md.

    .venv/bin/python bench/reports.py                      # both databases
    .venv/bin/python bench/reports.py --databases sqlite   # SQLite only
    .venv/bin/python bench/reports.py --pages 20 --pdfs 3 --volunteers 1000 --requests 4000
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_URL = os.environ.get(
    "BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/mentoring_bench_reports"
)
TARGET_PAGE_P95_MS = 300
TARGET_PDF_S = 5
ADMIN_EMAIL = "bench-admin@example.org"
ADMIN_PASSWORD = "Benchmark Kaffeetasse 2026"


def flask(url: str, *args: str) -> float:
    """Run a flask CLI command against the database; return its wall time in seconds."""
    env = {**os.environ, "FLASK_APP": "app", "MENTORING_ENV": "development", "DATABASE_URL": url}
    start = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "flask"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def prepare(url: str, volunteers: int, requests: int) -> dict[str, float]:
    if url.startswith("postgresql"):
        from tests.pgdb import recreate

        recreate(url)
    return {
        "migrate": flask(url, "db", "upgrade"),
        "seed": flask(url, "seed"),
        "demo load": flask(
            url, "demo", "load", "--volunteers", str(volunteers), "--requests", str(requests)
        ),
        "demo tandems": flask(url, "demo", "tandems"),
    }


def percentile(values: list[float], q: float) -> float:
    from mentoring.reports.queries import percentile as linear

    return linear(values, q)


def measure(url: str, pages: int, pdfs: int) -> dict:
    from sqlalchemy import func, select

    from config import DevelopmentConfig
    from mentoring.extensions import db
    from mentoring.factory import create_app
    from mentoring.models import CheckIn, MenteeRequest, StaffRole, StaffUser, Tandem, Volunteer

    config = type(
        "BenchConfig",
        (DevelopmentConfig,),
        {"SQLALCHEMY_DATABASE_URI": url, "SESSION_COOKIE_SECURE": False},
    )
    app = create_app(config)
    with app.app_context():
        if db.session.scalar(select(StaffUser).where(StaffUser.email == ADMIN_EMAIL)) is None:
            admin = StaffUser(email=ADMIN_EMAIL, name="Benchmark", role=StaffRole.ADMIN)
            admin.set_password(ADMIN_PASSWORD)
            db.session.add(admin)
            db.session.commit()
        sizes = {
            "volunteers": db.session.scalar(select(func.count(Volunteer.id))),
            "requests": db.session.scalar(select(func.count(MenteeRequest.id))),
            "tandems": db.session.scalar(select(func.count(Tandem.id))),
            "check-ins": db.session.scalar(select(func.count(CheckIn.id))),
        }
        db.session.remove()
    client = app.test_client()
    login_page = client.get("/mitarbeitende/anmelden").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    response = client.post(
        "/mitarbeitende/anmelden",
        data={"csrf_token": token, "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
    )
    assert response.status_code == 302, "login failed"
    # The default filter: the last twelve months, all programmes.
    page_times, page_cpu, pdf_times = [], [], []
    for run in range(pages + 1):
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get("/dashboard/berichte/")
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert response.status_code == 200 and b"Statistik" in response.data
        if run:
            page_times.append(elapsed * 1000)
            page_cpu.append(cpu * 1000)
    for run in range(pdfs + 1):
        start = time.perf_counter()
        response = client.get("/dashboard/berichte/ausschuss.pdf")
        elapsed = time.perf_counter() - start
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        if run:
            pdf_times.append(elapsed)
    return {
        "sizes": sizes,
        "page_median_ms": statistics.median(page_times),
        "page_p95_ms": percentile(page_times, 0.95),
        "page_cpu_median_ms": statistics.median(page_cpu),
        "pdf_median_s": statistics.median(pdf_times),
        "pdf_max_s": max(pdf_times),
        "pdf_bytes": len(response.data),
    }


def load_average() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def write_results(results: dict, args) -> Path:
    lines = [
        "# Reports benchmark",
        "",
        f"Measured on {date.today().isoformat()} by `bench/reports.py` on this machine "
        f"({os.cpu_count()} cores, Python {platform.python_version()}, other work running "
        "beside it). Data: `flask demo load --volunteers "
        f"{args.volunteers} --requests {args.requests}` plus `flask demo tandems` (seed 2021). "
        f"Statistics page: {args.pages} renders, PDF: {args.pdfs} renders, each after one "
        "untimed warm-up, through the Flask test client as a logged-in admin (default filter: "
        "the last twelve months, all programmes). p95 by linear interpolation. CPU: this "
        "process's CPU time per page (SQLite's work included, PostgreSQL's server not). Load "
        "average (1 min) before and after each database's measurement: on this shared 2-core "
        "machine a load above 2 inflates the wall times.",
        "",
        "| database | volunteers | requests | tandems | check-ins | statistics page median | "
        "statistics page p95 | page CPU median | PDF median | PDF slowest | PDF size | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        s = r["sizes"]
        lines.append(
            f"| {name} | {s['volunteers']} | {s['requests']} | {s['tandems']} | "
            f"{s['check-ins']} | {r['page_median_ms']:.0f} ms | {r['page_p95_ms']:.0f} ms | "
            f"{r['page_cpu_median_ms']:.0f} ms | {r['pdf_median_s']:.2f} s | "
            f"{r['pdf_max_s']:.2f} s | {r['pdf_bytes'] // 1024} KiB | {r['load']} |"
        )
    lines += [
        "",
        f"Targets: statistics page p95 < {TARGET_PAGE_P95_MS} ms, PDF < {TARGET_PDF_S} s.",
        "",
        "Preparation (wall time of the CLI commands):",
        "",
    ]
    for name, r in results.items():
        steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in r["prepare"].items())
        lines.append(f"- {name}: {steps}")
    path = ROOT / "bench" / "RESULTS-reports.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--volunteers", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--pdfs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="Print only.")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"SQLite": f"sqlite:///{tmp}/bench.sqlite", "PostgreSQL": PG_URL}
        for name, url in urls.items():
            if name.lower() not in args.databases.lower():
                continue
            print(f"{name}: preparing …", flush=True)
            prepared = prepare(url, args.volunteers, args.requests)
            before = load_average()
            result = measure(url, args.pages, args.pdfs)
            result["prepare"] = prepared
            result["load"] = f"{before} → {load_average()}"
            results[name] = result
            print(
                f"{name}: {result['sizes']}; statistics page median "
                f"{result['page_median_ms']:.0f} ms, p95 {result['page_p95_ms']:.0f} ms "
                f"(CPU {result['page_cpu_median_ms']:.0f} ms); load {result['load']}; "
                f"PDF median {result['pdf_median_s']:.2f} s, slowest "
                f"{result['pdf_max_s']:.2f} s",
                flush=True,
            )
    if results and not args.no_write:
        print(f"written: {write_results(results, args)}")
    ok = all(
        r["page_p95_ms"] < TARGET_PAGE_P95_MS and r["pdf_max_s"] < TARGET_PDF_S
        for r in results.values()
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
