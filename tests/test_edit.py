"""`draftkit add / move / remove`: in-place edits that keep every comment and byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke

from draftkit.edit import add_paragraph, move_paragraph, remove_paragraph
from draftkit.errors import InputError, UsageError
from draftkit.loading import open_draft
from draftkit.model import Position


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    """A project whose draft has comments everywhere, odd indentation and blank-line-separated items."""
    root = tmp_path / "commented"
    shutil.copytree(FIXTURES / "edit" / "commented", root)
    return root


def draft_file(root: Path) -> Path:
    return root / "drafts" / "draft-1.yaml"


def order(root: Path) -> tuple[list[str], list[str]]:
    _, draft = open_draft(root)
    return [p.id for p in draft.preambular], [p.id for p in draft.operative]


def run_edit(runner, root: Path, *args: str | Path) -> tuple[str, str, str]:
    """Run an edit command that must succeed; return the draft before, the output, the draft after."""
    before = draft_file(root).read_text(encoding="utf-8")
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.output
    return before, result.stdout, draft_file(root).read_text(encoding="utf-8")


def comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]


def test_add_after_a_number_inserts_exactly_one_line(runner, commented):
    before, output, after = run_edit(runner, commented, "add", "pp-sdg", "-p", commented, "--after", "PP1")
    assert "added pp-sdg as PP2; PP2 is now PP3" in output
    lines = before.splitlines(keepends=True)
    index = lines.index("  - clause: pp-crc\n") + 1
    assert after == "".join(lines[:index] + ["  - clause: pp-sdg\n"] + lines[index:])
    assert order(commented)[0] == ["pp-crc", "pp-sdg", "pp-concern"]


def test_add_keeps_the_blank_line_style_of_the_list(runner, commented):
    before, output, after = run_edit(runner, commented, "add", "op-report", "-p", commented, "--before", "op-seized")
    assert "added op-report as OP3; OP3 is now OP4" in output
    assert after == before.replace("- id: op-seized", "- clause: op-report\n\n- id: op-seized")
    assert comments(after) == comments(before)


def test_add_at_end_goes_after_the_last_item_not_after_the_trailing_comment(runner, commented):
    result = invoke(runner, "add", "op-report", "-p", commented, "--at-end")
    assert result.exit_code == 0, result.output
    text = draft_file(commented).read_text(encoding="utf-8")
    assert text.endswith("de demeurer saisie de la question}\n\n- clause: op-report\n# end of draft\n")
    assert order(commented)[1] == ["op-urges", "op-cooperation", "op-seized", "op-report"]


def test_move_carries_the_comments_above_the_paragraph_and_changes_nothing_else(runner, commented):
    before, output, after = run_edit(runner, commented, "move", "OP2", "-p", commented, "--after", "OP3")
    assert "moved op-cooperation from OP2 to OP3; OP3 is now OP2" in output
    assert order(commented)[1] == ["op-urges", "op-seized", "op-cooperation"]
    assert sorted(after.splitlines()) == sorted(before.splitlines())
    assert comments(after) == comments(before)  # op-seized has none: the comments keep their order
    head, rest = before.split("# cooperation", 1)
    cooperation, rest = ("# cooperation" + rest).split("\n\n- id: op-seized", 1)
    seized, end = ("- id: op-seized" + rest).split("# end of draft")
    assert after == head + seized + "\n" + cooperation + "\n# end of draft" + end


def test_move_before_by_id_and_back_restores_the_file_byte_for_byte(commented):
    before = draft_file(commented).read_text(encoding="utf-8")
    moved = move_paragraph(commented, "pp-concern", Position("before", "PP1"))
    assert (moved.old_label, moved.new_label) == ("PP2", "PP1")
    assert order(commented)[0] == ["pp-concern", "pp-crc"]
    move_paragraph(commented, "pp-concern", Position("at-end"))
    assert draft_file(commented).read_text(encoding="utf-8") == before


def test_moving_to_where_it_is_writes_nothing(commented):
    stamp = draft_file(commented).stat().st_mtime_ns
    result = move_paragraph(commented, "OP1", Position("before", "OP2"))
    assert not result.changed and result.summary() == "op-urges is already OP1; nothing changed"
    assert draft_file(commented).stat().st_mtime_ns == stamp


def test_move_across_kinds_is_refused(runner, commented):
    before = draft_file(commented).read_text(encoding="utf-8")
    result = invoke(runner, "move", "OP1", "-p", commented, "--after", "PP1")
    assert result.exit_code == 1
    assert "op-urges (OP1) is operative but PP1 (pp-crc) is preambular" in result.stderr
    assert draft_file(commented).read_text(encoding="utf-8") == before


def test_remove_refused_while_cross_referenced_names_the_referrers(runner, commented):
    before = draft_file(commented).read_text(encoding="utf-8")
    result = invoke(runner, "remove", "OP1", "-p", commented)
    assert result.exit_code == 1
    assert "OP1 (op-urges) is cross-referenced by OP2 (op-cooperation)" in result.stderr
    assert "--force" in result.stderr
    assert draft_file(commented).read_text(encoding="utf-8") == before


def test_forced_remove_warns_and_prints_the_removed_lines(runner, commented):
    result = invoke(runner, "remove", "op-urges", "-p", commented, "--force")
    assert result.exit_code == 0, result.output
    assert "removed op-urges (was OP1); OP2–OP3 are now OP1–OP2" in result.stdout
    assert "- clause: op-urges   # Uganda asked for this one" in result.stdout
    assert "warning: OP1 (op-cooperation) still refers to op-urges" in result.stderr
    text = draft_file(commented).read_text(encoding="utf-8")
    assert "op-urges   #" not in text and "operative:\n# cooperation" in text


def test_remove_takes_the_paragraph_its_comments_and_one_blank_line(runner, commented):
    before, output, after = run_edit(runner, commented, "remove", "OP3", "-p", commented)
    assert "removed op-seized (was OP3)" in output
    removed = "\n- id: op-seized\n  opening: {en: Decides, fr: Décide}\n" \
              "  text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}\n"
    assert after == before.replace(removed, "")


def test_adding_a_clause_already_in_the_draft_needs_a_new_id(runner, commented):
    result = invoke(runner, "add", "op-urges", "-p", commented, "--at-end")
    assert result.exit_code == 1
    assert "'op-urges' is already in draft 1 as OP1" in result.stderr and "--id NEW_ID" in result.stderr
    result = invoke(runner, "add", "op-urges", "-p", commented, "--at-end", "--id", "op-urges-again")
    assert result.exit_code == 0, result.output
    assert "- id: op-urges-again\n  clause: op-urges\n" in draft_file(commented).read_text(encoding="utf-8")


def test_add_refuses_a_position_of_the_other_kind_and_a_wrong_kind(commented):
    with pytest.raises(InputError, match="clause 'pp-sdg' is preambular but OP2 .* is operative"):
        add_paragraph(commented, "pp-sdg", Position("after", "OP2"))
    from draftkit.model import Kind

    with pytest.raises(InputError, match="clause 'pp-sdg' is preambular, not operative"):
        add_paragraph(commented, "pp-sdg", Position("at-end"), kind=Kind.OPERATIVE)


def test_unknown_references_and_subparagraphs_are_clear_errors(runner, commented):
    result = invoke(runner, "move", "OP9", "-p", commented, "--at-end")
    assert result.exit_code == 1 and "'OP9': draft 1 has 3 operative paragraphs" in result.stderr
    with pytest.raises(UsageError, match="sub-paragraph"):
        remove_paragraph(commented, "OP2(a)")
    result = invoke(runner, "add", "op-report", "-p", commented, "--at-end", "--after", "OP1")
    assert result.exit_code == 2 and "exactly one of --after REF, --before REF or --at-end" in result.stderr


def test_first_paragraph_of_an_empty_or_missing_list(tmp_path, mini_project):
    path = mini_project / "drafts" / "draft-1.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("operative:\n"), len(text)
    path.write_text(text[:start] + "operative: []   # none yet\n", encoding="utf-8")
    add_paragraph(mini_project, "op-urges", Position("at-end"))
    assert path.read_text(encoding="utf-8").endswith("operative:   # none yet\n  - clause: op-urges\n")
    path.write_text(text[:start], encoding="utf-8")
    add_paragraph(mini_project, "op-urges", Position("at-end"))
    assert path.read_text(encoding="utf-8") == text[:start] + "operative:\n  - clause: op-urges\n"
    assert end > start


def test_crlf_files_stay_crlf_and_permissions_are_kept(mini_project):
    path = mini_project / "drafts" / "draft-1.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    path.chmod(0o640)
    add_paragraph(mini_project, "op-urges", Position("at-end"), new_id="op-again")
    data = path.read_bytes()
    assert b"\r\n  - id: op-again\r\n    clause: op-urges\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    assert path.stat().st_mode & 0o777 == 0o640


def test_edits_the_latest_draft_only(mini_project):
    first = (mini_project / "drafts" / "draft-1.yaml").read_text(encoding="utf-8")
    second = first.replace("version: 1", "version: 2")
    (mini_project / "drafts" / "draft-2.yaml").write_text(second, encoding="utf-8")
    result = move_paragraph(mini_project, "OP3", Position("before", "OP1"))
    assert result.path.name == "draft-2.yaml"
    assert (mini_project / "drafts" / "draft-1.yaml").read_text(encoding="utf-8") == first


# --- drafts the user protects or saves meanwhile ---------------------------------------------


def test_a_read_only_draft_is_not_edited_even_by_root(runner, commented):
    path = draft_file(commented)
    before = path.read_bytes()
    path.chmod(0o444)
    result = invoke(runner, "add", "pp-sdg", "-p", commented, "--at-end")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: is read-only (make it writable")
    assert path.read_bytes() == before and sorted(p.name for p in path.parent.iterdir()) == ["draft-1.yaml"]


@pytest.mark.parametrize("step", ["_slot", "_insert_entry"])
def test_a_save_made_during_the_edit_is_never_lost(runner, commented, monkeypatch, step):
    """The user saves a reworded draft while draftkit is editing it: before draftkit reads
    the text it edits (`_slot`), or after (`_insert_entry`); either way their save stays."""
    import draftkit.edit as edit

    path = draft_file(commented)
    saved = path.read_text(encoding="utf-8").replace("to share information", "to share data")
    original = getattr(edit, step)

    def save_then(*args, **kwargs):
        path.write_text(saved, encoding="utf-8")
        return original(*args, **kwargs)

    monkeypatch.setattr(edit, step, save_then)
    result = invoke(runner, "add", "pp-sdg", "-p", commented, "--at-end")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {path}: changed on disk while draftkit was editing it; nothing written"
                             " (run the command again to edit the saved file)\n")
    assert path.read_text(encoding="utf-8") == saved
    assert sorted(p.name for p in path.parent.iterdir()) == ["draft-1.yaml"]


def test_a_comment_saved_before_the_text_is_read_is_kept_in_the_edit(runner, commented, monkeypatch):
    import draftkit.edit as edit

    path = draft_file(commented)
    saved = path.read_text(encoding="utf-8").replace("# the treaty comes first", "# the treaty comes first (saved)")
    original = edit._slot

    def save_then(*args, **kwargs):
        path.write_text(saved, encoding="utf-8")
        return original(*args, **kwargs)

    monkeypatch.setattr(edit, "_slot", save_then)
    before, _, after = run_edit(runner, commented, "add", "pp-sdg", "-p", commented, "--at-end")
    assert "# the treaty comes first (saved)" in after and "  - clause: pp-sdg\n" in after


def test_a_draft_that_cannot_be_replaced_is_a_one_line_error(runner, commented, monkeypatch):
    import os

    def immutable(*args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "replace", immutable)
    before = draft_file(commented).read_bytes()
    result = invoke(runner, "move", "OP1", "-p", commented, "--at-end")
    assert result.exit_code == 1
    assert result.stderr == f"error: {draft_file(commented)}: cannot write it (Operation not permitted); nothing written\n"
    assert draft_file(commented).read_bytes() == before


@pytest.mark.skipif(shutil.which("chattr") is None, reason="chattr not installed")
def test_an_immutable_draft_is_refused_as_read_only(runner, commented):
    import subprocess

    path = draft_file(commented)
    if subprocess.run(["chattr", "+i", path], capture_output=True).returncode != 0:
        pytest.skip("chattr +i needs root and a file system that supports it")
    try:
        result = invoke(runner, "remove", "OP3", "-p", commented)
    finally:
        subprocess.run(["chattr", "-i", path], check=True)
    assert result.exit_code == 1 and f"{path}: is read-only" in result.stderr


def test_a_flow_list_is_refused_not_rewritten(mini_project: Path) -> None:
    """'operative: [ … ]' cannot be spliced line by line: say so and leave the file alone."""
    draft = mini_project / "drafts" / "draft-1.yaml"
    text = draft.read_text(encoding="utf-8")
    flow = text.split("operative:")[0].replace("{ref:op-urges}", "it") + (
        "operative: [{clause: op-urges}, {id: op-x, opening: {en: Decides, fr: Décide},"
        " text: {en: to act, fr: d'agir}}]\n")
    draft.write_text(flow, encoding="utf-8")
    with pytest.raises(InputError) as info:
        move_paragraph(mini_project, "OP2", Position("before", "OP1"))
    assert info.value.message.endswith(
        "'operative' is not written as a block list, so it cannot be edited in place"
        " (write one '- ' line per paragraph under it)")
    assert draft.read_text(encoding="utf-8") == flow
