"""What changed between two versions of a strategy, item by item, for reviewers.

Items are matched by kind and id, never by file, so a renamed file is no change at all; an item
whose id changed while the rest stayed (or whose title stayed) is reported as an id change, not as
one removal and one addition. Changed items list their fields before and after; Markdown and
other multi-line texts get a line diff.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from s3gen import model
from s3gen.errors import S3genError
from s3gen.jsonable import to_jsonable
from s3gen.model.kinds import KINDS as ITEM_KINDS
from s3gen.model.walk import field_specs, placed_items

# Kinds in reading order, with the heading used in reports: the document, then every kind of item.
KINDS = {"document": "Document and chapters", **{k.name: k.plural for k in ITEM_KINDS}}
_TITLE_FIELDS = ("title", "name", "topic")


class DiffProblem(S3genError):
    """A revision or folder could not be read."""


class NoSuchRevision(DiffProblem):
    """A usage error: ``spec``, as written on the command line, names no git revision and no
    folder."""

    def __init__(self, spec: str, message: str) -> None:
        super().__init__(message)
        self.spec = spec


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any  # JSON-ready value
    after: Any
    text_diff: tuple[str, ...]  # "- old line" / "+ new line" for multi-line texts, else ()


@dataclass(frozen=True)
class ItemChange:
    kind: str
    id: str
    change: str  # added | removed | changed | id-changed
    title: str
    region: str  # the region the item belongs to, or ""
    old_id: str  # for id-changed: the id before
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class StrategyDiff:
    before: str  # what was compared, in words
    after: str
    changes: tuple[ItemChange, ...]

    def count(self, change: str) -> int:
        """How many items had this kind of change."""
        return sum(1 for c in self.changes if c.change == change)


@dataclass(frozen=True)
class _Item:
    kind: str
    id: str
    region: str
    data: dict[str, Any]  # fields, JSON-ready, without nested items

    @property
    def title(self) -> str:
        for name in _TITLE_FIELDS:
            if isinstance(self.data.get(name), str):
                return str(self.data[name])
        return ""


# Fields that hold items diffed as items of their own kind; every other field, nested values
# such as a region's NUTS entry included, is compared as a value.
_SEPARATE = {
    (model.Region, "partners"),
    (model.Region, "priorities"),
    (model.Region, "gaps"),
    (model.Region, "actions"),
    (model.Region, "peer_learning"),
    (model.Priority, "good_practices"),
    (model.Action, "indicators"),
}


def _fields(item: Any) -> dict[str, Any]:
    """The item's own values."""
    cls: type = type(item)
    return {
        spec.name: to_jsonable(getattr(item, spec.name))
        for spec in field_specs(cls)
        if (cls, spec.name) not in _SEPARATE
    }


def _items(strategy: model.Strategy) -> Iterator[_Item]:
    doc = _fields(strategy.document) | {
        f"chapters.{k}": v for k, v in _fields(strategy.chapters).items()
    }
    yield _Item("document", strategy.document.id, "", doc)
    for placed in placed_items(strategy):
        # The parents are compared like fields: an item moved to another region is a change.
        region = placed.parents.get("region", "")
        yield _Item(placed.kind, placed.item.id, region, _fields(placed.item) | placed.parents)


def _text_diff(before: Any, after: Any) -> tuple[str, ...]:
    if not (isinstance(before, str) and isinstance(after, str)):
        return ()
    if "\n" not in before.strip() and "\n" not in after.strip():
        return ()
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=1)
    return tuple(line for line in lines if not line.startswith(("---", "+++", "@@")))


def _field_changes(old: _Item, new: _Item) -> tuple[FieldChange, ...]:
    names = [k for k in new.data if k != "id"] + [k for k in old.data if k not in new.data]
    return tuple(
        FieldChange(
            name,
            old.data.get(name),
            new.data.get(name),
            _text_diff(old.data.get(name), new.data.get(name)),
        )
        for name in names
        if old.data.get(name) != new.data.get(name)
    )


def _same_except_id(old: _Item, new: _Item) -> bool:
    return {k: v for k, v in old.data.items() if k != "id"} == {
        k: v for k, v in new.data.items() if k != "id"
    }


