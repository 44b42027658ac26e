"""`s3gen translate`: how much of each language is translated, and the translators' files.

- `status`: coverage per language and file (translated, stale, missing).
- `extract`: writes `translations/<language>/<file>` with an entry for every text, keeping
  every translation there is (stale ones and orphans too: nothing a translator wrote is lost);
  a missing or stale text has its source text as a comment above it. The same strategy and
  translations give the same bytes: running it twice changes nothing. With ``--format po`` or
  ``xliff``, one file for Poedit, Weblate or a CAT tool instead.
- `import`: reads such a PO or XLIFF file back: a translated unit records the fingerprint of
  the source text it shows (its msgid), a fuzzy one (PO) or one that needs review (XLIFF)
  keeps the fingerprint it had, so that it stays stale.

The translation files are written from what was read: comments a translator added to them
are not kept (the source texts in comments are written again each time).
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from s3gen import __version__, model
from s3gen.edition import Coverage, State, reviewed, state_of
from s3gen.errors import S3genError
from s3gen.model.translations import (
    TRANSLATIONS_FOLDER,
    Text,
    TranslationFile,
    fingerprint,
    language_name,
    texts,
)
from s3gen.output import write_atomic
from s3gen.source.translations import Translations

_XLIFF = "urn:oasis:names:tc:xliff:document:1.2"
# Between the file, the item and the field in a PO context or an XLIFF id.
_SEPARATOR = "#"


class TranslateProblem(S3genError):
    """A translator's file that cannot be read back; the message says where and why."""


@dataclass(frozen=True)
class FileStatus:
    file: str  # the strategy file translated: "regions/podlaskie.yaml"
    coverage: Coverage


def status(strategy: model.Strategy, translations: Translations, language: str) -> list[FileStatus]:
    """The coverage of ``language`` for each strategy file that has texts to translate."""
    found: dict[str, Coverage] = {}
    files = translations.of(language)
    for text in texts(strategy):
        file = files.get(text.file)
        state, entry = state_of(text, file)
        found[text.file] = found.get(text.file, Coverage()).add(state, reviewed(entry, file))
    return [FileStatus(file, coverage) for file, coverage in found.items()]


# --- the YAML translation files ------------------------------------------------------------------


def translation_path(root: Path, language: str, file: str) -> Path:
    return root / TRANSLATIONS_FOLDER / language / file


def refused(
    strategy: model.Strategy, language: str, files: dict[str, bytes], shown: str
) -> list[str]:
    """What is wrong with translation files about to be written (a text a translator's tool
    gave with a line break in a title, or a control character): the checks of `s3gen
    validate`, each message naming the field, so that nothing invalid is ever written."""
    from s3gen.errors import IssueSeverity
    from s3gen.source.load import SourceDoc, parse_yaml
    from s3gen.source.translations import check_translations

    docs = []
    problems = []
    for name, data in files.items():
        file = f"{shown}/{TRANSLATIONS_FOLDER}/{language}/{name}"
        tree, issues = parse_yaml(data.decode("utf-8"), file)
        problems += [i for i in issues if i.severity is IssueSeverity.ERROR]
        docs.append((language, SourceDoc(file, name, tree)))
    _, found = check_translations(strategy, docs)
    problems += [i for i in found if i.severity is IssueSeverity.ERROR]
    return [f"{i.path}: {i.message} [{i.code}]" for i in sorted(problems)]


def write_translations(root: Path, language: str, files: dict[str, bytes]) -> int:
    """Write each translation file that changed (atomically), only into real folders under
    ``root``/translations/<language>/: a link on the way (translations/pl/regions leading to
    the strategy's own regions/, say) is refused before anything is written, so that no
    strategy file is ever replaced. The number of files written."""
    base = root / TRANSLATIONS_FOLDER
    for name in files:
        path = translation_path(root, language, name)
        step = base
        for part in (language, *Path(name).parts):
            if step.is_symlink() or (step != base and step.exists() and not step.is_dir()):
                raise TranslateProblem(
                    f"{step} is a link or not a folder: s3gen writes translations only into "
                    "real folders under translations/, so nothing was written"
                )
            step = step / part
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise TranslateProblem(
                f"{path} is a link or not a file: s3gen writes translations only as files of "
                "their own, so nothing was written"
            )
        if base.is_symlink():
            raise TranslateProblem(
                f"{base} is a link: s3gen writes translations only into the strategy folder's "
                "own translations/ folder, so nothing was written"
            )
    written = 0
    for name, data in files.items():
        path = translation_path(root, language, name)
        if path.is_file() and path.read_bytes() == data:
            continue
        write_atomic(path, data)
        written += 1
    return written


