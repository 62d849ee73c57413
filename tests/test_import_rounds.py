"""draftkit import, without external programs: returned drafts made by `draftkit diff` go to
the right paragraph and the right round, under ids unique in the round; heading changes are
warnings; imports into projects with their own `libraries:`; nothing is written on an error."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from conftest import MINI_DRAFT, invoke, write
from draftkit.loading import open_draft
from draftkit.loading.contributions import load_contribution
from draftkit.loading.serialize import dump_draft
from draftkit.model import Kind, Paragraph, ParagraphId, SubParagraph


def returned(runner, project: Path, tmp_path: Path, *, second_author: str | None = None) -> Path:
    """Draft 1 returned with tracked changes (written by `draftkit diff`, author Austria): a
    sub-paragraph (c) added to OP2, a new date in the heading and, by `second_author` when
    given, 'criminalize' replaced in OP1."""
    _, draft = open_draft(project, 1)
    urges, cooperation, seized = draft.operative
    helplines = SubParagraph("c", {"en": "to set up helplines", "fr": "de créer des lignes d'écoute"})
    operative = [replace(cooperation, subparagraphs=(*cooperation.subparagraphs, helplines)), seized]
    if second_author:
        outlaw = urges.text["en"].replace("criminalize", "outlaw")
        operative.insert(0, replace(urges, clause=None, text={**urges.text, "en": outlaw}))
    else:
        operative.insert(0, urges)
    variant = project / "variant.yaml"  # inside the project: diff reads it with the project's library
    variant.write_text(dump_draft(replace(draft, meta=replace(draft.meta, date=date(2021, 7, 20)),
                                          operative=tuple(operative))), encoding="utf-8")
    out = tmp_path / "returned.docx"
    result = invoke(runner, "diff", "1", variant, "-o", out, "--author", "Austria", "-p", project)
    variant.unlink()
    assert result.exit_code == 0, result.output
    if second_author:
        _reauthor(out, "outlaw", second_author)
    return out


def _reauthor(docx: Path, word: str, author: str) -> None:
    """Give the revisions of the paragraph holding `word` to `author` (a second reviewer)."""
    with zipfile.ZipFile(docx) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    paragraphs = xml.split("</w:p>")
    (index,) = [i for i, p in enumerate(paragraphs) if word in p]
    paragraphs[index] = paragraphs[index].replace('w:author="Austria"', f'w:author="{author}"')
    parts["word/document.xml"] = "</w:p>".join(paragraphs).encode("utf-8")
    with zipfile.ZipFile(docx, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def proposals(path: Path) -> list[tuple]:
    contribution = load_contribution(path)
    return [(p.id, p.action.value, p.target, p.position and (p.position.where, p.position.reference),
             p.old, p.new, p.subparagraph and dict(p.subparagraph.text)) for p in contribution.proposals]


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_a_sub_paragraph_after_the_last_one_goes_on_its_paragraph(runner, mini_project: Path, tmp_path: Path) -> None:
    docx = returned(runner, mini_project, tmp_path)
    result = invoke(runner, "import", "--contribution", docx, "--against", "1", "--delegation", "Austria",
                    "--submitted-at", "2021-06-12T10:00:00+02:00", "-p", mini_project)
    assert result.exit_code == 0, result.output
    # the heading's new date is a warning, not a new operative paragraph
    assert result.output.endswith(
        "1 warning:\n  paragraph 3: tracked change outside the paragraphs (heading, closing block or annex) is not "
        "a proposal: not imported; the co-rapporteurs edit those lines in the draft: '20 July 2021'\n")
    assert proposals(mini_project / "contributions" / "round-1" / "austria.yaml") == [
        ("AUS-1", "add-subparagraph", "op-cooperation", ("after", "b"), None, None, {"en": "to set up helplines"})]
    write(mini_project / "decisions" / "round-1.yaml", "- {proposal: AUS-1, decision: accept}\n")
    assert invoke(runner, "merge", "-p", mini_project, "--date", "2021-07-01").exit_code == 0
    _, merged = open_draft(mini_project, 2)
    assert [s.text["en"] for s in merged.by_id()["op-cooperation"].subparagraphs] == [
        "to share information", "to train law enforcement officers", "to set up helplines"]


def test_two_authors_sharing_three_letters_get_ids_apart(runner, mini_project: Path, tmp_path: Path) -> None:
    docx = returned(runner, mini_project, tmp_path, second_author="Australia")
    result = invoke(runner, "import", "--contribution", docx, "--against", "1", "-p", mini_project)
    assert result.exit_code == 0, result.output
    folder = mini_project / "contributions" / "round-1"
    assert proposals(folder / "austria.yaml")[0][:3] == ("AUS-1", "add-subparagraph", "op-cooperation")
    assert proposals(folder / "australia.yaml") == [
        ("AUST-1", "amend-text", "op-urges", None, "criminalize", "outlaw", None)]
    # a third delegation whose name starts the same, later in the same round
    (folder / "austria.yaml").rename(folder / "austria-first.yaml")
    (folder / "australia.yaml").unlink()
    result = invoke(runner, "import", "--contribution", docx, "--against", "1", "-p", mini_project)
    assert result.exit_code == 0, result.output
    assert [p[0] for p in proposals(folder / "austria.yaml")] == ["AUST-1"]  # AUS is the first Austria file's
    assert [p[0] for p in proposals(folder / "australia.yaml")] == ["AUSTR-1"]


def test_nothing_is_written_when_one_author_file_exists(runner, mini_project: Path, tmp_path: Path) -> None:
    docx = returned(runner, mini_project, tmp_path, second_author="Australia")
    existing = write(mini_project / "contributions" / "round-1" / "australia.yaml", """
        delegation: Australia
        submitted_at: 2021-06-10T10:00:00+10:00
        responds_to: 1
        language: en
        proposals:
          - {id: AUS-9, action: delete-paragraph, target: OP3}
        """)
    before = files(mini_project)
    result = invoke(runner, "import", "--contribution", docx, "--against", "1", "-p", mini_project)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {existing}: refusing to overwrite an existing contribution (move it away or "
                             "give another path with -o, or another round with --round)\n")
    assert files(mini_project) == before


def test_round_folder_choice(runner, mini_project: Path, tmp_path: Path) -> None:
    docx = returned(runner, mini_project, tmp_path)
    write(mini_project / "drafts" / "draft-2.yaml", MINI_DRAFT.replace("version: 1", "version: 2"))
    contributions = mini_project / "contributions"

    def imported(*args: str) -> Path:
        result = invoke(runner, "import", "--contribution", docx, *args, "-p", mini_project)
        assert result.exit_code == 0, result.output
        (path,) = re.findall(r"→ (\S+)", result.output)
        return Path(path).relative_to(contributions)

    assert imported("--against", "1", "-d", "Austria") == Path("round-1/austria.yaml")  # no round yet: round-1
    assert imported("--against", "1", "-d", "Kenya") == Path("round-1/kenya.yaml")  # round-1 answers draft 1
    assert imported("--against", "2", "-d", "Kenya") == Path("round-2/kenya.yaml")  # draft 2: a new round
    assert imported("--against", "1", "-d", "Chile") == Path("round-1/chile.yaml")  # the latest answering 1
    assert imported("--against", "2", "-d", "Chile") == Path("round-2/chile.yaml")
    assert imported("--against", "2", "-d", "Peru", "--round", "late") == Path("late/peru.yaml")
    assert [p.id for p in load_contribution(contributions / "round-2" / "chile.yaml").proposals] == ["CHI-1"]
    result = invoke(runner, "import", "--contribution", docx, "--against", "1", "--round", "../x", "-p", mini_project)
    assert result.exit_code == 2
    assert "--round '../x' is not a round folder name" in result.stderr


def built(runner, project: Path, tmp_path: Path) -> Path:
    out = tmp_path / "built"
    assert invoke(runner, "build", "-p", project, "-l", "en", "-o", out).exit_code == 0
    (docx,) = out.glob("*.docx")
    return docx


def edited(runner, project: Path, tmp_path: Path) -> Path:
    """Draft 1 as circulated, with 'criminalize' replaced in OP1 and a new OP4 (not tracked)."""
    _, draft = open_draft(project, 1)
    urges, cooperation, seized = draft.operative
    outlaw = replace(urges, text={**urges.text, "en": urges.text["en"].replace("criminalize", "outlaw")})
    new = Paragraph(ParagraphId("op-new"), Kind.OPERATIVE, {"en": "Invites", "fr": "Invite"},
                    {"en": "the IPU to report back", "fr": "l'UIP à faire rapport"})
    variant = project / "variant.yaml"
    variant.write_text(dump_draft(replace(draft, operative=(outlaw, cooperation, seized, new))), encoding="utf-8")
    out = tmp_path / "edited"
    assert invoke(runner, "build", "--draft", variant, "-l", "en", "-o", out).exit_code == 0
    variant.unlink()
    (docx,) = out.glob("*.docx")
    return docx


def test_import_into_a_project_with_its_own_libraries(runner, mini_project: Path, tmp_path: Path) -> None:
    docx = edited(runner, mini_project, tmp_path)
    (mini_project / "clauses").rename(mini_project / "texts")
    write(mini_project / "draftkit.yaml", "name: mini\nlibraries: [texts]\n")
    result = invoke(runner, "import", docx, "-o", mini_project)
    assert result.exit_code == 0, result.output
    assert f"clauses  {mini_project / 'texts' / 'imported-mini-draft1.yaml'} (1 new)" in result.output
    assert not (mini_project / "clauses").exists()
    _, draft = open_draft(mini_project)  # loads, with the imported clauses, as the project's latest version
    assert draft.meta.version == 2
    assert [p.text["en"] for p in draft.operative] == [
        "parliaments to outlaw all forms of online child sexual exploitation",
        "Member Parliaments to strengthen international cooperation, as set out in {ref:op-urges}",
        "to remain seized of the matter", "the IPU to report back"]


def test_importing_the_circulated_draft_keeps_every_id(runner, mini_project: Path, tmp_path: Path) -> None:
    """The DOCX of draft 1 imported as draft 2 is draft 1 again: same ids, clauses, cross-
    references and French text; no new clause library; `diff 1 2` finds no change."""
    docx = built(runner, mini_project, tmp_path)
    before = files(mini_project / "clauses")
    result = invoke(runner, "import", docx, "-o", mini_project)
    assert result.exit_code == 0, result.output
    assert "kept     the ids of 5 paragraphs already in the project" in result.output
    assert files(mini_project / "clauses") == before
    _, first = open_draft(mini_project, 1)
    _, second = open_draft(mini_project, 2)
    assert list(second.paragraphs()) == list(first.paragraphs())
    result = invoke(runner, "diff", "1", "2", "-p", mini_project)
    assert result.exit_code == 0 and "No changes between draft 1 and draft 2" in result.output, result.output


def test_an_edited_draft_keeps_the_ids_of_its_paragraphs(runner, mini_project: Path, tmp_path: Path) -> None:
    """Imported twice into a new project (the issue's case), then an edited version: a changed
    paragraph keeps its id and clause, only the new paragraph gets a new id."""
    target = tmp_path / "newp"
    docx = built(runner, mini_project, tmp_path)
    for _ in range(2):
        assert invoke(runner, "import", docx, "-o", target).exit_code == 0
    result = invoke(runner, "diff", "1", "2", "-p", target)
    assert "No changes between draft 1 and draft 2" in result.output, result.output
    result = invoke(runner, "import", edited(runner, mini_project, tmp_path), "-o", target)
    assert result.exit_code == 0, result.output
    _, second = open_draft(target, 2)
    _, third = open_draft(target, 3)
    assert [p.id for p in third.paragraphs()] == [*(p.id for p in second.paragraphs()), "op-invites-ipu-report"]
    assert third.operative[0].clause == second.operative[0].clause == "op-urges-parliaments-criminalize"
    result = invoke(runner, "diff", "2", "3", "-p", target)
    # OP3 changes only by the computed final full stop, now before the new OP4
    assert "1 inserted · 0 deleted · 2 changed · 0 moved paragraphs" in result.output, result.output


def test_nothing_is_written_when_the_project_loads_no_library_folder(runner, mini_project: Path,
                                                                      tmp_path: Path) -> None:
    docx = built(runner, mini_project, tmp_path)
    write(mini_project / "draftkit.yaml", "name: mini\nlibraries: [clauses/standard.yaml]\n")
    before = files(mini_project)
    result = invoke(runner, "import", docx, "-o", mini_project)
    assert result.exit_code == 1
    assert "names files only, so an imported clause library would not be loaded" in result.stderr
    assert files(mini_project) == before


def test_a_failed_write_removes_the_files_already_written(runner, mini_project: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from draftkit import files as files_module

    docx = built(runner, mini_project, tmp_path)
    real = files_module.write_atomic

    def failing(path: Path, data, *, inputs=(), **options):
        if path.name == "draft-2.yaml":
            raise OSError(28, "No space left on device")
        return real(path, data, inputs=inputs, **options)

    monkeypatch.setattr(files_module, "write_atomic", failing)
    before = files(mini_project)
    result = invoke(runner, "import", docx, "-o", mini_project)
    assert result.exit_code == 1 and "No space left on device" in result.stderr, result.output + result.stderr
    assert files(mini_project) == before


@pytest.mark.parametrize("target", ["draftkit.yaml", "clauses/standard.yaml", "drafts/draft-1.yaml"])
def test_a_contribution_is_never_written_over_a_project_input(runner, mini_project: Path, tmp_path: Path,
                                                              target: str) -> None:
    docx = returned(runner, mini_project, tmp_path)
    before = {p: p.read_bytes() for p in mini_project.rglob("*") if p.is_file()}
    result = invoke(runner, "import", "--contribution", docx, "--against", "1", "-o", mini_project / target,
                    "-p", mini_project)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {mini_project / target}: refusing to overwrite a project input (a file the "
                             "project reads) (give the contribution its own .yaml path, or a folder, with -o)\n")
    assert {p: p.read_bytes() for p in mini_project.rglob("*") if p.is_file()} == before
