"""Benchmark: whole-process `draftkit build` of the six-language example (all six DOCX,
target < 1.5 s), one language of it, and the Chinese word diff by characters; median of 5.

    python benchmarks/bench_languages.py [--runs 5]

Also measures the choice behind Chinese word diffs: diffing Han characters as words
against a dictionary segmenter (jieba, when it is installed in this interpreter).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Time draftkit as installed for a user: with its bytecode cache.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "un-ga-six-languages"
DRAFTKIT = [sys.executable, "-m", "draftkit"]


def median_of(command: list[str], runs: int) -> float:
    """Return the median wall-clock time of `runs` runs of `command` (which must succeed)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def chinese_diff(runs: int) -> None:
    """Characters as words (what draftkit does) and, if installed, jieba's words: time and hunks."""
    sys.path.insert(0, str(REPO / "src"))
    from draftkit.diff.words import Op, diff_sequences, tokens

    old = "吁请私营部门迅速删除儿童性虐待材料，并与执法机构合作，以便查明受害者和犯罪人" * 20
    new = "吁请私营部门立即删除儿童性虐待材料并向当局报告，并与执法机构密切合作，以便查明受害者" * 20
    start = time.perf_counter()
    for _ in range(runs):
        spans = diff_sequences(tokens(old), tokens(new))
    chars = (time.perf_counter() - start) / runs
    hunks = sum(1 for s in spans if s.op is not Op.EQUAL)
    print(f"Chinese word diff by characters, {len(old)} characters: {chars * 1000:.1f} ms, {hunks} hunks")
    try:
        start = time.perf_counter()
        import jieba  # type: ignore[import-not-found]

        jieba.setLogLevel(60)
        jieba.initialize()
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        spans = diff_sequences(list(jieba.cut(old)), list(jieba.cut(new)))
        cut = time.perf_counter() - start
        hunks = sum(1 for s in spans if s.op is not Op.EQUAL)
        print(f"Chinese word diff by jieba words: {cut * 1000:.1f} ms, {hunks} hunks, "
              f"plus {loaded:.2f} s to load its dictionary in every process")
    except ImportError:
        print("jieba not installed here: the segmenter comparison is skipped")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "six"
        shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("build"))
        six = median_of([*DRAFTKIT, "build", "-p", str(project)], args.runs)
        arabic = median_of([*DRAFTKIT, "build", "-p", str(project), "-l", "ar"], args.runs)
        diff = median_of([*DRAFTKIT, "diff", "-p", str(project), "1", "2", "-l", "zh", "-o",
                          str(Path(tmp) / "d.docx")], args.runs)
    print(f"draftkit build, six-language example, six DOCX: {six:.3f} s (target < 1.5 s)")
    print(f"draftkit build, same, Arabic only: {arabic:.3f} s")
    print(f"draftkit diff 1 2 -l zh -o d.docx (tracked changes): {diff:.3f} s")
    chinese_diff(args.runs)


if __name__ == "__main__":
    main()
