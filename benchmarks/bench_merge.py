"""Benchmark: `draftkit merge` on 50 contributions × 20 proposals into a 300-paragraph draft.

Generates a synthetic project in a temporary folder (draft 1, draft 2 with co-rapporteur
edits, 50 contribution files, one decisions file), then times the whole process
`draftkit merge` (start-up included). Target: under 1.5 s.

    python benchmarks/bench_merge.py [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Time draftkit as installed for a user: with its bytecode cache (some shells set
# PYTHONDONTWRITEBYTECODE, which makes every run compile every module again).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

PARAGRAPHS = 300
DELEGATIONS = 50
PROPOSALS = 20
VOCABULARY = ("parliaments", "children", "online", "legislation", "cooperation", "protection", "victims",
              "providers", "material", "abuse", "exploitation", "measures", "support", "States", "law")


def paragraph_words(index: int) -> list[str]:
    rng = random.Random(index)
    # Each paragraph has unique marker words so quoted fragments are unambiguous.
    return [f"{rng.choice(VOCABULARY)}{index}x{k}" for k in range(30)]


def draft(version: int) -> str:
    lines = [f"version: {version}", f"date: 2021-06-{version:02d}", "body: ipu-assembly", 'session: "143"',
             "languages: [en]", "title: {en: Benchmark resolution}", "deadline: 2021-06-14T23:59:00+02:00",
             "preambular:"]
    for i in range(PARAGRAPHS):
        if i == 100:
            lines.append("operative:")
        words = paragraph_words(i)
        if version == 2 and i % 10 == 0:
            words[-1] = "changed"  # co-rapporteurs' edit at the end of every tenth paragraph
        opening = "Recalling" if i < 100 else "Urges"
        lines += [f"  - id: p{i}", f"    opening: {{en: {opening}}}", f"    text: {{en: {' '.join(words)}}}"]
    return "\n".join(lines) + "\n"


def build(root: Path) -> None:
    (root / "clauses").mkdir(parents=True)
    (root / "clauses" / "none.yaml").write_text("clauses: []\n")
    (root / "draftkit.yaml").write_text("name: bench\n")
    (root / "drafts").mkdir()
    (root / "drafts" / "draft-1.yaml").write_text(draft(1))
    (root / "drafts" / "draft-2.yaml").write_text(draft(2))
    folder = root / "contributions" / "round-1"
    folder.mkdir(parents=True)
    decisions = []
    for d in range(DELEGATIONS):
        lines = [f"delegation: Delegation {d}", f"submitted_at: 2021-06-{1 + d % 13:02d}T12:00:00+02:00",
                 "responds_to: 1", "language: en", "proposals:"]
        for p in range(PROPOSALS):
            n = d * PROPOSALS + p
            paragraph = n % PARAGRAPHS
            slot = 1 + 3 * (n // PARAGRAPHS)  # a different word of the paragraph for each proposal
            old = paragraph_words(paragraph)[slot]
            kind = 100 if paragraph >= 100 else 0
            label = f"OP{paragraph - 99}" if kind else f"PP{paragraph + 1}"
            lines += [f"  - id: D{d}-{p}", "    action: amend-text", f"    target: {label}",
                      f"    old: {old}", f"    new: amended {old}"]
            decisions.append(f"- {{proposal: D{d}-{p}, decision: {'reject' if n % 7 == 0 else 'accept'}}}")
        (folder / f"d{d:02d}.yaml").write_text("\n".join(lines) + "\n")
    (root / "decisions").mkdir()
    (root / "decisions" / "round-1.yaml").write_text("\n".join(decisions) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="draftkit-bench-merge-"))
    root = folder / "project"
    if root.exists():
        shutil.rmtree(root)
    build(root)
    command = [sys.executable, "-m", "draftkit", "merge", "-p", str(root), "--date", "2021-06-16", "-o",
               str(folder / "draft-3.yaml")]
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"merge failed: {done.stderr}")
    print(done.stdout.splitlines()[0])
    print(f"{DELEGATIONS} contributions × {PROPOSALS} proposals into {PARAGRAPHS} paragraphs: "
          f"median {statistics.median(times):.2f} s, best {min(times):.2f} s over {args.runs} runs (target < 1.5 s)")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
