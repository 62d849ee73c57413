"""Fuzzing: mutated real drafts and DOCX files never make draftkit crash (exit 3).

Hypothesis mutates the bundled example's draft (characters YAML gives meaning to, control
characters, escapes, huge numbers, lines cut, doubled or re-indented) and real DOCX
packages (a Word-made template with a numbered list, and draftkit's own output with
footnotes): their XML parts get odd numbers, formats, entities, cut tags; their bytes get
flipped. Every run of `check`, `build`, `import` and `diff` must end in 0, 1 or 2.

The budget is small in CI (about 20 s on an idle machine, derandomized so that every run
tries the same examples); set DRAFTKIT_FUZZ_EXAMPLES to run longer, with fresh random
examples, e.g. DRAFTKIT_FUZZ_EXAMPLES=3000 .venv/bin/python -m pytest tests/hostile/test_fuzz.py
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SCALE = int(os.environ.get("DRAFTKIT_FUZZ_EXAMPLES", "0"))
_OPTIONS = dict(deadline=None, derandomize=not SCALE, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
DRAFT_FUZZ = settings(max_examples=SCALE or 70, **_OPTIONS)  # three commands on the whole example each
DOCX_FUZZ = settings(max_examples=SCALE or 120, **_OPTIONS)

EXAMPLE = EXAMPLES / "child-online-exploitation"

# --- mutations ----------------------------------------------------------------------------

YAML_PIECES = [":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system ", "|", ">", "'", '"',
               "#", "%", "@", "`", "?", ",", "\n", "\r", "\r\n", "\t", "  ", "\\u0000", "\\ud800", "\\x9b",
               "\u009b", "\u202e", "\ufeff", "9" * 30, "-1", "0x1F", "1e400", ".inf", "~", "null", "yes", "<<: *a",
               "{ref:", "{ref:op-x}", "[^", "[^crc]", "*", "**", "^", "~x~", "\\", "version: 0", "version: -3",
               "deadline: 0001-01-01T00:00:00+14:00", "date: 9999-12-31", "languages: []", "languages: [xx]"]


@st.composite
def mutated_text(draw: st.DrawFn, original: str) -> str:
    lines = original.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "line-drop", "line-copy", "indent"]))
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        at = draw(st.integers(0, len(line)))
        piece = draw(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=8)))
        if kind == "insert":
            lines[index] = line[:at] + piece + line[at:]
        elif kind == "delete":
            lines[index] = line[:at] + line[at + draw(st.integers(1, 10)):]
        elif kind == "replace":
            lines[index] = line[:at] + piece + line[at + len(piece):]
        elif kind == "line-drop" and len(lines) > 1:
            del lines[index]
        elif kind == "line-copy":
            lines.insert(draw(st.integers(0, len(lines))), line)
        else:
            lines[index] = " " * draw(st.integers(0, 9)) + line.lstrip(" ")
    return "".join(lines)


XML_PIECES = ['w:val="4000000000"', 'w:val="-7"', 'w:val="99999999999999999999999"', 'w:val=""',
              '<w:numFmt w:val="lowerRoman"/>', '<w:numFmt w:val="upperLetter"/>', '<w:numFmt w:val="bogus"/>',
              '<w:start w:val="100000000000"/>', '<w:ilvl w:val="4000"/>', '<w:numId w:val="999"/>',
              '<w:lvlText w:val="%1.%2.%3.%9.%10"/>', "&amp;", "&#x9b;", "&#xD800;", "&xxe;", "<w:p>", "</w:p>",
              "<w:r><w:t>x</w:t></w:r>", "<w:del w:author=\"A\"><w:r><w:delText>gone</w:delText></w:r></w:del>",
              "<w:ins w:author=\"\u202e\"><w:r><w:t>new</w:t></w:r></w:ins>", "<w:sym w:char=\"FFFFFFFF\"/>",
              "<w:footnoteReference w:id=\"77\"/>", "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>", "<", ">", '"']


#: One DOCX mutation: flip a byte of the zip, or put an XML piece into a part; positions are
#: fractions of the part, drawn independently of its content (so runs replay exactly).
DOCX_MUTATION = st.tuples(st.sampled_from(["byte", "insert", "value"]), st.integers(0, 50),
                          st.floats(0, 1, allow_nan=False), st.integers(0, len(XML_PIECES) - 1), st.integers(0, 255))


def mutated_docx(original: bytes, mutations: list[tuple[str, int, float, int, int]]) -> bytes:
    if all(kind == "byte" for kind, *_ in mutations):  # the zip's own bytes
        data = bytearray(original)
        for _, _, where, _, value in mutations:
            data[int(where * (len(data) - 1))] = value
        return bytes(data)
    with zipfile.ZipFile(io.BytesIO(original)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    xml = sorted(n for n in parts if n.endswith(".xml"))
    for kind, part, where, index, _ in mutations:
        name = xml[part % len(xml)]
        text = parts[name].decode("utf-8", "replace")
        at, piece = int(where * len(text)), XML_PIECES[index]
        if kind == "value" and (start := text.find('w:val="', at)) >= 0:
            end = text.find('"', start + 7)
            text = text[:start] + 'w:val="' + piece.replace('"', "") + '"' + text[end + 1:]
        else:
            text = text[:at] + piece + text[at:]
        parts[name] = text.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


# --- seeds: real files --------------------------------------------------------------------


def copy_example(folder: Path) -> Path:
    """The example project under `folder`, with the clause libraries it names (../../clauses)."""
    project = folder / "examples" / EXAMPLE.name
    if not project.exists():
        shutil.copytree(EXAMPLE, project)
        shutil.copytree(REPO / "clauses", folder / "clauses")
    return project


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A DOCX made from Word's own template (python-docx ships it) and one draftkit built."""
    import docx
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("seeds")
    word = docx.Document()
    word.add_paragraph("Draft resolution", style="Title")
    for text in ("Recalling its resolution 74/174,", "Deeply concerned by the growth of abuse,"):
        word.add_paragraph(text)
    for text in ("Urges parliaments to act;", "Calls upon Member States to cooperate;", "Decides to remain seized."):
        word.add_paragraph(text, style="List Number")
    word.save(folder / "word.docx")
    project = copy_example(folder)
    result = invoke(CliRunner(), "build", "-p", project, "-l", "en", "-o", folder / "built.docx")
    assert result.exit_code == 0, result.output
    return {"word": folder / "word.docx", "built": folder / "built.docx"}  # paths: short in a failure report


