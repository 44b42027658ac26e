"""Reading and checking the content translations: `translations/<language>/strategy.yaml` and
`translations/<language>/regions/<id>.yaml` in the strategy folder.

Each file is read like a strategy file (positions kept, the same limits), converted into a
`TranslationFile`, and checked against the valid strategy it translates: a translation whose
source text changed is stale (`translation-stale`, showing both texts), one whose item or field
is gone is an orphan (`translation-orphan`), and a name close to an existing one is a typo
(`translation-unknown`, with did-you-mean). Only the loader and this module read the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from s3gen import model
from s3gen.errors import Issue, make_issue
from s3gen.model.formats import LANGUAGE_RE
from s3gen.model.kinds import LABELS
from s3gen.model.translations import (
    STRATEGY_FILE,
    TRANSLATIONS_FOLDER,
    Text,
    TranslationFile,
    fingerprint,
    items,
    language_name,
    same_language,
    shape,
    shapes,
    texts,
)
from s3gen.source.convert import INVALID, Converter
from s3gen.source.load import REGION_SUFFIXES, Mapping, Node, Scalar, SourceDoc, read_source
from s3gen.source.messages import a, describe, did_you_mean, visible

_ROOT_KEYS = ("status", "texts")
# How much of each text a stale translation's message quotes: both fit in one readable line.
_QUOTED = 120


@dataclass(frozen=True)
class Translations:
    """Every translation file of a strategy, by language and by the file it translates."""

    files: dict[str, dict[str, TranslationFile]] = field(default_factory=dict)

    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.files))

    def of(self, language: str) -> dict[str, TranslationFile]:
        return self.files.get(language, {})


NONE = Translations()


def load_translations(
    root: Path, shown_root: str | None = None
) -> tuple[list[tuple[str, SourceDoc]], list[Issue]]:
    """Read every translation file under ``root``/translations: (language, file) pairs."""
    folder = root / TRANSLATIONS_FOLDER
    shown = Path(shown_root if shown_root is not None else str(root)) / TRANSLATIONS_FOLDER
    found: list[tuple[str, SourceDoc]] = []
    issues: list[Issue] = []
    if folder.is_symlink():
        message = (
            f"'{TRANSLATIONS_FOLDER}' is a link: its translations are not read (and never "
            "written). Put the folder itself there"
        )
        return found, [_ignored(shown, message)]
    if not folder.is_dir():
        return found, issues
    for language_dir in sorted(folder.iterdir()):
        if language_dir.name.startswith("."):
            continue
        shown_dir = shown / language_dir.name
        if not language_dir.is_dir() or language_dir.is_symlink():
            issues.append(
                _ignored(
                    shown_dir,
                    f"'{language_dir.name}' is not read: translations/ holds "
                    "one folder per language (translations/pl/), not files or links",
                )
            )
            continue
        if not LANGUAGE_RE.fullmatch(language_dir.name):
            issues.append(
                make_issue(
                    "invalid-format",
                    str(shown_dir),
                    1,
                    1,
                    "",
                    f"the folder {visible(language_dir.name)} is not named by a language tag "
                    "such as 'pl' or 'de': its translations are not read",
                )
            )
            continue
        for path, name in _translation_files(language_dir, shown_dir, issues):
            doc, read = read_source(path, str(shown_dir / name), name, root)
            found.append((language_dir.name, doc))
            issues.extend(read)
    return found, issues


def _translation_files(
    language_dir: Path, shown_dir: Path, issues: list[Issue]
) -> list[tuple[Path, str]]:
    """The files of one language's folder that translate a strategy file: its strategy.yaml
    and regions/*.yaml; any other file gets a warning that it is not read."""
    files: list[tuple[Path, str]] = []
    for path in sorted(language_dir.iterdir()):
        if path.name.startswith("."):
            continue
        if path.name == "regions" and path.is_symlink():
            issues.append(
                _ignored(
                    shown_dir / path.name,
                    "'regions' is a link: its translations are not read (and never written). "
                    "Put the folder itself there",
                )
            )
        elif path.name == STRATEGY_FILE and not path.is_dir():
            files.append((path, STRATEGY_FILE))
        elif path.name == "regions" and path.is_dir() and not path.is_symlink():
            for region in sorted(path.iterdir()):
                name = f"regions/{region.name}"
                if region.name.startswith("."):
                    continue
                if region.suffix.lower() in REGION_SUFFIXES and not region.is_dir():
                    files.append((region, name))
                else:
                    issues.append(
                        _ignored(
                            shown_dir / name,
                            f"'{name}' is not read: only .yaml files translate region files",
                        )
                    )
        else:
            issues.append(
                _ignored(
                    shown_dir / path.name,
                    f"'{path.name}' is not read: a language's folder holds strategy.yaml and "
                    "regions/<id>.yaml, the translations of those files",
                )
            )
    return files


def _ignored(path: Path, message: str) -> Issue:
    return make_issue("ignored-file", str(path), 1, 1, "", message)


def check_translations(
    strategy: model.Strategy, docs: list[tuple[str, SourceDoc]]
) -> tuple[Translations, list[Issue]]:
    """The translation files converted, and every issue found in them against ``strategy``."""
    source_language = strategy.document.language
    by_file: dict[str, dict[tuple[str, str], Text]] = {}
    for text in texts(strategy):
        by_file.setdefault(text.file, {})[(text.item, text.path)] = text
    classes: dict[str, dict[str, type]] = {}
    for file, item, cls in items(strategy):
        classes.setdefault(file, {}).setdefault(item, cls)
    source_ids = {str(s.id) for s in strategy.sources}
    files: dict[str, dict[str, TranslationFile]] = {}
    issues = _check_listed(strategy)
    for language, doc in docs:
        if doc.root is None:
            continue
        checker = _FileChecker(doc, language, source_language)
        translation = checker.convert()
        issues += checker.issues
        if translation is None:
            continue
        if same_language(language, source_language):
            issues.append(
                make_issue(
                    "translation-orphan",
                    doc.file,
                    1,
                    1,
                    "",
                    f"'{language}' is the strategy's own language ({language_name(language)}): "
                    "a translation into it is not used",
                )
            )
            continue
        files.setdefault(language, {})[doc.name] = translation
        issues += checker.check(translation, by_file, classes, source_ids)
    return Translations(files), issues


def _check_listed(strategy: model.Strategy) -> list[Issue]:
    """The languages `document.translations` lists: not the source language, each once."""
    document = strategy.document
    issues = []
    seen: set[str] = set()
    line, column = document.origin.at("translations")
    for i, language in enumerate(document.translations):
        if same_language(language, document.language):
            message = (
                f"'{language}' is the language the strategy is written in (document.language): "
                "list only the languages it is translated into"
            )
        elif language in seen:
            message = f"'{language}' is listed twice"
        else:
            seen.add(language)
            continue
        issues.append(
            make_issue(
                "invalid-value",
                document.origin.file,
                line,
                column,
                f"document.translations[{i}]",
                message,
            )
        )
    return issues


class _FileChecker:
    """Converts one translation file and checks it against the texts of the strategy."""

    def __init__(self, doc: SourceDoc, language: str, source_language: str) -> None:
        self.doc = doc
        self.language = language
        self.source_language = source_language
        self.converter = Converter(doc.file)
        self.issues: list[Issue] = []

    def issue(self, code: str, node: Node, path: str, message: str) -> None:
        self.issues.append(make_issue(code, self.doc.file, node.line, node.column, path, message))

    # --- the file's shape ---

    def convert(self) -> TranslationFile | None:
        root = self.doc.root
        assert root is not None
        if not isinstance(root, Mapping):
            self.issue(
                "not-a-mapping",
                root,
                "",
                "a translation file must be a mapping with 'texts:' (and 'status:'), but it is "
                f"{describe(root)}",
            )
            return None
        status = model.TranslationStatus.DRAFT
        texts_node: Node | None = None
        ok = True
        for key, value in root.entries:
            if key.raw == "status":
                found = self._status(value)
                ok = ok and found is not None
                status = found or status
            elif key.raw == "texts":
                texts_node = value
            else:
                close = did_you_mean(key.raw, _ROOT_KEYS)
                hint = f" (did you mean '{close}'?)" if close else "; keys allowed: status, texts"
                self.issue(
                    "unknown-key",
                    key,
                    key.raw,
                    f"unknown key {visible(key.raw)} in a translation file{hint}",
                )
                ok = False
        if texts_node is None:
            self.issue(
                "missing-key",
                root,
                "texts",
                "the translation file has no 'texts': the translated fields, by item id and "
                "field (`s3gen translate extract` writes it)",
            )
            return None
        entries, keys = self._texts(texts_node)
        self.issues += self.converter.issues
        if not ok or entries is None:
            return None
        return TranslationFile(self.language, self.doc.name, self.doc.file, status, entries, keys)

    def _status(self, node: Node) -> model.TranslationStatus | None:
        allowed = [s.value for s in model.TranslationStatus]
        if isinstance(node, Scalar) and node.raw in allowed:
            return model.TranslationStatus(node.raw)
        shown = visible(node.raw) if isinstance(node, Scalar) else describe(node)
        self.issue(
            "invalid-value",
            node,
            "status",
            f"the translation status {shown} is not one of: {', '.join(allowed)}",
        )
        return None

    def _texts(
        self, node: Node
    ) -> tuple[
        dict[tuple[str, str], model.TranslatedText] | None, dict[tuple[str, str], tuple[int, int]]
    ]:
        keys: dict[tuple[str, str], tuple[int, int]] = {}
        if not isinstance(node, Mapping):
            self.issue(
                "not-a-mapping",
                node,
                "texts",
                f"'texts' must map item ids to their translated fields, found {describe(node)}",
            )
            return None, keys
        entries: dict[tuple[str, str], model.TranslatedText] = {}
        ok = True
        for item_key, fields in node.entries:
            item = item_key.raw
            keys[(item, "")] = (item_key.line, item_key.column)
            if not isinstance(fields, Mapping):
                self.issue(
                    "not-a-mapping",
                    fields,
                    f"texts.{item}",
                    f"'{item}' must map its fields to their translations, found {describe(fields)}",
                )
                ok = False
                continue
            for field_key, entry in fields.entries:
                path = f"texts.{item}.{field_key.raw}"
                keys[(item, field_key.raw)] = (field_key.line, field_key.column)
                value = self.converter.convert_part(entry, model.TranslatedText, path)
                if value is INVALID:
                    ok = False
                else:
                    entries[(item, field_key.raw)] = value
        return (entries if ok else None), keys

    # --- against the strategy ---

    def check(
        self,
        translation: TranslationFile,
        by_file: dict[str, dict[tuple[str, str], Text]],
        classes: dict[str, dict[str, type]],
        source_ids: set[str],
    ) -> list[Issue]:
        found: list[Issue] = []
        name = translation.source
        if name not in classes:
            # Compared by the name alone: every region file shares "regions/" and ".yaml".
            stems = {Path(n).stem: n for n in classes}
            stem = did_you_mean(Path(name).stem, stems)
            close = stems[stem] if stem else None
            code = "translation-unknown" if close else "translation-orphan"
            hint = f" (did you mean '{close}'?)" if close else ": it is not used"
            found.append(
                make_issue(
                    code,
                    translation.file,
                    1,
                    1,
                    "",
                    f"the strategy has no file '{name}' to translate{hint}",
                )
            )
            return found
        sources = by_file.get(name, {})
        known = classes[name]
        told: set[str] = set()
        for (item, path), entry in translation.texts.items():
            line, column = translation.keys[(item, path)]
            where = f"texts.{item}.{path}"
            if item not in known:
                if item not in told:
                    told.add(item)
                    found.append(self._unknown_item(translation, item, known, name))
                continue
            text = sources.get((item, path))
            if text is None:
                found.append(self._no_text(item, path, known[item], name, line, column, where))
                continue
            if entry.text is None or not entry.text.strip():
                continue  # not translated yet: `translate status` counts it
            if not text.markdown and "\n" in entry.text.strip():
                found.append(
                    make_issue(
                        "control-character",
                        self.doc.file,
                        *entry.origin.at("text"),
                        f"{where}.text",
                        f"the translation of {path} holds a line break, which belongs only in "
                        "Markdown text: write it on one line",
                    )
                )
            now = fingerprint(text.source)
            if entry.fingerprint != now:
                found.append(
                    make_issue(
                        "translation-stale",
                        self.doc.file,
                        line,
                        column,
                        where,
                        f"the {language_name(self.source_language)} text of {item} {path} "
                        f"changed since it was translated; now: {_quoted(text.source)}; the "
                        f"translation: {_quoted(entry.text)}. Update the translation, then "
                        f"set fingerprint: {now}",
                    )
                )
        for ref in self.converter.refs:
            if ref.value not in source_ids:
                close = did_you_mean(ref.value, source_ids)
                hint = f" (did you mean '{close}'?)" if close else ""
                found.append(
                    make_issue(
                        "unknown-reference",
                        ref.file,
                        ref.line,
                        ref.column,
                        ref.path,
                        f"unknown source '{ref.value}'{hint}",
                    )
                )
        return found

    def _unknown_item(
        self, translation: TranslationFile, item: str, known: dict[str, type], name: str
    ) -> Issue:
        line, column = translation.keys[(item, "")]
        close = _close_item(item, known)
        if close:
            return make_issue(
                "translation-unknown",
                self.doc.file,
                line,
                column,
                f"texts.{item}",
                f"{name} has no item '{item}' (did you mean '{close}'?)",
            )
        return make_issue(
            "translation-orphan",
            self.doc.file,
            line,
            column,
            f"texts.{item}",
            f"{name} has no item '{item}' (any longer): its translations are not used; remove them",
        )

    def _no_text(
        self, item: str, path: str, cls: type, name: str, line: int, column: int, where: str
    ) -> Issue:
        allowed = sorted(set(shapes(cls)))
        label = LABELS.get(cls, item)
        if shape(path) in allowed:
            return make_issue(
                "translation-orphan",
                self.doc.file,
                line,
                column,
                where,
                f"the {label} '{item}' in {name} has no {path} (any longer): the translation is "
                "not used; remove it",
            )
        close = did_you_mean(shape(path), allowed)
        hint = (
            f" (did you mean '{close}'?)"
            if close
            else f"; the fields translated in {a(label)}: {', '.join(allowed) or 'none'}"
        )
        return make_issue(
            "translation-unknown",
            self.doc.file,
            line,
            column,
            where,
            f"{visible(path)} is not a translated field of {a(label)}{hint}",
        )


def _close_item(item: str, known: dict[str, type]) -> str | None:
    """The item an unknown key most likely meant: an id of the same kind close to its id
    ("priority alpha-fod"), or, where the kind itself is misspelt, the closest key."""
    kind, _, item_id = item.partition(" ")
    same_kind = {k.partition(" ")[2]: k for k in known if k.partition(" ")[0] == kind}
    if same_kind and item_id:
        close = did_you_mean(item_id, same_kind)
        return same_kind[close] if close else None
    return did_you_mean(item, known)


def _quoted(text: str) -> str:
    flat = " ".join(text.split())
    return "'" + (flat if len(flat) <= _QUOTED else flat[: _QUOTED - 1] + "…") + "'"
