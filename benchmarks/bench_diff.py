"""Benchmark `draftkit diff`: whole-process DOCX pairs (300 paragraphs / 60 changes, 3,000 / 600)
and two native 300-paragraph draft versions (whole process and library call).

    python benchmarks/bench_diff.py          # best of 5 runs each
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_docx_pairs import write_pair  # noqa: E402

# Time draftkit as installed for a user: with its bytecode cache (some shells set
# PYTHONDONTWRITEBYTECODE, which makes every run compile every module again).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

REPEAT = 5


def best(command: list[str]) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def native_project(folder: Path, paragraphs: int) -> Path:
    """A project with draft 1 and draft 2 of `paragraphs` operative paragraphs (60 edits, moves)."""
    import random

    rnd = random.Random(3)
    words = "parliaments states children online exploitation abuse legislation measures victims".split()
    texts = [" ".join(rnd.choices(words, k=rnd.randint(12, 30))) for _ in range(paragraphs)]
    (folder / "drafts").mkdir(parents=True)
    (folder / "draftkit.yaml").write_text("name: bench\n", encoding="utf-8")
    head = ("date: 2021-07-15\nbody: ipu-assembly\nsession: '143'\nlanguages: [en]\n"
            "title: {en: Benchmark}\noperative:\n")

    def write(version: int, items: list[tuple[int, str]]) -> None:
        body = "".join(f"  - id: op{i}\n    opening: {{en: Urges}}\n    text: {{en: {t}}}\n" for i, t in items)
        (folder / "drafts" / f"draft-{version}.yaml").write_text(f"version: {version}\n" + head + body, encoding="utf-8")

    old = list(enumerate(texts))
    new = list(old)
    for k in sorted(rnd.sample(range(paragraphs), 60), reverse=True):
        i, t = new[k]
        if k % 4 == 0:
            del new[k]
        elif k % 4 == 1:
            new.insert(k, (paragraphs + k, "to insert a new paragraph here"))
        else:
            new[k] = (i, t + " " + rnd.choice(words))
    write(1, old)
    write(2, new)
    return folder


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-diff-") as tmp:
        folder = Path(tmp)
        for paragraphs, changes in ((300, 60), (3000, 600)):
            old, new = write_pair(folder, paragraphs, changes)
            seconds = best(["draftkit", "diff", str(old), str(new), "-o", str(folder / "out.docx")])
            print(f"docx pair {paragraphs:>5} paragraphs / {changes:>3} changes, whole process: {seconds:.3f} s")
        project = native_project(folder / "native", 300)
        seconds = best(["draftkit", "diff", "1", "2", "--project", str(project), "-o", str(folder / "n.docx")])
        print(f"native drafts 300 paragraphs, whole process:        {seconds:.3f} s")
        print(f"python start-up + `draftkit --help`:                {best(['draftkit', '--help']):.3f} s")

        from draftkit.diff.pipeline import compare_inputs, render

        compare_inputs("1", "2", project=project)  # warm imports
        times = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            comparison, _, _ = compare_inputs("1", "2", project=project)
            render(comparison, "docx")
            times.append(time.perf_counter() - start)
        print(f"native drafts 300 paragraphs, library call:         {min(times):.3f} s")


if __name__ == "__main__":
    main()