def extract(
    strategy: model.Strategy, translations: Translations, language: str
) -> dict[str, bytes]:
    """Each translation file of ``language`` as `extract` writes it, by the name of the
    strategy file it translates."""
    by_file: dict[str, dict[str, list[Text]]] = {}
    for text in texts(strategy):  # by file, then by item: a region's notes follow its items
        by_file.setdefault(text.file, {}).setdefault(text.item, []).append(text)
    files = translations.of(language)
    return {
        name: _yaml_file(strategy, language, name, found, files.get(name))
        for name, found in by_file.items()
    }


def _yaml_file(
    strategy: model.Strategy,
    language: str,
    name: str,
    found: dict[str, list[Text]],
    existing: TranslationFile | None,
) -> bytes:
    source = language_name(strategy.document.language)
    lines = [
        f"# {language_name(language)} ({language}) translation of {name}, by item and field.",
        "# `s3gen translate extract` adds what is missing: fill in each empty text. When a source",
        "# text changes, its translation is stale (`s3gen validate` shows both, and the new",
        "# fingerprint to set once the translation is updated).",
        f"status: {existing.status if existing else model.TranslationStatus.DRAFT}",
        "texts:",
    ]
    written: set[tuple[str, str]] = set()
    for item, item_texts in found.items():
        lines.append(f"  {_dumped(item)}:")
        for text in item_texts:
            lines += _field_lines(text, existing, source)
            written.add((text.item, text.path))
    orphans = [
        (key, entry)
        for key, entry in (existing.texts.items() if existing else ())
        if key not in written
    ]
    if orphans:
        lines.append(
            "  # Not in the source any longer (`s3gen validate` says so): kept until removed."
        )
    last = None
    for (item, path), entry in orphans:
        if item != last:
            last = item
            lines.append(f"  {_dumped(item)}:")
        lines.append(f"    {_dumped(path)}:")
        lines += _entry_lines(entry)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _field_lines(text: Text, existing: TranslationFile | None, source: str) -> list[str]:
    """One field: the source text as a comment where the translation is missing or stale,
    then the fingerprint and the translation."""
    state, entry = state_of(text, existing)
    lines = [f"    {_dumped(text.path)}:"]
    if state is not State.TRANSLATED:
        lines.append(f"      # {source}{' now' if state is State.STALE else ''}:")
        lines += [f"      #   {line}".rstrip() for line in text.source.strip().split("\n")]
    if entry is None:
        lines.append(f"      fingerprint: {fingerprint(text.source)}")
        lines.append("      text: ''")
    else:
        lines += _entry_lines(entry)
    return lines


def _entry_lines(entry: model.TranslatedText) -> list[str]:
    lines = [f"      fingerprint: {entry.fingerprint}"]
    if entry.status is not None:
        lines.append(f"      status: {entry.status}")
    return lines + _text_lines(entry.text or "")


