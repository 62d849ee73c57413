"""Benchmark `draftkit check` on a generated 1,000-paragraph bilingual draft (target: < 1 s).

    python benchmarks/bench_check.py [PARAGRAPHS]

Writes a project to a temporary folder (300 preambular and 700 operative paragraphs per
1,000, in English and French, with sub-paragraphs, footnotes, cross-references and a
few findings of each kind), then reports: `run_checks` alone (best of 5), loading the
draft, and the whole `draftkit check` command in a fresh process (start-up included).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from draftkit.check import counts, run_checks
from draftkit.loading import open_draft

# Time draftkit as installed for a user: with its bytecode cache (some shells set
# PYTHONDONTWRITEBYTECODE, which makes every run compile every module again).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

WORDS = ("parliaments states children online exploitation abuse legislation cooperation measures "
         "protection victims providers services national international law enforcement support "
         "prevention data research implementation review framework evidence survivors technology "
         "platforms reporting removal material detection safeguards education").split()
MOTS = ("parlements États enfants ligne exploitation abus législation coopération mesures protection "
        "victimes fournisseurs services national international police soutien prévention données "
        "recherche mise œuvre examen cadre preuves survivants technologie plateformes signalement").split()
PREAMBULAR = [("Recalling", "Rappelant"), ("Also recalling", "Rappelant également"), ("Noting", "Notant"),
              ("Deeply concerned", "Profondément préoccupée"), ("Aware", "Consciente"), ("Welcoming", "Se félicitant")]
OPERATIVE = [("Urges", "Exhorte"), ("Calls upon", "Demande"), ("Encourages", "Encourage"),
             ("Invites", "Invite"), ("Requests", "Prie"), ("Recommends", "Recommande")]


def _words(rng: random.Random, pool: list[str], n: int) -> str:
    return " ".join(rng.choice(pool) for _ in range(n))


def _quote(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def generate(count: int, seed: int = 7) -> str:
    """Return the YAML of a draft with `count` paragraphs (30 % preambular)."""
    rng = random.Random(seed)
    lines = ["version: 1", "date: 2021-07-15", "body: ipu-assembly", 'session: "143"', "languages: [en, fr]",
             "title: {en: Generated draft, fr: Projet généré}", "preambular:"]
    n_pre = count * 3 // 10
    for index in range(count):
        if index == n_pre:
            lines.append("operative:")
        kind = "pp" if index < n_pre else "op"
        en_open, fr_open = rng.choice(PREAMBULAR if kind == "pp" else OPERATIVE)
        en, fr = _words(rng, WORDS, rng.randint(15, 40)), _words(rng, MOTS, rng.randint(15, 40))
        if kind == "op" and index > n_pre + 1 and index % 9 == 0:
            target = f"op-{rng.randrange(n_pre, index)}"
            en, fr = en + f" as in {{ref:{target}}}", fr + f" comme au {{ref:{target}}}"
        if index % 50 == 0:
            en += " and child pornography"  # a terminology finding every 50 paragraphs
        if index % 70 == 0:
            en += " as stated in paragraph 4"  # a hand-typed number
        lines += [f"  - id: {kind}-{index}", f"    opening: {{en: {en_open}, fr: {fr_open}}}"]
        footnote = index % 25 == 0
        if footnote:
            en, fr = en + "[^n]", fr + "[^n]"
        lines += ["    text:", f"      en: {_quote(en)}", f"      fr: {_quote(fr)}"]
        if footnote:
            lines += ["    footnotes:", '      n: {en: "Treaty Series, vol. 1577", fr: "Recueil des Traités, vol. 1577"}']
        if kind == "op" and index % 4 == 0:
            lines.append("    subparagraphs:")
            for _ in range(3):
                lines.append(f"      - text: {{en: {_quote(_words(rng, WORDS, 10))}, fr: {_quote(_words(rng, MOTS, 10))}}}")
    return "\n".join(lines) + "\n"


def best_of(runs: int, call) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "draftkit.yaml").write_text("name: bench\nword_limit: 100000\n", encoding="utf-8")
        (root / "clauses").mkdir()
        (root / "drafts").mkdir()
        (root / "drafts" / "draft-1.yaml").write_text(generate(count), encoding="utf-8")
        start = time.perf_counter()
        project, draft = open_draft(root)
        load = time.perf_counter() - start
        findings = run_checks(draft, project_config=project.config)
        check = best_of(5, lambda: run_checks(draft, project_config=project.config))
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "draftkit", "check", "-p", str(root), "--format", "json"],
                       check=False, stdout=subprocess.DEVNULL)
        command = time.perf_counter() - start
    paragraphs = len(draft.preambular) + len(draft.operative)
    print(f"{paragraphs} paragraphs (en+fr): {counts(findings)}")
    print(f"run_checks (best of 5): {check * 1000:.0f} ms   target < 1000 ms")
    print(f"load draft:             {load * 1000:.0f} ms")
    print(f"`draftkit check` whole command, fresh process: {command * 1000:.0f} ms")


if __name__ == "__main__":
    main()
