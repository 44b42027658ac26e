"""`s3gen new`: start a region file, or add a skeleton item to a region's list.

The only code that writes into the strategy folder. It writes exactly what was asked or nothing:
it never overwrites a file, and when it adds an item it inserts lines in the file's own line
ending and leaves every other byte as it was (comments, order, BOM), writing through a link to
its target (never out of the strategy folder) and keeping the file's mode. Before anything is
written, the whole strategy with the new text is validated and the file is checked to hold one
item more and nothing else changed. `editing` holds a lock on the strategy folder so that two
`s3gen new` at once each see the other's item.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from s3gen import model
from s3gen.errors import IssueSeverity, S3genError
from s3gen.model.codes import ISO_COUNTRIES, nuts_prefix
from s3gen.model.formats import ID_RE, NUTS_RE
from s3gen.model.kinds import NEW_IN_REGION
from s3gen.model.walk import placed_items
from s3gen.output import LOCKS, remove_abandoned
from s3gen.source.convert import CONTROL_IN_TEXT
from s3gen.source.load import Mapping, Node, Scalar, Sequence, SourceDoc, load_strategy, parse_yaml
from s3gen.source.messages import did_you_mean
from s3gen.source.validate import validate
from s3gen.tools.schema import modeline_for

if LOCKS:
    import fcntl


class ScaffoldProblem(S3genError):
    """The request cannot be carried out; the message says why and what to do."""


# What json.dumps leaves as it is but a YAML reader folds (NEL is read as a space) or refuses.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")
# Line breaks for str.splitlines() or YAML 1.1, beyond the three every tool agrees on.
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# The lines of a file as editors, git and open() see them: ended by CRLF, LF or CR. Never
# str.splitlines(), which also ends a line at the characters above.
_LINE = re.compile(r"[^\r\n]+(?:\r\n?|\n)?|\r\n?|\n")
_BREAK = re.compile(r"\r\n?|\n")
# YAML 1.1 ends a line at NEL and the line and paragraph separators too (in a comment, or folded
# inside a quoted text); an editor and git do not. Between the two views there is no line on
# which an item could be inserted for both.
_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")

# `s3gen new KIND`: the region file's list each kind is added to.
ITEM_KINDS = {k.name: k.region_list for k in NEW_IN_REGION if k.region_list}


def _quote(text: str) -> str:
    """A YAML double-quoted scalar of ``text``, read back as that exact string.

    Every value s3gen writes goes through here: YAML 1.1 reads plain `NO`, `yes`, `off`, `2021`,
    `0123` or `1.10` as booleans and numbers, and `#` or `: ` as syntax. JSON's string escapes are
    valid in a YAML double-quoted scalar; the characters a YAML reader would fold or refuse
    (C0 and C1 controls, DEL, line and paragraph separators, byte order mark) are escaped
    too, and every other letter stays as it is, readable."""
    return _YAML_UNSAFE.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False)
    )


def _one_line(text: str) -> str:
    """``text`` fit for a comment line: a line break would end the comment."""
    return " ".join(text.split())


def _character(char: str) -> str:
    name = unicodedata.name(char, "")
    kind = "a line break" if char in f"\r\n{_OTHER_BREAKS}" else "a control character"
    if unicodedata.category(char) == "Cf":
        kind = "a direction character"
    return f"U+{ord(char):04X}{f' {name}' if name else ''} ({kind})"


def _check_text(value: str, option: str, what: str, instead: str = "") -> None:
    """Refuse what validation would refuse in a one-line text, naming the option."""
    bad = CONTROL_IN_TEXT.search(value)  # what validation refuses
    if bad is not None:
        raise ScaffoldProblem(
            f"{option} holds {_character(bad.group())}: {what} is one line of text without "
            "control or direction characters; nothing was written"
        )
    if not value.strip():
        state = "empty" if not value else "blank"
        raise ScaffoldProblem(f"{option} is {state}: give {what}{instead}; nothing was written")


def _check_id(value: str, what: str) -> None:
    if not ID_RE.fullmatch(value):
        raise ScaffoldProblem(
            f"'{value}' is not a valid {what} id: use lowercase letters, digits and single hyphens"
        )


def _country_code(country: str) -> str:
    _check_text(country, "--country", "a country code")
    given = country.strip()
    code = given.upper()  # `--country no` means Norway
    # ASCII only: "ſe".upper() is "SE", a code nobody typed.
    if not given.isascii() or code not in ISO_COUNTRIES:
        close = did_you_mean(code, ISO_COUNTRIES)
        hint = f" (did you mean '{close}'?)" if close else ""
        shown = code if given.isascii() else given
        raise ScaffoldProblem(f"'{shown}' is not an ISO 3166-1 alpha-2 country code{hint}")
    return code


def _nuts_code(nuts: str, country: str) -> str:
    _check_text(nuts, "--nuts", "a NUTS code")
    code = nuts.strip().upper()
    prefix = nuts_prefix(country)
    # ASCII only: "plß".upper() is "PLSS", a code nobody typed.
    if (
        not nuts.strip().isascii()
        or not NUTS_RE.fullmatch(code)
        or not code.startswith(prefix)
        or not 1 <= len(code) - 2 <= 3
    ):
        raise ScaffoldProblem(
            f"'{nuts.strip()}' is not a NUTS code of {country}: it starts with '{prefix}' and has "
            "1 to 3 more capital letters or digits"
        )
    return code


def region_text(region_id: str, name: str, country: str, group: str, nuts: str | None) -> str:
    """The text of a new region file; refuses arguments that would not make a valid one."""
    _check_id(region_id, "region")
    _check_text(name, "--name", "a name")
    country = _country_code(country)
    nuts = None if nuts is None else _nuts_code(nuts, country)
    lines = [
        modeline_for(f"regions/{region_id}.yaml"),
        f"# {_one_line(name)} ({country}): regional profile for the Trans-S3 of the Baltic Sea "
        "Region.",
        "# Created with `s3gen new region`. Facts cite sources from ../sources.yaml; items marked",
        "# `illustrative: true` are proposals. Uncomment and fill in what applies.",
        "",
        f"id: {_quote(region_id)}",
        f"name: {_quote(name)}",
        f"country: {_quote(country)}",
        f"development_group: {_quote(group)}  # less_developed or advanced",
    ]
    if nuts is not None:
        lines += [
            "nuts:",
            f"  code: {_quote(nuts)}",
            f"  level: {len(nuts) - 2}",
            '  version: "2021"',
            "  status: unconfirmed",
            "  note: Added with s3gen new; cite a source in `sources` and remove `status`.",
        ]
    else:
        lines += [
            "# nuts:",
            "#   code: PL84",
            "#   level: 2",
            '#   version: "2021"',
            "#   sources: [source-id]",
        ]
    lines += [
        "# name_en: English name, when different",
        "# innovation:",
        "#   - scoreboard: eis",
        "#     group: emerging_innovator",
        "#     edition: 2023",
        "#     sources: [eis-2023]",
        "# s3:",
        "#   title: Name of the smart specialisation strategy",
        "#   scope: regional",
        "#   sources: [source-id]",
        "# partners:",
        "#   - id: organisation-id",
        "#     name: Organisation",
        "#     town: Town",
        "#     sources: [source-id]",
        "",
        "priorities: []",
        "gaps: []",
        "actions: []",
        "peer_learning: []",
        "",
    ]
    return "\n".join(lines)


def item_lines(
    kind: str, item_id: str, title: str, strategy: model.Strategy, region: model.Region
) -> list[str]:
    """The lines of a skeleton item, indented as a list item at column 0."""
    areas = ", ".join(a.id for a in strategy.priority_areas)
    if kind == "priority":
        first = strategy.priority_areas[0].id
        return [
            f"- id: {_quote(item_id)}",
            f"  title: {_quote(title or 'New priority')}",
            "  description: |",
            "    What the region specialises in, and the sources that show it.",
            f"  areas: [{_quote(first)}]  # one or more of: {areas}",
            "  illustrative: true  # a proposal until it cites sources",
        ]
    if kind == "gap":
        categories = ", ".join(c.value for c in model.GapCategory)
        return [
            f"- id: {_quote(item_id)}",
            f"  title: {_quote(title or 'New gap')}",
            "  description: |",
            "    The gap in the SME support system, and the evidence for it.",
            f"  category: support_tools  # {categories}",
            "  severity: medium  # low, medium or high",
            "  illustrative: true  # a proposal until it cites sources",
        ]
    if kind == "action":
        return [
            f"- id: {_quote(item_id)}",
            f"  title: {_quote(title or 'New action')}",
            "  description: |",
            "    What the action does, for whom and how.",
            "  scope: regional  # or transnational, with partner_regions: [region-id, ...]",
            "  status: proposed  # proposed, planned, ongoing or completed",
            "  gaps: []  # ids of the gaps it addresses",
            "  illustrative: true  # a proposal until it cites sources",
        ]
    mentors = [
        r.id
        for r in strategy.regions
        if r.id != region.id and r.development_group is model.DevelopmentGroup.ADVANCED
    ]
    others = [r.id for r in strategy.regions if r.id != region.id]
    if not others:
        raise ScaffoldProblem("peer learning needs a mentor region: add a second region first")
    mentor = mentors[0] if mentors else others[0]
    formats = ", ".join(f.value for f in model.LearningFormat)
    return [
        f"- id: {_quote(item_id)}",
        f"  topic: {_quote(title or 'New peer-learning topic')}",
        f"  mentors: [{_quote(mentor)}]  # the regions this region learns from",
        f"  format: study_visit  # {formats}",
        "  illustrative: true  # a proposal until it cites sources",
    ]


@dataclass(frozen=True)
class Insertion:
    text: str  # the whole new file
    line: int  # 1-based line where the item starts


_KEEP_BLOCK = re.compile(r":\s*[|>][0-9]?\+")


def _top_key(line: str, key: str) -> tuple[str, str] | None:
    """The value and the comment after ``key:`` on a top-level line, or None for another line.
    Read without a regular expression: one that splits value from comment can backtrack over
    a long run of spaces."""
    body = line.rstrip("\r\n")
    if not body.startswith(key):
        return None
    rest = body[len(key) :].lstrip()
    if not rest.startswith(":"):
        return None
    rest = rest[1:]
    # A comment starts at a '#' that follows a space or a tab.
    at = next((i for i in range(1, len(rest)) if rest[i] == "#" and rest[i - 1] in " \t"), None)
    if at is None:
        return rest, ""
    start = len(rest[:at].rstrip(" \t"))
    return rest[:start], rest[start:]


def insert_item(text: str, key: str, item: list[str]) -> Insertion:
    """``text`` with ``item`` appended to the top-level list ``key``; nothing else changes.

    Lines are inserted, ended as the file's first line is (CRLF, LF or CR); the one line that
    changes is an empty flow list, `key: []`, which loses its `[]`."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    first_break = _BREAK.search(body)
    newline = first_break.group() if first_break else "\n"
    lines = _LINE.findall(body)
    start = next((i for i, line in enumerate(lines) if _top_key(line, key)), None)
    if start is None:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        block = [f"{key}:{newline}"] + [f"  {x}{newline}" for x in item]
        return Insertion(bom + "".join(lines + block), len(lines) + 2)
    found = _top_key(lines[start], key)
    assert found is not None
    value, comment = found[0].strip(), found[1]
    if value == "[]":
        ending = lines[start][len(lines[start].rstrip("\r\n")) :]
        lines[start] = f"{key}:{comment}{ending or newline}"
        value = ""
    if value:
        raise ScaffoldProblem(
            f"'{key}' is written on one line ({value}); write it as a list "
            "with one '- ' line per item first"
        )
    # The list runs until the next line at column 0 that is not one of its own items (items
    # may stand at column 0 themselves: "- id: ...").
    end = start + 1
    indent = None
    while end < len(lines):
        line = lines[end]
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            line_indent = len(line) - len(line.lstrip(" "))
            if indent is None:
                if line_indent == 0 and not stripped.startswith("-"):
                    break
                indent = line_indent
            elif line_indent == 0 and not (indent == 0 and stripped.startswith("-")):
                break
        end += 1
    # Comments and blank lines just before the next key belong to that key, unless a block
    # scalar that keeps its trailing blank lines ("|+", ">+") ends the list: then they are its.
    keeps_blanks = any(_KEEP_BLOCK.search(line) for line in lines[start:end])
    while end > start + 1 and (
        lines[end - 1].startswith("#") or (not lines[end - 1].strip() and not keeps_blanks)
    ):
        end -= 1
    pad = " " * (indent if indent is not None else 2)
    if end == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    block = [f"{pad}{x}{newline}" for x in item]
    return Insertion(bom + "".join(lines[:end] + block + lines[end:]), end + 1)


