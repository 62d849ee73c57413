"""Benchmark: whole-process `draftkit build` of a synthetic 1,000-paragraph project with
100 footnotes (target < 1 s), with inline markup in every paragraph (italic title, bold,
superscript, small capitals; footnotes with an italic title and Ibid.) and without, and
`draftkit --help` (target < 0.25 s); best of 5, and the median.

    python benchmarks/bench_build.py [--paragraphs 1000] [--footnotes 100] [--lang en]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_project  # noqa: E402

# Time draftkit as installed for a user: with its bytecode cache (some shells set
# PYTHONDONTWRITEBYTECODE, which makes every run compile every module again).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

DRAFTKIT = [sys.executable, "-m", "draftkit"]


def timings(command: list[str], runs: int = 5) -> list[float]:
    """Return the wall-clock times of `runs` runs of `command` (which must succeed), sorted."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return sorted(times)


def best_of(command: list[str], runs: int = 5) -> float:
    """Return the fastest wall-clock time of `runs` runs of `command`."""
    return timings(command, runs)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--footnotes", type=int, default=100)
    parser.add_argument("--lang", default="en", help="language built (one DOCX, as a co-rapporteur builds)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "synth", args.paragraphs, args.footnotes)
        marked = make_project(Path(tmp) / "marked", args.paragraphs, args.footnotes, markup=True)
        build = best_of([*DRAFTKIT, "build", "-p", str(root), "--lang", args.lang])
        with_markup = timings([*DRAFTKIT, "build", "-p", str(marked), "--lang", args.lang])
        both = best_of([*DRAFTKIT, "build", "-p", str(root)])
        helps = best_of([*DRAFTKIT, "--help"])
    print(f"draftkit build, {args.paragraphs} paragraphs, {args.footnotes} footnotes, {args.lang}: "
          f"{build:.3f} s (target < 1 s)")
    print(f"draftkit build, same with inline markup in every paragraph and Ibid. footnotes, {args.lang}: "
          f"best {with_markup[0]:.3f} s, median {with_markup[len(with_markup) // 2]:.3f} s (target < 1 s)")
    print(f"draftkit build, same, en + fr: {both:.3f} s")
    print(f"draftkit --help: {helps:.3f} s (target < 0.25 s)")


if __name__ == "__main__":
    main()
