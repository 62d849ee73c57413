"""`draftkit init`: a project that builds out of the box, and refusal of a used folder."""

from __future__ import annotations

import pytest

from conftest import invoke, write


def test_init_then_build(runner, tmp_path):
    folder = tmp_path / "my-resolution"
    result = invoke(runner, "init", folder)
    assert result.exit_code == 0, result.output
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and ".draftkit" not in p.parts) == [
        "clauses/standard.yaml", "contributions/README.md", "draftkit.yaml", "drafts/draft-1.yaml"]
    result = invoke(runner, "build", "-p", folder, "-f", "txt")
    assert result.exit_code == 0, result.output
    english = (folder / "build" / "my-resolution-draft1.en.txt").read_text(encoding="utf-8")
    assert "2. Calls upon Member States to cooperate, in particular by the measures set out in paragraph 1 above:" in english
    assert english.count("\n3. Decides to remain seized of the matter.\n") == 1
    assert (folder / "build" / "my-resolution-draft1.fr.txt").exists()


def test_init_un_general_assembly_in_english_only(runner, tmp_path):
    folder = tmp_path / "ga"
    assert invoke(runner, "init", folder, "--body", "un-general-assembly", "--lang", "en").exit_code == 0
    assert invoke(runner, "build", "-p", folder, "-f", "txt").exit_code == 0
    assert [p.name for p in (folder / "build").iterdir()] == ["ga-draft1.en.txt"]
    text = (folder / "build" / "ga-draft1.en.txt").read_text(encoding="utf-8")
    assert text.startswith("United Nations\n\nA/C.3/80/L.1\n\nGeneral Assembly\n\nDistr.: Limited\n\n")
    assert "\n\nEightieth session\n\nDraft resolution\n\n" in text


def test_init_refuses_a_non_empty_folder(runner, tmp_path):
    write(tmp_path / "used" / "notes.txt", "mine")
    result = invoke(runner, "init", tmp_path / "used")
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'used'}: folder is not empty (choose a new folder name)\n"
    assert (tmp_path / "used" / "notes.txt").read_text() == "mine"


def test_init_refuses_an_unknown_body(runner, tmp_path):
    result = invoke(runner, "init", tmp_path / "x", "--body", "security-council")
    assert result.exit_code == 2
    assert result.stderr == ("error: Invalid value for '--body': 'security-council' is not one of 'ipu-assembly', "
                             "'un-general-assembly' (see `draftkit init --help`)\n")


def test_init_refuses_an_existing_file(runner, tmp_path):
    afile = write(tmp_path / "afile", "mine")
    result = invoke(runner, "init", afile)
    assert result.exit_code == 1
    assert result.stderr == f"error: {afile}: is a file, not a folder (choose a new folder name)\n"
    assert afile.read_text() == "mine"


@pytest.mark.parametrize("name", ["true", "a: b", "1.0", "x #y"])
def test_a_folder_name_yaml_would_misread_stays_the_project_name(runner, tmp_path, name):
    folder = tmp_path / name
    assert invoke(runner, "init", folder, "--lang", "en").exit_code == 0
    result = invoke(runner, "build", "-p", folder, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "Decides to remain seized of the matter." in result.stdout
    from draftkit.loading import Project

    assert Project.open(folder).config.name == name


def test_the_contributions_readme_of_a_new_project_says_what_the_tool_accepts(runner, tmp_path):
    """Its example file, put where it says, is read by `contributions` and `check` is clean but for the title."""
    import re

    project = tmp_path / "new"
    assert invoke(runner, "init", project).exit_code == 0
    readme = (project / "contributions" / "README.md").read_text(encoding="utf-8")
    where = re.search(r"for example\s+`([^`]+)`", readme).group(1)
    example = re.search(r"```yaml\n(.*?)```", readme, re.S).group(1)
    (project / "contributions" / where).parent.mkdir(parents=True)
    (project / "contributions" / where).write_text(example, encoding="utf-8")
    listed = invoke(runner, "contributions", "-p", project, "-f", "json")
    assert listed.exit_code == 0, listed.output
    assert '"delegation": "Netherlands"' in listed.stdout
    checked = invoke(runner, "check", "-p", project)
    assert checked.exit_code == 0
    assert {line.split("[", 1)[1].split("]", 1)[0] for line in checked.stdout.splitlines()[:-1]} == {"title-placeholder"}
