"""The PDF is set in the shipped fonts on every machine, and an independent checker accepts it.

What a machine happens to have must not reach the PDF: each build here runs with the machine's
fonts visible, with no fonts at all (an empty Fontconfig configuration through FONTCONFIG_FILE)
and with a decoy font that claims the report's own family name, and the PDFs must be the same
bytes and embed only the shipped font programs. page-validation, not WeasyPrint's own claim,
judges PDF/UA-1 and each PDF/A variant.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import page
import pytest
from click.testing import CliRunner
from fontTools import subset

from s3gen.cli import cli
from tests.conftest import (
    DEFAULT_PDF_NAME,
    DEFAULT_STRATEGY,
    PDF_VARIANTS,
    REPO,
    TEMPLATES,
    apply_edits,
    build_pdf,
    copy_fixture,
    pdf_build,
)
from tests.html_checks import require
from tests.pdf_checks import (
    DECOY_EXTRA,
    SHIPPED_FONTS,
    decoy_font_config,
    embedded_fonts,
    foreign_fonts,
    no_font_config,
)

UNCOVERED = DECOY_EXTRA


def build_elsewhere(
    strategy: Path, out: Path, font_config: Path | None, *extra: str
) -> subprocess.Popen[str]:
    """``s3gen pdf`` in a process of its own, with FONTCONFIG_FILE set to ``font_config``
    (Fontconfig reads it when a process first asks for a configuration)."""
    env = dict(os.environ)
    if font_config is not None:
        env["FONTCONFIG_FILE"] = str(font_config)
    args = ["--strategy", str(strategy), "--out", str(out / "pdf"), "--html-out", str(out / "h")]
    return subprocess.Popen(
        [sys.executable, "-m", "s3gen", "pdf", *args, *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen[str]) -> None:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, out + err


@pytest.fixture(scope="module")
def machines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Font configurations of two unlike machines: one without fonts, one with only a decoy."""
    folder = tmp_path_factory.mktemp("machines")
    return {
        "no fonts": no_font_config(folder / "none"),
        "decoy fonts": decoy_font_config(folder / "decoy"),
    }


