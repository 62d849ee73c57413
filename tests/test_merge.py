"""Merge: each proposal kind, numbering against an older version, collisions, provenance,
decisions, and the `draftkit merge` command on a small project and on the example."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, invoke, write

from draftkit.loading.contributions import load_decisions, load_round
from draftkit.loading.project import Project
from draftkit.merge import Status, merge

MINI = FIXTURES / "contributions" / "mini"
DAY = date(2021, 6, 16)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


def contribution(root: Path, name: str, proposals: str, *, delegation: str = "France",
                 submitted: str = "2021-06-14T12:00:00+02:00", responds_to: int = 1, language: str = "en") -> Path:
    body = "\n".join("  " + line for line in proposals.strip("\n").splitlines())
    return write(root / "contributions" / "round-1" / f"{name}.yaml",
                 f"delegation: {delegation}\nsubmitted_at: {submitted}\nresponds_to: {responds_to}\n"
                 f"language: {language}\nproposals:\n{body}\n")


def decide(root: Path, text: str) -> Path:
    return write(root / "decisions" / "round-1.yaml", text)


def run(root: Path, include_late: bool = False):
    project = Project.open(root)
    round_ = load_round(root / "contributions" / "round-1")
    decisions = load_decisions(root / "decisions" / "round-1.yaml")
    versions = {v: project.draft(v) for v in project.versions()}
    return merge(versions, versions[max(versions)], round_.contributions, decisions, day=DAY,
                 include_late=include_late)


def status(result, proposal: str) -> Status:
    return next(o.status for o in result.report.outcomes if o.proposal == proposal)


def texts(result, paragraph: str) -> dict:
    found = result.draft.by_id()[paragraph]
    return {"opening": dict(found.opening), "text": dict(found.text)}


# --- each kind ---------------------------------------------------------------------------


def test_amend_text_by_number_in_older_version(project: Path) -> None:
    # OP1 in draft 1 is op-a, which is OP2 in draft 2 (a paragraph was added before it).
    contribution(project, "fra", """
- id: FRA-1
  action: amend-text
  target: OP1
  old: all forms of online
  new: all forms of online and offline
""")
    decide(project, "- {proposal: FRA-1, decision: accept}\n")
    result = run(project)
    assert texts(result, "op-a")["text"]["en"] == (
        "parliaments to criminalize all forms of online and offline child sexual exploitation")
    outcome = result.report.outcomes[0]
    assert (outcome.seen_as, outcome.label, outcome.status) == ("OP1", "OP2", Status.APPLIED)
    record, = result.draft.provenance
    assert (record.paragraph, record.proposal, record.delegation, record.language, record.inserted, record.deleted) == (
        "op-a", "FRA-1", "France", "en", "and offline", "")
    assert [(p.label, p.language) for p in result.report.pending] == [("OP2", "fr")]


def test_amend_opening_and_both_languages(project: Path) -> None:
    contribution(project, "fra", """
- id: FRA-1
  action: amend-text
  target: operative paragraph 3
  old: {en: Encourages, fr: Encourage}
  new: {en: Urges, fr: Exhorte}
""")
    decide(project, "- {proposal: FRA-1, decision: accept}\n")
    result = run(project)
    assert texts(result, "op-c")["opening"] == {"en": "Urges", "fr": "Exhorte"}
    assert result.report.pending == ()


def test_insert_after_and_delete_words(project: Path) -> None:
    contribution(project, "gbr", """
- id: GBR-1
  action: amend-text
  target: PP2
  after: growth
  new: and persistence
- id: GBR-2
  action: amend-text
  target: OP2(b)
  old: law enforcement
  new: ''
""")
    decide(project, "- {proposal: GBR-1, decision: accept}\n- {proposal: GBR-2, decision: accept}\n")
    result = run(project)
    assert texts(result, "pp-b")["text"]["en"] == "by the growth and persistence of online exploitation"
    sub = result.draft.by_id()["op-b"].subparagraphs[1]
    assert sub.text["en"] == "to train officers"
    assert result.draft.provenance[-1].subparagraph == "train"


def test_replace_text_delete_move_and_subparagraphs(project: Path) -> None:
    contribution(project, "ken", """
- id: KEN-1
  action: replace-text
  target: PP1
  text: {en: the Convention on the Rights of the Child and its Optional Protocols}
- id: KEN-2
  action: delete-paragraph
  target: OP4
- id: KEN-3
  action: move-paragraph
  target: OP1
  position: {after: OP2}
- id: KEN-4
  action: add-subparagraph
  target: OP2
  position: {after: (a)}
  text: {en: to pool forensic tools, fr: de mettre en commun les outils de police scientifique}
- id: KEN-5
  action: delete-subparagraph
  target: OP2(b)
