"""`draftkit validate FILE...` (what the pre-commit hooks run): each draftkit file loads as its
kind, other files are skipped, findings are one line each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, invoke, write


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "contributions" / "mini", root / "resolution")
    write(root / ".github" / "ci.yaml", "on: [push]\nname: not a draftkit file\n")
    monkeypatch.chdir(root)
    return root / "resolution"


def test_valid_files_and_other_yaml_print_nothing(runner, project: Path) -> None:
    files = [*sorted((project / "drafts").glob("*.yaml")), project / "draftkit.yaml", project.parent / ".github" / "ci.yaml"]
    result = invoke(runner, "validate", "--check", *files)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_an_unknown_key_in_a_contribution_is_one_line(runner, project: Path) -> None:
    contribution = write(project / "contributions" / "round-1" / "fra.yaml", """
        delegation: France
        submitted_at: 2021-06-14T18:30:00+02:00
        responds_to: 2
        proposals:
          - {id: FRA-1, action: delete-paragraph, target: OP1, justifcation: why}
        """)
    result = invoke(runner, "validate", contribution)
    assert result.exit_code == 1
    assert result.stdout == ("resolution/contributions/round-1/fra.yaml:5: error[schema]: unknown key "
                             "'justifcation' in proposal FRA-1 — did you mean 'justification' or 'action'?\n")


def test_a_changed_library_has_the_latest_draft_checked(runner, project: Path) -> None:
    draft = project / "drafts" / "draft-2.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("opening: {en: Urges,", "opening: {en: Recalling,", 1),
                     encoding="utf-8")
    library = project / "clauses" / "empty.yaml"
    assert invoke(runner, "validate", library).exit_code == 0  # loading alone finds nothing
    result = invoke(runner, "validate", "--check", library)
    assert result.exit_code == 1
    assert result.stdout.startswith("resolution/drafts/draft-2.yaml:20: OP2 (op-a) error[opening-kind]: ")


def test_a_broken_project_file_is_reported_once(runner, project: Path) -> None:
    (project / "draftkit.yaml").write_text("name: mini\nlibraires: [clauses]\n", encoding="utf-8")
    result = invoke(runner, "validate", *sorted((project / "drafts").glob("*.yaml")), project / "draftkit.yaml")
    assert result.exit_code == 1
    assert result.stdout == ("resolution/draftkit.yaml:2: error[schema]: unknown key 'libraires' in draftkit.yaml"
                             " — did you mean 'libraries' or 'phrases'?\n")
