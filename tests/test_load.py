"""Loading YAML into the model: valid files load, and each kind of bad input gets one
located message that names the fix (issue 2, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI_DRAFT, write
from draftkit.errors import DraftkitError, InputError, UnknownReference
from draftkit.loading import Project, load_library, missing_translations, open_draft, require_language
from draftkit.model import Kind


def error_of(call) -> str:
    with pytest.raises(DraftkitError) as info:
        call()
    return info.value.message


def test_mini_project_loads(mini_project: Path) -> None:
    project, draft = open_draft(mini_project)
    assert draft.meta.version == 1
    assert [p.id for p in draft.preambular] == ["pp-crc", "pp-concern"]
    assert draft.labels()["op-cooperation"] == "OP2"
    crc = draft.by_id()["pp-crc"]
    assert crc.kind is Kind.PREAMBULAR and crc.clause == "pp-crc"
    assert crc.opening == {"en": "Recalling", "fr": "Rappelant"}
    assert crc.footnote("crc") is not None
    cooperation = draft.by_id()["op-cooperation"]
    assert [s.id for s in cooperation.subparagraphs] == ["a", "b"]
    assert draft.meta.deadline is not None and draft.meta.deadline.utcoffset().total_seconds() == 7200
    assert project.versions() == [1]


def test_paragraph_location_points_at_the_yaml_line(mini_project: Path) -> None:
    _, draft = open_draft(mini_project)
    location = draft.by_id()["pp-concern"].location
    assert location is not None and location.line == 13


def test_yaml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "clauses.yaml", "clauses:\n  - id: x\n    text: {en: unclosed\n")
    message = error_of(lambda: load_library([path]))
    assert message.startswith(f"{path}:4:1: YAML syntax error: expected ',' or '}}'")


def test_yaml_colon_in_plain_text_gets_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path / "clauses.yaml", "clauses:\n  - id: x\n    source: see: A/RES/74/174\n")
    message = error_of(lambda: load_library([path]))
    assert f"{path}:3:16: YAML syntax error: mapping values are not allowed here" in message
    assert "text containing ': ' must be quoted" in message


def test_unknown_clause_id_names_reference_and_closest(mini_project: Path) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(MINI_DRAFT.replace("- clause: op-urges", "- clause: op-urge"), encoding="utf-8")
    message = error_of(lambda: open_draft(mini_project))
    assert message == f"{draft.resolve()}:20:5: unknown clause id 'op-urge' (did you mean 'op-urges'?)"


def test_duplicate_clause_ids_name_both_places(mini_project: Path) -> None:
    extra = write(mini_project / "clauses" / "z-extra.yaml", """
        clauses:
          - id: pp-crc
            kind: preambular
            opening: {en: Recalling}
            text: {en: again}
        """)
    message = error_of(lambda: Project.open(mini_project).library)
    first = (mini_project / "clauses" / "standard.yaml").resolve()
    assert message == (
        f"{extra.resolve()}:2:5: clause id 'pp-crc' is defined twice (also at {first}:2:5) (rename one of them)"
    )


def test_duplicate_paragraph_ids_in_a_draft(mini_project: Path) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(MINI_DRAFT.replace("  - id: op-seized", "  - id: op-cooperation"), encoding="utf-8")
    message = error_of(lambda: open_draft(mini_project))
    assert "paragraph id 'op-cooperation' is used twice (also at" in message
    assert ":21:5)" in message and message.startswith(f"{draft.resolve()}:29:5:")


def test_unknown_key_is_named_with_suggestion(mini_project: Path) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(MINI_DRAFT.replace("    opening: {en: Decides", "    openign: {en: Decides"), encoding="utf-8")
    message = error_of(lambda: open_draft(mini_project))
    assert message.endswith("unknown key 'openign' in paragraph 'op-seized' (did you mean 'opening'?)")


def test_unknown_top_level_key(mini_project: Path) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(MINI_DRAFT.replace("symbol:", "symbl:"), encoding="utf-8")
    message = error_of(lambda: open_draft(mini_project))
    assert message == f"{draft.resolve()}:6:1: unknown key 'symbl' in draft draft-1.yaml (did you mean 'symbol'?)"


def test_missing_translation_lists_every_id(mini_project: Path) -> None:
    draft_file = mini_project / "drafts" / "draft-1.yaml"
    text = MINI_DRAFT.replace(
        "      fr: par l'augmentation de l'exploitation sexuelle des enfants en ligne pendant la pandémie de COVID-19\n", ""
    ).replace(", fr: de former les agents des services répressifs}", "}")
    draft_file.write_text(text, encoding="utf-8")
    _, draft = open_draft(mini_project)
    assert missing_translations(draft, "fr") == ["pp-concern", "op-cooperation(b)"]
    message = error_of(lambda: require_language(draft, "fr"))
    assert message == (
        f"{draft_file.resolve()}: missing 'fr' translation for 2 items: pp-concern, op-cooperation(b)"
        " (add 'fr: …' to each, or build another language with --lang)"
    )


def test_uncalled_and_undefined_footnotes(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", """
        clauses:
          - id: pp-x
            kind: preambular
            opening: {en: Recalling}
            text: {en: "the Convention[^crc]"}
        """)
    assert "calls footnote [^crc] in 'en' but defines no footnote 'crc'" in error_of(lambda: load_library([path]))
    write(path, """
        clauses:
          - id: pp-x
            kind: preambular
            opening: {en: Recalling}
            text: {en: "the Convention"}
            footnotes:
              crc: {en: Treaty Series}
        """)
    assert "footnote 'crc' of clause 'pp-x' is never called" in error_of(lambda: load_library([path]))


def test_forbidden_xml_character_is_refused_with_place(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", 'clauses:\n  - id: pp-x\n    kind: preambular\n    opening: {en: Noting}\n'
                 '    text: {en: "bad \\x01 text"}\n')
    message = error_of(lambda: load_library([path]))
    assert message.startswith(f"{path}:5:12: text holds the control character U+0001")


def test_clause_of_wrong_kind_in_section(mini_project: Path) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(MINI_DRAFT.replace("  - clause: pp-crc", "  - clause: op-urges", 1).replace(
        "operative:\n  - clause: op-urges", "operative:\n  - clause: pp-crc"), encoding="utf-8")
    message = error_of(lambda: open_draft(mini_project))
    assert "clause 'op-urges' is operative but is listed under 'preambular' (move it to the 'operative' list)" in message


def test_timestamp_without_zone_is_refused(mini_project: Path) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(MINI_DRAFT.replace("2021-06-14T23:59:00+02:00", "2021-06-14T23:59:00"), encoding="utf-8")
    message = error_of(lambda: open_draft(mini_project))
    assert "has no time zone (add the offset, e.g. 2021-06-14T23:59:00+02:00)" in message


def test_timestamp_with_named_zone(mini_project: Path) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(
        MINI_DRAFT.replace("2021-06-14T23:59:00+02:00", "2021-06-14T23:59:00\ntimezone: Europe/Zurich"), encoding="utf-8"
    )
    _, loaded = open_draft(mini_project)
    assert loaded.meta.deadline is not None and loaded.meta.deadline.utcoffset().total_seconds() == 7200


def test_plain_words_stay_text(tmp_path: Path) -> None:
    """YAML 1.1 would read NO as false and 14:00 as a number; draftkit keeps text."""
    path = write(tmp_path / "c.yaml", """
        clauses:
          - id: NO
            kind: preambular
            opening: {en: Noting}
            text: {en: on}
        """)
    clause = load_library([path]).clauses["NO"]
    assert clause.text == {"en": "on"}


def test_unknown_language_code(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", """
        clauses:
          - id: pp-x
            kind: preambular
            opening: {en: Noting, fe: Notant}
            text: {en: x}
        """)
    assert "unknown language 'fe' in 'opening' of clause 'pp-x' (did you mean 'fr' or 'es' or 'en'?)" in error_of(lambda: load_library([path]))


def test_third_sub_level_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", """
        clauses:
          - id: op-x
            kind: operative
            opening: {en: Urges}
            text: {en: x}
            subparagraphs:
              - text: {en: a}
                subparagraphs:
                  - text: {en: i}
                    subparagraphs:
                      - text: {en: too deep}
        """)
    assert "nests a third level (resolutions use two levels: (a) then (i))" in error_of(lambda: load_library([path]))


def test_versions_are_read_from_files(mini_project: Path) -> None:
    write(mini_project / "drafts" / "draft-2.yaml", MINI_DRAFT.replace("version: 1", "version: 2"))
    project = Project.open(mini_project)
    assert project.versions() == [1, 2]
    assert project.draft().meta.version == 2
    with pytest.raises(UnknownReference, match=r"no draft version 7 .*versions here: 1, 2"):
        project.draft(7)


def test_two_files_with_one_version(mini_project: Path) -> None:
    write(mini_project / "drafts" / "draft-1-copy.yaml", MINI_DRAFT)
    with pytest.raises(InputError, match="draft version 1 is also draft-1-copy.yaml|draft version 1 is also draft-1.yaml"):
        Project.open(mini_project).draft_files


def test_not_a_project(tmp_path: Path) -> None:
    assert "no draftkit.yaml here or above (run `draftkit init` to make a project)" in error_of(
        lambda: Project.open(tmp_path)
    )


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes("clauses: [caf\xe9]".encode("latin-1"))
    assert error_of(lambda: load_library([path])) == f"{path}: not UTF-8 text (byte 13) (save the file as UTF-8)"


def test_project_without_clause_folder_loads(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "draftkit.yaml", "name: p\n")
    write(root / "drafts" / "draft-1.yaml", """
        version: 1
        date: 2021-07-15
        body: un-general-assembly
        session: "76"
        title: {en: Test}
        operative:
          - id: op-1
            opening: {en: Decides}
            text: {en: to remain seized of the matter}
        """)
    _, draft = open_draft(root)
    assert [p.id for p in draft.operative] == ["op-1"]


def test_named_library_must_exist(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write(root / "draftkit.yaml", "libraries: [shared-clauses]\n")
    write(root / "drafts" / "draft-1.yaml", MINI_DRAFT)
    assert error_of(lambda: open_draft(root)).endswith(
        "shared-clauses: clause library not found (check 'libraries:' in draftkit.yaml)"
    )


def test_unknown_time_zone_is_refused_even_with_an_offset(mini_project: Path) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(MINI_DRAFT + "timezone: Europe/Geneva\n", encoding="utf-8")
    assert error_of(lambda: open_draft(mini_project)).endswith(
        "unknown time zone 'Europe/Geneva' (use an IANA name such as Europe/Zurich (Geneva) or America/New_York)"
    )


def test_raw_control_character_in_yaml_is_located(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text('clauses:\n  - id: x\n    text: {en: "soft\x0bbreak"}\n', encoding="utf-8")
    assert error_of(lambda: load_library([path])) == (
        f"{path}:3:21: the file holds the control character U+000B, which YAML and Word documents cannot contain"
        " (delete it; Word and PDF copies often carry one as a soft line break)"
    )


def test_typo_of_a_required_key_is_named(mini_project: Path) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(MINI_DRAFT.replace('session: "143"', 'sesion: "143"'), encoding="utf-8")
    assert error_of(lambda: open_draft(mini_project)) == (
        f"{draft.resolve()}:5:1: unknown key 'sesion' in draft draft-1.yaml (did you mean 'session'?)"
    )


def test_dangling_cross_reference_loads_so_check_can_report_it(mini_project: Path) -> None:
    """A draft whose {ref:…} target was removed still loads; check and build name the problem."""
    from draftkit.check import run_checks

    draft_file = mini_project / "drafts" / "draft-1.yaml"
    draft_file.write_text(MINI_DRAFT.replace("{ref:op-urges}", "{ref:op-gone}"), encoding="utf-8")
    _, draft = open_draft(mini_project)
    assert [(f.rule, f.where.shown()) for f in run_checks(draft) if f.rule == "xref-missing"] == [
        ("xref-missing", "OP2"), ("xref-missing", "OP2")]


def test_byte_order_mark_before_version(mini_project: Path) -> None:
    draft_file = mini_project / "drafts" / "draft-1.yaml"
    draft_file.write_bytes(b"\xef\xbb\xbf" + MINI_DRAFT.lstrip("\n").encode("utf-8"))
    assert Project.open(mini_project).versions() == [1]
    assert open_draft(mini_project)[1].meta.version == 1


def test_deadline_without_time_of_day_is_refused(mini_project: Path) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(MINI_DRAFT.replace("2021-06-14T23:59:00+02:00", "2021-06-14"), encoding="utf-8")
    assert error_of(lambda: open_draft(mini_project)).endswith(
        "'deadline' of draft draft-1.yaml ('2021-06-14') has no time of day"
        " (add the time and its offset, e.g. 2021-06-14T23:59:00+02:00; for a deadline, the last minute that counts)"
    )


def test_impossible_calendar_day(mini_project: Path) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(MINI_DRAFT.replace("date: 2021-07-15", "date: 2021-02-30"), encoding="utf-8")
    assert error_of(lambda: open_draft(mini_project)).endswith(
        "'date' of draft draft-1.yaml is '2021-02-30', which is not a day of the calendar"
        " (day is out of range for month) (check the day and the month)"
    )


def test_opening_with_sub_paragraphs_and_no_text(tmp_path: Path) -> None:
    """'*Decides*:' then (a), (b): no text of its own, in a library and inline in a draft."""
    from draftkit.check import run_checks

    library = write(tmp_path / "p" / "clauses" / "c.yaml", """
        clauses:
          - id: op-decides
            kind: operative
            opening: {en: Decides, fr: Décide}
            subparagraphs:
              - text: {en: To act, fr: D'agir}
              - text: {en: To report, fr: De rendre compte}
          - id: pp-plain
            kind: preambular
            text: {en: Recalling its resolutions, fr: Rappelant ses résolutions}
        """)
    clauses = load_library([library]).clauses
    assert clauses["op-decides"].text == {"en": "", "fr": ""}
    assert clauses["pp-plain"].opening == {}
    write(tmp_path / "p" / "draftkit.yaml", "name: p\n")
    write(tmp_path / "p" / "drafts" / "draft-1.yaml", MINI_DRAFT.split("preambular:")[0] + """
        preambular:
          - clause: pp-plain
        operative:
          - clause: op-decides
          - id: op-inline
            opening: {en: Requests, fr: Prie}
            subparagraphs:
              - text: {en: The Secretary General to report, fr: Le Secrétaire général de rendre compte}
        """.replace("\n        ", "\n"))
    _, draft = open_draft(tmp_path / "p")
    assert draft.by_id()["op-inline"].text == {"en": "", "fr": ""}
    rules = {f.rule for f in run_checks(draft)}
    assert "empty-paragraph" not in rules and "no-operative" not in rules


def test_no_operative_paragraph_is_a_check_error(mini_project: Path) -> None:
    from draftkit.check import run_checks

    draft_file = mini_project / "drafts" / "draft-1.yaml"
    draft_file.write_text(MINI_DRAFT.split("operative:")[0].replace(", as set out in {ref:op-urges}", ""),
                          encoding="utf-8")
    _, draft = open_draft(mini_project)
    assert [(f.rule, f.message) for f in run_checks(draft) if f.rule == "no-operative"] == [
        ("no-operative", "the draft has no operative paragraph")]


def test_build_refusal_names_a_draft_wide_error_cleanly(mini_project: Path) -> None:
    from draftkit.check import require_clean
    from draftkit.errors import CheckFailed

    draft_file = mini_project / "drafts" / "draft-1.yaml"
    draft_file.write_text(MINI_DRAFT.split("operative:")[0], encoding="utf-8")
    _, draft = open_draft(mini_project)
    with pytest.raises(CheckFailed) as info:
        require_clean(draft)
    assert "1 error found by check, so nothing was written: draft: the draft has no operative paragraph" in info.value.message
    assert [f.rule for f in info.value.findings] == ["no-operative"]
