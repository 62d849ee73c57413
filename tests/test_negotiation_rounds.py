"""Three rounds on the bundled example, end to end, as the co-rapporteurs run them: late
contributions, overlaps before decisions, a bracketed paragraph agreed in round 3, a French
translation made stale by round 2 and refreshed through XLIFF, history and blame naming
each change's delegations, and every DOCX on the way read by LibreOffice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

import lo_uno
from conftest import invoke, write
from draftkit.loading import Project
from draftkit.loading.contributions import load_decisions
from test_negotiation_decide import example

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"

ROUND_2 = {
    "france.yaml": """
        delegation: France
        submitted_at: 2021-06-28T17:00:00+02:00
        responds_to: 3
        proposals:
          - id: FRA-21
            action: amend-text
            target: op-safety-by-design
            old: {en: make such measures mandatory, fr: rendre ces mesures obligatoires}
            new: {en: consider making such measures mandatory, fr: envisager de rendre ces mesures obligatoires}
        """,
    "kenya.yaml": """
        delegation: Kenya
        submitted_at: 2021-06-29T09:00:00+03:00
        responds_to: 3
        language: en
        proposals:
          - id: KEN-21
            action: amend-text
            target: op-safety-by-design
            old: make such measures mandatory
            new: impose such measures
          - id: KEN-22
            action: amend-text
            target: OP5
            after: parliaments to establish
            new: and exercise
        """,
}
LATE_2 = """
    delegation: Mexico
    submitted_at: 2021-07-03T10:00:00-05:00
    responds_to: 3
    language: en
    proposals:
      - {id: MEX-21, action: delete-paragraph, target: OP12}
    """
ROUND_3 = """
    delegation: Kenya
    submitted_at: 2021-08-20T12:00:00+03:00
    responds_to: 4
    proposals:
      - id: KEN-31
        action: amend-text
        target: op-safety-by-design
        old: {en: "[make] [consider making]", fr: "[rendre] [envisager de rendre]"}
        new: {en: make, fr: rendre}
        justification: Agreed in the drafting committee on 19 August.
    """


def run(runner, *args, code: int = 0):
    result = invoke(runner, *args)
    assert result.exit_code == code, (args, result.output)
    return result


def verdicts(root: Path, name: str) -> dict[str, str]:
    return {d.proposal: d.verdict.value for d in load_decisions(root / "decisions" / f"{name}.yaml")}


def translate_all(xliff: Path, french: dict[str, str]) -> Path:
    """What the translators send back: every unit given a target (their words, or the
    previous translation where the test does not care)."""
    tree = etree.parse(str(xliff))
    for unit in tree.getroot().iter(f"{{{XLIFF}}}unit"):
        name = unit.get("name")
        previous = next((n.text.split(":", 1)[1].strip() for n in unit.iter(f"{{{XLIFF}}}note")
                         if n.get("category") == "previous-translation"), None)
        segment = unit.find(f"{{{XLIFF}}}segment")
        segment.set("state", "translated")
        etree.SubElement(segment, f"{{{XLIFF}}}target").text = french.get(name) or previous or "Texte traduit"
    done = xliff.with_name("translated.xlf")
    tree.write(str(done), xml_declaration=True, encoding="UTF-8")
    return done


@pytest.mark.clients
@pytest.mark.skipif(not lo_uno.available(), reason="LibreOffice with python3-uno not installed")
def test_three_rounds_from_contributions_to_an_agreed_text(tmp_path, runner):
    root = example(tmp_path)
    project = ["-p", str(root)]
    docx: list[Path] = []

    # --- round 1, on draft 1 (current draft 2): the skeleton, a late arrival, the merge ------
    typed = verdicts(root, "round-1")
    run(runner, "decide", *project)
    run(runner, "decide", "SEN-2", "reject", "--note", "substance kept in PP10", *project)
    write(root / "contributions" / "round-1" / "zambia.yaml", """
        delegation: Zambia
        submitted_at: 2021-06-20T08:00:00+02:00
        responds_to: 1
        language: en
        proposals:
          - {id: ZMB-1, action: amend-text, target: OP3, after: sexual purposes, new: online and offline}
        """)
    again = run(runner, "decide", *project)
    assert "new since the last run: ZMB-1" in again.stdout
    assert verdicts(root, "round-1") == {**typed, "SEN-2": "reject", "BRA-1": "pending", "ZMB-1": "pending"}
    status = run(runner, "status", *project)
    assert "DEU-1 × GBR-2" in status.stdout and "late" in status.stdout
    merged = run(runner, "merge", *project, "--date", "2021-06-16", "--deadline", "2021-07-01T23:59:00+02:00")
    assert "ZMB-1" in merged.stdout  # late: listed, left out
    run(runner, "build", *project, "-l", "en", "-o", tmp_path / "out")
    docx.append(next((tmp_path / "out").glob("*-draft3.en.docx")))

    # --- round 2, on draft 3: overlaps before decisions, brackets, a French text gone stale ---
    for name, text in ROUND_2.items():
        write(root / "contributions" / "round-2" / name, text)
    listed = json.loads(run(runner, "contributions", *project, "-f", "json").stdout)
    overlaps = {p["id"]: p["collides_with"] for c in listed["contributions"] for p in c["proposals"]}
    assert overlaps["FRA-21"] == ["KEN-21"] and overlaps["KEN-21"] == ["FRA-21"]  # before any decision
    skeleton = run(runner, "decide", *project)
    assert "overlap A: FRA-21, KEN-21" in skeleton.stdout
    run(runner, "decide", "FRA-21", "accept-revised", "--text", "[make] [consider making] such measures mandatory",
        "-l", "en", *project)
    run(runner, "decide", "FRA-21", "accept-revised", "--text", "[rendre] [envisager de rendre] ces mesures obligatoires",
        "-l", "fr", *project)
    run(runner, "decide", "KEN-21", "merged", "--into", "FRA-21", *project)
    run(runner, "decide", "KEN-22", "accept", *project)
    write(root / "contributions" / "round-2" / "mexico.yaml", LATE_2)  # after the deadline of draft 3
    late = run(runner, "decide", *project)
    assert "new since the last run: MEX-21" in late.stdout
    assert verdicts(root, "round-2") == {"FRA-21": "accept-revised", "KEN-21": "merged", "KEN-22": "accept",
                                         "MEX-21": "pending"}
    run(runner, "merge", *project, "--date", "2021-07-05", "--revision", "1",
        "--deadline", "2021-08-31T23:59:00+02:00")
    draft_4 = root / "drafts" / "draft-4.yaml"
    text = draft_4.read_text()
    assert "\nrevision: 1\n" in text and "[make] [consider making] such measures mandatory" in text
    # the co-rapporteurs record who holds each alternative (README: status and brackets)
    # (merge writes the paragraph as 'clause: …' or 'id: …', in the list's indentation: the edit must land either way)
    text, edits = re.subn(r"(?m)^( *)- (id|clause): op-safety-by-design\n",
                          r"\g<0>\1  status: open\n\1  brackets:\n\1  - [Kenya, France]\n", text)
    assert edits == 1
    draft_4.write_text(text)
    stale = run(runner, "translations", *project, "-l", "fr", code=1)
    assert "OP5 (fr): source changed: parliaments to establish {+and exercise+} extraterritorial" in stale.stdout
    refused = run(runner, "build", *project, "-l", "en", code=1)
    assert "still holds bracketed words: OP7" in refused.stderr

    # the French catches up through XLIFF
    run(runner, "translations", "export", *project, "-l", "fr", "-o", tmp_path / "fr.xlf")
    back = translate_all(tmp_path / "fr.xlf", {
        "op-extraterritorial-jurisdiction/text": "les parlements à établir et à exercer une compétence "
        "extraterritoriale à l'égard de ces infractions lorsqu'elles sont commises à l'étranger par ou contre "
        "leurs ressortissants ou résidents habituels, sans exiger que l'acte soit également punissable là où il "
        "a été commis"})
    imported = run(runner, "translations", "import", *project, back)
    assert "OP5" in imported.stdout
    run(runner, "translations", *project, "-l", "fr")  # exit 0: the French is up to date
    # what remains is the Spanish and Arabic the merges left behind (translations provided)
    outstanding = run(runner, "translations", *project, code=1).stdout.splitlines()[:-1]
    assert outstanding and {re.search(r" \((\w+)\): ", line).group(1) for line in outstanding} == {"es", "ar"}
    assert "à établir et à exercer" in draft_4.read_text()
    run(runner, "build", *project, "--status-column", "-o", tmp_path / "out")
    docx += sorted((tmp_path / "out").glob("*-rev1-negotiation.*.docx"))
    assert len(docx) == 3

    # --- round 3, on draft 4: the bracketed paragraph agreed ----------------------------------
    write(root / "contributions" / "round-3" / "kenya.yaml", ROUND_3)
    run(runner, "decide", *project)
    run(runner, "decide", "KEN-31", "accept", *project)
    run(runner, "merge", *project, "--date", "2021-09-01")
    draft_5 = root / "drafts" / "draft-5.yaml"
    agreed = Project.open(root).draft(5).by_id()["op-safety-by-design"]
    assert agreed.brackets == () and "parliaments to make such measures mandatory" in agreed.text["en"]
    draft_5.write_text(draft_5.read_text().replace("status: open", "status: agreed"))
    standing = run(runner, "status", *project)
    assert "1 agreed, 0 agreed ad ref, 0 open" in standing.stdout and "0 with brackets" in standing.stdout
    run(runner, "build", *project, "-o", tmp_path / "out")  # the clean version: no brackets left
    docx += sorted((tmp_path / "out").glob("*-rev2.*.docx"))
    run(runner, "diff", "4", "5", *project, "-o", tmp_path / "out" / "changes-4-5.docx")
    docx.append(tmp_path / "out" / "changes-4-5.docx")

    # --- history and blame give each change's delegations -------------------------------------
    shown = run(runner, "history", "op-safety-by-design", *project).stdout
    assert "France, Kenya (FRA-21, round-2, accept-revised)" in shown  # KEN-21 merged into FRA-21
    assert "Kenya (KEN-31, round-3, accept)" in shown
    runs = json.loads(run(runner, "blame", "OP7", *project, "-f", "json").stdout)
    words = {(r["words"], r["version"], r["who"], r["proposal"]) for a in runs for r in a["runs"]}
    assert any(w[1:] == (5, "Kenya", "KEN-31") for w in words)
    extraterritorial = json.loads(run(runner, "blame", "OP5", *project, "-f", "json").stdout)
    assert ("and exercise", 4, "Kenya", "KEN-22") in {(r["words"], r["version"], r["who"], r["proposal"])
                                                      for a in extraterritorial for r in a["runs"]}

    # --- every DOCX on the way reads in LibreOffice ---------------------------------------------
    texts = lo_uno.lo_texts([(path, "none") for path in docx])
    assert len(texts) == 6
    by_name = dict(zip((p.name for p in docx), texts))
    negotiation = next(t for n, t in by_name.items() if "rev1-negotiation.en" in n)
    assert "[Alt 1: make (Kenya)] [Alt 2: consider making (France)]" in negotiation
    assert "Open — bracketed" in negotiation and "C-III/143/DR/Rev.1" in negotiation
    clean = next(t for n, t in by_name.items() if n.endswith("-rev2.en.docx"))
    assert "parliaments to make such measures mandatory" in clean and "[" not in clean.split("Encourages", 1)[0][-5:]
    french = next(t for n, t in by_name.items() if n.endswith("-rev2.fr.docx"))
    assert "à établir et à exercer une compétence extraterritoriale" in french