""")
    decide(project, "".join(f"- {{proposal: KEN-{n}, decision: accept}}\n" for n in range(1, 6)))
    result = run(project)
    draft = result.draft
    assert [p.id for p in draft.operative] == ["op-new", "op-b", "op-a", "op-c"]
    assert draft.by_id()["pp-a"].text["en"] == "the Convention on the Rights of the Child and its Optional Protocols"
    assert [(s.id, s.text["en"]) for s in draft.by_id()["op-b"].subparagraphs] == [
        ("share", "to share information"), ("pool-forensic-tools", "to pool forensic tools")]
    assert {o.status for o in result.report.outcomes} == {Status.APPLIED}
    assert draft.meta.version == 3 and draft.meta.date == DAY


def test_new_paragraph_after_reference_and_at_end(project: Path) -> None:
    contribution(project, "mex", """
- id: MEX-1
  action: new-paragraph
  position: {after: OP3}
  paragraph:
    kind: operative
    opening: {en: Invites}
    text: {en: parliaments to report on progress}
- id: MEX-2
  action: new-paragraph
  position: end
  paragraph:
    kind: preambular
    id: pp-last
    opening: {en: Noting}
    text: {en: the work of civil society}
""")
    decide(project, "- {proposal: MEX-1, decision: accept-revised, text: {en: parliaments to report on progress yearly}}\n"
                    "- {proposal: MEX-2, decision: accept}\n")
    result = run(project)
    assert [p.id for p in result.draft.operative] == ["op-new", "op-a", "op-b", "op-c", "op-invites-parliaments-report-progress", "op-d"]  # named from its words
    assert result.draft.by_id()["op-invites-parliaments-report-progress"].text["en"] == "parliaments to report on progress yearly"
    assert result.draft.preambular[-1].id == "pp-last"


# --- collisions --------------------------------------------------------------------------

SAME_WORDS = """
- id: {pid}
  action: amend-text
  target: OP1
  old: all forms
  new: {new}
"""


def test_same_words_collide_and_neither_is_applied(project: Path) -> None:
    contribution(project, "fra", SAME_WORDS.format(pid="FRA-1", new="every form"))
    contribution(project, "gbr", SAME_WORDS.format(pid="GBR-1", new="all kinds"), delegation="United Kingdom")
    decide(project, "- {proposal: FRA-1, decision: accept}\n- {proposal: GBR-1, decision: accept}\n")
    result = run(project)
    assert status(result, "FRA-1") is status(result, "GBR-1") is Status.COLLISION
    assert texts(result, "op-a")["text"]["en"] == "parliaments to criminalize all forms of online child sexual exploitation"
    collision = next(c for c in result.report.collisions if c.proposal == "FRA-1")
    assert (collision.other, collision.ours, collision.theirs) == (
        "GBR-1", "(en) 'all forms' → 'every form'", "(en) 'forms' → 'kinds'")


def test_nearby_different_words_are_both_applied(project: Path) -> None:
    contribution(project, "fra", SAME_WORDS.format(pid="FRA-1", new="all kinds"))
    contribution(project, "gbr", """
- id: GBR-1
  action: amend-text
  target: OP1
  old: child sexual
  new: child sexual and economic
""", delegation="United Kingdom")
    decide(project, "- {proposal: FRA-1, decision: accept}\n- {proposal: GBR-1, decision: accept}\n")
    result = run(project)
    assert texts(result, "op-a")["text"]["en"] == (
        "parliaments to criminalize all kinds of online child sexual and economic exploitation")
    assert [r.delegation for r in result.draft.provenance] == ["France", "United Kingdom"]


def test_words_changed_by_co_rapporteurs_collide(project: Path) -> None:
    # Draft 2 replaced "promptly" by "without delay" in op-c.
    contribution(project, "fra", """
- id: FRA-1
  action: amend-text
  target: OP3
  old: promptly
  new: immediately
- id: FRA-2
  action: amend-text
  target: OP3
  old: technology companies
  new: online service providers
