"""One grammar: every command's --help is walked; shared options mean the same everywhere,
help shows human metavars and choices, never a Python or click type name."""

from __future__ import annotations

import re

import click
import pytest

from conftest import invoke
from draftkit.cli import app


def all_commands() -> list[tuple[str, click.Command]]:
    """('build', command), ('clauses list', command)… for every command, groups walked."""
    found: list[tuple[str, click.Command]] = []

    def walk(prefix: str, group: click.Group) -> None:
        for name, command in group.commands.items():
            path = f"{prefix} {name}".strip()
            found.append((path, command))
            if isinstance(command, click.Group):
                walk(path, command)

    walk("", app)
    return found


COMMANDS = all_commands()
# typer showed '<list[str]>', '{folder}'; click shows TEXT, INTEGER… when no metavar is given
TYPE_NAMES = re.compile(r"<(str|int|float|bool|list|dict|tuple|path)\b[^>]*>|\{(folder|file|path|dir|str)\}|"
                        r"\b(TEXT|INTEGER|FLOAT|BOOLEAN|FILENAME|DIRECTORY|str|int|bool|list\[|Optional|NoneType)\b")


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS])
def test_help_has_no_type_names(runner, path: str) -> None:
    result = invoke(runner, *path.split(), "--help")
    assert result.exit_code == 0, result.output
    options = result.stdout.split("Options:", 1)[-1]
    assert not TYPE_NAMES.search(options), (path, TYPE_NAMES.search(options))
    usage = result.stdout.splitlines()[0]
    assert not TYPE_NAMES.search(usage), usage


def options_of(command: click.Command) -> dict[str, click.Option]:
    return {opt: param for param in command.params if isinstance(param, click.Option) and not param.hidden
            for opt in param.opts}


def test_shared_options_agree_across_commands() -> None:
    seen: dict[str, tuple] = {}
    for path, command in COMMANDS:
        options = options_of(command)
        for long, short, multiple in (("--project", "-p", False), ("--lang", "-l", True),
                                      ("--output", "-o", False), ("--format", "-f", None)):
            if long in options:
                option = options[long]
                assert short in option.opts, (path, long)
                if multiple is not None:
                    assert option.multiple is multiple, (path, long)
        for name, option in options.items():
            if {"--format", "--output", "--help"} & set(option.opts):
                continue  # their choices and destinations are each command's own
            shape = (tuple(sorted(option.opts)), option.metavar, option.multiple, option.is_flag)
            assert seen.setdefault(name, shape) == shape, (path, name, seen[name], shape)
        if "--format" in options:
            assert isinstance(options["--format"].type, click.Choice), path
        assert "-v" not in options, f"{path}: -v is not the draft version (use --draft N)"
        assert "--version" not in options, f"{path}: --version is the program's version only"
    assert seen["--project"][1] == "DIR" and seen["--draft"][1] == "N" and seen["--lang"][1] == "CODE"


def test_project_option_is_on_every_command_that_reads_a_project() -> None:
    without = {path for path, command in COMMANDS
               if "--project" not in options_of(command) and not isinstance(command, click.Group)}
    assert without == {"init", "completion", "validate"}, without  # validate: each FILE finds its own project


def test_lang_is_repeatable_and_comma_lists_work(runner, mini_project) -> None:
    result = invoke(runner, "check", "-p", mini_project, "-l", "en", "-l", "fr", "-f", "json")
    assert '"languages": [\n    "en",\n    "fr"\n  ]' in result.stdout
    result = invoke(runner, "check", "-p", mini_project, "-l", "en,fr", "-f", "json")
    assert '"languages": [\n    "en",\n    "fr"\n  ]' in result.stdout


def test_draft_takes_a_version_or_a_file(runner, mini_project) -> None:
    assert invoke(runner, "check", "-p", mini_project, "--draft", "1").exit_code == 0
    assert invoke(runner, "check", "-p", mini_project, "--draft", "v1").exit_code == 0
    assert invoke(runner, "check", "--draft", mini_project / "drafts" / "draft-1.yaml").exit_code == 0
    result = invoke(runner, "check", "-p", mini_project, "--draft", "seven")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --draft 'seven' is neither a version number nor a draft file")


def test_the_project_is_found_above_the_current_folder(runner, mini_project, monkeypatch) -> None:
    monkeypatch.chdir(mini_project / "drafts")
    result = invoke(runner, "check")
    assert result.exit_code == 0 and result.stdout == "Draft 1: no findings.\n"


def test_a_mistyped_command_gets_did_you_mean(runner) -> None:
    result = invoke(runner, "buidl")
    assert result.exit_code == 2
    assert result.stderr == "error: No such command 'buidl'. Did you mean 'build'? (see `draftkit --help`)\n"


def test_a_mistyped_subcommand_of_clauses_gets_did_you_mean(runner, mini_project) -> None:
    result = invoke(runner, "clauses", "shwo", "-p", mini_project)
    assert result.exit_code == 0
    assert result.stdout.startswith("No clause matches") and "did you mean `draftkit clauses show`?" in result.stdout


def test_the_readme_names_the_commands_that_take_color() -> None:
    """The README's grammar paragraph lists them; `draftkit build --color never` is a usage error."""
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"the commands that colour what they print \(([^)]*)\)", readme)
    assert listed, "the README's grammar paragraph no longer says which commands take --color"
    named = set(re.findall(r"`([a-z ]+)`", listed.group(1)))
    having = {path for path, command in COMMANDS if any("--color" in p.opts for p in command.params)}
    assert named == having
