"""What is left to translate, and a way to fill it in: make translations-todo.

    python scripts/translations_todo.py                  list untranslated or fuzzy entries
    python scripts/translations_todo.py --export F.json  write them to F.json to fill in
    python scripts/translations_todo.py --apply F.json   put the filled-in texts into the catalogues
    python scripts/translations_todo.py --german-for-staff   copy the German text into the other
                                                             catalogues for staff-only strings

Run `make extract-messages` first so the catalogues know the newest strings. The JSON maps each
German msgid to {"en": ..., "ar": ..., "uk": ..., "tr": ...}; for a plural entry the msgid key is
"singular|plural" and each value is a list with one text per plural form of that language.
Texts whose %(placeholders)s differ from the msgid's are refused. Exits 1 while anything is left.

The staff areas (dashboard, reports, privacy desk, login) stay German whatever the browser asks for
(mentoring/i18n.py), so a string used only there is never shown in another language:
--german-for-staff fills those with the German text. A string that appears anywhere else, or in a
source not listed in STAFF_SOURCES, needs a real translation.
"""

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
SOURCE_LOCALE = "de"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")
# Sources shown only to staff (German-only blueprints and the code behind them).
STAFF_SOURCES = (
    "templates/dashboard/",
    "templates/intake/",
    "templates/proposals/",
    "templates/tandems/",
    "templates/_people.html",
    "templates/auth/",
    "templates/privacy/",
    "templates/reports/",
    "templates/admin/",
    "templates/staff_base.html",
    "mentoring/dashboard/",
    "mentoring/intake/",
    "mentoring/proposals/",
    "mentoring/tandems/",
    "mentoring/auth/",
    "mentoring/privacy/",
    "mentoring/reports/",
    "mentoring/admin/",
    "mentoring/matching/",
    "mentoring/screening.py",
    "mentoring/operations/intake.py",
    "mentoring/operations/records.py",
    "mentoring/operations/runs.py",
    "mentoring/operations/proposals.py",
    "mentoring/operations/manual_proposals.py",
    "mentoring/operations/proposal_steps.py",
    "mentoring/operations/screening.py",
    "mentoring/operations/tandems.py",
    "mentoring/operations/volunteer_import.py",
    "mentoring/operations/staff.py",
    "mentoring/operations/sessions.py",
    "mentoring/operations/two_factor.py",
    "mentoring/operations/disclosure.py",
    "mentoring/operations/programmes.py",
    "mentoring/operations/erasure.py",
    "mentoring/operations/person_status.py",
    "mentoring/operations/hours.py",
    "mentoring/operations/introductions.py",
    "mentoring/pairing/",
    "mentoring/screening_state.py",
    "mentoring/volunteer_csv.py",
    "mentoring/pagination.py",
    "templates/outbox/",
    "mentoring/outbox/",
    "mentoring/operations/messages.py",
    "mentoring/operations/delivery.py",
    "mentoring/operations/meetings.py",
    "mentoring/operations/proposal_requests.py",
)


def placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def catalogue_paths() -> dict[str, Path]:
    return {
        path.parent.parent.name: path
        for path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
        if path.parent.parent.name != SOURCE_LOCALE
    }


def read_catalogue(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def write_catalogue(path: Path, catalogue) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, omit_header=False)


def key(message) -> str:
    return "|".join(message.id) if message.pluralizable else message.id


def is_done(message) -> bool:
    if "fuzzy" in message.flags:
        return False
    if message.pluralizable:
        return all(message.string)
    return bool(message.string)


def staff_only_ids() -> set:
    """Msgid keys whose every use is in STAFF_SOURCES (extracted afresh, with locations)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "messages.pot"
        CommandLineInterface().run(
            [
                "pybabel",
                "-q",
                "extract",
                "-F",
                str(ROOT / "babel.cfg"),
                "-k",
                "_l",
                "-k",
                "lazy_gettext",
                "-o",
                str(out),
                str(ROOT),
            ]
        )
        catalogue = read_catalogue(out)
    return {
        key(message)
        for message in catalogue
        if message.id
        and message.locations
        and all(_relative(path).startswith(STAFF_SOURCES) for path, _ in message.locations)
    }


def _relative(path: str) -> str:
    return Path(path).resolve().relative_to(ROOT).as_posix() if Path(path).is_absolute() else path


def german_for_staff() -> int:
    staff = staff_only_ids()
    filled = {}
    for msgid, locales in todo().items():
        if msgid in staff:
            german = msgid.split("|")
            filled[msgid] = {
                locale: (german + [german[-1]] * 5)[: len(blank)]
                if isinstance(blank, list)
                else msgid
                for locale, blank in locales.items()
            }
    return apply(filled)


def todo() -> dict[str, dict[str, object]]:
    """{msgid key: {locale: "" or [""] * plural forms}} for everything not yet translated."""
    left: dict[str, dict[str, object]] = {}
    for locale, path in catalogue_paths().items():
        catalogue = read_catalogue(path)
        for message in catalogue:
            if message.id and not is_done(message):
                blank = [""] * catalogue.num_plurals if message.pluralizable else ""
                left.setdefault(key(message), {})[locale] = blank
    return left


def check(msgid: str, text: str) -> None:
    source = msgid.split("|")[-1] if "|" in msgid else msgid
    if placeholders(text) != placeholders(source):
        raise ValueError(f"placeholders differ: {msgid!r} -> {text!r}")


def apply(filled: dict[str, dict[str, object]]) -> int:
    """Write the non-empty texts of filled into the catalogues; return how many were written."""
    written = 0
    for locale, path in catalogue_paths().items():
        catalogue = read_catalogue(path)
        changed = False
        for message in catalogue:
            text = filled.get(key(message), {}).get(locale) if message.id else None
            if not text:
                continue
            if message.pluralizable:
                if len(text) != catalogue.num_plurals or not all(text):
                    raise ValueError(
                        f"{locale}: {key(message)!r} needs {catalogue.num_plurals} forms"
                    )
                for form in text:
                    check(key(message), form)
                message.string = tuple(text)
            else:
                check(message.id, text)
                message.string = text
            message.flags.discard("fuzzy")
            changed = True
            written += 1
        if changed:
            write_catalogue(path, catalogue)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", metavar="FILE")
    parser.add_argument("--apply", metavar="FILE")
    parser.add_argument("--german-for-staff", action="store_true")
    args = parser.parse_args()
    if args.german_for_staff:
        print(f"{german_for_staff()} staff-only entries filled with the German text")
    if args.apply:
        filled = json.loads(Path(args.apply).read_text(encoding="utf-8"))
        print(f"{apply(filled)} translations written")
    left = todo()
    if args.export:
        Path(args.export).write_text(json.dumps(left, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"{len(left)} entries written to {args.export}")
    elif left:
        for msgid, locales in sorted(left.items()):
            print(f"[{', '.join(sorted(locales))}] {msgid}")
    print(f"{len(left)} entries still need a translation" if left else "All catalogues complete.")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