def _renamed_regions(
    old: dict[tuple[str, str], _Item], new: dict[tuple[str, str], _Item]
) -> dict[str, str]:
    gone = [i for k, i in old.items() if i.kind == "region" and k not in new]
    came = [i for k, i in new.items() if i.kind == "region" and k not in old]
    mapping = {}
    for a in gone:
        match = next((b for b in came if _same_except_id(a, b)), None) or next(
            (b for b in came if a.title and a.title == b.title), None
        )
        if match is not None:
            mapping[a.id] = match.id
            came.remove(match)
    return mapping


def _moved(item: _Item, renamed: dict[str, str]) -> _Item:
    region = renamed.get(item.region, item.region)
    data = dict(item.data)
    if "region" in data:
        data["region"] = renamed.get(data["region"], data["region"])
    return _Item(item.kind, item.id, region, data)


def diff_strategies(
    before: model.Strategy, after: model.Strategy, before_label: str, after_label: str
) -> StrategyDiff:
    """Every added, removed, changed and re-identified item, in reading order."""
    old = {(i.kind, i.id): i for i in _items(before)}
    new = {(i.kind, i.id): i for i in _items(after)}
    # A region whose id changed takes its items along: they did not move.
    renamed = _renamed_regions(old, new)
    if renamed:
        old = {key: _moved(item, renamed) for key, item in old.items()}
    changes: list[ItemChange] = []
    removed = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    # An id change: a removed and an added item of the same kind and region that are equal but
    # for the id, or failing that share their title.
    for match in (_same_except_id, lambda o, n: bool(o.title) and o.title == n.title):
        for key in list(removed):
            candidates = [
                k
                for k in added
                if k[0] == key[0] and new[k].region == old[key].region and match(old[key], new[k])
            ]
            if candidates:
                target = new[candidates[0]]
                changes.append(
                    ItemChange(
                        target.kind,
                        target.id,
                        "id-changed",
                        target.title,
                        target.region,
                        key[1],
                        _field_changes(old[key], target),
                    )
                )
                removed.remove(key)
                added.remove(candidates[0])
    for key in removed:
        item = old[key]
        changes.append(ItemChange(item.kind, item.id, "removed", item.title, item.region, "", ()))
    for key in added:
        item = new[key]
        changes.append(ItemChange(item.kind, item.id, "added", item.title, item.region, "", ()))
    for key in old.keys() & new.keys():
        fields = _field_changes(old[key], new[key])
        if fields:
            item = new[key]
            changes.append(
                ItemChange(item.kind, item.id, "changed", item.title, item.region, "", fields)
            )
    order = list(KINDS)
    changes.sort(key=lambda c: (order.index(c.kind), c.region, c.id))
    return StrategyDiff(before_label, after_label, tuple(changes))


# --- Reading a revision ------------------------------------------------------------------------


def _in_current_format(folder: Path, copy: Path) -> Path:
    """``folder``, or a migrated copy of it when its strategy.yaml is of format 1: a change
    report across the migration compares like with like (the folder itself is never written)."""
    from s3gen.tools.migrate import MigrationProblem, migrate, needs_migration

    if not needs_migration(folder):
        return folder
    shutil.copytree(folder, copy, symlinks=True)
    try:
        migrate(copy)
    except MigrationProblem:
        return folder  # validation says what is wrong with it
    return copy


