"""`s3gen serve`: the preview answers, rebuilds on save, and shows issues instead of crashing."""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from s3gen.serve import Preview, start, stop_all
from tests.conftest import apply_edits


def get(base: str, path: str = "/") -> str:
    with urllib.request.urlopen(base + path, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for_version(base: str, old: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = get(base, "/__version")
        if current != old:
            return current
        time.sleep(0.05)
    raise AssertionError(f"the preview did not rebuild within {timeout} s")


@pytest.fixture
def server(minimal: Path) -> Iterator[tuple[str, Path]]:
    httpd, stop, _ = start(minimal, None, "127.0.0.1", 0)
    host, port = httpd.server_address[:2]
    try:
        yield f"http://{host!s}:{port}", minimal
    finally:
        stop_all(httpd, stop)


def test_serves_the_report_with_the_reload_script(server: tuple[str, Path]) -> None:
    base, _ = server
    page = get(base)
    assert "<h1>Minimal strategy</h1>" in page
    assert '<script src="/__reload.js"></script>' in page
    assert "Content-Security-Policy" not in page
    assert "location.reload" in get(base, "/__reload.js")


def test_a_save_rebuilds_the_page(server: tuple[str, Path]) -> None:
    base, strategy = server
    version = get(base, "/__version")
    apply_edits(strategy, {"strategy.yaml": [("title: Minimal strategy", "title: Edited live")]})
    wait_for_version(base, version)
    assert "<h1>Edited live</h1>" in get(base)


def test_invalid_data_shows_the_issues(server: tuple[str, Path]) -> None:
    base, strategy = server
    version = get(base, "/__version")
    apply_edits(strategy, {"regions/alpha.yaml": [("severity: high", "severity: hihg")]})
    wait_for_version(base, version)
    page = get(base)
    assert "The strategy has 1 problems" in page
    # The same line as `s3gen validate` prints, with the place in the data.
    assert (
        "regions/alpha.yaml:21:15: error: gaps[0].severity: &#x27;hihg&#x27; is not allowed in "
        "&#x27;severity&#x27;" in page
    )


def test_unknown_paths_are_not_found(server: tuple[str, Path]) -> None:
    base, _ = server
    with pytest.raises(urllib.error.HTTPError) as err:
        get(base, "/../../etc/passwd")
    assert err.value.code == 404


def test_an_added_file_rebuilds_the_page(server: tuple[str, Path]) -> None:
    base, strategy = server
    version = get(base, "/__version")
    (strategy / "regions" / "notes.txt").write_text("x")  # ignored-file: a new warning
    wait_for_version(base, version)


def test_an_unreadable_template_shows_an_error_and_the_preview_goes_on(
    minimal: Path, tmp_path: Path
) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "_region.html").write_bytes(b"\xff\xfe broken")
    preview = Preview(minimal, overrides)
    assert b"The report could not be built" in preview.page
    (overrides / "_region.html").unlink()
    preview.rebuild()
    assert b"<h1>Minimal strategy</h1>" in preview.page


def test_a_save_while_the_watcher_starts_is_not_lost(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The operating system's watch is set up in a thread; a save before it is in place sends no
    # event. Force that moment: the watch begins only after the file was saved.
    import watchfiles

    asked, saved = threading.Event(), threading.Event()
    real = watchfiles.watch

    def late_watch(*args: Any, **kwargs: Any) -> Iterator[Any]:
        asked.set()  # the first page is built, the watch is about to begin
        saved.wait()
        yield from real(*args, **kwargs)

    monkeypatch.setattr(watchfiles, "watch", late_watch)
    started: list[tuple[Any, ...]] = []
    starter = threading.Thread(target=lambda: started.append(start(minimal, None, "127.0.0.1", 0)))
    starter.start()
    asked.wait()
    apply_edits(minimal, {"strategy.yaml": [("title: Minimal strategy", "title: Saved early")]})
    saved.set()
    starter.join()
    httpd, stop, _ = started[0]
    try:
        host, port = httpd.server_address[:2]
        assert "<h1>Saved early</h1>" in get(f"http://{host!s}:{port}")
    finally:
        stop_all(httpd, stop)
