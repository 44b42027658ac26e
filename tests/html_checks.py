"""Helpers that inspect built HTML: parse it, list links and ids, run the external checkers."""

from __future__ import annotations

import json
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tests.conftest import REPO

CHECKERS = REPO / "tests" / "a11y"
VNU_JAR = CHECKERS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = "run `make test`, which installs the checkers (Java, Chromium, npm packages)"


class Page(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if "id" in a]

    def hrefs(self) -> list[str]:
        return [a["href"] for t, a in self.tags if "href" in a and t == "a"]


def require(tool: str | Path) -> str:
    """The path of a checker the test needs; a failure (never a skip) when it is missing."""
    found = shutil.which(str(tool)) if not Path(tool).is_absolute() else str(tool)
    if not found or not Path(found).exists():
        raise AssertionError(f"{tool} is missing: {INSTALL_HINT}")
    return found


def vnu_errors(page: Path) -> list[dict[str, object]]:
    """Errors of the Nu HTML Checker (vnu.jar) for ``page``."""
    return vnu_errors_of(page)[page]


def vnu_errors_of(*pages: Path) -> dict[Path, list[dict[str, object]]]:
    """Errors of the Nu HTML Checker for each of ``pages``, in one run of the checker (one
    Java start for all)."""
    java = require("java")
    require(VNU_JAR)
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(proc.stderr or proc.stdout)
    messages: list[dict[str, object]] = report["messages"]
    found: dict[Path, list[dict[str, object]]] = {page: [] for page in pages}
    by_url = {page.resolve().as_uri(): page for page in pages}
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        # A message names its page by its address; one that names none counts for every page.
        page = by_url.get(str(m.get("url", "")))
        for target in [page] if page is not None else pages:
            found[target].append(m)
    return found


def axe_violations_of(*pages: Path) -> dict[Path, list[dict[str, object]]]:
    """`axe_violations` of each of ``pages``, the browsers run side by side."""
    with ThreadPoolExecutor(max_workers=len(pages) or 1) as pool:
        return dict(zip(pages, pool.map(axe_violations, pages), strict=True))


def axe_violations(page: Path) -> list[dict[str, object]]:
    """axe-core violations (WCAG 2.2 AA and best practices) for ``page`` in Chromium."""
    node = require("node")
    require(CHROMIUM)
    require(CHECKERS / "node_modules" / "axe-core" / "axe.min.js")
    proc = subprocess.run(
        [node, str(CHECKERS / "axe.mjs"), str(page)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    violations: list[dict[str, object]] = result["violations"]
    return violations


def layout_overflow(page: Path, *widths: int) -> dict[str, dict[str, Any]]:
    """For each width (CSS px) at which ``page`` is shown in Chromium: the page's own width (it
    must not scroll sideways) and every table wider than its box where the box does not
    scroll."""
    node = require("node")
    require(CHROMIUM)
    require(CHECKERS / "node_modules" / "playwright-core")
    proc = subprocess.run(
        [node, str(CHECKERS / "layout.mjs"), str(page), *map(str, widths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    found: dict[str, dict[str, Any]] = json.loads(proc.stdout)
    return found
