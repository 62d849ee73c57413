"""`draftkit check` on the command line: table, json, languages, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from conftest import EXAMPLES, FIXTURES, invoke, write

CHECK = FIXTURES / "check"


def wide(runner: CliRunner, *args: str | Path):
    """Run with a wide terminal so table cells are not folded and can be compared."""
    from draftkit.cli import app

    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, env={"COLUMNS": "300"})


def test_clean_example_exits_0(runner: CliRunner) -> None:
    result = invoke(runner, "check", "-p", EXAMPLES / "child-online-exploitation")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Draft 2: no findings.\n"


def test_errors_exit_1_after_printing_the_table(runner: CliRunner) -> None:
    result = wide(runner, "check", "--draft", CHECK / "xref.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    row = next(line for line in lines if "xref-preambular" in line)
    assert row.startswith("tests/fixtures/check/xref.yaml:16: OP1 (op-share) error[xref-preambular]: [en] {ref:pp-crc} "
                          "refers to preambular paragraph PP1")
    assert lines[-1] == "Draft 1: 2 errors and 5 warnings."


def test_fail_on_moves_the_threshold(runner: CliRunner) -> None:
    warnings_only = CHECK / "opening-repeated.yaml"
    assert invoke(runner, "check", "--draft", warnings_only).exit_code == 0
    assert invoke(runner, "check", "--draft", warnings_only, "--fail-on", "warning").exit_code == 1
    info_only = CHECK / "opening-inline.yaml"
    assert invoke(runner, "check", "--draft", info_only, "--fail-on", "info").exit_code == 1


def test_json_output(runner: CliRunner) -> None:
    result = invoke(runner, "check", "--draft", CHECK / "opening-repeated.yaml", "--format", "json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["counts"] == {"error": 0, "warning": 2, "info": 0}
    assert record["languages"] == ["en", "fr"]
    first = record["findings"][0]
    assert {k: first[k] for k in ("severity", "rule", "label", "paragraph", "language", "suggestion")} == {
        "severity": "warning", "rule": "opening-repeated", "label": "PP2", "paragraph": "pp-charter",
        "language": "en", "suggestion": "write “Also recalling”"}
    assert first["file"].endswith("opening-repeated.yaml") and first["line"] == 13


def test_lang_restricts_languages_and_parity(runner: CliRunner) -> None:
    both = json.loads(invoke(runner, "check", "--draft", CHECK / "parity.yaml", "--format", "json").stdout)
    assert both["counts"]["error"] == 6
    english = invoke(runner, "check", "--draft", CHECK / "parity.yaml", "--lang", "en", "--format", "json")
    assert english.exit_code == 0 and json.loads(english.stdout)["findings"] == []


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert invoke(runner, "check", "--draft", CHECK / "parity.yaml", "--format", "xml").exit_code == 2
    assert invoke(runner, "check", "--draft", CHECK / "parity.yaml", "--fail-on", "never").exit_code == 2
    result = invoke(runner, "check", "--draft", CHECK / "parity.yaml", "--lang", "es")
    assert result.exit_code == 2
    assert "the draft is not written in 'es' (its languages are en, fr)" in result.stderr


def test_missing_version_is_one_error_line(runner: CliRunner, mini_project: Path) -> None:
    result = invoke(runner, "check", "-p", mini_project, "--draft", "7")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "no draft version 7 (versions here: 1)" in result.stderr


def test_user_text_is_printed_literally(runner: CliRunner, tmp_path: Path) -> None:
    # Square brackets are negotiation brackets, never rich markup.
    draft = write(tmp_path / "draft.yaml", (CHECK / "opening-unknown.yaml").read_text(encoding="utf-8")
                  .replace("opening: {en: Remembering,", "opening: {en: \"[Remembering][bold]\","))
    result = wide(runner, "check", "--draft", draft)
    assert "“[Remembering][bold]” is not a known preambular opening" in result.stdout
