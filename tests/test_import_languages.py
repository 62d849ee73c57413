"""Importing one language's DOCX into a project of several languages: the next draft keeps the
project's languages, the other languages' headings and texts, and the ids of the paragraphs it
continues."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

from conftest import EXAMPLES, invoke, write
from draftkit.docxread import read_docx
from draftkit.importing import import_document, write_import
from draftkit.loading import open_draft

EXAMPLE = EXAMPLES / "child-online-exploitation"


def example_copy(tmp_path: Path) -> Path:
    """The example project with the clause library its `libraries: [../../clauses]` names."""
    root = tmp_path / "examples" / "p"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("build"))
    shutil.copytree(EXAMPLES.parent / "clauses", tmp_path / "clauses")
    return root


def build(runner, project: Path, out: Path, *args: str) -> dict[str, Path]:
    result = invoke(runner, "build", "-p", project, "-f", "docx", "-o", out, *args)
    assert result.exit_code == 0, result.output
    return {p.suffixes[-2][1:]: p for p in out.glob("*.docx")}


def import_into(runner, docx: Path, project: Path) -> str:
    result = invoke(runner, "import", docx, "-o", project)
    assert result.exit_code == 0, result.output
    return result.output


def no_changes(runner, project: Path, old: int, new: int, language: str) -> None:
    drafts = project / "drafts"
    result = invoke(runner, "diff", drafts / f"draft-{old}.yaml", drafts / f"draft-{new}.yaml", "-l", language)
    assert result.exit_code == 0, result.output
    assert "No changes" in result.output, result.output


def test_english_french_then_arabic_docx_keep_every_language_and_every_id(runner, tmp_path: Path) -> None:
    project = example_copy(tmp_path)
    built = build(runner, project, tmp_path / "b2")
    _, draft2 = open_draft(project)
    assert sorted(built) == ["ar", "en", "es", "fr"]
    import_into(runner, built["en"], project)
    _, draft3 = open_draft(project)
    assert draft3.meta.version == 3 and draft3.meta.languages == ("en", "fr", "es", "ar")
    assert draft3.meta.authentic == ("en", "fr")  # Spanish and Arabic stay translations provided
    for key in ("title", "committee", "authoring"):
        assert getattr(draft3.meta, key) == getattr(draft2.meta, key)
    assert draft3.meta.meeting == draft2.meta.meeting
    assert [p.id for p in draft3.paragraphs()] == [p.id for p in draft2.paragraphs()]
    assert not list((tmp_path / "clauses").glob("imported-*"))  # every paragraph kept its id
    no_changes(runner, project, 2, 3, "en")
    no_changes(runner, project, 2, 3, "fr")
    french = build(runner, project, tmp_path / "b3", "-l", "fr")  # draft 3 has its French heading
    import_into(runner, french["fr"], project)
    _, draft4 = open_draft(project)
    assert draft4.meta.languages == ("en", "fr", "es", "ar")
    assert [p.id for p in draft4.paragraphs()] == [p.id for p in draft3.paragraphs()]
    no_changes(runner, project, 3, 4, "fr")
    no_changes(runner, project, 3, 4, "en")
    # the Arabic document, right to left with its own numbers and letters, continues the same paragraphs
    import_into(runner, built["ar"], project)
    _, draft5 = open_draft(project)
    assert [p.id for p in draft5.paragraphs()] == [p.id for p in draft3.paragraphs()]
    assert not list((tmp_path / "clauses").glob("imported-*"))
    for language in ("ar", "en", "es"):
        no_changes(runner, project, 4, 5, language)


def test_ids_are_reused_when_the_latest_draft_lacks_the_imported_language(runner, mini_project: Path,
                                                                            tmp_path: Path) -> None:
    """An English-only draft 2 (as an older import wrote it): the French DOCX of draft 1
    still matches its paragraphs, rendered in French from their clauses and inline texts."""
    french = build(runner, mini_project, tmp_path / "b", "-l", "fr")["fr"]
    text = (mini_project / "drafts" / "draft-1.yaml").read_text(encoding="utf-8")
    english = text.replace("version: 1", "version: 2").replace("languages: [en, fr]", "languages: [en]")
    english = english.replace("  fr: La législation dans le monde en matière de lutte contre l'exploitation "
                              "sexuelle des enfants en ligne\n", "")
    assert english.count("languages: [en]") == 1 and "La législation" not in english
    write(mini_project / "drafts" / "draft-2.yaml", english)
    output = import_into(runner, french, mini_project)
    assert "kept     the ids of 5 paragraphs" in output, output
    _, draft3 = open_draft(mini_project)
    assert [p.id for p in draft3.paragraphs()] == ["pp-crc", "pp-concern", "op-urges", "op-cooperation", "op-seized"]
    assert draft3.meta.languages == ("en", "fr")
    assert not [p for p in (mini_project / "clauses").iterdir() if p.name.startswith("imported")]
    no_changes(runner, mini_project, 1, 3, "fr")


def test_an_edited_paragraph_keeps_the_other_languages_texts(runner, mini_project: Path, tmp_path: Path) -> None:
    """Only the imported language's text comes from the DOCX; French opening, text,
    sub-paragraphs and footnote stay (as translations to update); a new paragraph is English only."""
    english = build(runner, mini_project, tmp_path / "b", "-l", "en")["en"]
    imported = import_document(read_docx(english), "en")
    pp_crc, pp_concern = imported.preambular
    op_urges, op_cooperation, op_seized = imported.operative
    edited = replace(imported,
                     preambular=(replace(pp_crc, text=pp_crc.text.replace("the Convention", "the 1989 Convention")),
                                 pp_concern),
                     operative=(op_urges, replace(op_cooperation, text=op_cooperation.text + " and beyond"),
                                op_seized, replace(op_seized, text="to review progress at its next session")))
    result = write_import(edited, mini_project)
    assert result.reused == 5 and len(result.clause_ids) == 1
    _, draft = open_draft(mini_project)
    _, before = open_draft(mini_project / "drafts" / "draft-1.yaml")
    old, new = ({p.id: p for p in d.paragraphs()} for d in (before, draft))
    assert new["pp-crc"].text == {"en": "the 1989 Convention on the Rights of the Child[^crc]",
                                  "fr": old["pp-crc"].text["fr"]}
    assert new["pp-crc"].footnotes == old["pp-crc"].footnotes and new["pp-crc"].clause == "pp-crc"
    cooperation = new["op-cooperation"]
    assert cooperation.text["en"].endswith(" and beyond")
    assert cooperation.text["fr"] == old["op-cooperation"].text["fr"]
    assert cooperation.opening == old["op-cooperation"].opening
    assert cooperation.subparagraphs == old["op-cooperation"].subparagraphs
    (added,) = result.clause_ids
    assert new[added].text == {"en": "to review progress at its next session"}
    assert draft.meta.languages == ("en", "fr") and draft.meta.title == before.meta.title


def test_a_document_in_another_script_gets_meaningful_ascii_ids_again_on_each_import(runner, tmp_path: Path) -> None:
    """Arabic, Chinese and Russian resolutions imported into new projects: each paragraph's
    id gives its opening in English (through the language's aligned phrase lists) and its
    first words transliterated, and importing the same file again gives the same ids
    (before, ids were made of Latin letters only: 'op', 'op-2', …)."""
    six = EXAMPLES / "un-ga-six-languages"
    result = invoke(runner, "build", "-p", six, "--draft", "1", "-l", "ar", "-l", "zh", "-l", "ru", "-o", tmp_path / "b")
    assert result.exit_code == 0, result.output
    convention = {"ar": "pp-recalling-tfqyh-hqwq", "zh": "pp-recalling-ertong-quanli",
                  "ru": "pp-recalling-konventsiyu-pravakh"}  # 'the Convention on the Rights of the Child'
    english = ["pp-reaffirming", "pp-recalling", "pp-recalling-also", "pp-deeply-concerned", "op-urges",
               "op-calls-upon", "op-requests", "op-decides"]
    for language in ("ar", "zh", "ru"):
        (docx,) = (tmp_path / "b").glob(f"*.{language}.docx")
        ids = []
        for attempt in ("first", "again"):
            import_into(runner, docx, tmp_path / f"{language}-{attempt}")
            ids.append([p.id for p in open_draft(tmp_path / f"{language}-{attempt}")[1].paragraphs()])
        assert ids[0] == ids[1], language
        assert convention[language] in ids[0], ids[0]
        assert all(re.fullmatch(r"(pp|op)(-[a-z0-9]+){3,5}", i) for i in ids[0]), ids[0]
        # the opening's English, then words of the text ('又回顾' is 'also recalling' in that order)
        shown = [i.replace("pp-also-recalling", "pp-recalling-also") for i in ids[0]]
        assert [next(e for e in sorted(english, key=len, reverse=True) if i.startswith(e + "-")) for i in shown] \
            == english, ids[0]