def _no_crash(result) -> None:
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr


# --- the fuzzers --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@DRAFT_FUZZ
@given(data=st.data())
def test_mutated_drafts_never_crash(data: st.DataObject, runner, workspace: Path) -> None:
    project = copy_example(workspace)
    draft = project / "drafts" / "draft-2.yaml"
    original = (EXAMPLE / "drafts" / "draft-2.yaml").read_text(encoding="utf-8")
    draft.write_text(data.draw(mutated_text(original)), encoding="utf-8", errors="surrogatepass")
    _no_crash(invoke(runner, "check", "-p", project))
    _no_crash(invoke(runner, "build", "-p", project, "-l", "en", "-f", "txt", "-o", "-"))
    _no_crash(invoke(runner, "diff", "-p", project, "1", "2"))


@DOCX_FUZZ
@given(seed=st.sampled_from(["built", "word"]), mutations=st.lists(DOCX_MUTATION, min_size=1, max_size=6))
def test_mutated_docx_never_crash(seed: str, mutations: list, runner, seeds: dict[str, Path], workspace: Path) -> None:
    mutated = workspace / "mutated.docx"
    mutated.write_bytes(mutated_docx(seeds[seed].read_bytes(), mutations))
    original = seeds[seed]
    out = workspace / "imported"
    shutil.rmtree(out, ignore_errors=True)
    _no_crash(invoke(runner, "import", mutated, "-o", out))
    _no_crash(invoke(runner, "diff", original, mutated, "--date", "2021-06-16", "-f", "json"))
