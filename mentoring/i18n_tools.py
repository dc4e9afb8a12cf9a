"""Catalogue upkeep: python -m mentoring.i18n_tools fill-source-catalogue PO_FILE.

Our msgids are German, so the German catalogue is the source text itself; filling it keeps
"no untranslated entry" checks meaningful for every catalogue alike.
"""

import sys

from babel.messages.pofile import read_po, write_po


def fill_source_catalogue(path: str) -> int:
    with open(path, "rb") as handle:
        catalogue = read_po(handle)
    filled = 0
    for message in catalogue:
        if not message.id:
            continue
        if message.pluralizable:
            if not all(message.string):
                message.string = tuple(message.id)
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
        message.flags.discard("fuzzy")
    with open(path, "wb") as handle:
        write_po(handle, catalogue, width=100, omit_header=False)
    return filled


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "fill-source-catalogue":
        sys.exit("usage: python -m mentoring.i18n_tools fill-source-catalogue PO_FILE")
    print(f"{fill_source_catalogue(sys.argv[2])} entries filled")
