"""Benchmark: `draftkit import` grows linearly with the document — whole process, median of 3.

    python benchmarks/bench_import_scale.py [--sizes 10000 30000 100000] [--tables 20000] [--runs 3]

Writes, with python-docx, a resolution of N numbered lines (a third "Recalling its
resolution N,", the rest "Urges all parliaments to act on commitment N;"): the shape that
made clause ids quadratic, every paragraph of a kind having the same slug (100,000 of
them make a DOCX of about 300 KB). Then one of a few paragraphs and T two-cell tables
(the body tables, each read as an annex table). Each `draftkit import FILE -o NEW-PROJECT` runs in a
fresh process; the last column is the time per 10,000 paragraphs (or tables), which stays
flat when the import is linear. Files go to benchmarks/out/ (ignored by git).
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import statistics
import sys
from pathlib import Path

from timing import run_timed

# Time draftkit as installed for a user: with its bytecode cache.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

OUT = Path(__file__).resolve().parent / "out" / "import-scale"


def _with_body(path: Path, lines: list[str], repeats: list[tuple[object, int]]) -> Path:
    """A python-docx document of `lines`, then for each (make, n) of `repeats` n deep copies of
    the element `make(document)` returns (appended in one pass: python-docx's own
    add_paragraph is quadratic in the length of the body)."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    samples = [(make(document), n) for make, n in repeats]  # type: ignore[operator]
    body = document.element.body
    section = body[-1]  # the final w:sectPr stays last
    body.remove(section)
    number = 0
    for element, n in samples:
        body.remove(element)
        texts = [t for t in element.iter(qn("w:t")) if "{n}" in (t.text or "")]
        for _ in range(n):
            number += 1
            for t in texts:
                t.text = t.text.replace("{n}", str(number))
            body.append(copy.deepcopy(element))
            for t in texts:
                t.text = t.text.replace(str(number), "{n}")
    body.append(section)
    document.save(str(path))
    return path


def paragraphs_docx(path: Path, count: int) -> Path:
    def line(text: str):
        return lambda document: document.add_paragraph(text)._p

    preamble = count // 3
    return _with_body(path, ["Draft resolution", "The Assembly,"],
                      [(line("Recalling its resolution {n},"), preamble),
                       (line("Urges all parliaments to act on commitment {n};"), count - preamble)])


def tables_docx(path: Path, count: int) -> Path:
    def table(document):
        made = document.add_table(rows=1, cols=2)
        made.cell(0, 0).text, made.cell(0, 1).text = "Member {n}", "{n}"
        return made._tbl

    return _with_body(path, ["Draft resolution", "The Assembly,", "Recalling its previous resolutions,",
                             "Urges all parliaments to act.", "Annex"], [(table, count)])


def median_import(docx: Path, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU (user + system) seconds of `draftkit import DOCX -o NEW` in a
    fresh process. CPU time is what to compare on a shared machine: other work inflates the wall clock."""
    beside = Path(sys.executable).with_name("draftkit")  # the draftkit of this interpreter, not another on PATH
    draftkit = str(beside) if beside.exists() else shutil.which("draftkit") or "draftkit"
    walls, cpus = [], []
    for run in range(runs):
        target = docx.with_name(f"{docx.stem}-project-{run}")
        shutil.rmtree(target, ignore_errors=True)
        wall, cpu, _ = run_timed([draftkit, "import", str(docx), "-o", str(target)], check=True)
        walls.append(wall)
        cpus.append(cpu)
        shutil.rmtree(target, ignore_errors=True)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    parser.add_argument("--tables", type=int, nargs="*", default=[20_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"{'input':<20} {'DOCX':>7} {'wall':>8} {'CPU':>8} {'CPU per 10k':>12}")
    jobs = [(count, "paragraphs", paragraphs_docx) for count in args.sizes]
    jobs += [(count, "tables", tables_docx) for count in args.tables]
    for count, what, make in jobs:
        docx = make(OUT / f"{what}-{count}.docx", count)
        wall, cpu = median_import(docx, args.runs)
        print(f"{count:>8,} {what:<11} {docx.stat().st_size // 1024:>4} KB {wall:>7.2f}s {cpu:>7.2f}s "
              f"{cpu / count * 10_000:>11.2f}s")


if __name__ == "__main__":
    main()
