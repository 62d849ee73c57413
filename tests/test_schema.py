"""The key declarations (loading/keys.py) agree with the loaders and the generated JSON Schemas:
every key a loader reads is declared, every declared key is read, and every example and
fixture validates against the schema of its kind."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from draftkit.check.files import load_as
from draftkit.errors import Location
from draftkit.loading import keys
from draftkit.loading.fields import Fields, UndeclaredKey
from draftkit.loading.kinds import kind_of, project_files
from draftkit.loading.project import read_config
from draftkit.loading.schema import kinds, schema_for, schema_text
from draftkit.loading.yamlsource import load_yaml

REPO = Path(__file__).resolve().parents[1]
EVERYTHING = REPO / "tests" / "fixtures" / "schema" / "everything"
PROJECTS = sorted({p.parent for p in [*REPO.glob("examples/*/draftkit.yaml"), *REPO.glob("tests/fixtures/**/draftkit.yaml")]})
LOOSE_DRAFTS = sorted((REPO / "tests" / "fixtures" / "check").glob("*.yaml"))


def all_files() -> list[tuple[Path, str]]:
    files = [pair for project in PROJECTS for pair in project_files(read_config(project))]
    files += [(path, "draft") for path in LOOSE_DRAFTS]
    files += [(REPO / "clauses" / name, "library") for name in sorted(p.name for p in (REPO / "clauses").glob("*.yaml"))]
    files += language_files()
    return list(dict.fromkeys(files))


def language_files() -> list[tuple[Path, str]]:
    """Every file of every built-in language folder, with its kind."""
    from draftkit.languages import languages_folder
    from draftkit.loading.kinds import LANGUAGE_FILES

    return [(path, LANGUAGE_FILES[path.name]) for path in sorted(languages_folder().glob("*/*.yaml"))]


def test_every_declared_key_is_read_by_its_loader(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The fixture 'everything' and the language folders hold every declared key; loading them
    must read each one (a key declared but never read would be allowed by the schema and
    refused by draftkit)."""
    read: set[tuple[str, str]] = set()
    declared_of = Fields._declared

    def recording(self: Fields, key: str, getter: str) -> keys.Key:
        found = declared_of(self, key, getter)
        read.add((self.shape.name, key))
        return found

    monkeypatch.setattr(Fields, "_declared", recording)
    for path, kind in [*project_files(read_config(EVERYTHING)), *language_files()]:
        load_as(path, kind)
    # what no built-in language gives: a Latin font (they keep the reference DOCX's)
    english = (language_files()[0][0].parent.parent / "en" / "language.yaml").read_text(encoding="utf-8")
    assert "\nfonts: {}" in english
    written = tmp_path / "xx" / "language.yaml"
    written.parent.mkdir()
    written.write_text(english.replace("\nfonts: {}", "\nfonts: {latin: Times New Roman}", 1), encoding="utf-8")
    load_as(written, "language")
    declared = {(shape.name, key.name) for shape in keys.shapes() for key in shape.keys}
    never_read = sorted(declared - read)
    assert not never_read, (f"declared in loading/keys.py but never read when loading {EVERYTHING.relative_to(REPO)} "
                            f"and the language folders: {never_read} (read the key in the loader, and give it in "
                            "that fixture or a language's data)")


def test_the_fixture_everything_and_the_language_folders_have_every_file_kind() -> None:
    found = {kind for _, kind in [*project_files(read_config(EVERYTHING)), *language_files()]}
    assert sorted(found) == sorted(kinds())
    assert all(kind_of(path) == kind for path, kind in language_files())


def test_a_loader_reading_an_undeclared_key_is_a_bug() -> None:
    """What a key added only to the loader does: the first load fails, whatever the file holds."""
    fields = Fields({"version": 1}, Location(Path("d.yaml")), "draft", keys.DRAFT)
    with pytest.raises(UndeclaredKey, match=r"'colour' of 'draft', which loading/keys.py does not declare"):
        fields.text("colour", required=False)


def test_a_loader_reading_a_key_as_another_type_is_a_bug() -> None:
    fields = Fields({"version": 1}, Location(Path("d.yaml")), "draft", keys.DRAFT)
    with pytest.raises(UndeclaredKey, match=r"Fields.text\(\), but loading/keys.py declares it as Integer"):
        fields.text("version")


