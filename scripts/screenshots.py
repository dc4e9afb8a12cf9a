"""Screenshots of every public page, German and Arabic, desktop and 320 px: make screenshots.

Serves the app on 127.0.0.1 (a temporary SQLite database with demo data) and drives Debian's
Chromium with Playwright. Pictures go to screenshots/ (git-ignored).
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "start": "/",
    "ehrenamt": "/anmelden/ehrenamt",
    "unterstuetzung": "/anmelden/unterstuetzung",
    "unterstuetzung-selbst": "/anmelden/unterstuetzung/selbst",
    "unterstuetzung-familie": "/anmelden/unterstuetzung/familie",
    "unterstuetzung-fachkraft": "/anmelden/unterstuetzung/fachkraft",
    "impressum": "/impressum",
    "datenschutz": "/datenschutz",
    "barrierefreiheit": "/barrierefreiheit",
    "leichte-sprache": "/leichte-sprache",
    "nicht-gefunden": "/gibt-es-nicht",
}
# Forms are also shown after an empty submit, with their error messages.
FORMS_WITH_ERRORS = ("ehrenamt", "unterstuetzung-familie", "barrierefreiheit")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(database: str, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "FLASK_APP": "app",
        "MENTORING_ENV": "development",
        "SESSION_COOKIE_SECURE": "0",
    }
    flask = [sys.executable, "-m", "flask"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*flask, "seed"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*flask, "demo", "load"], env=env, cwd=ROOT, capture_output=True)  # if present
    server = subprocess.Popen(
        [*flask, "run", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the app did not start")


def shoot(page, target: Path) -> None:
    page.screenshot(path=str(target), full_page=True)
    print(target.relative_to(ROOT))


def sign_up(page, email: str) -> None:
    """A volunteer sign-up with the fewest answers, to reach the thank-you page."""
    page.fill("#first_name", "Helga")
    page.fill("#last_name", "Beispiel")
    page.fill("#birth_year", "1956")
    page.fill("#email", email)
    page.fill("#postal_code", "44623")
    page.select_option("#place", index=1)
    for box in ("#programmes-0", "#availability-4", "#languages-0", "#consent"):
        page.check(box)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def main() -> None:
    only = set(sys.argv[1:])
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        server = serve(f"{tmp}/shots.sqlite", port)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                for width, label in ((1280, "desktop"), (320, "320px")):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    for lang in ("de", "ar"):
                        for name, path in PAGES.items():
                            if only and name not in only:
                                continue
                            page.goto(f"http://127.0.0.1:{port}{path}?lang={lang}")
                            shoot(page, out / f"{name}-{lang}-{label}.png")
                            if name in FORMS_WITH_ERRORS:
                                with page.expect_navigation():
                                    page.click("main form button[type=submit]")
                                shoot(page, out / f"{name}-fehler-{lang}-{label}.png")
                        if not only or "danke" in only:
                            page.goto(f"http://127.0.0.1:{port}/anmelden/ehrenamt?lang={lang}")
                            sign_up(page, f"{lang}-{label}@example.org")
                            shoot(page, out / f"danke-{lang}-{label}.png")
                    page.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