def _dumped(value: str) -> str:
    """A scalar as YAML reads it back: plain where it can be, quoted where it must."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1 << 20, default_style=None)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _text_lines(text: str) -> list[str]:
    """``text:`` and its value: a literal block for text of several lines (as strategy files
    write Markdown) where YAML reads it back the same, else on one line, quoted as needed."""
    if "\n" in text and _block_reads_back(text):
        # Clip keeps one final line break, strip none, keep all: the text reads back as itself.
        chomp = "-" if not text.endswith("\n") else "+" if text.endswith("\n\n") else ""
        lines = [f"      text: |{chomp}"]
        lines += [f"        {line}" if line else "" for line in text.split("\n")]
        if text.endswith("\n"):
            lines.pop()  # the final line break ends the last line, it is no line of its own
        return lines
    if "\n" in text:  # a JSON string is a YAML double-quoted scalar, on one line
        return [f"      text: {json.dumps(text, ensure_ascii=False)}"]
    return [f"      text: {_dumped(text)}"]


def _block_reads_back(text: str) -> bool:
    """Whether ``text`` as a literal block reads back as itself: its first line with text does
    not start with a space (which would set the block's indentation), no line ends in a space,
    no tab, no character YAML takes for a line break."""
    lines = text.split("\n")
    first = next((line for line in lines if line), "")
    return (
        not first.startswith((" ", "\t"))
        and all(line == line.rstrip() for line in lines)
        and "\t" not in text
        and "\r" not in text
        and not any(c in text for c in "\x85\u2028\u2029\ufeff")
    )


# --- PO and XLIFF -------------------------------------------------------------------------------


def _unit_key(text: Text) -> str:
    return _SEPARATOR.join((text.file, text.item, text.path))


def write_po_file(strategy: model.Strategy, translations: Translations, language: str) -> bytes:
    """The texts of ``language`` as a PO file: msgctxt the file, item and field, msgid the
    source text, msgstr the translation; a stale one is fuzzy."""
    catalog = Catalog(
        locale=language.replace("-", "_"),
        project=strategy.document.id,
        version=strategy.document.version,
        fuzzy=False,
        header_comment=(
            f"# {language_name(language)} translation of {strategy.document.title}.\n"
            f"# Written by s3gen {__version__} (`s3gen translate extract --format po`); "
            "`s3gen translate import` reads it back."
        ),
    )
    files = translations.of(language)
    for text in texts(strategy):
        state, entry = state_of(text, files.get(text.file))
        catalog.add(
            text.source,
            (entry.text or "") if entry is not None else "",
            context=_unit_key(text),
            flags=("fuzzy",) if state is State.STALE else (),
        )
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=False)
    # Without its creation date: the same strategy gives the same bytes.
    return b"\n".join(
        line for line in out.getvalue().split(b"\n") if not line.startswith(b'"POT-Creation-Date:')
    )


def write_xliff_file(strategy: model.Strategy, translations: Translations, language: str) -> bytes:
    """The texts of ``language`` as XLIFF 1.2, one <file> per strategy file; a unit's state
    says translated (a draft), final (reviewed), needs-review-translation (stale) or new."""
    ET.register_namespace("", _XLIFF)
    root = ET.Element(f"{{{_XLIFF}}}xliff", version="1.2")
    files = translations.of(language)
    bodies: dict[str, ET.Element] = {}
    for text in texts(strategy):
        body = bodies.get(text.file)
        if body is None:
            attributes = {
                "original": text.file,
                "source-language": strategy.document.language,
                "target-language": language,
                "datatype": "plaintext",
            }
            file_element = ET.SubElement(root, f"{{{_XLIFF}}}file", attributes)
            body = bodies[text.file] = ET.SubElement(file_element, f"{{{_XLIFF}}}body")
        file = files.get(text.file)
        state, entry = state_of(text, file)
        unit = ET.SubElement(
            body, f"{{{_XLIFF}}}trans-unit", {"id": _SEPARATOR.join((text.item, text.path))}
        )
        ET.SubElement(unit, f"{{{_XLIFF}}}source").text = text.source
        target = ET.SubElement(unit, f"{{{_XLIFF}}}target")
        target.text = (entry.text or "") if entry is not None else ""
        states = {
            State.MISSING: "new",
            State.STALE: "needs-review-translation",
            State.TRANSLATED: "final" if reviewed(entry, file) else "translated",
        }
        target.set("state", states[state])
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + written + b"\n"


@dataclass(frozen=True)
class Unit:
    """A unit read back from a translator's file."""

    file: str
    item: str
    path: str
    source: str  # the source text the translator saw
    text: str
    current: bool  # False: fuzzy, or in need of review (the translation stays stale)
    reviewed: bool | None = None  # None: the file does not say (PO)


def _po(data: bytes, name: str) -> Catalog:
    try:
        return read_po(io.BytesIO(data), abort_invalid=True)
    except Exception as exc:  # Babel raises PoFileError, ValueError and others on a broken file
        raise TranslateProblem(f"{name}: not a PO file s3gen can read: {exc}") from exc


def _xliff(data: bytes, name: str) -> ET.Element:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise TranslateProblem(f"{name}: not an XLIFF file s3gen can read: {exc}") from exc
    if root.tag != f"{{{_XLIFF}}}xliff":
        raise TranslateProblem(
            f"{name}: not an XLIFF 1.2 file (its root is {root.tag!r}); s3gen reads the XLIFF "
            "1.2 that `s3gen translate extract --format xliff` writes"
        )
    return root


# The states of an XLIFF 1.2 target that ask for more work: its text is not yet a current
# translation of its source. A filled target in any other state (none, new, translated, final)
# is one.
_NOT_DONE = frozenset(
    {
        "needs-adaptation",
        "needs-l10n",
        "needs-review-adaptation",
        "needs-review-l10n",
        "needs-review-translation",
    }
)


def file_language(data: bytes, name: str) -> str:
    """The language a PO file (its Language header) or an XLIFF file (its target-language) is
    a translation into."""
    if name.lower().endswith(".po"):
        language = str(_po(data, name).locale_identifier or "").replace("_", "-")
    else:
        first = _xliff(data, name).find(f"{{{_XLIFF}}}file")
        language = (first.get("target-language") or "") if first is not None else ""
    if not language:
        raise TranslateProblem(f"{name} does not say which language it is in: give --language")
    return language


def read_po_file(data: bytes, name: str) -> list[Unit]:
    """The units of a PO file that `write_po_file` wrote (and a translator filled in)."""
    units = []
    for message in _po(data, name):
        if not message.id or not message.context:
            continue  # the header
        if isinstance(message.id, tuple) or isinstance(message.string, tuple):
            raise TranslateProblem(
                f"{name}: '{message.context}' has plural forms; s3gen wrote none"
            )
        file, item, path = _split_key(message.context, name)
        text = str(message.string or "")
        units.append(Unit(file, item, path, str(message.id), text, not message.fuzzy))
    return units


def read_xliff_file(data: bytes, name: str) -> list[Unit]:
    """The units of an XLIFF 1.2 file that `write_xliff_file` wrote."""
    units = []
    for file_element in _xliff(data, name).iter(f"{{{_XLIFF}}}file"):
        original = file_element.get("original", "")
        for unit in file_element.iter(f"{{{_XLIFF}}}trans-unit"):
            item, _, path = (unit.get("id") or "").partition(_SEPARATOR)
            if not original or not item or not path:
                raise TranslateProblem(
                    f"{name}: a trans-unit without the file, item and field s3gen gave it "
                    f"(id {unit.get('id')!r})"
                )
            source = unit.find(f"{{{_XLIFF}}}source")
            target = unit.find(f"{{{_XLIFF}}}target")
            state = (target.get("state") if target is not None else None) or ""
            units.append(
                Unit(
                    original,
                    item,
                    path,
                    "".join(source.itertext()) if source is not None else "",
                    "".join(target.itertext()) if target is not None else "",
                    state not in _NOT_DONE,
                    state in ("final", "signed-off"),
                )
            )
    return units


def _split_key(key: str, name: str) -> tuple[str, str, str]:
    parts = key.rsplit(_SEPARATOR, 2)  # a file's name may hold the separator, an id may not
    if len(parts) != 3 or not all(parts):
        raise TranslateProblem(f"{name}: the context {key!r} is not a file, an item and a field")
    return parts[0], parts[1], parts[2]


def imported(translations: Translations, language: str, units: Iterable[Unit]) -> Translations:
    """The translations of ``language`` with the units read back from a translator's file."""
    files = dict(translations.of(language))
    entries: dict[str, dict[tuple[str, str], model.TranslatedText]] = {}
    for unit in units:
        if not unit.text.strip():
            continue  # left empty: whatever the translation files hold stays
        existing = files.get(unit.file)
        found = entries.setdefault(unit.file, dict(existing.texts) if existing else {})
        old = found.get((unit.item, unit.path))
        file_status = existing.status if existing else model.TranslationStatus.DRAFT
        status: model.TranslationStatus | None
        if not unit.current:
            if old is None:
                continue  # fuzzy and new: there is nothing it could be recorded against
            made_from, status = str(old.fingerprint), old.status  # still stale, as it was
        else:
            made_from = fingerprint(unit.source)
            changed = old is None or old.text != unit.text
            if unit.reviewed is None:  # a PO file says nothing of review: a new text is a draft
                status = old.status if old is not None and not changed else None
                if changed and file_status is model.TranslationStatus.REVIEWED:
                    status = model.TranslationStatus.DRAFT
            else:
                wanted = (
                    model.TranslationStatus.REVIEWED
                    if unit.reviewed
                    else model.TranslationStatus.DRAFT
                )
                status = None if wanted is file_status else wanted
        found[(unit.item, unit.path)] = model.TranslatedText(
            fingerprint=model.Fingerprint(made_from), text=model.Markdown(unit.text), status=status
        )
    for file, found in entries.items():
        existing = files.get(file)
        files[file] = TranslationFile(
            language,
            file,
            existing.file if existing else file,
            existing.status if existing else model.TranslationStatus.DRAFT,
            found,
        )
    return Translations({**translations.files, language: files})
