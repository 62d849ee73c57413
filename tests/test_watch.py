"""`draftkit build --watch`: one rebuild per settled change; a broken save keeps the last good output.

The loop is driven by a fake `sleep` that plays the user's saves, never by real waiting.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from draftkit.errors import DraftkitError
from draftkit.watch import WatchEvent, changed_files, snapshot, watch, watched_paths


def touch(path: Path, text: str, tick: int) -> None:
    """Write `text` and set a distinct mtime, so the change is seen whatever the clock's resolution."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(tick * 10**9, tick * 10**9))


def play(script: dict[int, Callable[[], None]]) -> Callable[[float], None]:
    """A `sleep` that runs script[n] at its n-th call (1-based) instead of waiting."""
    calls = {"n": 0}

    def sleep(_seconds: float) -> None:
        calls["n"] += 1
        action = script.get(calls["n"])
        if action:
            action()

    return sleep


def test_watched_inputs_exclude_the_output_folder(mini_project):
    (mini_project / "build").mkdir()
    (mini_project / "build" / "mini.docx").write_bytes(b"x")
    (mini_project / "drafts" / ".draft-1.yaml.swp").write_bytes(b"x")
    stamps = snapshot(watched_paths(mini_project), exclude=mini_project / "build")
    names = sorted(p.relative_to(mini_project).as_posix() for p in stamps)
    assert names == ["clauses/standard.yaml", "draftkit.yaml", "drafts/draft-1.yaml"]


def test_changed_files_names_added_removed_and_modified():
    a, b, c = Path("a"), Path("b"), Path("c")
    assert changed_files({a: (1, 1), b: (1, 1)}, {a: (2, 1), c: (1, 1)}) == (a, b, c)


def test_a_change_makes_exactly_one_rebuild_and_a_broken_save_keeps_the_output(mini_project):
    draft = mini_project / "drafts" / "draft-1.yaml"
    good = draft.read_text(encoding="utf-8")
    output = mini_project / "build" / "out.txt"
    builds: list[str] = []

    def rebuild() -> list[Path]:
        from draftkit.loading import open_draft
        from draftkit.files import write_atomic

        _, loaded = open_draft(mini_project)  # raises on a broken save, before writing
        builds.append(loaded.operative[-1].text["en"])
        return [write_atomic(output, loaded.operative[-1].text["en"])]

    events: list[WatchEvent] = []
    edited = good.replace("to remain seized of the matter", "to remain actively seized of the matter")
    script = {
        2: lambda: touch(draft, edited.replace("actively", "act"), 100),  # a save in two writes…
        3: lambda: touch(draft, edited, 101),  # …seen settling: one rebuild
        6: lambda: touch(draft, edited + "  - [broken\n", 102),
        9: lambda: touch(draft, good, 103),
    }
    watch(mini_project, rebuild, events.append, sleep=play(script), polls=9, output=mini_project / "build")
    assert builds == ["to remain seized of the matter", "to remain actively seized of the matter",
                      "to remain seized of the matter"]
    assert [e.changed for e in events] == [(), (draft,), (draft,), (draft,)]
    assert [e.error is None for e in events] == [True, True, False, True]
    broken = events[2].error
    assert isinstance(broken, DraftkitError) and "draft-1.yaml:" in broken.message and "YAML syntax error" in broken.message
    assert output.read_text(encoding="utf-8") == "to remain seized of the matter"


def test_no_change_no_rebuild_and_outputs_among_inputs_do_not_retrigger(mini_project):
    output = mini_project / "drafts" / "preview.txt"  # -o inside a watched folder
    count = {"n": 0}

    def rebuild() -> list[Path]:
        count["n"] += 1
        output.write_text(f"build {count['n']}", encoding="utf-8")
        os.utime(output, ns=(count["n"] * 10**9,) * 2)
        return [output]

    watch(mini_project, rebuild, lambda event: None, sleep=play({}), polls=5)
    assert count["n"] == 1


def test_build_watch_option_runs_the_real_build(runner, mini_project, monkeypatch):
    from conftest import invoke

    import draftkit.watch as loop

    seen: list[WatchEvent] = []
    real = loop.watch
    draft = mini_project / "drafts" / "draft-1.yaml"
    edit = {2: lambda: touch(draft, draft.read_text(encoding="utf-8").replace("to share information",
                                                                              "to share evidence"), 5)}

    def bounded(root, rebuild, report, **options):
        def record(event: WatchEvent) -> None:
            seen.append(event)
            report(event)

        real(root, rebuild, record, sleep=play(edit), polls=3, output=options.get("output"))

    monkeypatch.setattr(loop, "watch", bounded)
    result = invoke(runner, "build", "-p", mini_project, "--watch", "-l", "en", "-f", "txt")
    assert result.exit_code == 0, result.output
    out = mini_project.resolve() / "build" / "mini-draft1.en.txt"
    assert result.stdout.startswith(f"watching {mini_project} (Ctrl-C to stop)\n[")
    assert result.stdout.rstrip().endswith(f"draft-1.yaml changed: wrote {out}")
    assert [e.changed for e in seen] == [(), (draft,)]
    assert "(a) to share evidence;" in out.read_text(encoding="utf-8")


def test_ctrl_c_stops_watching_quietly(runner, mini_project, monkeypatch):
    from conftest import invoke

    import draftkit.watch as loop

    def interrupted(root, rebuild, report, **options):
        raise KeyboardInterrupt

    monkeypatch.setattr(loop, "watch", interrupted)
    result = invoke(runner, "build", "-p", mini_project, "--watch")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == f"watching {mini_project} (Ctrl-C to stop)\n\n"
