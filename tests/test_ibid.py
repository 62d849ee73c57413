"""Ibid. is decided at render time from each footnote's `source`: the note after one citing
the same work gives only what changes, and a moved paragraph never leaves an "Ibid."
pointing at the wrong work."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import invoke, write
from draftkit.inline import Style, StyledText
from draftkit.loading import open_draft
from draftkit.render.ibid import ibid
from draftkit.render.layout import layout

DRAFT = """
version: 1
date: 2019-12-18
body: un-general-assembly
session: "74"
languages: [en, fr]
title: {en: Ibid., fr: Ibid.}
preambular:
  - id: pp-crc
    opening: {en: Recalling, fr: Rappelant}
    text: {en: "the Convention on the Rights of the Child[^crc]", fr: "la Convention relative aux droits de l'enfant[^crc]"}
    footnotes:
      crc: {source: unts, en: "*United Nations, Treaty Series*, vol. 1577, No. 27531.",
            fr: "Nations Unies, *Recueil des Traités*, vol. 1577, no 27531."}
  - id: pp-agenda
    opening: {en: Reaffirming, fr: Réaffirmant}
    text: {en: "the 2030 Agenda[^a]", fr: "le Programme 2030[^a]"}
    footnotes:
      a: {en: Resolution 70/1., fr: Résolution 70/1.}
  - id: pp-opsc
    opening: {en: Recalling also, fr: Rappelant également}
    text: {en: "the Optional Protocol[^opsc] and the same Convention again[^crc2]",
           fr: "le Protocole facultatif[^opsc] et de nouveau la Convention[^crc2]"}
    footnotes:
      opsc: {source: unts, en: "*United Nations, Treaty Series*, vol. 2171, No. 27531.",
             fr: "Nations Unies, *Recueil des Traités*, vol. 2171, no 27531."}
      crc2: {source: unts, en: "*United Nations, Treaty Series*, vol. 2171, No. 27531.",
             fr: "Nations Unies, *Recueil des Traités*, vol. 2171, no 27531."}
operative:
  - id: op-decides
    opening: {en: Decides, fr: Décide}
    text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}
"""


def notes(project: Path, language: str = "en") -> list[str]:
    _, draft = open_draft(project)
    return ["".join(r.text for r in note.runs) for note in layout(draft, language).footnotes]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "ibid"
    write(root / "draftkit.yaml", "name: ibid\nlibraries: []\n")
    write(root / "drafts" / "draft-1.yaml", DRAFT)
    return root


def test_moving_a_paragraph_switches_ibid_to_the_full_citation_and_back(runner, project):
    full_opsc = "United Nations, Treaty Series, vol. 2171, No. 27531."
    assert notes(project) == ["United Nations, Treaty Series, vol. 1577, No. 27531.", "Resolution 70/1.",
                              full_opsc, "Ibid."]
    # PP3 (the Protocol) right after the Convention: its note now follows one citing the same work
    assert invoke(runner, "move", "PP3", "--after", "PP1", "-p", project).exit_code == 0
    assert notes(project) == ["United Nations, Treaty Series, vol. 1577, No. 27531.", "Ibid., vol. 2171, No. 27531.",
                              "Ibid.", "Resolution 70/1."]
    assert notes(project, "fr")[1] == "Ibid., vol. 2171, no\u00a027531."
    # and back: the resolution's note stands between them again, so the citation is whole
    assert invoke(runner, "move", "PP2", "--after", "PP3", "-p", project).exit_code == 0
    assert invoke(runner, "move", "PP2", "--before", "PP1", "-p", project).exit_code == 0
    assert notes(project)[:3] == ["Resolution 70/1.", "United Nations, Treaty Series, vol. 1577, No. 27531.",
                                  "Ibid., vol. 2171, No. 27531."]


def test_ibid_keeps_the_formatting_of_what_changes_and_needs_a_shared_element():
    italic = Style.ITALIC
    first = StyledText.join([("Official Records", italic), (", Seventy-fourth Session, Supplement No. 38.", Style.NONE)])
    second = StyledText.join([("Official Records", italic), (", Seventy-fifth Session, Supplement No. 41.", Style.NONE)])
    assert ibid(first, second, "en").pieces() == [("Ibid., Seventy-fifth Session, Supplement No. 41.", Style.NONE)]
    assert ibid(first, first, "fr").text == "Ibid."
    # the same words, but one a title in italics and the other not: nothing shared
    roman = StyledText.of("Official Records, Seventy-fifth Session.")
    assert ibid(first, roman, "en") is None
    assert ibid(StyledText.of("Resolution 70/1."), StyledText.of("Resolution 71/1."), "en") is None


@pytest.mark.parametrize("language, first, second, continued, alone", [
    ("es", "Naciones Unidas, Treaty Series, vol. 1577, núm. 27531.", "Naciones Unidas, Treaty Series, vol. 2171, núm. 27531.",
     "Ibid., vol. 2171, núm. 27531.", "Ibid."),
    ("ru", "Организация Объединенных Наций, Сборник договоров, т. 1577, № 27531.",
     "Организация Объединенных Наций, Сборник договоров, т. 2171, № 27531.", "Там же, т. 2171, № 27531.", "Там же."),
    ("zh", "联合国，《条约汇编》，第1577卷，第27531号。", "联合国，《条约汇编》，第2171卷，第27531号。",
     "同上，第2171卷，第27531号。", "同上。"),
    ("ar", "الأمم المتحدة، مجموعة المعاهدات، المجلد 1577، الرقم 27531.",
     "الأمم المتحدة، مجموعة المعاهدات، المجلد 2171، الرقم 27531.", "المرجع نفسه، المجلد 2171، الرقم 27531.",
     "المرجع نفسه."),
])
def test_ibid_followed_by_what_changes_drops_a_full_stop_that_is_no_abbreviation(language, first, second,
                                                                                 continued, alone):
    """'Ibid.' is an abbreviation and keeps its full stop before the comma; 'Там же',
    'المرجع نفسه' and '同上' are words, written with a full stop only when they stand alone."""
    assert ibid(StyledText.of(first), StyledText.of(second), language).text == continued
    assert ibid(StyledText.of(first), StyledText.of(first), language).text == alone
