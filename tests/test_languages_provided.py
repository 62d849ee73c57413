"""Authentic texts and translations provided for information (`authentic:` in a draft): an
IPU text is authoritative in English and French and also given in Spanish and Arabic. A
Spanish text still to translate is a warning that stops building Spanish, never English."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke

from draftkit.check import Severity, run_checks
from draftkit.errors import InputError
from draftkit.loading import open_draft
from draftkit.loading.serialize import dump_draft


def provided_spanish(project: Path, authentic: str = "[en, fr]") -> Path:
    """The mini project with Spanish added to its languages: only the title translated."""
    path = project / "drafts" / "draft-1.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "languages: [en, fr]\n", f"languages: [en, fr, es]\nauthentic: {authentic}\n").replace(
        "title:\n", "title:\n  es: La legislación en el mundo contra la explotación sexual de niños en línea\n")
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_provided_translation_is_a_warning_an_authentic_one_an_error(mini_project: Path) -> None:
    provided_spanish(mini_project)
    project, draft = open_draft(mini_project)
    assert draft.meta.authentic == ("en", "fr") and not draft.meta.is_authentic("es")
    missing = [f for f in run_checks(draft, project_config=project.config) if f.rule.startswith("parity")]
    assert missing and {(f.severity, f.language) for f in missing} == {(Severity.WARNING, "es")}
    assert "provided for information" in missing[0].message
    path = mini_project / "drafts" / "draft-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("authentic: [en, fr]", "authentic: [en, es]"),
                    encoding="utf-8")
    project, draft = open_draft(mini_project)
    missing = [f for f in run_checks(draft, project_config=project.config) if f.rule.startswith("parity")]
    assert {(f.severity, f.language) for f in missing} == {(Severity.ERROR, "es")}


def test_build_leaves_out_the_unfinished_translation_and_refuses_it_by_name(runner, mini_project: Path,
                                                                            tmp_path: Path) -> None:
    provided_spanish(mini_project)
    built = invoke(runner, "build", "-p", mini_project, "-o", tmp_path / "all")
    assert built.exit_code == 0, built.output
    assert sorted(p.name.split(".")[-2] for p in (tmp_path / "all").glob("*.docx")) == ["en", "fr"]
    assert "warning: Spanish (es) not built, a translation provided for information that is not ready: " \
           "missing 'es' translation for 8 items: pp-crc, pp-crc[^crc], pp-concern" in built.stderr and "draftkit build -l es" in built.stderr
    refused = invoke(runner, "build", "-p", mini_project, "-l", "es", "-o", tmp_path / "es")
    assert refused.exit_code != 0 and not (tmp_path / "es").exists()
    assert "missing 'es' translation" in refused.output and "--lang en --lang fr" in refused.output
    checked = invoke(runner, "check", "-p", mini_project)
    assert checked.exit_code == 0, checked.output  # the authentic texts are complete
    status = invoke(runner, "status", "-p", mini_project)
    assert "es           0 paragraphs (translation provided for information); missing" in status.output
    # once translated, Spanish is built with the others
    path = mini_project / "drafts" / "draft-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("authentic: [en, fr]\n", "").replace(
        "languages: [en, fr, es]", "languages: [en, fr]"), encoding="utf-8")
    again = invoke(runner, "build", "-p", mini_project, "-o", tmp_path / "two")
    assert again.exit_code == 0 and not again.stderr


def test_authentic_languages_are_languages_of_the_draft_and_written_back(mini_project: Path) -> None:
    path = provided_spanish(mini_project)
    _, draft = open_draft(mini_project)
    assert "\nauthentic:\n- en\n- fr\ntitle:" in dump_draft(draft)
    path.write_text(path.read_text(encoding="utf-8").replace("authentic: [en, fr]", "authentic: [en, ar]"),
                    encoding="utf-8")
    with pytest.raises(InputError, match="'authentic' names 'ar', which 'languages' does not list") as caught:
        open_draft(mini_project)
    assert caught.value.where is not None and caught.value.where.line == 7
