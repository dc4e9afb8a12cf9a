"""Load benchmark: concurrent sign-ups against the production server on PostgreSQL.

Starts what `make serve` starts (migrations, reference data, gunicorn with gunicorn.conf.py and
the production settings; 4 workers) on a database of its own, then lets CLIENTS simulated
people sign up for DURATION seconds: each loads the volunteer or mentee form, takes its CSRF
token and posts distinct, realistic data. Printed: requests/s, sign-ups/s, p50/p95 latency,
5xx answers and lost sign-ups (shown the thank-you page but not in the database).

    .venv/bin/python bench/load.py                       # 50 clients, 60 s, system PostgreSQL
    .venv/bin/python bench/load.py --duration 15 --clients 20
    .venv/bin/python bench/load.py --fault               # a PostgreSQL of its own, restarted

--fault runs initdb into a temporary directory (pg_ctl from /usr/lib/postgresql/*/bin, never the
system cluster), restarts that server twice during the load (a fast shutdown and an immediate
one, like a crash) and reports whether every confirmed sign-up is stored, whether every error
page was the application's German page, and how long the app took to serve again without being
restarted itself.
"""

from __future__ import annotations

import argparse
import glob
import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SYSTEM_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "mentoring_load"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
THANKS = "Vielen Dank für Ihre Anmeldung"
GERMAN_ERROR_PAGES = (
    "Bitte warten Sie einige Minuten und versuchen Sie es dann noch einmal.",
    "Ein Fehler ist aufgetreten",
)
FIRST_NAMES = ["Gisela", "Horst", "Renate", "Dieter", "Monika", "Jürgen", "Ursula", "Klaus"]
LAST_NAMES = ["Kowalski", "Schmidt", "Yilmaz", "Nowak", "Becker", "Demir", "Wagner", "Krüger"]
PUPILS = ["Deniz", "Lena", "Mehmet", "Sofia", "Jonas", "Aylin", "Lukas", "Mia"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the database ----------------------------------------------------------------------------


class OwnPostgres:
    """A throw-away PostgreSQL cluster in a temporary directory, on a free port."""

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            sys.exit("--fault needs PostgreSQL's server binaries (/usr/lib/postgresql/*/bin)")
        self.bin = Path(found[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="mentoring-load-pg-"))
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / tool), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def _options(self) -> str:
        return f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"

    def start(self) -> None:
        log = str(self.dir / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", self._options(), "-l", log, "-w", "start")

    def restart(self, mode: str) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
        self.start()

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


def recreate_database(admin_url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")


# --- the server ------------------------------------------------------------------------------


def serve(database_url: str, workers: int) -> tuple[subprocess.Popen, int, Path]:
    """What `make serve` does: migrations, reference data (no demo data), gunicorn."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("MENTORING_", "TEST_"))},
        "MENTORING_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": database_url.replace("postgresql://", "postgresql+psycopg://"),
        "PUBLIC_BASE_URL": "https://mentoring.example.org",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        "FLASK_APP": "app",
        "PYTHONPATH": str(ROOT),
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        # All clients come from 127.0.0.1: the per-address budget of the public forms would
        # otherwise stop the load after 200 sign-ups (behind a proxy each visitor has their own).
        "PUBLIC_FORM_LIMIT": "1000000 per hour",
        "ACCESS_LOG": "/dev/null",
    }
    for command in (["db", "upgrade"], ["seed"]):
        subprocess.run(
            [BIN / "flask", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    log = Path(tempfile.mkstemp(prefix="mentoring-load-gunicorn-", suffix=".log")[1])
    server = subprocess.Popen(
        [BIN / "gunicorn", "-c", "gunicorn.conf.py", "app:app"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                return server, port, log
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn did not start, see {log}")


# --- the clients -----------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    connection_errors: int = 0
    foreign_error_pages: int = 0
    confirmed: list[tuple[str, str]] = field(default_factory=list)  # (kind, e-mail)
    attempted: int = 0
    last_failure: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client:
    def __init__(self, port: int, number: int, run: str, ids: dict, tally: Tally) -> None:
        self.port, self.number, self.run, self.ids, self.tally = port, number, run, ids, tally
        self.cookie = ""
        self.count = 0

    def request(self, method: str, path: str, body: str | None = None):
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            conn.close()
        except OSError:
            with self.tally.lock:
                self.tally.connection_errors += 1
                self.tally.last_failure = time.monotonic()
            return None, ""
        elapsed = time.perf_counter() - started
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        with self.tally.lock:
            self.tally.latencies.append(elapsed)
            self.tally.statuses[response.status] = self.tally.statuses.get(response.status, 0) + 1
            if response.status >= 500:
                self.tally.last_failure = time.monotonic()
                if not any(marker in text for marker in GERMAN_ERROR_PAGES):
                    self.tally.foreign_error_pages += 1
        return response, text

    def sign_up(self) -> None:
        self.count += 1
        volunteer = (self.number + self.count) % 2 == 0
        path = "/anmelden/ehrenamt" if volunteer else "/anmelden/unterstuetzung/fachkraft"
        email = f"load-{self.run}-{self.number}-{self.count}@example.org"
        response, page = self.request("GET", path)
        if response is None or response.status != 200:
            return
        match = CSRF_RE.search(page)
        if not match:
            return
        data = self.volunteer(email) if volunteer else self.mentee(email)
        data["csrf_token"] = match.group(1) or match.group(2)
        with self.tally.lock:
            self.tally.attempted += 1
        response, _ = self.request("POST", path, urllib.parse.urlencode(data, doseq=True))
        if response is None or response.status != 302:
            return
        response, page = self.request("GET", "/anmelden/danke")
        if response is not None and response.status == 200 and THANKS in page:
            with self.tally.lock:
                self.tally.confirmed.append(("volunteer" if volunteer else "mentee", email))

    def _name(self, names: list[str]) -> str:
        return names[(self.number * 7 + self.count) % len(names)]

    def volunteer(self, email: str) -> dict:
        return {
            "first_name": self._name(FIRST_NAMES),
            "last_name": self._name(LAST_NAMES),
            "email": email,
            "phone": f"02323 {100000 + self.number * 1000 + self.count}",
            "birth_year": str(1945 + (self.number + self.count) % 25),
            "postal_code": "44651",
            "place": self.ids["eickel"],
            "programmes": [self.ids["ausbildungspaten"]],
            "availability": ["tue-afternoon", "thu-morning"],
            "capacity": "2",
            "languages": ["de"],
            "occupation": "Industriekauffrau im Ruhestand",
            "consent": "y",
            "privacy_version": self.ids["privacy_version"],
        }

    def mentee(self, email: str) -> dict:
        return {
            "programme": self.ids["ausbildungspaten"],
            "contact_first_name": self._name(FIRST_NAMES),
            "contact_last_name": self._name(LAST_NAMES),
            "contact_email": email,
            "referrer_kind": "school",
            "referrer_organisation": f"Gesamtschule Wanne-Eickel, Klasse {self.number}",
            "person_first_name": f"{self._name(PUPILS)} {self.number}-{self.count}",
            "person_birth_year": str(time.localtime().tm_year - 16),
            "person_birth_month": str(1 + self.count % 12),
            "postal_code": "44649",
            "place": self.ids["wanne"],
            "languages": ["de", "tr"],
            "availability": ["tue-afternoon"],
            "career_goal": "Ausbildung als Elektroniker",
            "guardian_name": "Ayşe Demir",
            "guardian_consent": "y",
            "consent": "y",
            "privacy_version": self.ids["privacy_version"],
        }


def reference_ids(database_url: str) -> dict:
    with psycopg.connect(database_url) as conn:
        places = dict(conn.execute("SELECT code, id FROM places").fetchall())
        programmes = dict(conn.execute("SELECT code, id FROM programmes").fetchall())
    sys.path.insert(0, str(ROOT))
    from config import Config

    return {
        "eickel": str(places["eickel"]),
        "wanne": str(places["wanne"]),
        "ausbildungspaten": str(programmes["ausbildungspaten"]),
        "privacy_version": Config.PRIVACY_TEXT_VERSION,
    }


def stored_emails(database_url: str) -> set[str]:
    with psycopg.connect(database_url) as conn:
        volunteers = conn.execute("SELECT email FROM volunteers").fetchall()
        mentees = conn.execute("SELECT contact_email FROM mentee_requests").fetchall()
    return {row[0] for row in volunteers + mentees}


def load(port: int, clients: int, duration: float, ids: dict, faults=None) -> tuple[Tally, float]:
    tally, run = Tally(), secrets.token_hex(3)
    stop = time.monotonic() + duration

    def work(number: int) -> None:
        client = Client(port, number, run, ids, tally)
        while time.monotonic() < stop:
            client.sign_up()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    if faults:
        faults(started, stop)
    for thread in threads:
        thread.join()
    return tally, time.monotonic() - started


def report(tally: Tally, elapsed: float, database_url: str) -> dict:
    stored = stored_emails(database_url)
    lost = [email for _kind, email in tally.confirmed if email not in stored]
    latencies = sorted(tally.latencies)
    requests = len(latencies)
    figures = {
        "requests": requests,
        "requests/s": requests / elapsed,
        "sign-ups confirmed": len(tally.confirmed),
        "sign-ups/s": len(tally.confirmed) / elapsed,
        "p50 ms": 1000 * statistics.median(latencies) if latencies else 0,
        "p95 ms": 1000 * latencies[int(0.95 * (requests - 1))] if latencies else 0,
        "5xx": sum(n for status, n in tally.statuses.items() if status >= 500),
        "429": tally.statuses.get(429, 0),
        "connection errors": tally.connection_errors,
        "error pages not the app's German page": tally.foreign_error_pages,
        "lost sign-ups": len(lost),
    }
    for name, value in figures.items():
        print(
            f"  {name:40} {value:10.1f}" if isinstance(value, float) else f"  {name:40} {value:10}"
        )
    print(f"  statuses: {dict(sorted(tally.statuses.items()))}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--fault", action="store_true", help="restart an own PostgreSQL twice")
    args = parser.parse_args()

    own = OwnPostgres() if args.fault else None
    admin_url = own.url("postgres") if own else SYSTEM_PG
    database_url = admin_url.rsplit("/", 1)[0] + f"/{DATABASE}"
    server = None
    try:
        recreate_database(admin_url)
        server, port, log = serve(database_url, args.workers)
        ids = reference_ids(database_url)
        kind = "fault run" if own else "load run"
        print(
            f"{kind}: {args.clients} clients, {args.duration:.0f} s, gunicorn with "
            f"{args.workers} sync workers on 127.0.0.1:{port}, database {database_url}"
        )
        restarts: list[tuple[str, float, float]] = []

        def faults(started: float, stop: float) -> None:
            for fraction, mode in ((1 / 3, "fast"), (2 / 3, "immediate")):
                time.sleep(max(0.0, started + fraction * (stop - started) - time.monotonic()))
                down = time.monotonic()
                own.restart(mode)
                restarts.append((mode, down, time.monotonic()))

        tally, elapsed = load(port, args.clients, args.duration, ids, faults if own else None)
        figures = report(tally, elapsed, database_url)
        if own:
            for mode, down, up in restarts:
                print(f"  restart ({mode}): database away for {up - down:.1f} s")
            last_up = restarts[-1][2] if restarts else 0.0
            recovered = max(0.0, tally.last_failure - last_up) if tally.last_failure else 0.0
            print(f"  app served normally again {recovered:.1f} s after the last restart")
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            probe.request("GET", "/anmelden/ehrenamt")
            status = probe.getresponse().status
            print(
                f"  after the run, without restarting gunicorn: GET /anmelden/ehrenamt -> {status}"
            )
            ok = (
                figures["lost sign-ups"] == 0
                and figures["error pages not the app's German page"] == 0
                and status == 200
            )
            print("  RESULT:", "ok" if ok else "FAILED")
        print(f"  gunicorn log: {log}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)
        if own:
            own.stop()
        else:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
