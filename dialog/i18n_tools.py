"""Catalog upkeep: English is the source language, so its catalog repeats every msgid.

`python -m dialog.i18n_tools fill-source translations/en/LC_MESSAGES/messages.po`
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def fill_source(path: Path) -> int:
    """Set msgstr = msgid where empty; returns how many entries were filled."""
    with path.open("rb") as fh:
        catalog = read_po(fh)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            plurals = catalog.num_plurals
            if not (isinstance(message.string, tuple | list) and all(message.string)):
                forms = [message.id[0]] + [message.id[1]] * (plurals - 1)
                message.string = tuple(forms)
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
        message.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100)
    return filled


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "fill-source":
        print("usage: python -m dialog.i18n_tools fill-source CATALOG.po", file=sys.stderr)
        return 2
    print(f"{fill_source(Path(argv[1]))} entries filled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
