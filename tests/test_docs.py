"""The README's commands work as written (the drafting-from-the-terminal tour and the
check examples), run on a copy of the bundled example."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import REPO, invoke


def section_commands(name: str) -> list[list[str]]:
    """The `draftkit …` lines of the first sh block of README section `name`, comments cut."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"<!-- section: {name} -->", 1)[1].split(f"<!-- /section: {name} -->", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert block, f"no sh block in README section {name!r}"
    commands = []
    for line in block.group(1).splitlines():
        line = line.split("  #", 1)[0].strip()
        if line.startswith("draftkit "):
            commands.append(shlex.split(line)[1:])
    return commands


@pytest.fixture
def example_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "clauses", tmp_path / "clauses")
    project = tmp_path / "examples" / "child-online-exploitation"
    shutil.copytree(REPO / "examples" / "child-online-exploitation", project, ignore=shutil.ignore_patterns("build"))
    monkeypatch.chdir(project)
    return project


def test_drafting_tour_runs_as_written(runner, example_copy: Path) -> None:
    commands = [c for c in section_commands("edit") if "--watch" not in c]
    assert len(commands) >= 9
    for args in commands:
        result = invoke(runner, *args)
        assert result.exit_code == 0, (args, result.output)
        if args[0] == "clauses" and len(args) > 1 and args[1] != "show":
            assert "No clause matches" not in result.output, args


def test_check_examples_run_as_written(runner, example_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(example_copy.parent.parent)
    commands = [c for c in section_commands("check") if "my-resolution" not in c]
    assert commands
    for args in commands:
        result = invoke(runner, *args)
        assert result.exit_code == 0, (args, result.output)


def test_negotiation_tour_runs_as_written(runner, example_copy: Path) -> None:
    """The co-rapporteurs' round from the README, in order; `translations` lists work to do (exit 1)."""
    commands = section_commands("negotiation")
    assert [c[0] for c in commands] == ["status", "contributions", "decide", "decide", "decide", "merge",
                                       "translations", "translations", "history", "blame"]
    for args in commands:
        result = invoke(runner, *args)
        expected = 1 if args == ["translations"] else 0
        assert result.exit_code == expected, (args, result.output)
    assert (example_copy / "drafts" / "draft-3.yaml").exists()
    assert list((example_copy / "build").glob("*-draft3.en-fr.xlf"))


def test_un_examples_carry_illustrative_symbols_their_readme_names() -> None:
    """A UN example's text is its own, so its symbols must not be a real document's (a real
    symbol names another text): each is a …999 placeholder, and the example's README says so."""
    from draftkit.loading import Project

    seen = 0
    for root in sorted((REPO / "examples").iterdir()):
        if not (root / "draftkit.yaml").is_file():
            continue
        project = Project.open(root)
        readme = (root / "README.md").read_text(encoding="utf-8")
        for version in project.versions():
            meta = project.draft(version).meta
            if meta.body.value != "un-general-assembly":
                continue
            assert meta.symbol, f"{root.name} draft {version} has no symbol: the layout shows one"
            for value in (meta.symbol, meta.adoption.resolution, meta.adoption.report, meta.document.job):
                if value:
                    assert re.search(r"999$", value), f"{root.name} draft {version}: {value} is not a placeholder"
                    assert f"`{value}`" in readme, f"{root.name}/README.md does not name {value} as illustrative"
                    seen += 1
    assert seen >= 6


def readme_yaml_blocks() -> list[tuple[int, str]]:
    """Each ```yaml block of the README with the line it starts on."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return [(readme[:m.start()].count("\n") + 2, m.group(1)) for m in re.finditer(r"```yaml\n(.*?)```", readme, re.S)]


def shown_kind(block: str, data: object) -> str | None:
    """The kind of file a README block shows whole (its first line names it, or its keys do);
    None for an excerpt."""
    first = block.splitlines()[0]
    if not isinstance(data, dict) or "excerpt" in first:
        return None
    if first.startswith("# clauses/"):
        return "library"
    if first.startswith("# drafts/") and "version" in data:
        return "draft"
    if first == "# draftkit.yaml" or first.startswith("name: "):
        return "project"
    if "delegation" in data and "proposals" in data:
        return "contribution"
    return None


def test_every_file_the_readme_shows_whole_is_valid_for_its_schema() -> None:
    """A reader copies them: a value with an unquoted comma in a flow mapping ('{en: a, b, fr: …}')
    made a language named 'b'; a contribution's plain-text new paragraph, which draftkit reads,
    was refused by the schema an editor uses."""
    import json

    import jsonschema
    import yaml

    from draftkit.loading.schema import schema_for

    checked = []
    for line, block in readme_yaml_blocks():
        data = yaml.safe_load(block)
        kind = shown_kind(block, data)
        if kind is None:
            continue
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
                  for e in jsonschema.Draft7Validator(schema_for(kind)).iter_errors(json.loads(json.dumps(data, default=str)))]
        assert not errors, f"README.md:{line} ({kind}): {errors}"
        checked.append(kind)
    assert sorted(set(checked)) == ["contribution", "draft", "library", "project"], checked


def test_the_tours_library_and_draft_build_as_shown(runner, tmp_path: Path) -> None:
    """The clause library and draft version of the tour, saved as a new project, check clean and build."""
    tour = (REPO / "README.md").read_text(encoding="utf-8").split("<!-- section: tour -->", 1)[1]
    blocks = [b for _, b in readme_yaml_blocks() if b in tour]
    library = next(b for b in blocks if b.startswith("# clauses/"))
    draft = next(b for b in blocks if b.startswith("# drafts/"))
    (tmp_path / "draftkit.yaml").write_text("name: tour\n", encoding="utf-8")
    for name, text in (("clauses/child-online-protection.yaml", library), ("drafts/draft-1.yaml", draft)):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke(runner, "check", "-p", tmp_path)
    assert result.exit_code == 0 and "no findings" in result.stdout, result.output
    result = invoke(runner, "build", "-p", tmp_path, "-l", "en", "-f", "txt", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "(b) To criminalize every act related to child sexual abuse material, including:" in result.stdout
    assert "(i) Its production, distribution, …" in result.stdout and "Ibid." in result.stdout
