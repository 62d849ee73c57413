"""draftkit import: resolution DOCX → draft + clause library (round-trip through build,
DOCX files written by pandoc and LibreOffice, warnings, malformed inputs)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, FIXTURES, invoke, needs
from draftkit.docxread import read_docx
from draftkit.importing import ImportedSub, clean, import_document, load_phrases, match_phrase
from draftkit.loading import open_draft
from draftkit.model import Kind
from draftkit.render.layout import layout

HERE = FIXTURES / "import"
EXAMPLE = EXAMPLES / "child-online-exploitation"


def shape(draft, language: str) -> list[tuple]:
    """What must survive a round-trip: each rendered block's role, level, text, italic
    runs and footnote calls, and the footnote texts (numbers are computed, so equal too)."""
    tree = layout(draft, language)
    blocks = [(b.role.value, b.level, b.numbered, b.text, tuple(r.text for r in b.runs if r.italic),
               tuple(r.footnote for r in b.runs if r.footnote)) for b in tree.blocks]
    return blocks + [("footnote", f.number, "".join(r.text for r in f.runs)) for f in tree.footnotes]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_round_trip_of_the_example(runner, tmp_path: Path, language: str) -> None:
    """build → import → build gives the same document: text, kinds, openings, sub-paragraphs, footnotes."""
    built = tmp_path / "built"
    result = invoke(runner, "build", "-p", EXAMPLE, "-l", language, "-f", "docx", "-f", "txt", "-o", built)
    assert result.exit_code == 0, result.output
    (docx,) = built.glob("*.docx")
    result = invoke(runner, "import", docx, "-o", tmp_path / "imported")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    _, original = open_draft(EXAMPLE)
    _, again = open_draft(tmp_path / "imported")
    assert again.meta.languages == (language,)
    assert [p.kind for p in again.paragraphs()] == [p.kind for p in original.paragraphs()]
    assert [p.opening[language] for p in again.paragraphs()] == [p.opening[language] for p in original.paragraphs()]
    assert shape(again, language) == shape(original, language)
    rebuilt = tmp_path / "rebuilt"
    assert invoke(runner, "build", "-p", tmp_path / "imported", "-f", "txt", "-o", rebuilt).exit_code == 0
    (first,), (second,) = built.glob("*.txt"), rebuilt.glob("*.txt")
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def pandoc(tmp_path: Path, source: Path) -> Path:
    out = tmp_path / (source.stem + ".docx")
    subprocess.run(["pandoc", str(source), "-o", str(out)], check=True)
    return out


TYPED = {
    "preambular": [("Recalling", "its resolution 74/174 of 18 December 2019[^fn1]"),
                   ("Reaffirming", "the importance of international cooperation")],
    "operative": [("Requests", "the Secretary-General to report"),
                  ("Calls upon", "Member States"),
                  ("Decides", "to remain seized of the matter")],
}
TYPED_SUBS = (ImportedSub("to share information"),
              ImportedSub("to train officers, including", (ImportedSub("judges"), ImportedSub("prosecutors"))))


def check_typed(imported) -> None:
    assert [(p.opening, p.text) for p in imported.preambular] == TYPED["preambular"]
    assert [(p.opening, p.text) for p in imported.operative] == TYPED["operative"]
    assert imported.operative[1].subparagraphs == TYPED_SUBS
    assert imported.preambular[0].footnotes == (("fn1", "See A/RES/74/174."),)
    assert imported.heading.authoring == "The General Assembly"
    assert imported.heading.body.value == "un-general-assembly"
    assert [str(w) for w in imported.warnings] == [
        "paragraph 1: no title found; the file name is used",
        "paragraph 11: closing line not imported: '82nd plenary meeting'",
    ]


@pytest.mark.clients
@needs("pandoc")
def test_typed_numbers_line_breaks_and_footnotes(tmp_path: Path) -> None:
    """Typed '1.', '(a)', '(i)' numbers, a line break and double spaces, a footnote after the comma."""
    check_typed(import_document(read_docx(pandoc(tmp_path, HERE / "typed.md"))))


@pytest.mark.clients
@needs("pandoc")
@needs("soffice")
def test_libreoffice_docx_with_word_numbering(tmp_path: Path) -> None:
    """The same text saved by LibreOffice, and a version with real list numbering instead of typed numbers."""
    typed = pandoc(tmp_path, HERE / "typed.md")
    listed = pandoc(tmp_path, HERE / "listed.md")
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "odt", "--outdir", str(tmp_path / "odt"),
                    str(typed), str(listed)], check=True, capture_output=True, timeout=120)
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(tmp_path / "lo"), str(tmp_path / "odt" / "typed.odt"), str(tmp_path / "odt" / "listed.odt")],
                   check=True, capture_output=True, timeout=120)
    check_typed(import_document(read_docx(tmp_path / "lo" / "typed.docx")))
    for path in (listed, tmp_path / "lo" / "listed.docx"):
        imported = import_document(read_docx(path))
        assert [(p.opening, p.text) for p in imported.operative] == TYPED["operative"]
        assert imported.operative[1].subparagraphs == TYPED_SUBS
        assert all(p.kind is Kind.OPERATIVE for p in imported.operative)


@pytest.mark.clients
@needs("pandoc")
def test_unclassified_paragraphs_are_reported(tmp_path: Path) -> None:
    source = tmp_path / "odd.md"
    source.write_text(
        "The General Assembly,\n\n*Recalling* its resolutions,\n\n"
        "This sentence opens with no known phrase,\n\n"
        "1\\. *Welcomes* the report;\n\n2\\. *Frobnicates* the matter.\n", encoding="utf-8")
    imported = import_document(read_docx(pandoc(tmp_path, source)), "en")
    assert [p.text for p in imported.preambular] == ["its resolutions", "This sentence opens with no known phrase"]
    assert [(p.opening, p.text) for p in imported.operative] == [("Welcomes", "the report"),
                                                                 ("Frobnicates", "the matter")]
    messages = [str(w) for w in imported.warnings]
    assert messages[-2:] == [
        "paragraph 3: kept as a preambular paragraph with no opening (by its position): "
        "'This sentence opens with no known phrase,'",
        "paragraph 5: kept as an operative paragraph opening with 'Frobnicates', a phrase draftkit does not know "
        "(it is numbered): '2. Frobnicates the matter.'"]


@pytest.mark.parametrize("text, expected", [
    ("the Convention,[^fn1]", "the Convention[^fn1]"),
    ("la Convention[^fn1]\u00a0;", "la Convention[^fn1]"),
    ("to report ;  ", "to report"),
    ("the  matter\u202f:\n", "the matter"),
    ("line one\nline two.", "line one line two"),
])
def test_clean_strips_final_punctuation_keeping_calls(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize("language, text, opening, kind", [
    ("en", "Deeply concerned by", "Deeply concerned", Kind.PREAMBULAR),
    ("en", "Recalling also its", "Recalling also", Kind.PREAMBULAR),
    ("en", "Also recalling its", "Also recalling", Kind.PREAMBULAR),
    ("en", "Calls upon Member States", "Calls upon", Kind.OPERATIVE),
    ("fr", "Profondément préoccupée par", "Profondément préoccupée", Kind.PREAMBULAR),
    ("fr", "Prie le Secrétaire général", "Prie", Kind.OPERATIVE),
])
def test_known_openings(language: str, text: str, opening: str, kind: Kind) -> None:
    match = match_phrase(text, load_phrases(language))
    assert match is not None and (text[: match.length], match.kind) == (opening, kind)


def test_import_into_an_existing_project_adds_a_version(runner, mini_project: Path, tmp_path: Path) -> None:
    built = tmp_path / "b"
    assert invoke(runner, "build", "-p", mini_project, "-l", "en", "-o", built).exit_code == 0
    (docx,) = built.glob("*.docx")
    # a draft .yaml path inside the project is its next version, and keeps the ids of the latest one
    result = invoke(runner, "import", docx, "-o", mini_project / "drafts" / "again.yaml")
    assert result.exit_code == 0, result.output
    _, draft = open_draft(mini_project)
    assert draft.meta.version == 2
    assert [(p.id, p.clause) for p in draft.paragraphs()] == [
        ("pp-crc", "pp-crc"), ("pp-concern", None), ("op-urges", "op-urges"), ("op-cooperation", None),
        ("op-seized", None)]


# --- malformed inputs: one line, exit 1 ------------------------------------------------


def malformed(tmp_path: Path) -> dict[str, Path]:
    files = {}
    files["text"] = tmp_path / "text.docx"
    files["text"].write_text("not a document", encoding="utf-8")
    files["zip"] = tmp_path / "archive.docx"
    with zipfile.ZipFile(files["zip"], "w") as z:
        z.writestr("readme.txt", "hello")
    files["encrypted"] = tmp_path / "secret.docx"
    files["encrypted"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 +
                                   "EncryptedPackage".encode("utf-16-le"))
    return files


@pytest.mark.parametrize("kind, message", [
    ("text", "not a DOCX file (not a zip package) (give a Word .docx file)"),
    ("zip", "not a DOCX file (a zip archive with no word/document.xml) (give a Word .docx file)"),
    ("encrypted", "the DOCX is encrypted (password-protected) (open it in Word, remove the password"),
])
def test_malformed_inputs_fail_with_one_line(runner, tmp_path: Path, kind: str, message: str) -> None:
    path = malformed(tmp_path)[kind]
    result = invoke(runner, "import", path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: {message}")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_huge_file_is_refused(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from draftkit.docxread import package as limits

    path = tmp_path / "huge.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>" + " " * 3_000_000)
    monkeypatch.setattr(limits, "MAX_PART_BYTES", 1_000_000)
    result = invoke(runner, "import", path)
    assert result.exit_code == 1
    assert "beyond draftkit's limit (a damaged file or a zip bomb)" in result.stderr


def test_contribution_needs_a_version(runner, tmp_path: Path) -> None:
    result = invoke(runner, "import", "--contribution", tmp_path / "x.docx", "--delegation", "Kenya")
    assert result.exit_code == 2
    assert "--contribution needs --against N" in result.stderr



@pytest.mark.clients
@needs("pandoc")
def test_an_unknown_opening_and_a_table_are_kept_with_warnings(runner, tmp_path: Path) -> None:
    """A plain '2. Applauds …' (no known opening, not italic) stays in place as a paragraph
    with no opening, and a table in the body becomes an annex (a resolution's paragraphs hold
    no tables), each with a warning; the written project loads and builds, the table a table."""
    source = tmp_path / "odd.md"
    source.write_text(
        "The 143rd Assembly of the Inter-Parliamentary Union,\n\n*Recalling* the Convention,\n\n"
        "1\\. *Urges* parliaments to act;\n\n2\\. Applauds the work of the IPU;\n\n"
        "| Welcomes the table | a cell |\n|---|---|\n| other | more |\n\n"
        "3\\. *Decides* to remain seized of the matter.\n", encoding="utf-8")
    result = invoke(runner, "import", pandoc(tmp_path, source), "-o", tmp_path / "odd")
    assert result.exit_code == 0, result.output
    assert [line.strip() for line in result.output.splitlines() if line.startswith("  paragraph ")][1:] == [
        "paragraph 4: kept as an operative paragraph with no opening (it is numbered): "
        "'2. Applauds the work of the IPU;'",
        "paragraph 5: a table in the body is kept as an annex titled 'Annex' (a resolution's paragraphs hold no "
        "tables); give it its title in the draft: 'Welcomes the table'"]
    _, draft = open_draft(tmp_path / "odd")
    assert [(p.opening.get("en", ""), p.text["en"]) for p in draft.operative] == [
        ("Urges", "parliaments to act"), ("", "Applauds the work of the IPU"),
        ("Decides", "to remain seized of the matter")]
    (annex,) = draft.annexes
    assert annex.title == {"en": "Annex"}
    assert [(item.rows, item.header_rows) for item in annex.items] == [
        ({"en": (("Welcomes the table", "a cell"), ("other", "more"))}, 1)]
    built = invoke(runner, "build", "-p", tmp_path / "odd", "-f", "txt", "-o", "-")
    assert built.exit_code == 0, built.output
    assert "2. Applauds the work of the IPU;" in built.output
    assert "Annex\n\nWelcomes the table | a cell\nother | more" in built.output


def test_ids_of_repeated_paragraphs_are_numbered_in_order() -> None:
    """The same slug many times gets base, base-2, base-3… skipping ids already taken (one
    step per id: a 100,000-paragraph import of one repeated line stays linear)."""
    from draftkit.importing.text import IdPool, clause_id

    pool = IdPool(["op-urges-parliaments-act-2"])
    ids = [clause_id(Kind.OPERATIVE, "Urges", "all parliaments to act", pool) for _ in range(4)]
    assert ids == ["op-urges-parliaments-act", "op-urges-parliaments-act-3", "op-urges-parliaments-act-4",
                   "op-urges-parliaments-act-5"]
    assert pool.unique("op-urges-parliaments-act-3") == "op-urges-parliaments-act-3-2"