def checkout(spec: str, strategy_dir: Path, into: Path) -> tuple[Path, str, str]:
    """The strategy folder for ``spec``, a label for it and the name its files are shown under:
    the strategy folder at git revision ``spec``, extracted under ``into``; or, when ``spec`` is
    written as a path (``./other``,
    ``../other``, ``/abs/other``, ``other/``), that folder. A folder whose name could be a
    revision (``origin/main`` committed in a pull request) is never taken for it."""
    if written_as_path(spec):
        if not Path(spec).is_dir():
            raise NoSuchRevision(spec, f"there is no folder {spec}")
        return Path(spec), f"folder {spec}", spec
    hint = f"; to compare with the folder {spec}, write ./{spec}" if Path(spec).is_dir() else ""

    def git(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            ["git", "-C", str(strategy_dir), *args], capture_output=True, check=False, timeout=60
        )

    try:
        top = git("rev-parse", "--show-toplevel")
    except OSError as exc:
        raise DiffProblem(
            f"'{spec}' is a git revision, and git is not available: {exc}{hint}"
        ) from exc
    if top.returncode != 0:
        raise NoSuchRevision(
            spec,
            f"'{spec}' is taken as a git revision, and {strategy_dir} is not in a git "
            "repository"
            + (
                hint
                or "; to compare two strategy folders, write each as a path (./other, "
                "../other, /abs/other)"
            ),
        )
    root = Path(top.stdout.decode().strip())
    rel = strategy_dir.resolve().relative_to(root.resolve()).as_posix()
    if git("rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}").returncode != 0:
        raise NoSuchRevision(
            spec,
            f"'{spec}' is not a git revision of the repository at {root}"
            + (hint or "; `git log --oneline` and `git branch` list the revisions there"),
        )
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", spec, rel],
        capture_output=True,
        check=False,
        timeout=60,
    )
    if archive.returncode != 0:
        raise DiffProblem(f"the folder {rel} does not exist at revision {spec}")
    into.mkdir(parents=True, exist_ok=True)
    tar_path = into / "strategy.tar"
    tar_path.write_bytes(archive.stdout)
    try:
        _extract(tar_path, into / "tree")
    except (tarfile.TarError, OSError) as exc:  # a special file, a name too long, ...
        raise DiffProblem(f"the strategy at revision {spec} cannot be read: {exc}") from exc
    # Its files are named as git names them (HEAD~1:strategy/regions/x.yaml), never by the
    # temporary folder they were extracted to.
    return into / "tree" / rel, f"revision {spec}", f"{spec}:{rel}"


def _extract(tar_path: Path, tree: Path) -> None:
    """Extract a revision's archive into ``tree`` with its links as committed, so that the
    loader judges them as it judges the folder's own: a link that leads out of the strategy is
    an `outside-strategy` error there and is never followed.

    Tar's "data" filter refuses a link that leads out of ``tree``, because a later member could
    be written through it. Such links are put in place only after every other member, and only
    where the folder they go in is inside ``tree``: nothing is ever written through them."""
    links_out: list[tarfile.TarInfo] = []

    def keep(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
        try:
            return tarfile.data_filter(member, dest)
        except (tarfile.AbsoluteLinkError, tarfile.LinkOutsideDestinationError):
            if not member.issym():
                raise
            links_out.append(member)
            return None

    with tarfile.open(tar_path) as tar:
        tar.extractall(tree, filter=keep)
    root = tree.resolve()
    for member in links_out:
        link = tree / member.name
        if link.parent.resolve().is_relative_to(root) and not os.path.lexists(link):
            link.symlink_to(member.linkname)


def written_as_path(spec: str) -> bool:
    """Whether ``spec`` names a folder rather than a git revision: ``.``, ``..``, or a path
    starting with ``/``, ``./`` or ``../``, or ending with ``/``."""
    return spec in (".", "..") or spec.startswith(("/", "./", "../")) or spec.endswith("/")


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    """A folder for checked-out revisions, removed afterwards."""
    return tempfile.TemporaryDirectory(prefix="s3gen-diff-")


# --- Output --------------------------------------------------------------------------------------

_SIGNS = {"added": "+", "removed": "-", "changed": "~", "id-changed": "~"}


def _value(value: Any) -> str:
    if isinstance(value, str):
        text = " ".join(value.split())
        return f'"{text[:117]}..."' if len(text) > 120 else f'"{text}"'
    if value is None:
        return "(none)"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, ensure_ascii=False)


def _summary(d: StrategyDiff) -> str:
    if not d.changes:
        return f"No change from {d.before} to {d.after}."
    parts = [
        f"{d.count(c)} {c.replace('-', ' ')}"
        for c in ("added", "removed", "changed", "id-changed")
        if d.count(c)
    ]
    return f"Changes from {d.before} to {d.after}: {', '.join(parts)}."


def _headline(c: ItemChange) -> str:
    where = f" in {c.region}" if c.region else ""
    title = f' "{c.title}"' if c.title else ""
    if c.change == "id-changed":
        return f"{c.id}{title}{where}: id changed from {c.old_id}"
    verb = {"added": "added", "removed": "removed", "changed": "changed"}[c.change]
    return f"{c.id}{title}{where}: {verb}"


