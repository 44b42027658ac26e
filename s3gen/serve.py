"""`s3gen serve`: a live preview of the HTML report on 127.0.0.1, for this machine only.

A watcher thread waits for file events (watchfiles) in the strategy and template folders; on a
change it rebuilds the page in memory (validate, analyse, render: HTML only, well under a
second) and bumps a version number. The page served here carries a small script, the only one
s3gen ever adds, that polls that number and reloads when it changes. Invalid data shows the
validation issues instead of a stale report.

The server answers only requests addressed to this machine by name (`localhost`, `127.0.0.1`,
`[::1]` or the address it listens on): a page elsewhere that points its own host name at
127.0.0.1 (DNS rebinding) gets no draft. Idle connections are closed, a client that hangs up
prints nothing, and HEAD is answered like GET without a body.
"""

from __future__ import annotations

import html
import os
import re
import sys
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

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


LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
IDLE_SECONDS = 20.0  # a connection that sends nothing for this long is closed


_HOST = re.compile(r"(?:\[(?P<ip6>[0-9a-f:.]+)\]|(?P<name>[^\[\]:/\s]+))(?::[0-9]{1,5})?")


def host_name(header: str) -> str:
    """The host of a Host header, without its port: 'localhost:8000' -> 'localhost',
    '[::1]:8000' -> '::1'; "" for anything else (a port that is not digits, text after ']')."""
    found = _HOST.fullmatch(header.strip().lower())
    if found is None:
        return ""
    return found.group("ip6") or found.group("name")


def allowed_hosts(listening_on: str) -> frozenset[str]:
    """The host names the preview answers to."""
    own = listening_on.strip("[]").lower()
    return LOCAL_NAMES | ({own} if own not in ("", "0.0.0.0", "::") else set())


def watched_in(folders: list[Path]) -> Callable[[Any, str], bool]:
    """The file events that matter below ``folders``: not those of hidden files or folders
    (editor swap files, .git), judged by the part of the path inside a watched folder."""
    roots = [f.resolve() for f in folders]

    def keep(change: Any, path: str) -> bool:
        target = Path(os.path.realpath(path))  # resolve() raises on a loop of links
        for root in roots:
            if target.is_relative_to(root):
                return not any(p.startswith(".") for p in target.relative_to(root).parts)
        return False

    return keep


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
        self.rebuild()

    def rebuild(self) -> None:
        """Build the page from the files as they are now; never raises."""
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
            # The preview is the editors' view: their working notes are shown, labelled.
            html = report_html(result.strategy, self.strategy_dir, self.templates, True)
            return _for_preview(html)
        except BuildProblem as exc:
            return _problem_page("The report could not be built", [str(exc)])


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up or times out is no error; anything else is one line."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        print(f"s3gen serve: a request failed: {type(exc).__name__}: {exc}", file=sys.stderr)


def make_server(
    preview: Preview,
    host: str = "127.0.0.1",
    port: int = 8000,
    idle_seconds: float = IDLE_SECONDS,
) -> ThreadingHTTPServer:
    """An HTTP server for ``preview`` (port 0: any free port)."""
    hosts = allowed_hosts(host)

    class Handler(BaseHTTPRequestHandler):
        timeout = idle_seconds  # per connection: an idle one is closed

        def do_GET(self) -> None:  # the name http.server calls
            self._answer(with_body=True)

        def do_HEAD(self) -> None:
            self._answer(with_body=False)

        def _answer(self, with_body: bool) -> None:
            given = self.headers.get_all("Host") or []
            # HTTP/1.0 may leave Host out; 1.1 may not, and never twice.
            missing = not given and self.request_version != "HTTP/1.0"
            if missing or len(given) > 1 or any(host_name(g) not in hosts for g in given):
                body = b"This preview answers only requests to localhost.\n"
                return self._send(body, "text/plain", with_body, HTTPStatus.FORBIDDEN)
            path = self.path.split("?", 1)[0]
            with preview.lock:
                version, page = preview.version, preview.page
            if path in ("/", "/index.html"):
                self._send(page, "text/html; charset=utf-8", with_body)
            elif path == "/__version":
                self._send(str(version).encode(), "text/plain", with_body)
            elif path == "/__reload.js":
                self._send(RELOAD_JS, "text/javascript", with_body)
            else:
                self._send(b"Not found.\n", "text/plain", with_body, HTTPStatus.NOT_FOUND)

        def _send(
            self, body: bytes, kind: str, with_body: bool, status: HTTPStatus = HTTPStatus.OK
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the preview's own messages are enough

    return _Server((host, port), Handler)


def watch(preview: Preview, stop: threading.Event, ready: threading.Event) -> None:
    """Rebuild ``preview`` on every batch of file events in the watched folders, until ``stop``
    is set. The operating system reports the events (inotify on Linux): nothing is walked.

    ``ready`` is set once the operating system watches the folders. A save before that moment
    sends no event, so the page is rebuilt once then: an edit made while the preview started
    is never lost.
    """
    from watchfiles import watch as file_events

    try:
        folders = [f for f in preview.watched if f.is_dir()]
        keep = watched_in(folders)
        # A batch of changes, or an empty one after every 200 ms without any (the first of
        # these says the watch is in place).
        for changes in file_events(
            *folders,
            watch_filter=keep,
            stop_event=stop,
            debounce=100,
            rust_timeout=200,
            yield_on_timeout=True,
        ):
            if not ready.is_set():
                preview.rebuild()  # before start() returns: the page it then serves is current
                ready.set()
            elif changes:
                preview.rebuild()
    finally:
        ready.set()  # never leave start() waiting for a watcher that failed


def start(
    strategy_dir: Path, templates: Path | None, host: str, port: int
) -> tuple[ThreadingHTTPServer, threading.Event, Preview]:
    """Start the server and the watcher in background threads."""
    preview = Preview(strategy_dir, templates)
    server = make_server(preview, host, port)
    stop, ready = threading.Event(), threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=watch, args=(preview, stop, ready), daemon=True).start()
    ready.wait(30)  # from here on, every save is seen
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
