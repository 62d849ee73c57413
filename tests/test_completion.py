"""Shell completion: `draftkit completion SHELL` scripts, and what they complete in a project —
draft versions, paragraph numbers and ids, clause ids, rounds, proposal ids, decisions,
languages, kinds of file — through click's protocol and through real bash, fish and zsh."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, needs

EXAMPLE = EXAMPLES / "child-online-exploitation"


def complete(words: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the shell would be offered after `words` (the last word being typed), in `cwd`."""
    from draftkit.cli import app

    monkeypatch.chdir(cwd)
    parts = words.split(" ")
    env = {"_DRAFTKIT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    result = CliRunner().invoke(app, [], prog_name="draftkit", env=env)
    assert result.exit_code == 0, result.output
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line.startswith("plain,")]


@pytest.mark.parametrize("words, expected", [
    ("draftkit diff ", ["2", "1"]),
    ("draftkit build --draft ", ["2", "1"]),
    ("draftkit move OP1", ["OP1", "OP10", "OP11", "OP12", "OP13", "OP14", "OP15", "OP16", "OP17", "OP18"]),
    ("draftkit add op-requests", ["op-requests-ipu-sg-report", "op-requests-ipu-sg-transmit", "op-requests-un-sg-report"]),
    ("draftkit decide --round ", ["round-1"]),
    ("draftkit decide MEX", ["MEX-1", "MEX-2"]),
    ("draftkit decide MEX-1 accept", ["accept", "accept-revised"]),
    ("draftkit schema con", ["contribution"]),
    ("draftkit check -l ", ["ar", "en", "es", "fr", "ru", "zh"]),
])
def test_what_the_shell_is_offered_in_the_example(words: str, expected: list[str], monkeypatch) -> None:
    offered = complete(words, EXAMPLE, monkeypatch)
    assert (sorted(offered) if words.endswith("-l ") else offered) == expected


def test_outside_a_project_nothing_breaks(tmp_path: Path, monkeypatch) -> None:
    assert complete("draftkit move ", tmp_path, monkeypatch) == []
    assert complete("draftkit build --draft ", tmp_path, monkeypatch) == []


def test_init_says_how_to_install_completion(runner, tmp_path: Path) -> None:
    from conftest import invoke
    from draftkit.cli import app

    result = CliRunner(env={"SHELL": "/usr/bin/fish"}).invoke(app, ["init", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("run once:\n  draftkit completion fish > ~/.config/fish/completions/draftkit.fish\n")
    assert invoke(runner, "completion", "tcsh").exit_code == 2


def shell(command: list[str], script: str) -> subprocess.CompletedProcess:
    """Run `script` in a real shell in the example project, with this Python's draftkit first on PATH."""
    scripts = Path(sys.executable).parent
    if shutil.which("draftkit", path=str(scripts)) is None:
        pytest.skip("the draftkit script is not beside this Python")
    env = {**os.environ, "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}", "HOME": "/nonexistent"}
    return subprocess.run([*command, script], cwd=EXAMPLE, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.clients
@needs("bash")
def test_bash_completes_paragraphs_with_the_script_draftkit_prints() -> None:
    script = ('source <(draftkit completion bash)\n'
              'COMP_WORDS=(draftkit move PP1); COMP_CWORD=2\n'
              '_draftkit_completion draftkit\n'
              'printf "%s\\n" "${COMPREPLY[@]}"\n')
    done = shell(["bash", "-c"], script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["PP1", "PP10", "PP11", "PP12", "PP13", "PP14", "PP15"]


@pytest.mark.clients
@needs("fish")
def test_fish_completes_versions_and_rounds_with_the_script_draftkit_prints() -> None:
    script = ("draftkit completion fish | source\n"
              "complete -C 'draftkit diff '\n"
              "echo ==\n"
              "complete -C 'draftkit decide --round '\n")
    done = shell(["fish", "--no-config", "-c"], script)
    assert done.returncode == 0, done.stderr
    versions, rounds = done.stdout.split("==\n")
    assert {"1", "2", "drafts/", "draftkit.yaml"} <= {line.split("\t")[0] for line in versions.splitlines()}  # and files
    assert [line.split("\t")[0] for line in rounds.splitlines()] == ["round-1"]


@pytest.mark.clients
@needs("zsh")
def test_zsh_completes_paragraphs_versions_rounds_and_proposals_with_the_script_draftkit_prints() -> None:
    """zsh's completion system shows what the function offers only at a prompt; here its two
    display builtins print the candidates instead (a function shadows a builtin in zsh),
    and the completion function runs as zsh calls it, with `words` and `CURRENT` set."""
    asks = [("move PP1", 3), ("build --draft ''", 4), ("decide --round ''", 4), ("decide MEX", 3)]
    script = ("autoload -U compinit && compinit -u\n"
              "source <(draftkit completion zsh)\n"
              "print -r -- ${_comps[draftkit]}; print -- '--'\n"
              "compadd() { print -rl -- ${(@P)${@[-1]}} }\n"  # compadd -U -V unsorted -a NAME
              "_describe() { print -rl -- ${(@P)${@[3]}} }\n"  # _describe -V unsorted NAME -U
              + "".join(f"words=(draftkit {line}); CURRENT={at}; _draftkit_completion; print -- '--'\n"
                        for line, at in asks))
    done = shell(["zsh", "-f", "-c"], script)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    loaded, *offered = done.stdout.split("--\n")
    assert loaded == "_draftkit_completion\n"
    keys = [[entry.split(":", 1)[0] for entry in part.splitlines()] for part in offered[:len(asks)]]
    assert keys == [["PP1", "PP10", "PP11", "PP12", "PP13", "PP14", "PP15"], ["2", "1"], ["round-1"], ["MEX-1", "MEX-2"]]
    assert "PP12:pp-legal-gaps: Noting with concern" in offered[0]  # with the id and the words, as bash shows