def test_a_name_the_file_chooses_is_the_users_typo_not_a_bug() -> None:
    """Under a mapping whose keys come from the file (languages of `translations:`), an
    unknown name is an input error with a suggestion."""
    from draftkit.errors import InputError

    fields = Fields({"frr": "en@1a2b"}, Location(Path("d.yaml")), "translations", keys.TRANSLATIONS)
    with pytest.raises(InputError, match=r"unknown key 'frr' in translations \(did you mean 'fr'"):
        fields.text("frr")


@pytest.mark.parametrize("kind", kinds())
def test_each_schema_is_valid_json_schema(kind: str) -> None:
    import jsonschema

    jsonschema.Draft7Validator.check_schema(schema_for(kind))


def test_every_example_and_fixture_loads_and_validates() -> None:
    import jsonschema

    validators = {kind: jsonschema.Draft7Validator(schema_for(kind)) for kind in kinds()}
    checked = 0
    for path, kind in all_files():
        load_as(path, kind)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validators[kind].iter_errors(json.loads(json.dumps(load_yaml(path))))]
        assert not errors, f"{path.relative_to(REPO)} ({kind}): {errors}"
        checked += 1
    assert checked > 40


def check_jsonschema(kind: str, files: list[Path], schemas: Path) -> subprocess.Popen:
    """Start check-jsonschema (PyPI) on `files` with the schema of `kind` as `draftkit schema` writes it."""
    schema = schemas / f"{kind}.schema.json"
    if not schema.exists():
        schema.write_text(schema_text(kind), encoding="utf-8")
    return subprocess.Popen([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.mark.clients
@pytest.mark.skipif(importlib.util.find_spec("check_jsonschema") is None, reason="check-jsonschema not installed")
def test_check_jsonschema_finds_nothing_in_any_example_or_fixture_and_reports_a_typo(tmp_path: Path) -> None:
    by_kind: dict[str, list[Path]] = {}
    for path, kind in all_files():
        by_kind.setdefault(kind, []).append(path)
    assert sorted(by_kind) == sorted(kinds())
    typo = tmp_path / "draft-1.yaml"
    typo.write_text((REPO / "examples" / "child-online-exploitation" / "drafts" / "draft-1.yaml").read_text(
        encoding="utf-8").replace("\nsymbol:", "\nsymbl:"), encoding="utf-8")
    running = {kind: check_jsonschema(kind, files, tmp_path) for kind, files in by_kind.items()}  # at once
    running["typo"] = check_jsonschema("draft", [typo], tmp_path)
    done = {}
    for kind, process in running.items():
        with process:
            output = process.communicate(timeout=120)[0]
        done[kind] = (process.returncode, output)
    for kind in kinds():
        assert done[kind] == (0, "ok -- validation done\n"), (kind, done[kind])
    code, output = done["typo"]
    assert code == 1
    assert f"{typo}::$: Additional properties are not allowed ('symbl' was unexpected)" in output


def test_a_typo_in_a_key_fails_the_schema_and_the_loader(tmp_path: Path) -> None:
    import jsonschema

    from draftkit.errors import InputError

    shutil.copytree(EVERYTHING, tmp_path / "p")
    draft = tmp_path / "p" / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("\nsymbol:", "\nsymbl:"), encoding="utf-8")
    errors = list(jsonschema.Draft7Validator(schema_for("draft")).iter_errors(json.loads(json.dumps(load_yaml(draft)))))
    assert [e.message for e in errors] == ["Additional properties are not allowed ('symbl' was unexpected)"]
    with pytest.raises(InputError, match="unknown key 'symbl' in draft draft-1.yaml \\(did you mean 'symbol'"):
        load_as(draft, "draft")


@pytest.mark.parametrize("kind, data, complaint", [
    ("contribution", {"delegation": "X", "submitted_at": "2021-06-14 18:30", "responds_to": 1,
                      "proposals": [{"id": "A", "action": "amend-text", "target": "OP1"}]}, "does not match"),
    ("contribution", {"delegation": "X", "submitted_at": "2021-06-14T18:30:00Z", "responds_to": 1,
                      "proposals": [{"id": "A", "action": "amend-text"}]}, "'target' is a required property"),
    ("contribution", {"delegation": "X", "submitted_at": "2021-06-14T18:30:00Z", "responds_to": 1,
                      "proposals": [{"id": "A", "action": "move-paragraph", "target": "OP1",
                                     "position": {"after": "OP2", "before": "OP3"}}]}, "has too many properties"),
    ("decisions", [{"proposal": "A", "decision": "merged"}], "'into' is a required property"),
    ("draft", {"version": 1, "date": "2021-05-24", "body": "ipu-assembly", "session": "1", "title": {"en": "T"},
               "operative": [{"text": {"en": "x"}}]}, "is not valid under any of the given schemas"),
])
def test_the_schema_refuses_what_the_loader_refuses(kind: str, data: object, complaint: str) -> None:
    import jsonschema

    def messages(errors) -> list[str]:
        return [m for e in errors for m in (e.message, *messages(e.context))]

    assert any(complaint in m for m in messages(jsonschema.Draft7Validator(schema_for(kind)).iter_errors(data)))


def test_drafts_as_draftkit_writes_them_validate() -> None:
    """What merge writes (loading/serialize.py) is a file the schema accepts."""
    import jsonschema

    from draftkit.loading import Project
    from draftkit.loading.serialize import draft_data

    project = Project.open(REPO / "examples" / "child-online-exploitation")
    validator = jsonschema.Draft7Validator(schema_for("draft"))
    for version in project.versions():
        data = json.loads(json.dumps(draft_data(project.draft(version))))
        assert not [e.message for e in validator.iter_errors(data)]


def test_files_are_known_by_their_place_in_the_project() -> None:
    example = REPO / "examples" / "child-online-exploitation"
    assert kind_of(example / "draftkit.yaml") == "project"
    assert kind_of(example / "drafts" / "draft-2.yaml") == "draft"
    assert kind_of(example / "contributions" / "round-1" / "france.yaml") == "contribution"
    assert kind_of(example / "decisions" / "round-1.yaml") == "decisions"
    assert kind_of(REPO / "clauses" / "general.yaml", read_config(example)) == "library"
    assert kind_of(REPO / ".pre-commit-config.yaml") is None


def test_the_schema_command_prints_each_kind_and_its_help_names_them_all(runner, tmp_path: Path) -> None:
    from conftest import invoke

    from draftkit.cli.editors import KINDS_HELP

    assert all(kind in KINDS_HELP for kind in kinds())
    result = invoke(runner, "schema", "draft")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == schema_for("draft")
    result = invoke(runner, "schema", "contribution", "-o", tmp_path / "c.json")
    assert result.exit_code == 0 and json.loads((tmp_path / "c.json").read_text()) == schema_for("contribution")
    result = invoke(runner, "schema", "drafts")
    assert result.exit_code == 2
    assert "unknown kind of file 'drafts' (use one of: project, draft, library" in result.stderr


def test_init_installs_the_schemas_and_each_file_names_its_own(runner, tmp_path: Path) -> None:
    """The first line of each starter file points at the project's copy of its schema (a path
    relative to the file, as YAML language servers read it), which accepts the file."""
    import re

    import jsonschema
    from conftest import invoke

    folder = tmp_path / "p"
    assert invoke(runner, "init", folder).exit_code == 0
    for name, kind in (("draftkit.yaml", "project"), ("clauses/standard.yaml", "library"), ("drafts/draft-1.yaml", "draft")):
        path = folder / name
        line = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", line)
        assert match, line
        schema = (path.parent / match.group(1)).resolve()
        assert schema == (folder / ".draftkit" / "schemas" / f"{kind}.schema.json").resolve()
        assert json.loads(schema.read_text(encoding="utf-8")) == schema_for(kind)
        jsonschema.validate(json.loads(json.dumps(load_yaml(path))), schema_for(kind))
        assert kind_of(path) == kind
        if kind != "project":  # outside any project, the line alone says what the file is
            loose = tmp_path / "loose" / path.name
            loose.parent.mkdir(exist_ok=True)
            shutil.copy(path, loose)
            assert kind_of(loose) == kind


def test_a_merged_draft_keeps_the_schema_line_of_a_project_that_has_the_schemas(runner, tmp_path: Path) -> None:
    from conftest import invoke

    project = tmp_path / "example"
    shutil.copytree(REPO / "examples" / "child-online-exploitation", project)
    (project / "draftkit.yaml").write_text("libraries: [" + str(REPO / "clauses") + "]\n", encoding="utf-8")
    result = invoke(runner, "schema", "--install", "-p", project)
    assert result.exit_code == 0
    assert result.stdout == f"wrote {len(kinds())} schemas in {project / '.draftkit' / 'schemas'}\n"
    result = invoke(runner, "merge", "-p", project)
    assert result.exit_code == 0, result.output
    first = (project / "drafts" / "draft-3.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../.draftkit/schemas/draft.schema.json"
