"""The watch loop of `draftkit build --watch`: poll the project's input files, wait for
saves to settle, rebuild once per change, report each result through a callback.

Knows which files are inputs (drafts, libraries, templates, contributions, decisions,
settings); knows nothing of how a build is done or printed. Polling needs no dependency.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from draftkit.errors import DraftkitError
from draftkit.loading import Project
from draftkit.loading.project import default_config, place_files, read_places

#: What a poll sees of a file: modification time (ns) and size.
Stamp = tuple[int, int]


@dataclass(frozen=True)
class WatchEvent:
    """One build: the files whose change caused it (none for the first), and either
    the outputs written or the error that left the previous outputs in place."""

    changed: tuple[Path, ...]
    outputs: tuple[Path, ...] = ()
    error: DraftkitError | None = None


def watched_paths(root: Path) -> list[Path]:
    """Return the input files and folders of the project at `root` (never its output folder)."""
    try:
        config = Project.open(root).config
    except DraftkitError:
        # A broken draftkit.yaml is itself a change to watch; fall back to the usual layout
        # (clauses/ included even before it exists, so its creation triggers a build).
        base = root if root.is_dir() else root.parent
        return read_places(replace(default_config(base), libraries=(base / "clauses",)))
    places = read_places(config)
    if root.is_file():
        places.append(root)
    return places


def snapshot(places: Iterable[Path], *, exclude: Path | None = None) -> dict[Path, Stamp]:
    """Return the stamp of every file in `places` (folders searched recursively)."""
    stamps: dict[Path, Stamp] = {}
    for place in places:
        try:
            files = place_files(place) if place.is_dir() else [place]
        except OSError:
            continue  # a folder removed while we looked: the next poll sees the new state
        for path in files:
            if (exclude is not None and exclude in path.parents) or path.name.startswith("."):
                continue  # editors' swap files and our own temporary files are not inputs
            try:
                info = path.stat()
            except OSError:
                continue
            stamps[path] = (info.st_mtime_ns, info.st_size)
    return stamps


def changed_files(before: dict[Path, Stamp], after: dict[Path, Stamp]) -> tuple[Path, ...]:
    """Return the files added, removed or modified between two snapshots, sorted."""
    return tuple(sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p)))


def watch(
    root: Path,
    rebuild: Callable[[], Sequence[Path]],
    report: Callable[[WatchEvent], None],
    *,
    interval: float = 0.5,
    settle: float = 0.2,
    sleep: Callable[[float], None] = time.sleep,
    polls: int | None = None,
    output: Path | None = None,
) -> None:
    """Build once, then rebuild after every settled change of an input of `root`.

    A change is acted on once its files have stopped changing for `settle` seconds, so
    an editor's several writes make one rebuild. A `DraftkitError` from `rebuild` is
    reported and the loop goes on: the build writes atomically, so the last good outputs
    stay. `polls` bounds the number of polls (tests); |None| watches until interrupted.
    """

    written: set[Path] = set()

    def look() -> dict[Path, Stamp]:
        stamps = snapshot(watched_paths(root), exclude=output)
        # An output written among the inputs (-o drafts/x.docx) must not trigger itself.
        return {path: stamp for path, stamp in stamps.items() if path.resolve() not in written}

    def run(changed: tuple[Path, ...]) -> None:
        try:
            outputs = tuple(rebuild())
        except DraftkitError as exc:
            report(WatchEvent(changed, error=exc))
            return
        written.update(p.resolve() for p in outputs)
        report(WatchEvent(changed, outputs=outputs))

    run(())
    state = look()
    count = 0
    while polls is None or count < polls:
        sleep(interval)
        count += 1
        current = look()
        if current == state:
            continue
        while True:
            sleep(settle)
            again = look()
            if again == current:
                break
            current = again
        changed = changed_files(state, current)
        state = current
        run(changed)
