"""The PDF: structure, metadata, fonts, text, safety, strictness, reproducibility, atomicity."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest

from s3gen.report.pdf import ProjectFetcher, RefusedResource
from tests.conftest import DEFAULT_STRATEGY, TEMPLATES, apply_edits, build_pdf, copy_fixture
from tests.html_checks import require

DIACRITICS = (
    "Lõuna-Eesti",
    "Gävleborg",
    "Białystok",
    "Sostinės regionas",
    "Cēsis",
    "Støvring",
    "Starka företag",  # the representatives' names are no longer published
)
CHAPTERS = [
    "About this edition",
    "Contents",
    "1 Executive summary",
    "2 Introduction and vision",
    "3 Methodology, governance and monitoring",
    "4 Transnational priority areas",
    "5 Joint transnational actions",
    "6 Gap coverage",
    "7 Peer learning and brokerage",
    "8 Monitoring framework",
    "Annex A Regional profiles",
    "Annex B Suggested mentors",
    "Annex C Partner directory",
    "Annex D Indicators",
    "Annex E Abbreviations",
    "Annex F Sources",
]


def text_of(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = [require("pdftotext"), "-layout", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def test_outline_mirrors_chapters_and_regions(default_pdf: Path) -> None:
    reader = pypdf.PdfReader(default_pdf)
    entries = outline(reader)
    assert [t for d, t, _ in entries if d == 0] == CHAPTERS
    regions = [t for d, t, _ in entries if d == 1]
    assert regions[0] == "Gävleborg" and "Lõuna-Eesti (South Estonia)" in regions
    assert len(regions) == 10
    pages = [p for _, _, p in entries]
    assert pages == sorted(pages)
    assert len(reader.pages) > 40


def test_toc_page_numbers_point_at_their_chapters(default_pdf: Path) -> None:
    reader = pypdf.PdfReader(default_pdf)
    toc = text_of(default_pdf, 3)
    assert "Contents" in toc
    listed = dict(re.findall(r"^\s*(?:(?:\d+|[A-Z])\s+)?(\S.*?)\s*\.{3,}\s*(\d+)\s*$", toc, re.M))
    bookmarks = {re.sub(r"^(?:\d+|Annex [A-Z]) ", "", t): p for _, t, p in outline(reader)}
    for title in ("Executive summary", "Regional profiles", "Sources", "Podlaskie"):
        assert int(listed[title]) == bookmarks[title], title
    for title, page in list(listed.items())[:20]:
        assert title.split()[0] in text_of(default_pdf, int(page)), (title, page)


def test_metadata_language_and_dates(default_pdf: Path) -> None:
    reader = pypdf.PdfReader(default_pdf)
    info = reader.metadata
    assert info is not None
    assert info["/Title"] == "Transnational Smart Specialisation Strategy for the Baltic Sea Region"
    assert info["/Author"] == "s3gen editorial team"
    assert info["/Subject"].startswith("Joint priorities, gaps, actions")
    assert "Trans-S3" in info["/Keywords"]
    assert info["/CreationDate"] == "D:20261127000000Z"  # the publication date, not the clock
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"


def test_tagged_pdf_ua(default_pdf: Path) -> None:
    reader = pypdf.PdfReader(default_pdf)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp


def test_text_keeps_every_diacritic(default_pdf: Path) -> None:
    text = text_of(default_pdf)
    for word in DIACRITICS:
        assert word in text, word


def test_qpdf_finds_no_problem(default_pdf: Path) -> None:
    proc = subprocess.run(
        [require("qpdf"), "--check", str(default_pdf)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No syntax or stream encoding errors found" in proc.stdout


def test_same_inputs_and_source_date_epoch_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    strategy = copy_fixture("minimal", tmp_path)
    build_pdf(strategy, tmp_path / "a")
    build_pdf(strategy, tmp_path / "b")
    first = (tmp_path / "a" / "pdf" / "mini-1.0.pdf").read_bytes()
    assert first == (tmp_path / "b" / "pdf" / "mini-1.0.pdf").read_bytes()
    info = pypdf.PdfReader(tmp_path / "a" / "pdf" / "mini-1.0.pdf").metadata
    assert info is not None and info["/CreationDate"] == "D:20260101000000Z"


def test_a_failing_build_keeps_the_previous_pdf(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    build_pdf(strategy, tmp_path)
    target = tmp_path / "pdf" / "mini-1.0.pdf"
    before = target.read_bytes()
    apply_edits(strategy, {"regions/alpha.yaml": [("severity: high", "severity: hihg")]})
    result = build_pdf(strategy, tmp_path, ok=False)
    assert result.exit_code == 1
    assert target.read_bytes() == before
    names = sorted(p.name for p in target.parent.iterdir())
    assert names == ["mini-1.0-summary.pdf", "mini-1.0.pdf"]  # no temporary left


def test_strict_mode_fails_on_a_weasyprint_warning(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    overrides = tmp_path / "overrides" / "static"
    overrides.mkdir(parents=True)
    css = (TEMPLATES / "static" / "print.css").read_text(encoding="utf-8")
    (overrides / "print.css").write_text(css + "\nbody { frobnicate: 3; }\n", encoding="utf-8")
    (overrides / "fonts").symlink_to(TEMPLATES / "static" / "fonts")
    args = ("--templates", str(tmp_path / "overrides"))
    result = build_pdf(strategy, tmp_path, *args, ok=False)
    assert result.exit_code == 1
    assert "frobnicate" in result.output and "--no-strict" in result.output
    assert not (tmp_path / "pdf" / "mini-1.0.pdf").exists()
    relaxed = build_pdf(strategy, tmp_path, *args, "--no-strict")
    assert "warning: " in relaxed.output and "frobnicate" in relaxed.output


def test_a_character_the_font_lacks_fails_the_build(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    apply_edits(strategy, {"regions/alpha.yaml": [("    title: Food", "    title: Food ✓")]})
    result = build_pdf(strategy, tmp_path, ok=False)
    assert result.exit_code == 1
    # Named with where it is written, and in its context.
    assert "U+2713 CHECK MARK at " in result.output and "(Food ✓)" in result.output
    assert "regions/alpha.yaml:" in result.output and "priorities[0].title" in result.output


def test_pdf_a_variant(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    build_pdf(strategy, tmp_path, "--pdf-variant", "pdf/a-3b")
    root = pypdf.PdfReader(tmp_path / "pdf" / "mini-1.0.pdf").trailer["/Root"]
    assert 'pdfaid:part="3"' in root["/Metadata"].get_object().get_data().decode()


# --- The URL fetcher -------------------------------------------------------------------------


@pytest.fixture
def fetcher(tmp_path: Path) -> ProjectFetcher:
    (tmp_path / "project" / "templates").mkdir(parents=True)
    (tmp_path / "project" / "templates" / "ok.css").write_text("p {}")
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "project" / "templates" / "link.css").symlink_to(tmp_path / "secret.txt")
    return ProjectFetcher([tmp_path / "project" / "templates"])


def test_fetcher_reads_files_inside_the_project(fetcher: ProjectFetcher) -> None:
    ok = fetcher.allowed[0] / "ok.css"
    assert fetcher.fetch(ok.as_uri()).read() == b"p {}"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.org/logo.png",
        "http://127.0.0.1:1/x.png",
        "ftp://example.org/x",
        "data:text/plain,hello",
    ],
)
def test_fetcher_refuses_other_places(fetcher: ProjectFetcher, url: str) -> None:
    with pytest.raises(RefusedResource, match="refused to fetch"):
        fetcher.fetch(url)


def test_fetcher_refuses_traversal_and_symlinks_out(fetcher: ProjectFetcher) -> None:
    root = fetcher.allowed[0]
    with pytest.raises(RefusedResource, match="outside"):
        fetcher.fetch(root.as_uri() + "/../../secret.txt")
    with pytest.raises(RefusedResource, match="outside"):
        fetcher.fetch((root / "link.css").as_uri())


def test_a_template_that_loads_a_file_outside_the_project_fails(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "_action.html").write_text('<img src="file:///etc/passwd" alt="x">\n')
    result = build_pdf(strategy, tmp_path, "--templates", str(overrides), ok=False)
    assert result.exit_code == 1
    assert "refused to fetch 'file:///etc/passwd'" in result.output


def test_weasyprint_is_not_imported_by_validate() -> None:
    code = (
        "import sys; from s3gen.cli import main; sys.argv=['s3gen','validate',"
        f"'--strategy',{str(DEFAULT_STRATEGY)!r}]\n"
        "try: main()\nexcept SystemExit: pass\n"
        "assert not {'weasyprint', 'markdown_it', 'jinja2'} & set(sys.modules)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr


def test_kept_page_references_follow_every_added_page() -> None:
    import pydyf

    from s3gen.report.pdf import _page_references_kept

    original = pydyf.PDF.page_references
    pdf = pydyf.PDF()
    with _page_references_kept():
        assert pydyf.PDF.page_references is not original
        for _ in range(5):
            pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
            assert pdf.page_references == original.fget(pdf)
            assert pdf.page_references is pdf.page_references  # kept, not rebuilt
    assert pydyf.PDF.page_references is original


def test_the_pdf_is_the_same_with_and_without_kept_page_references(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib

    from s3gen.report import pdf as render_pdf

    strategy = copy_fixture("minimal", tmp_path)
    build_pdf(strategy, tmp_path / "kept")
    monkeypatch.setattr(render_pdf, "_page_references_kept", contextlib.nullcontext)
    build_pdf(strategy, tmp_path / "plain")
    kept = (tmp_path / "kept" / "pdf" / "mini-1.0.pdf").read_bytes()
    assert kept == (tmp_path / "plain" / "pdf" / "mini-1.0.pdf").read_bytes()


def test_streams_are_compressed_at_zlibs_default_level_for_one_build_only() -> None:
    import zlib

    import pydyf

    from s3gen.report.pdf import _streams_compressed_at_the_default_level

    content = b" ".join(f"{n} 0 0 RG {n * 7} w".encode() for n in range(5_000))

    def compressed() -> bytes:
        data = pydyf.Stream([content], compress=True).data
        return data.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]

    at_nine = zlib.compress(content, 9)
    assert compressed() == at_nine  # pydyf's own level
    with _streams_compressed_at_the_default_level():
        assert compressed() == zlib.compress(content) != at_nine
        assert zlib.decompress(compressed()) == content
    assert compressed() == at_nine


def test_a_stream_whose_data_ends_with_a_carriage_return_keeps_its_length() -> None:
    """pydyf writes data, LF, endstream; data ending in CR would read as CR LF and look one
    byte short of its /Length (a PDF/A failure, found on a real build)."""
    import zlib

    import pydyf

    from s3gen.report.pdf import _stream_ends_told_apart

    content = next(
        text
        for n in range(100_000)
        if (text := f"{n} 0 0 RG {n * 7} w".encode()) and zlib.compress(text, 9).endswith(b"\r")
    )
    plain = pydyf.Stream([content], compress=True).data
    assert plain.endswith(b"\r\nendstream")  # the ambiguity: the data's CR and pydyf's LF
    with _stream_ends_told_apart():
        written = pydyf.Stream([content], compress=True).data
    assert written.endswith(b"\r\r\nendstream")
    length = int(re.search(rb"/Length (\d+)", written)[1])  # type: ignore[index]
    data = written.split(b"stream\n", 1)[1]
    assert len(data[: -len(b"\r\nendstream")]) == length
    assert pydyf.Stream([content], compress=True).data == plain  # only during a build