def fontconfig_sees(config: Path, *pattern: str) -> str:
    """What ``fc-list`` (no pattern) or ``fc-match`` prints on a machine set up by ``config``."""
    tool = (
        [require("fc-match"), "--format=%{postscriptname}", *pattern]
        if pattern
        else [
            require("fc-list"),
            "--format=%{postscriptname}\n",
        ]
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    return subprocess.run(tool, env=env, capture_output=True, text=True, check=True).stdout


def test_the_machines_are_what_they_claim(machines: dict[str, Path]) -> None:
    """The checks below mean something only if Fontconfig really offers the decoy for every
    family and for the characters the shipped fonts lack, and nothing on the other machine."""
    decoy = machines["decoy fonts"]
    assert fontconfig_sees(decoy) == "Decoy-Regular\n"
    for pattern in ("Report Sans", "Noto Sans", "sans-serif", ":charset=2713", ":charset=6f22"):
        assert fontconfig_sees(decoy, pattern) == "Decoy-Regular", pattern
    assert fontconfig_sees(machines["no fonts"]) == ""


def test_the_font_configuration_sees_no_font_of_the_machine(machines: dict[str, Path]) -> None:
    code = (
        "from s3gen.report.pdf import ShippedFonts\n"
        "from weasyprint.text.fonts import FontConfiguration\n"
        "assert FontConfiguration()._config is not None\n"
        "print(len(ShippedFonts().loaded()))"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(machines["decoy fonts"])}
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert (proc.returncode, proc.stdout) == (0, "0\n"), proc.stderr


def test_the_default_pdf_embeds_only_the_shipped_fonts(default_pdf: Path) -> None:
    assert foreign_fonts(default_pdf) == []
    names = {f.postscript_name for f in embedded_fonts(default_pdf)}
    assert names == {"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"}


def test_the_pdf_is_the_same_whatever_fonts_the_machine_has(
    default_pdf: Path, machines: dict[str, Path], tmp_path: Path
) -> None:
    procs = {
        name: build_elsewhere(DEFAULT_STRATEGY, tmp_path / name.replace(" ", "-"), config)
        for name, config in machines.items()
    }
    for proc in procs.values():
        finish(proc)
    expected = default_pdf.read_bytes()
    for name in procs:
        built = tmp_path / name.replace(" ", "-") / "pdf" / DEFAULT_PDF_NAME
        assert foreign_fonts(built) == [], name
        assert built.read_bytes() == expected, f"the PDF built with {name} differs"


def test_text_the_fonts_cannot_draw_falls_back_to_no_other_font(
    tmp_path: Path, machines: dict[str, Path]
) -> None:
    """Any strategy: text in scripts the shipped fonts lack (a build that is not strict lets it
    through) is still set in them, never in a font of the machine."""
    strategy = copy_fixture("minimal", tmp_path)
    edit = [("description: Food industry.", f"description: {UNCOVERED}.")]
    apply_edits(strategy, {"regions/alpha.yaml": edit})
    configs: dict[str, Path | None] = {"machine's fonts": None, **machines}
    procs = {
        name: build_elsewhere(strategy, tmp_path / name.replace(" ", "-"), config, "--no-strict")
        for name, config in configs.items()
    }
    for proc in procs.values():
        finish(proc)
    built = {
        name: (tmp_path / name.replace(" ", "-") / "pdf" / "mini-1.0.pdf").read_bytes()
        for name in procs
    }
    for name in procs:
        assert foreign_fonts(tmp_path / name.replace(" ", "-") / "pdf" / "mini-1.0.pdf") == []
        assert built[name] == built["machine's fonts"], f"the PDF built with {name} differs"


@pytest.mark.parametrize("variant", PDF_VARIANTS)
def test_every_variant_embeds_only_the_shipped_fonts(
    variant: str, variant_pdf: Callable[[str], Path]
) -> None:
    assert foreign_fonts(variant_pdf(variant)) == []


# --- The glyph check and the key follow the fonts the build loads ---------------------------


def overrides_loading(tmp_path: Path, font_file: str, font: bytes) -> Path:
    """A template override whose print stylesheet loads ``font`` from ``font_file`` only."""
    overrides = tmp_path / "overrides"
    static = overrides / "static"
    (static / Path(font_file).parent).mkdir(parents=True, exist_ok=True)
    (static / font_file).write_bytes(font)
    css = (TEMPLATES / "static" / "print.css").read_text(encoding="utf-8")
    kept = [line for line in css.splitlines() if not line.startswith("@font-face")]
    face = f'@font-face {{ font-family: "Report Sans"; src: url("{font_file}"); }}'
    (static / "print.css").write_text("\n".join([face, *kept]) + "\n", encoding="utf-8")
    return overrides


def ascii_only_font() -> bytes:
    """Noto Sans cut down to printable ASCII."""
    options = subset.Options()
    font = subset.load_font(str(SHIPPED_FONTS / "NotoSans-Regular.ttf"), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=range(0x20, 0x7F))
    subsetter.subset(font)
    data = io.BytesIO()
    font.save(data)
    return data.getvalue()


def test_the_glyph_check_uses_the_fonts_the_stylesheet_loads(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    apply_edits(strategy, {"regions/alpha.yaml": [("title: Food", "title: Łódź food")]})
    overrides = overrides_loading(tmp_path, "fonts/Ascii.ttf", ascii_only_font())
    result = build_pdf(strategy, tmp_path / "out", "--templates", str(overrides), ok=False)
    assert result.exit_code == 1, result.output
    # Each character is named with the file, line, column and field it is written in, and the
    # message says what to do.
    alpha = f"{strategy}/regions/alpha.yaml:12:12: priorities[0].title"
    assert f"U+0141 LATIN CAPITAL LETTER L WITH STROKE at {alpha}, in '" in result.output
    assert f"U+00F3 LATIN SMALL LETTER O WITH ACUTE at {alpha}, in '" in result.output
    assert f"U+017A LATIN SMALL LETTER Z WITH ACUTE at {alpha}, in '" in result.output
    assert result.output.rstrip().endswith(
        "Write these characters otherwise in the strategy files, or load a font that has them "
        "with an @font-face rule in the templates' static/print.css."
    ), result.output
    assert not (tmp_path / "out" / "pdf" / "mini-1.0.pdf").exists()
    # The same text with the shipped fonts is drawn.
    build_pdf(strategy, tmp_path / "shipped")


def test_a_stylesheet_that_loads_no_font_fails_even_when_not_strict(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    overrides = overrides_loading(tmp_path, "fonts/Empty.ttf", b"not a font")
    for extra in ((), ("--no-strict",)):
        result = build_pdf(
            strategy, tmp_path / "out", "--templates", str(overrides), *extra, ok=False
        )
        assert result.exit_code == 1, result.output
        assert "no font was loaded" in result.output
        assert not (tmp_path / "out" / "pdf").exists() or not any(
            (tmp_path / "out" / "pdf").iterdir()
        )


def test_a_font_the_key_does_not_cover_is_never_up_to_date(tmp_path: Path) -> None:
    """The key hashes the files of the template folders except hidden ones (editor swap
    files): a font loaded from a hidden folder is outside it, so the PDF is laid out again."""
    strategy = copy_fixture("minimal", tmp_path)
    font = (SHIPPED_FONTS / "NotoSans-Regular.ttf").read_bytes()
    for folder, up_to_date in ((".hidden", False), ("visible", True)):
        overrides = overrides_loading(tmp_path / folder, f"{folder}/Report.ttf", font)
        assert pdf_build(strategy, tmp_path / folder / "out", templates=overrides).laid_out
        again = pdf_build(strategy, tmp_path / folder / "out", templates=overrides)
        assert again.laid_out is not up_to_date, folder


def test_a_damaged_font_is_a_clear_error(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    font = (SHIPPED_FONTS / "NotoSans-Regular.ttf").read_bytes()
    overrides = overrides_loading(tmp_path, "fonts/Cut.ttf", font[: len(font) // 2])
    result = build_pdf(strategy, tmp_path / "out", "--templates", str(overrides), ok=False)
    assert result.exit_code == 1, result.output
    assert "a font the stylesheets load is damaged" in result.output
    assert "internal error" not in result.output


def test_a_relative_template_folder_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    font = (SHIPPED_FONTS / "NotoSans-Regular.ttf").read_bytes()
    overrides_loading(tmp_path, "fonts/Report.ttf", font)
    monkeypatch.chdir(tmp_path)
    build_pdf(strategy, tmp_path / "out", "--templates", "overrides")


def test_a_changed_font_file_lays_out_again(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    font = (SHIPPED_FONTS / "NotoSans-Regular.ttf").read_bytes()
    overrides = overrides_loading(tmp_path, "fonts/Report.ttf", font)
    pdf_build(strategy, tmp_path / "out", templates=overrides)
    assert not pdf_build(strategy, tmp_path / "out", templates=overrides).laid_out
    (overrides / "static" / "fonts" / "Report.ttf").write_bytes(
        (SHIPPED_FONTS / "NotoSans-Bold.ttf").read_bytes()
    )
    assert pdf_build(strategy, tmp_path / "out", templates=overrides).laid_out


# --- An independent checker: page-validation ------------------------------------------------

PROFILES = {
    "pdf/a-2b": page.ValidationProfile.PDF_A_2B,
    "pdf/a-3b": page.ValidationProfile.PDF_A_3B,
    "pdf/a-2u": page.ValidationProfile.PDF_A_2U,
    "pdf/a-3u": page.ValidationProfile.PDF_A_3U,
}


def failed_rules(pdf: Path, profile: page.ValidationProfile) -> list[str]:
    report = page.validate_pdf(str(pdf), profile=profile)
    assert report.rules.total > 100  # the profile was really checked
    failed = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert report.is_compliant is (not failed)
    return failed


def test_the_default_pdf_is_pdf_ua_1_compliant(default_pdf: Path) -> None:
    assert failed_rules(default_pdf, page.ValidationProfile.PDF_UA_1) == []


@pytest.mark.parametrize("variant", sorted(PROFILES))
def test_each_pdf_a_variant_passes_its_own_profile(
    variant: str, variant_pdf: Callable[[str], Path]
) -> None:
    assert failed_rules(variant_pdf(variant), PROFILES[variant]) == []


def test_every_offered_variant_is_checked_or_labelled_unverified() -> None:
    help_text = CliRunner().invoke(cli, ["pdf", "--help"], terminal_width=200).output
    offered = {v for v in PDF_VARIANTS if v != "none"}
    assert offered == {"pdf/ua-1", "pdf/ua-2", *PROFILES}
    assert "pdf/ua-2 is not verified" in " ".join(help_text.split())
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "`pdf/ua-2` is not verified" in readme