def format_text(d: StrategyDiff) -> str:
    """A plain-text change report."""
    lines = [_summary(d)]
    for kind, label in KINDS.items():
        group = [c for c in d.changes if c.kind == kind]
        if not group:
            continue
        lines += ["", label]
        for c in group:
            lines.append(f"  {_SIGNS[c.change]} {_headline(c)}")
            for f in c.fields:
                if f.text_diff:
                    lines.append(f"      {f.field}:")
                    lines += [f"        {line}" for line in f.text_diff]
                else:
                    lines.append(f"      {f.field}: {_value(f.before)} -> {_value(f.after)}")
    return "\n".join(lines)


# Characters Markdown (CommonMark and GitHub's) gives a meaning: escaped, so that a title is shown
# as the text it is, never as a link, an image, a heading or markup.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:])")


def _md(text: str) -> str:
    """``text`` as literal text in Markdown: HTML's characters as entities, Markdown's escaped,
    and '@' followed by an empty comment, so that GitHub makes no mention, e-mail or mailto
    link of it (a backslash does not stop its autolinks)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("@", "@<!-- -->")


_BACKTICKS = re.compile("`+")


def _fenced(kind: str, lines: list[str], indent: str) -> list[str]:
    """``lines`` in a fenced code block that no line of theirs can close: the fence is longer
    than any run of backticks inside."""
    longest = max((len(run) for line in lines for run in _BACKTICKS.findall(line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{indent}{fence}{kind}", *[f"{indent}{line}" for line in lines], f"{indent}{fence}"]


def format_markdown(d: StrategyDiff) -> str:
    """A change report to paste into a pull request. Strategy text in it (titles, values,
    revision labels) is escaped: it cannot add links, images or markup to the summary."""
    lines = ["### Strategy changes", "", _md(_summary(d))]
    for kind, label in KINDS.items():
        group = [c for c in d.changes if c.kind == kind]
        if not group:
            continue
        lines += ["", f"#### {label}", ""]
        for c in group:
            lines.append(f"- **{_SIGNS[c.change]}** `{c.id}`{_md(_headline(c)[len(c.id) :])}")
            for f in c.fields:
                if f.text_diff:
                    lines += [
                        f"  - `{f.field}`:",
                        "",
                        *_fenced("diff", list(f.text_diff), "    "),
                        "",
                    ]
                else:
                    before, after = _md(_value(f.before)), _md(_value(f.after))
                    lines.append(f"  - `{f.field}`: {before} → {after}")
    return "\n".join(lines)


def format_json(d: StrategyDiff) -> str:
    """The change report as JSON."""
    return json.dumps(to_jsonable(d), indent=2, ensure_ascii=False)


FORMATTERS: dict[str, Callable[[StrategyDiff], str]] = {
    "text": format_text,
    "markdown": format_markdown,
    "json": format_json,
}


def diff_revisions(
    rev_a: str,
    rev_b: str | None,
    strategy_dir: Path,
    load: Callable[[Path, str, str], model.Strategy],
) -> StrategyDiff:
    """The changes between two revisions (git revisions or folders) of the strategy, or between
    ``rev_a`` and the files as they are now. ``load`` validates a checked-out folder, given
    with its label and the name its files are shown under, and reports what is wrong with it."""
    with temporary_folder() as tmp:
        folder_a, label_a, shown_a = checkout(rev_a, strategy_dir, Path(tmp) / "a")
        folder_a = _in_current_format(folder_a, Path(tmp) / "a-migrated")
        if rev_b is None:
            folder_b, label_b, shown_b = strategy_dir, f"the files in {strategy_dir}", ""
        else:
            folder_b, label_b, shown_b = checkout(rev_b, strategy_dir, Path(tmp) / "b")
            folder_b = _in_current_format(folder_b, Path(tmp) / "b-migrated")
        before = load(folder_a, label_a, shown_a)
        after = load(folder_b, label_b, shown_b or str(folder_b))
    return diff_strategies(before, after, label_a, label_b)
