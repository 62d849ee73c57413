"""Words from a DOCX (or any file) never reach the terminal as controls: a C1 character
(U+009B is a terminal's CSI, so '\\x9b31m' turns the screen red) or a bidirectional override
(U+202E shows 'exe.png' as 'gnp.exe') is printed as an escape by every command, in every
format; JSON says the same with \\u escapes, HTML with character references."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import invoke
from hostile_cases import _NUMBERED, docx

RAW = re.compile("[\u0080-\u009f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "Recalling its resolution &#x9b;31m RED &#x202e;gnp.exe,"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old = docx(tmp_path / "old.docx", body=_NUMBERED.format(text="Recalling its resolution,")
               + _NUMBERED.format(text="Urges parliaments to act;"))
    new = docx(tmp_path / "new.docx", body=_NUMBERED.format(text=HOSTILE)
               + _NUMBERED.format(text="Urges parliaments to act now;"))
    return old, new


@pytest.mark.parametrize("format", ["text", "md", "html", "json"])
def test_diff_of_docx_files_prints_controls_as_escapes(runner, pair: tuple[Path, Path], format: str) -> None:
    result = invoke(runner, "diff", *pair, "-f", format, "--date", "2021-06-16")
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stdout + result.stderr)
    if format == "json":  # the same data for a program
        assert "\u009b31m RED \u202egnp.exe" in json.dumps(json.loads(result.stdout), ensure_ascii=False)
    elif format == "html":
        assert "&#x9b;31m" in result.stdout
    else:
        assert "\\x9b31m RED \\u202egnp.exe" in result.stdout


def test_textconv_prints_controls_as_escapes(runner, pair: tuple[Path, Path]) -> None:
    result = invoke(runner, "textconv", pair[1])
    assert result.exit_code == 0 and "\\x9b31m RED \\u202egnp.exe" in result.stdout
    assert not RAW.search(result.stdout)


def test_import_warnings_print_a_bidi_override_as_an_escape(runner, tmp_path: Path) -> None:
    source = docx(tmp_path / "r.docx", body="<w:p><w:r><w:t>Heading &#x202e;line</w:t></w:r></w:p>"
                  + _NUMBERED.format(text="The title") + _NUMBERED.format(text="Urges parliaments to act;"))
    result = invoke(runner, "import", source, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "heading line not imported: 'Heading \\u202eline'" in result.stdout
    assert not RAW.search(result.stdout + result.stderr)