def _next_id(region_id: str, kind: str, taken: set[str]) -> str:
    n = 1
    while f"{region_id}-{kind}-{n}" in taken:
        n += 1
    return f"{region_id}-{kind}-{n}"


def _ids_of_kind(strategy: model.Strategy, kind: str) -> set[str]:
    # Ids are unique within their kind: a gap may share its id with a source.
    return {str(p.item.id) for p in placed_items(strategy) if p.kind == kind}


@contextlib.contextmanager
def editing(folder: Path, on_wait: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold the strategy folder's lock: load the strategy and call `new_*` inside it.

    Adding an item reads the region file, inserts lines and replaces the file; two `s3gen new`
    at once would both read the old file, and the second replacement would drop the first
    item (and both could pick the same new id). The lock is on the folder itself, so that
    nothing is left beside the files; ``on_wait`` is called when another holds it."""
    if not LOCKS:  # Windows: no advisory locks; one `s3gen new` at a time is up to the user
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:  # a file system without locks
            raise ScaffoldProblem(
                f"cannot lock {folder} against a second `s3gen new` ({exc.strerror}); "
                "nothing was written"
            ) from exc
        yield
    finally:
        os.close(fd)  # and with it the lock


def new_region(
    strategy: model.Strategy,
    folder: Path,
    region_id: str,
    name: str,
    country: str,
    group: str,
    nuts: str | None,
) -> Path:
    """Write ``regions/<id>.yaml``; refuse to overwrite or to reuse an id."""
    _check_id(region_id, "region")
    path = folder / "regions" / f"{region_id}.yaml"
    if os.path.lexists(path):  # a link to nothing too: writing would go where it leads
        raise ScaffoldProblem(f"{path} already exists; s3gen new never overwrites a file")
    if region_id in {r.id for r in strategy.regions}:
        raise ScaffoldProblem(f"a region with id '{region_id}' already exists")
    _inside(path.parent, folder)
    text = region_text(region_id, name, country, group, nuts)
    _check_strategy(folder, path, text)
    try:
        _create(path, text.encode("utf-8"))
    except OSError as exc:
        raise ScaffoldProblem(
            f"cannot write {path}: {exc.strerror or exc}; nothing was written"
        ) from exc
    return path


def new_item(
    strategy: model.Strategy,
    folder: Path,
    kind: str,
    region_id: str,
    item_id: str | None,
    title: str,
) -> tuple[Path, str, int]:
    """Append a skeleton ``kind`` item to the region's file: its path, the id and the line."""
    if title:
        _check_text(title, "--title", "a title", ", or leave --title out for a placeholder")
    region = next((r for r in strategy.regions if r.id == region_id), None)
    if region is None:
        close = did_you_mean(region_id, [r.id for r in strategy.regions])
        hint = f" (did you mean '{close}'?)" if close else ""
        raise ScaffoldProblem(f"there is no region '{region_id}'{hint}")
    path = Path(region.origin.file)
    taken = _ids_of_kind(strategy, kind)
    if item_id is None:
        item_id = _next_id(region_id, kind, taken)
    _check_id(item_id, kind)
    if item_id in taken:
        raise ScaffoldProblem(f"the {kind} id '{item_id}' is already used in the strategy")
    target = _inside(path, folder)
    original = target.read_bytes()
    try:
        text = original.decode("utf-8")
    except UnicodeDecodeError as exc:  # changed since it was validated
        raise ScaffoldProblem(f"{path} is not UTF-8 text; nothing was written") from exc
    _check_line_breaks(text, path)
    key = ITEM_KINDS[kind]
    item = item_lines(kind, item_id, title, strategy, region)
    inserted = insert_item(text, key, item)
    _check_one_more(text, inserted.text, key, item, path)
    _check_strategy(folder, path, inserted.text)
    try:
        _replace(target, inserted.text.encode("utf-8"), original, path)
    except OSError as exc:  # a read-only folder, a full disk: the file is as it was
        raise ScaffoldProblem(
            f"cannot write {path}: {exc.strerror or exc}; nothing was written"
        ) from exc
    return path, item_id, inserted.line


def _inside(path: Path, folder: Path) -> Path:
    """Where ``path`` leads, through any link; refused outside the strategy folder, as the
    loader refuses to read there."""
    target = path.resolve()
    if not target.is_relative_to(folder.resolve()):
        raise ScaffoldProblem(
            f"{path} is a link to {target}, outside the strategy folder; s3gen new writes only "
            "inside it, so nothing was written"
        )
    return target


def _check_line_breaks(text: str, path: Path) -> None:
    found = _YAML_ONLY_BREAK.search(text)
    if found is not None:
        line = len(_BREAK.findall(text, 0, found.start())) + 1
        raise ScaffoldProblem(
            f"{path}:{line}: the line holds {_character(found.group())}, which YAML reads as "
            "the end of a line but editors and git do not, so there is no safe place to add "
            "an item; replace it with a space or a line break; nothing was written"
        )


def _shape(node: Node | None) -> object:
    """A node without its position: what a change to the file changes."""
    if isinstance(node, Scalar):
        return (node.tag, node.raw)
    if isinstance(node, Sequence):
        return ("seq", tuple(_shape(item) for item in node.items))
    if isinstance(node, Mapping):
        return ("map", tuple((_shape(k), _shape(v)) for k, v in node.entries))
    return None


def _check_one_more(old: str, new: str, key: str, item: list[str], path: Path) -> None:
    # The line-based insertion is only right if YAML reads the new file as the old one with
    # one more item at the end of `key`: anything else is a file shape it does not know, and
    # nothing is written.
    before, _ = parse_yaml(old.removeprefix("\ufeff"), str(path))
    after, _ = parse_yaml(new.removeprefix("\ufeff"), str(path))
    added, _ = parse_yaml("\n".join(item) + "\n", str(path))
    ok = (
        isinstance(before, Mapping)
        and isinstance(after, Mapping)
        and isinstance(added, Sequence)
        and len(added.items) == 1
    )
    if ok:
        assert isinstance(before, Mapping) and isinstance(added, Sequence)
        entries = [(_shape(k), _shape(v)) for k, v in before.entries]
        old_list = before.get(key)
        items = old_list.items if isinstance(old_list, Sequence) else ()
        grown = ("seq", tuple(_shape(i) for i in (*items, *added.items)))
        names = [k.raw for k, _ in before.entries]
        if key in names:
            entries[names.index(key)] = (entries[names.index(key)][0], grown)
        else:
            entries.append((("str", key), grown))
        ok = _shape(after) == ("map", tuple(entries))
    if not ok:
        raise ScaffoldProblem(
            f"could not add to {path} safely: its '{key}' list is written in a way s3gen new "
            "does not know; add the item by hand; nothing was written"
        )


def _check_strategy(folder: Path, path: Path, text: str) -> None:
    # What s3gen writes must leave a valid strategy: the whole strategy is validated with the
    # new text in place of the file before the file is written.
    name = f"regions/{path.name}"
    docs, load_issues = load_strategy(folder, str(folder))
    root, issues = parse_yaml(text.removeprefix("\ufeff"), str(path))
    doc = SourceDoc(str(path), name, root)
    others = [d for d in docs if d.name != name]
    issues += [i for i in load_issues if i.file != str(path)]
    issues += validate([*others, doc]).issues
    errors = sorted(i for i in issues if i.severity is IssueSeverity.ERROR)
    if errors:
        first = errors[0]
        raise ScaffoldProblem(
            f"could not add to {path} safely ({first.file}:{first.line}: {first.message}); "
            "nothing was written"
        )


def _replace(target: Path, data: bytes, original: bytes, shown: Path) -> None:
    """Replace ``target`` by ``data`` atomically, with its mode (and owner, where allowed)."""
    info = target.stat()
    if not info.st_mode & stat.S_IWUSR:  # root may write anyway; the owner said no
        raise ScaffoldProblem(f"{shown} is read-only; nothing was written")
    # What a `new` killed while writing left behind (the folder's lock keeps out any other
    # that could be writing now).
    remove_abandoned(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            # Only root may give a file to another owner; a group the user is in, anyone.
            with contextlib.suppress(OSError):
                os.fchown(handle.fileno(), -1, info.st_gid)
            with contextlib.suppress(OSError):
                os.fchown(handle.fileno(), info.st_uid, -1)
            os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # Other s3gen commands wait for the lock; an editor does not.
        if target.read_bytes() != original:
            raise ScaffoldProblem(
                f"{shown} changed while s3gen new was adding to it; nothing was written, "
                "run the command again"
            )
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _create(path: Path, data: bytes) -> None:
    """Write a new file at ``path`` atomically, never replacing anything that has the name."""
    remove_abandoned(path)
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            # The mode a new file gets from the user's umask, as an editor's would.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # fails if the name is taken, even by a link to nothing
        except FileExistsError:
            raise ScaffoldProblem(
                f"{path} already exists; s3gen new never overwrites a file"
            ) from None
        except OSError:  # a file system without hard links: the lock keeps others out
            if os.path.lexists(path):
                raise ScaffoldProblem(
                    f"{path} already exists; s3gen new never overwrites a file"
                ) from None
            os.rename(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
