"""Formatting survives the cycle: a DOCX's italic, bold, superscript, subscript and
small-capital runs import as draftkit markup (a file written by pandoc, not by draftkit),
and a merged amendment inside a formatted stretch keeps its marks."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, needs
from draftkit.docxread import read_docx
from draftkit.importing import import_document
from draftkit.inline import Style, styled


def test_an_amendment_inside_italics_keeps_the_marks(tmp_path: Path) -> None:
    from test_merge import MINI, contribution, decide, run, texts

    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    draft = root / "drafts" / "draft-2.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "the Convention on the Rights of the Child,", "the *Convention on the Rights of the Child*,"), encoding="utf-8")
    contribution(root, "fra", """
- id: FRA-1
  action: amend-text
  target: PP1
  old: Rights of the
  new: Rights of every
""", responds_to=2)
    decide(root, "- {proposal: FRA-1, decision: accept}\n")
    assert texts(run(root), "pp-a")["text"]["en"] == "the *Convention on the Rights of every Child*"


@pytest.mark.clients
@needs("pandoc")
def test_formatted_runs_import_as_markup(tmp_path: Path) -> None:
    docx = tmp_path / "formatted.docx"
    subprocess.run(["pandoc", str(FIXTURES / "import" / "formatted.md"), "-o", str(docx)], check=True)
    imported = import_document(read_docx(docx))
    (recalling, noting) = imported.preambular
    assert recalling.opening == "Recalling"
    assert recalling.text == "the *Official Records of the General Assembly, Seventy-fourth Session*[^fn1]"
    # pandoc ties "vol." and "No." to their numbers with no-break spaces
    assert recalling.footnotes == (("fn1", "*United Nations, Treaty Series*, vol.\u00a01577, No.\u00a027531, and n^o^ 3."),)
    assert noting.text == ("that H~2~O and the {sc:United Nations} matter *inter alia*, as in A/69/L.52*")
    assert styled(noting.text)[-1] == (", as in A/69/L.52*", Style.NONE)
    requests = imported.operative[0]
    assert requests.text == "the Secretary-General to report on **all** measures, in the *Treaty Series*"
