"""Translations that go stale after a merge or an edit, and the XLIFF 2.0 round trip."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from conftest import invoke
from test_negotiation_decide import example

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"


def merged(tmp_path: Path, runner) -> Path:
    root = example(tmp_path)
    assert invoke(runner, "merge", "-p", root, "--date", "2021-06-16").exit_code == 0
    return root


def test_a_merge_in_one_language_leaves_the_other_stale_and_check_and_status_say_how(tmp_path, runner):
    root = merged(tmp_path, runner)
    check = invoke(runner, "check", "-p", root, "-l", "fr", "-f", "json")
    stale = [f for f in __import__("json").loads(check.stdout)["findings"] if f["rule"] == "translation-stale"]
    assert {(f["label"], f["language"]) for f in stale} == {("PP11", "fr"), ("OP2", "fr")}
    assert any("{+or platform+}" in f["message"] for f in stale)  # GBR-1, in English only
    status = invoke(runner, "status", "-p", root)
    assert "stale 2 (source changed since): PP11, OP2" in status.stdout
    listed = invoke(runner, "translations", "-p", root)
    assert listed.exit_code == 1
    assert "OP2 (fr): source changed: …exploitation and abuse, whatever the technology {+or platform+} used" in listed.stdout
    assert "OP10(d) (fr): no translation yet" in listed.stdout


def test_an_edit_of_the_source_by_hand_makes_the_translation_stale(tmp_path, runner):
    root = merged(tmp_path, runner)
    draft = root / "drafts" / "draft-3.yaml"
    text = draft.read_text()
    # the merged draft refers to the unchanged clause; a hand edit of its English overrides the text
    from draftkit.loading import Project
    from draftkit.loading.yamlsource import inline_yaml

    clause = Project.open(root).library.clauses["op-requests-ipu-sg-report"]
    assert text.count("- clause: op-requests-ipu-sg-report\n") == 1 and "within two years" in clause.text["en"]
    edited = clause.text["en"].replace("within two years", "within three years")
    draft.write_text(text.replace("- clause: op-requests-ipu-sg-report\n",
                                  f"- clause: op-requests-ipu-sg-report\n  text:\n    en: {inline_yaml(edited)}\n"))
    listed = invoke(runner, "translations", "-p", root)
    assert "within [-two-]{+three+} years, on the action taken" in listed.stdout


def _translate(xliff: Path, texts: dict[str, str]) -> Path:
    tree = etree.parse(str(xliff))
    for unit in tree.getroot().iter(f"{{{XLIFF}}}unit"):
        name = unit.get("name")
        if name in texts:
            segment = unit.find(f"{{{XLIFF}}}segment")
            segment.set("state", "translated")
            etree.SubElement(segment, f"{{{XLIFF}}}target").text = texts[name]
    done = xliff.with_name("done.xlf")
    tree.write(str(done), xml_declaration=True, encoding="UTF-8")
    return done


def test_xliff_round_trip_refreshes_the_translation_and_refuses_a_unit_whose_source_changed(tmp_path, runner):
    root = merged(tmp_path, runner)
    exported = invoke(runner, "translations", "export", "-p", root, "-l", "fr", "-o", tmp_path / "fr.xlf")
    assert exported.exit_code == 0 and "3 units to translate from en into fr" in exported.stdout
    tree = etree.parse(str(tmp_path / "fr.xlf"))
    assert tree.getroot().get("version") == "2.0" and tree.getroot().get("trgLang") == "fr"
    unit = next(u for u in tree.getroot().iter(f"{{{XLIFF}}}unit") if u.get("name") == "op-criminalize-all-forms/text")
    assert [c.tag.split("}")[1] for c in unit] == ["notes", "segment"]  # notes first, as XLIFF 2.0 says
    notes = {n.get("category"): n.text for n in unit.iter(f"{{{XLIFF}}}note")}
    assert notes["location"] == "OP2"
    assert notes["previous-translation"].startswith("Traduction précédente\u00a0: les parlements à veiller")
    assert "{+or platform+}" in notes["source-change"]
    done = _translate(tmp_path / "fr.xlf", {
        "op-criminalize-all-forms/text": "les parlements à veiller à ce que la législation nationale érige en "
        "infraction toutes les formes d'exploitation, quelle que soit la technologie ou la plateforme utilisée",
        "pp-alarmed-scale/text": "par l'augmentation rapide du volume de matériel [nouveau]",
    })
    draft = root / "drafts" / "draft-3.yaml"
    text = draft.read_text()
    start = text.index("clause: pp-alarmed-scale")  # its English is an override of the clause's
    at = text.index("vulnerable", start)
    draft.write_text(text[:at] + "precarious" + text[at + len("vulnerable"):])  # PP11's English changed since
    imported = invoke(runner, "translations", "import", "-p", root, done)
    assert imported.exit_code == 1
    assert imported.stderr == ("error: PP11: the 'en' text changed since the export; export again "
                               "(draftkit translations export -l fr)\n")
    assert "1 translation into fr imported; up to date: OP2" in imported.stdout
    listed = invoke(runner, "translations", "-p", root, "-l", "fr")
    assert "OP2 (fr)" not in listed.stdout and "PP11 (fr)" in listed.stdout
    assert "la technologie ou la plateforme utilisée" in draft.read_text()


def test_import_refuses_a_file_that_is_not_xliff_in_one_line(tmp_path, runner):
    root = merged(tmp_path, runner)
    bad = tmp_path / "bad.xlf"
    bad.write_text("<html/>")
    result = invoke(runner, "translations", "import", "-p", root, bad)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "not an XLIFF 2.0 file" in result.stderr