""")
    decide(project, "- {proposal: FRA-1, decision: accept}\n- {proposal: FRA-2, decision: accept}\n")
    result = run(project)
    assert status(result, "FRA-1") is Status.COLLISION
    assert status(result, "FRA-2") is Status.APPLIED  # the paragraph changed elsewhere: still applies
    assert texts(result, "op-c")["text"]["en"] == "online service providers to remove abuse material without delay"
    collision = result.report.collisions[0]
    assert (collision.other, collision.theirs) == (None, "technology companies to remove abuse material without delay")


def test_decisions_rejected_merged_undecided_and_credit(project: Path) -> None:
    contribution(project, "fra", SAME_WORDS.format(pid="FRA-1", new="every form"))
    contribution(project, "gbr", SAME_WORDS.format(pid="GBR-1", new="every form"), delegation="United Kingdom")
    contribution(project, "deu", "- {id: DEU-1, action: amend-text, target: OP3, old: technology, new: tech}",
                 delegation="Germany")
    decide(project, "- {proposal: FRA-1, decision: accept}\n- {proposal: GBR-1, decision: merged, into: FRA-1}\n")
    result = run(project)
    assert [(o.proposal, o.status) for o in result.report.outcomes] == [
        ("FRA-1", Status.APPLIED), ("DEU-1", Status.UNDECIDED), ("GBR-1", Status.MERGED)]
    assert result.draft.provenance[0].delegation == "France, United Kingdom"


def test_late_contribution_excluded_unless_asked(project: Path) -> None:
    contribution(project, "bra", SAME_WORDS.format(pid="BRA-1", new="every form"), delegation="Brazil",
                 submitted="2021-06-14T19:00:00-03:00")  # 00:00 in Geneva: one minute late
    decide(project, "- {proposal: BRA-1, decision: accept}\n")
    assert status(run(project), "BRA-1") is Status.LATE
    assert status(run(project, include_late=True), "BRA-1") is Status.APPLIED


# --- the command ---------------------------------------------------------------------------


def test_merge_command_writes_next_version_and_round_trips(project: Path, runner) -> None:
    contribution(project, "fra", SAME_WORDS.format(pid="FRA-1", new="every form"))
    decide(project, "- {proposal: FRA-1, decision: accept}\n")
    before = {p: p.read_bytes() for p in project.rglob("*.yaml")}
    result = invoke(runner, "merge", "-p", project, "--date", "2021-06-16")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stdout and "FRA-1 (France) OP1→OP2" in result.stdout
    assert all(p.read_bytes() == data for p, data in before.items())
    draft = Project.open(project).draft(3)
    assert draft.by_id()["op-a"].text["en"].startswith("parliaments to criminalize every form of online")
    assert draft.provenance[0].proposal == "FRA-1"
    # what was written is what merge made: the file read back equals the merge done in memory
    from draftkit.loading.contributions import open_round

    loaded = open_round(Project.open(project), need_decisions=True)
    made = merge(loaded.versions, loaded.current, loaded.round.contributions, loaded.decisions,
                 day=date(2021, 6, 16), round_name=loaded.round.name)
    assert draft.by_id() == made.draft.by_id() and draft.provenance == made.draft.provenance
    assert draft.meta.merged == made.draft.meta.merged


@pytest.mark.parametrize(("proposal", "message"), [
    ("- {id: FRA-1, action: amend-text, target: OP9, old: a, new: b}",
     "proposal FRA-1: 'OP9': draft 1 has 4 operative paragraphs (use OP1 to OP4, numbered as in draft 1)"),
    ("- {id: FRA-1, action: amend-text, target: op-aa, old: a, new: b}",
     "proposal FRA-1: unknown paragraph 'op-aa' in draft 1 (did you mean 'op-a'"),
    ("- {id: FRA-1, action: amend-text, target: OP1, old: all the forms, new: b}",
     "proposal FRA-1: 'all the forms' is not in OP1 (en) of draft 1; closest: "
     "'parliaments to criminalize ‹all forms› of online child sexual exploitation' (quote whole words"),
    ("- {id: FRA-1, action: amend-text, target: PP1, old: the, new: b}",
     "proposal FRA-1: 'the' appears 3 times in PP1 (en) of draft 1 (quote more of the surrounding words"),
])
def test_errors_name_file_and_proposal_and_write_nothing(project: Path, runner, proposal: str, message: str) -> None:
    path = contribution(project, "fra", proposal)
    decide(project, "- {proposal: FRA-1, decision: accept}\n")
    result = invoke(runner, "merge", "-p", project)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}:6:5: {message}")
    assert not (project / "drafts" / "draft-3.yaml").exists()


def test_unknown_draft_version(project: Path, runner) -> None:
    path = contribution(project, "fra", SAME_WORDS.format(pid="FRA-1", new="x"), responds_to=7)
    decide(project, "- {proposal: FRA-1, decision: accept}\n")
    result = invoke(runner, "merge", "-p", project)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"error: {path}:3:1: responds_to 7: there is no draft version 7 "
                                     "(draft versions: 1, 2)")


def test_example_round_produces_draft_3(tmp_path: Path, runner) -> None:
    root = tmp_path / "examples" / "child-online-exploitation"
    shutil.copytree(EXAMPLES / "child-online-exploitation", root, ignore=shutil.ignore_patterns("build"))
    shutil.copytree(EXAMPLES.parent / "clauses", tmp_path / "clauses")  # the example's '../../clauses'
    result = invoke(runner, "merge", "-p", root, "--date", "2021-06-16")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("applied: 7", "collisions (not applied): 3", "KEN-2 (Kenya) OP7: with the co-rapporteurs' edits",
                     "DEU-1 (Germany) OP11: with GBR-2", "rejected: 3", "CAN-1 (Canada) OP2: into GBR-1",
                     "undecided (not applied): 1", "BRA-1 (Brazil)", "FRA-2 (France) OP10→OP8"):
        assert expected in out, expected
    draft = Project.open(root).draft(3)
    assert draft.meta.version == 3
    assert "le gel et la confiscation" in draft.by_id()["op-international-cooperation"].text["fr"]
    assert {r.delegation for r in draft.provenance if r.proposal == "GBR-1"} == {"United Kingdom, Canada"}
