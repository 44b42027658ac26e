"""`s3gen serve`: a live preview of the HTML report on 127.0.0.1.

A watcher thread polls the strategy and template folders; on any change it rebuilds the page in
memory (validate, analyse, render: HTML only, well under a second) and bumps a version number.
The page served here carries a small script, the only one s3gen ever adds, that polls that number
and reloads when it changes. Invalid data shows the validation issues instead of a stale report.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from s3gen.build import BuildProblem, report_html
from s3gen.errors import format_issue_text
from s3gen.report.html import DEFAULT_TEMPLATES
from s3gen.source.validate import check_strategy

RELOAD_JS = b"""(function () {
  var seen = null;
  function poll() {
    fetch("/__version", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (v) {
        if (seen === null) { seen = v; } else if (v !== seen) { location.reload(); return; }
        setTimeout(poll, 300);
      }, function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""
_CSP_START = '<meta http-equiv="Content-Security-Policy"'


def _files(folders: list[Path]) -> Iterator[Path]:
    for folder in folders:
        if folder.is_dir():
            yield from (p for p in folder.rglob("*") if p.is_file())


def _for_preview(page: str) -> str:
    # The published page forbids every script; the preview drops that policy and adds the
    # reload script. Nothing of this reaches build/.
    start = page.find(_CSP_START)
    if start >= 0:
        end = page.index(">", start) + 1
        page = page[:start] + page[end:].lstrip("\n")
    return page.replace("</body>", '<script src="/__reload.js"></script>\n</body>', 1)


def _problem_page(title: str, lines: list[str]) -> str:
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;margin:2rem;max-width:70rem}}li{{margin:.4rem 0}}
h1{{color:#8c1d18}}</style></head>
<body><h1>{html.escape(title)}</h1>
<p>Fix these and save: the page reloads by itself.</p>
<ul>
{items}
</ul>
<script src="/__reload.js"></script>
</body></html>
"""


class Preview:
    """The current page and its version; rebuilt when a watched file changes."""

    def __init__(self, strategy_dir: Path, templates: Path | None) -> None:
        self.strategy_dir = strategy_dir
        self.templates = templates
        self.watched = [strategy_dir, DEFAULT_TEMPLATES] + ([templates] if templates else [])
        self.version = 0
        self.page = b""
        self.lock = threading.Lock()
        self._stamp: dict[Path, float] = {}
        self.rebuild()

    def _snapshot(self) -> dict[Path, float]:
        stamps: dict[Path, float] = {}
        for path in _files(self.watched):
            try:
                stamps[path] = path.stat().st_mtime_ns
            except OSError:  # removed between listing and stat
                continue
        return stamps

    def rebuild(self) -> None:
        """Build the page from the files as they are now; never raises."""
        self._stamp = self._snapshot()
        try:
            page = self._page()
        except Exception as exc:  # the preview must outlive any one bad save
            page = _problem_page("The report could not be built", [repr(exc)])
        with self.lock:
            self.page = page.encode("utf-8")
            self.version += 1

    def _page(self) -> str:
        result = check_strategy(self.strategy_dir, str(self.strategy_dir))
        if result.strategy is None:
            shown = [format_issue_text(i) for i in result.issues]
            return _problem_page(f"The strategy has {len(shown)} problems", shown)
        try:
            return _for_preview(report_html(result.strategy, self.strategy_dir, self.templates))
        except BuildProblem as exc:
            return _problem_page("The report could not be built", [str(exc)])

    def changed(self) -> bool:
        """Whether a watched file was added, removed or saved since the last build."""
        return self._snapshot() != self._stamp


def make_server(preview: Preview, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server for ``preview`` (port 0: any free port)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            path = self.path.split("?", 1)[0]
            with preview.lock:
                version, page = preview.version, preview.page
            if path in ("/", "/index.html"):
                self._send(page, "text/html; charset=utf-8")
            elif path == "/__version":
                self._send(str(version).encode(), "text/plain")
            elif path == "/__reload.js":
                self._send(RELOAD_JS, "text/javascript")
            else:
                self.send_error(HTTPStatus.NOT_FOUND)

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the preview's own messages are enough

    return ThreadingHTTPServer((host, port), Handler)


def watch(preview: Preview, stop: threading.Event, interval: float = 0.25) -> None:
    """Rebuild ``preview`` whenever a watched file changes, until ``stop`` is set."""
    while not stop.wait(interval):
        if preview.changed():
            preview.rebuild()


def start(
    strategy_dir: Path, templates: Path | None, host: str, port: int
) -> tuple[ThreadingHTTPServer, threading.Event, Preview]:
    """Start the server and the watcher in background threads."""
    preview = Preview(strategy_dir, templates)
    server = make_server(preview, host, port)
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=watch, args=(preview, stop), daemon=True).start()
    return server, stop, preview


def stop_all(server: ThreadingHTTPServer, stop: threading.Event) -> None:
    """Stop the watcher and the server."""
    stop.set()
    server.shutdown()
    server.server_close()


def wait_forever() -> None:
    """Sleep until interrupted (Ctrl+C)."""
    while True:
        time.sleep(3600)
