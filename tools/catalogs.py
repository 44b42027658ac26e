"""Update the interface catalogs (`s3gen/report/locales/<language>.po`) from the templates.

    python tools/catalogs.py            # add new messages, mark changed ones fuzzy, keep the rest
    python tools/catalogs.py --check    # exit 1 when a catalog lacks a message or a translation
    python tools/catalogs.py --new nb   # start a catalog for another language (a draft)

Every message the templates pass through ``_()`` or ``{% trans %}`` is extracted with Babel's
Jinja extractor, and every message of the report's Python code (s3gen/report/*.py) with its
Python extractor: the calls ``gettext``, ``ngettext`` and ``pgettext`` of an edition's
translations, and the markers ``N_`` and ``NN_`` (a counted message) of the tables of words at
module level. Each catalog keeps its translations and header (its review status among them),
gains the new messages untranslated, and drops the ones no template uses any more (as obsolete
entries at its end, which gettext ignores). A translator then fills in the empty ``msgstr``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from s3gen.report.html import DEFAULT_TEMPLATES  # noqa: E402
from s3gen.report.wording import LOCALES, REVIEWED, UNREVIEWED, catalog_path  # noqa: E402

REPORT = DEFAULT_TEMPLATES.parent  # s3gen/report: the templates, and the views' own wording
METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
# Babel's default keywords (_, gettext, ngettext, pgettext, N_, ...) and s3gen's NN_ (wording.py).
PYTHON_KEYWORDS = {"N_": None, "NN_": (1, 2)}
OPTIONS: dict[str, dict[str, object]] = {
    "templates/**.html": {"extensions": "jinja2.ext.i18n"},
    "**.py": {"keywords": PYTHON_KEYWORDS},
}


def template_messages() -> Catalog:
    """Every message of the templates (and of the report's Python code, through ``_()``), with
    where it is used."""
    catalog = Catalog(project="s3gen")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(REPORT), METHODS, options_map=OPTIONS
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def problems(template: Catalog, path: Path) -> list[str]:
    """What the catalog at ``path`` lacks: messages, or their translations."""
    with path.open("rb") as f:
        catalog = read_po(f)
    found = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        if entry is None:
            found.append(f"{path.name}: no entry for {message.id!r}")
        elif not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
            found.append(f"{path.name}: no translation of {message.id!r}")
        elif entry.fuzzy:
            found.append(f"{path.name}: the translation of {message.id!r} is marked fuzzy")
    return found


def update(template: Catalog, path: Path) -> None:
    with path.open("rb") as f:
        catalog = read_po(f)
    catalog.update(template, update_header_comment=False)
    with path.open("wb") as f:
        write_po(f, catalog, width=100, sort_output=False, include_previous=True)


def new(language: str) -> Path:
    """An empty catalog for ``language``, marked as a draft no person has reviewed."""
    path = catalog_path(language)
    if path.exists():
        raise SystemExit(f"{path.relative_to(ROOT)} exists already")
    comment = (
        f"# The interface wording of s3gen in {Locale.parse(language).english_name}.\n"
        f"# Review-Status: {UNREVIEWED}\n"
        f'# (Write "Review-Status: {REVIEWED}" once a person has checked every entry.)'
    )
    catalog = Catalog(locale=language, project="s3gen", header_comment=comment, fuzzy=False)
    with path.open("wb") as f:
        write_po(f, catalog, width=100)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report what is missing only")
    parser.add_argument("--new", metavar="LANGUAGE", help="start a catalog for LANGUAGE")
    args = parser.parse_args()
    template = template_messages()
    if args.new:
        update(template, new(args.new))
    paths = sorted(LOCALES.glob("*.po"))
    if args.check:
        found = [p for path in paths for p in problems(template, path)]
        for line in found:
            print(line)
        sys.exit(1 if found else 0)
    for path in paths:
        update(template, path)
        print(f"updated {path.relative_to(ROOT)} ({len(template)} messages)")


if __name__ == "__main__":
    main()
