"""Translations that go stale after a merge or an edit, and the XLIFF 2.0 round trip."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from conftest import invoke
from draftkit.loading.project import Project
from test_negotiation_decide import example

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"


def merged(tmp_path: Path, runner) -> Path:
    root = example(tmp_path)
    assert invoke(runner, "merge", "-p", root, "--date", "2021-06-16").exit_code == 0
    return root


def override(text: str, clause: str, english: str) -> str:
    """`text` (a draft file) with the English text of the entry `- clause: CLAUSE` set by
    hand to the YAML scalar `english`, however the list is indented."""
    line = next(row for row in text.splitlines(keepends=True) if row.lstrip() == f"- clause: {clause}\n")
    assert text.count(line) == 1
    indent = " " * (len(line) - len(line.lstrip()) + 2)  # the entry's keys
    return text.replace(line, f"{line}{indent}text:\n{indent}  en: {english}\n")


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
    assert "within two years" in clause.text["en"]
    edited = clause.text["en"].replace("within two years", "within three years")
    draft.write_text(override(text, "op-requests-ipu-sg-report", inline_yaml(edited)))
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


def _codes_to_translate(tmp_path: Path, runner) -> tuple[Path, Path]:
    """The merged example with two English texts edited by hand (now stale in French): one
    holding a footnote call and italics, one a cross-reference and negotiation brackets."""
    root = merged(tmp_path, runner)
    draft = root / "drafts" / "draft-3.yaml"
    crc = Project.open(root).draft(3).by_id()["pp-recalling-crc"].text["en"]
    assert "[^crc] in particular its articles 19 and 34," in crc
    italic = crc.replace("its articles 19 and 34", "*its articles 19 and 34*")
    text = draft.read_text()
    assert text.count("- clause: pp-recalling-crc\n") == 1 and text.count("at regular intervals, in consultation") == 1
    text = override(text, "pp-recalling-crc", json.dumps(italic))
    text = text.replace("at regular intervals, in consultation", "[every two years] [at regular intervals], in consultation")
    draft.write_text(text)
    exported = invoke(runner, "translations", "export", "-p", root, "-l", "fr", "-o", tmp_path / "fr.xlf")
    assert exported.exit_code == 0, exported.output
    return root, tmp_path / "fr.xlf"


def _units(path: Path) -> dict[str, etree._Element]:
    return {u.get("name"): u for u in etree.parse(str(path)).getroot().iter(f"{{{XLIFF}}}unit")}


def _target(unit: etree._Element, xml: str) -> None:
    segment = unit.find(f"{{{XLIFF}}}segment")
    segment.append(etree.fromstring(f'<target xmlns="{XLIFF}">{xml}</target>'))


def test_markup_travels_as_inline_codes_and_comes_back_exactly(tmp_path, runner):
    root, exported = _codes_to_translate(tmp_path, runner)
    units = _units(exported)
    crc, review = units["pp-recalling-crc/text"], units["op-review-legislation/text"]
    source = crc.find(f".//{{{XLIFF}}}source")
    assert [(e.tag.split("}")[1], e.get("subType")) for e in source] == [("ph", "draftkit:footnote"),
                                                                        ("pc", "xlf:i")]
    assert source.find(f"{{{XLIFF}}}ph").get("disp") == "[^crc]"
    assert [e.text for e in crc.iter(f"{{{XLIFF}}}data")] == ["[^crc]", "*"]
    assert [e.get("subType") for e in review.find(f".//{{{XLIFF}}}source")] == [
        "draftkit:ref", "draftkit:bracket", "draftkit:bracket"]
    # the translator moves the codes where French wants them and keeps each once
    _target(crc, 'la Convention relative aux droits de l\'enfant<ph id="1"/>, en particulier <pc id="2">ses '
                 'articles 19 et 34</pc>, par lesquels les États parties s\'engagent à protéger l\'enfant')
    _target(review, 'aux parlements de réexaminer <pc id="2">tous les deux ans</pc> <pc id="3">à intervalles '
                    'réguliers</pc> la législation visée au <ph id="1"/>')
    done = tmp_path / "done.xlf"
    etree.ElementTree(crc.getparent().getparent()).write(str(done), xml_declaration=True, encoding="UTF-8")
    imported = invoke(runner, "translations", "import", "-p", root, done)
    assert imported.exit_code == 0, imported.output
    french = Project.open(root).draft(3).by_id()
    assert french["pp-recalling-crc"].text["fr"] == ("la Convention relative aux droits de l'enfant[^crc], en "
                                                     "particulier *ses articles 19 et 34*, par lesquels les États "
                                                     "parties s'engagent à protéger l'enfant")
    assert french["op-review-legislation"].text["fr"] == (
        "aux parlements de réexaminer [tous les deux ans] [à intervalles réguliers] la législation visée au "
        "{ref:op-criminalize-all-forms}")
    checked = invoke(runner, "check", "-p", root, "-l", "fr").output
    assert "(pp-recalling-crc)" not in checked and "(op-review-legislation)" not in checked  # brackets, calls agree


def test_a_unit_whose_translator_dropped_a_code_is_refused_in_one_line_naming_it(tmp_path, runner):
    root, exported = _codes_to_translate(tmp_path, runner)
    units = _units(exported)
    crc, review = units["pp-recalling-crc/text"], units["op-review-legislation/text"]
    _target(crc, "la Convention relative aux droits de l'enfant, en particulier ses articles 19 et 34")
    _target(review, 'aux parlements <pc id="2">tous</pc> <pc id="3">à</pc> <pc id="3">b</pc> <ph id="1"/>')
    _target(units["pp-alarmed-scale/text"], "par l'augmentation\u0085 rapide")  # a C1 control pasted from a PDF
    done = tmp_path / "done.xlf"
    etree.ElementTree(crc.getparent().getparent()).write(str(done), xml_declaration=True, encoding="UTF-8")
    before = (root / "drafts" / "draft-3.yaml").read_text()
    imported = invoke(runner, "translations", "import", "-p", root, done)
    assert imported.exit_code == 1
    lines = imported.stderr.splitlines()
    assert lines[0].startswith("error: PP2 (unit u") and lines[0].endswith(
        "the translation drops the footnote call [^crc]; keep each code of the source once")
    assert lines[1].startswith("error: PP11 (unit u") and lines[1].endswith("the control character U+0085; delete it")
    assert lines[2].startswith("error: OP") and "repeats a pair of square brackets" in lines[2]
    assert len(lines) == 3 and (root / "drafts" / "draft-3.yaml").read_text() == before


def test_translate_toolkit_reads_what_draftkit_writes_and_draftkit_reads_what_it_writes(tmp_path, runner):
    """translate-toolkit (an XLIFF 2 implementation nobody here wrote) as the CAT tool: it
    reads the export, a translator copies each source with its codes into the target and
    translates the words, it saves; draftkit imports that file. And a file it makes anew
    reads as the units it holds."""
    from translate.storage.xliff2 import Xliff2File

    from draftkit import xliff

    root, exported = _codes_to_translate(tmp_path, runner)
    ours = xliff.read(exported.read_bytes())
    store = Xliff2File.parsestring(exported.read_bytes())
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "fr")
    assert [u.getid() for u in store.units] == [u.id for u in ours.units]
    assert [" ".join(u.source.split()) for u in store.units] == [" ".join(xliff.plain(u.source).split()) for u in ours.units]
    with_targets = xliff.Document("en", "fr", "draft-3", tuple(
        xliff.Unit(u.id, u.name, u.source, u.codes, ("traduit ",) + u.source) for u in ours.units))
    read_back = Xliff2File.parsestring(xliff.write(with_targets))
    assert [" ".join(u.target.split()) for u in read_back.units] == [
        " ".join(("traduit " + xliff.plain(u.source)).split()) for u in ours.units]
    for unit in store.units:
        unit.rich_target = unit.rich_source  # "copy source to target", codes included
    plain = next(u for u in store.units if u.getunitelement().get("name") == "pp-alarmed-scale/text")
    plain.target = "par l'augmentation rapide du volume de matériel"  # a unit without codes
    saved = tmp_path / "from-toolkit.xlf"
    saved.write_bytes(bytes(store))
    imported = invoke(runner, "translations", "import", "-p", root, saved)
    assert imported.exit_code == 0, imported.output
    draft = Project.open(root).draft(3).by_id()
    assert draft["pp-recalling-crc"].text["fr"] == draft["pp-recalling-crc"].text["en"]  # codes back as markup
    assert draft["pp-alarmed-scale"].text["fr"] == "par l'augmentation rapide du volume de matériel"

    new = Xliff2File()
    new.setsourcelanguage("en")
    new.settargetlanguage("fr")
    for number, (source, target) in enumerate([("Recalling", "Rappelant"), ("Urges", None)], start=1):
        unit = new.UnitClass(source)
        new.addunit(unit)
        unit.setid(f"t{number}")
        if target:
            unit.target = target
    read = xliff.read(bytes(new))
    assert (read.source_language, read.target_language) == ("en", "fr")
    assert [(u.id, u.source, u.target) for u in read.units] == [("t1", ("Recalling",), ("Rappelant",)),
                                                                 ("t2", ("Urges",), None)]


def test_every_language_is_exported_to_its_own_file_and_the_files_come_back_together(tmp_path, runner):
    """Six languages: with no --lang, one file per language that has something to
    translate; the translators' files are imported in one command, each on the draft the
    one before it left."""
    import shutil

    from conftest import EXAMPLES
    from draftkit import xliff

    root = tmp_path / "six"
    shutil.copytree(EXAMPLES / "un-ga-six-languages", root)
    path = root / "drafts" / "draft-2.yaml"
    text = path.read_text()

    def line(paragraph, language: str) -> str:
        return f"      {language}: {paragraph.text[language]}\n"

    single = [p for p in Project.open(root).draft().operative
              if all(text.count(line(p, lang)) == 1 for lang in ("es", "ru"))]
    op1, op2 = single[:2]
    for paragraph, language in ((op1, "es"), (op2, "ru"), (op2, "es")):
        text = text.replace(line(paragraph, language), "")  # no translation yet
    path.write_text(text)
    invoke(runner, "translations", "-p", root)  # lists them (exit 1)
    exported = invoke(runner, "translations", "export", "-p", root)
    assert exported.exit_code == 0, exported.output
    lines = exported.stdout.splitlines()
    assert [line.split(": ")[-1] for line in lines] == [
        "every text is up to date", "2 units to translate from en into es", "1 unit to translate from en into ru",
        "every text is up to date", "every text is up to date"]
    back = []
    for language, words in (("es", "texto traducido"), ("ru", "переведённый текст")):
        written = next((root / "build").glob(f"*.en-{language}.xlf"))
        document = xliff.read(written.read_bytes())
        units = tuple(xliff.Unit(u.id, u.name, u.source, target=(f"{words} {u.id}",)) for u in document.units)
        back.append(tmp_path / f"{language}.xlf")
        back[-1].write_bytes(xliff.write(xliff.Document("en", language, document.file_id, units)))
    imported = invoke(runner, "translations", "import", "-p", root, *back)
    assert imported.exit_code == 0, imported.output
    again = Project.open(root).draft().by_id()
    assert again[op2.id].text["es"].startswith("texto traducido") and again[op2.id].text["ru"].startswith("переведённый")
    assert again[op1.id].text["es"].startswith("texto traducido")
    assert invoke(runner, "translations", "-p", root).exit_code == 0  # every translation up to date
    refused = invoke(runner, "translations", "export", "-p", root, "-l", "es", "-l", "ru", "-o", tmp_path / "x.xlf")
    assert refused.exit_code == 2 and "-o names one file" in refused.stderr


def test_translate_toolkit_is_a_test_tool_only():
    """translate-toolkit is GPL: the CAT tool of these tests, never imported by draftkit (its
    XLIFF is draftkit.xliff on lxml) nor among what installing draftkit installs."""
    import re
    import tomllib

    from conftest import REPO

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.startswith("translate-toolkit") for d in project["dependencies"])
    assert any(d.startswith("translate-toolkit") for d in project["optional-dependencies"]["test"])
    statement = re.compile(r"^\s*(?:from|import)\s+translate\b", re.MULTILINE)
    assert [p.name for p in (REPO / "src" / "draftkit").rglob("*.py") if statement.search(p.read_text(encoding="utf-8"))] == []
