"""Benchmark: how `import` and DOCX-vs-DOCX `diff` grow with the document, whole process.

    python benchmarks/bench_growth.py [--import-sizes 10000 30000 100000] [--diff-sizes 5000 10000] [--runs 3]

The figures the hardening work asked for in one place: `draftkit import` of 10k/30k/100k
numbered paragraphs (the files of bench_import_scale.py) and `draftkit diff OLD.docx
NEW.docx -o red.docx` of 5k/10k-paragraph pairs with one paragraph in five changed (the
pairs of gen_docx_pairs.py). Each run is a fresh process; the median of `--runs` is shown
with CPU seconds (user + system, what to compare on a shared machine) and the CPU time per
1,000 paragraphs, which stays flat when the cost is linear. Files go to benchmarks/out/.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import_scale import median_import, paragraphs_docx  # noqa: E402
from gen_docx_pairs import write_pair  # noqa: E402
from timing import run_timed  # noqa: E402

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # time draftkit with its bytecode cache, as installed

OUT = Path(__file__).resolve().parent / "out" / "growth"


def _draftkit() -> str:
    beside = Path(sys.executable).with_name("draftkit")
    return str(beside) if beside.exists() else shutil.which("draftkit") or "draftkit"


def median_diff(old: Path, new: Path, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `draftkit diff OLD NEW -o red.docx`, fresh processes."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu, _ = run_timed([_draftkit(), "diff", str(old), str(new), "--date", "2021-06-16", "-o",
                                  str(old.with_name("red.docx"))], check=True)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def _row(what: str, size: int, wall: float, cpu: float) -> str:
    return f"{what:<7} {size:>7,} paragraphs   wall {wall:7.2f} s   cpu {cpu:7.2f} s   cpu per 1,000: {cpu / size * 1000:5.3f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--import-sizes", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    parser.add_argument("--diff-sizes", type=int, nargs="*", default=[5_000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for size in options.import_sizes:
        docx = paragraphs_docx(OUT / f"import-{size}.docx", size)
        print(_row("import", size, *median_import(docx, options.runs)), flush=True)
    for size in options.diff_sizes:
        folder = OUT / f"diff-{size}"
        folder.mkdir(exist_ok=True)
        old, new = write_pair(folder, size, size // 5)
        print(_row("diff", size, *median_diff(old, new, options.runs)), flush=True)


if __name__ == "__main__":
    main()
