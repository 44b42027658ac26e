"""What a long build says while it runs (s3gen/progress.py): on a terminal one line redrawn,
in CI or into a pipe plain lines; and `s3gen pdf` saying how far it is."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from s3gen.progress import Progress, Redrawn, for_stream, on_terminal
from tests.conftest import build_pdf, copy_fixture


def test_a_terminal_gets_one_redrawn_line_per_count() -> None:
    out = io.StringIO()
    progress = Redrawn("s3gen pdf: ", out)
    progress.step("importing WeasyPrint")
    for k in (1, 2, 3):
        progress.count(k, 3, f"laid out {k} of 3 documents")
    progress.step("done")
    text = out.getvalue()
    assert text.startswith("s3gen pdf: importing WeasyPrint\n")
    # each count goes back to the start of the line and erases it; the last ends the line
    assert text.count("\r\x1b[2K") == 3
    assert "\r\x1b[2Ks3gen pdf: laid out 3 of 3 documents\ns3gen pdf: done\n" in text
    assert text.count("\n") == 3


def test_an_interrupted_count_ends_its_line() -> None:
    out = io.StringIO()
    progress = Redrawn("x: ", out)
    progress.count(1, 5, "laid out 1 of 5")
    progress.end()
    assert out.getvalue().endswith("laid out 1 of 5\n")
    progress.step("next")  # on a line of its own, no empty line between
    assert out.getvalue().endswith("laid out 1 of 5\nx: next\n")


def test_plain_lines_where_no_person_watches(monkeypatch: pytest.MonkeyPatch) -> None:
    lines: list[str] = []
    progress = Progress(lines.append)
    progress.count(1, 2, "laid out 1 of 2")
    progress.count(2, 2, "laid out 2 of 2")
    assert lines == ["laid out 1 of 2", "laid out 2 of 2"]
    assert not on_terminal(io.StringIO())  # a pipe or a file
    master, slave = pty.openpty()
    with os.fdopen(slave, "w") as tty:
        monkeypatch.setenv("TERM", "xterm")
        monkeypatch.delenv("CI", raising=False)
        assert on_terminal(tty)
        assert isinstance(for_stream("x: ", tty), Redrawn)
        for ci in ("true", "1"):
            monkeypatch.setenv("CI", ci)  # a CI log shows redraws as garbage
            assert not on_terminal(tty)
        monkeypatch.setenv("CI", "false")
        assert on_terminal(tty)
        monkeypatch.setenv("TERM", "dumb")
        assert not on_terminal(tty)
    os.close(master)


def test_s3gen_pdf_says_how_far_it_is(tmp_path: Path) -> None:
    strategy = copy_fixture("danube", tmp_path)
    output = build_pdf(strategy, tmp_path / "out", factsheets=True).output
    assert "laying out the report, the summary edition and 3 factsheets" in output
    counts = [line for line in output.splitlines() if " of 5 documents (" in line]
    assert [c.split(" of ")[0] for c in counts] == [f"s3gen pdf: laid out {k}" for k in range(1, 6)]
    assert any(c.endswith("(the factsheet of Wien)") for c in counts)


def test_on_a_terminal_s3gen_pdf_redraws_its_line(tmp_path: Path) -> None:
    strategy = copy_fixture("danube", tmp_path)
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"TERM": "xterm"}
    master, slave = pty.openpty()
    command = [sys.executable, "-m", "s3gen", "pdf", "--strategy", str(strategy)]
    command += ["--out", str(out / "pdf"), "--html-out", str(out / "html")]
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=env
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the pty's other end closed: the command ended
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert process.wait(timeout=300) == 0
    text = seen.decode("utf-8")
    assert text.count("\r\x1b[2K") == 5  # the report, the summary, three factsheets
    assert "laid out 5 of 5 documents" in text
    assert process.stdout is not None and b"Wrote 3 factsheets" in process.stdout.read()
