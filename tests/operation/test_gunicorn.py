"""The production server as `make serve` starts it: gunicorn, gunicorn.conf.py, app:app."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(tmp_path, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MENTORING_", "TEST_DATABASE", "REDIS", "PUBLIC_BASE"))
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(48),
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite'}",
        FLASK_APP="app",
        PYTHONPATH=str(ROOT),
        PORT=str(_free_port()),
        WEB_CONCURRENCY="2",
    )
    env.update(extra)
    return env


def test_gunicorn_refuses_to_start_without_a_key_in_one_line(tmp_path):
    env = _environment(tmp_path)
    del env["SECRET_KEY"]
    done = subprocess.run(
        [BIN / "gunicorn", "-c", "gunicorn.conf.py", "app:app"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines == [lines[0]] and "SECRET_KEY is not set" in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_gunicorn_serves_the_start_page_with_only_key_and_database(tmp_path):
    env = _environment(tmp_path, REDIS_URL="redis://127.0.0.1:6379/15")
    for command in (["db", "upgrade"], ["seed"]):
        subprocess.run(
            [BIN / "flask", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    server = subprocess.Popen(
        [BIN / "gunicorn", "-c", "gunicorn.conf.py", "app:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{env['PORT']}/"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url + "?suche=Brinkmann", timeout=5) as response:
                    status, headers = response.status, response.headers
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stdout.read())
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer")
        assert status == 200
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        # A signed link's token: the page answers, the access log leaves the token out.
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(url + "einwilligung/widerrufen/Geheim.Token-4711", timeout=5)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert '"GET / HTTP/1.1" 200' in output  # the access log line, without the query string
    assert "Brinkmann" not in output
    assert "Geheim.Token-4711" not in output
    assert '"GET /einwilligung/widerrufen/[token] HTTP/1.1"' in output
    assert "REDIS_URL is not set" not in output
