"""Generate synthetic draftkit projects of N paragraphs and F footnotes (for benchmarks).

    python benchmarks/synth.py OUT_DIR --paragraphs 1000 --footnotes 100 [--lang en --lang fr]

`make_project(root, paragraphs, footnotes)` is the same thing as a function. Paragraphs
are a tenth preambular, the rest operative; every fifth operative one has two
sub-paragraphs and every seventh refers to the first operative paragraph. With `markup`,
every paragraph carries inline markup (an italic title, bold, a superscript, small capitals)
and the footnotes cite one work with an italic title (`source:`, so the renderer writes Ibid.).
"""

from __future__ import annotations

import argparse
from pathlib import Path

WORDS = ("parliaments legislation children protection online exploitation cooperation measures "
         "international national framework effective justice victims support prevention").split()


def _sentence(index: int, length: int = 18) -> str:
    return " ".join(WORDS[(index * 7 + k * 3) % len(WORDS)] for k in range(length))


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


#: What `markup` adds to each paragraph's text and footnotes.
MARKUP = " under the *Official Records of the General Assembly*, n^o^ 3, **in particular** {sc:UN} bodies"
NOTE_MARKUP = "*United Nations, Treaty Series*, vol. {index}, No. 27531."


def make_project(root: Path, paragraphs: int, footnotes: int, languages=("en", "fr"), markup: bool = False) -> Path:
    """Write a valid project of `paragraphs` paragraphs carrying `footnotes` footnotes; return `root`."""
    preambular = max(1, paragraphs // 10)
    operative = max(1, paragraphs - preambular)
    noted = {round(i * paragraphs / footnotes) for i in range(footnotes)} if footnotes else set()
    lines = [
        "version: 1", "date: 2021-07-15", "body: ipu-assembly", 'session: "143"', "symbol: C-III/143/DR",
        f"languages: [{', '.join(languages)}]",
        "title:", *(f"  {lang}: Synthetic resolution of {paragraphs} paragraphs" for lang in languages),
    ]
    for kind, count, offset in (("preambular", preambular, 0), ("operative", operative, preambular)):
        lines.append(f"{kind}:")
        for n in range(count):
            index = offset + n
            ident = f"{kind[:2]}-{index}"
            call = "[^n]" if index in noted else ""
            ref = " as in {ref:op-" + str(preambular) + "}" if kind == "operative" and n % 7 == 6 else ""
            opening = "Recalling" if kind == "preambular" else "Urges"
            lines += [f"  - id: {ident}", "    opening: {" + ", ".join(f"{l}: {opening}" for l in languages) + "}",
                      "    text:"]
            extra = MARKUP if markup else ""
            lines += [f"      {lang}: {_quoted(_sentence(index) + extra + ref + call)}" for lang in languages]
            if call and markup:
                note = _quoted(NOTE_MARKUP.format(index=index))
                lines += ["    footnotes:", "      n: {source: unts, " + ", ".join(f"{l}: {note}" for l in languages) + "}"]
            elif call:
                lines += ["    footnotes:", "      n: {" + ", ".join(f"{l}: 'Footnote {index}.'" for l in languages) + "}"]
            if kind == "operative" and n % 5 == 4:
                lines.append("    subparagraphs:")
                for k in range(2):
                    lines.append("      - text: {" + ", ".join(f"{l}: {_quoted(_sentence(index + k, 8))}" for l in languages) + "}")
    (root / "drafts").mkdir(parents=True, exist_ok=True)
    (root / "clauses").mkdir(exist_ok=True)  # an empty library: every paragraph is written inline
    (root / "draftkit.yaml").write_text(f"name: synth-{paragraphs}\n", encoding="utf-8")
    (root / "drafts" / "draft-1.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--footnotes", type=int, default=100)
    parser.add_argument("--lang", action="append", dest="languages")
    parser.add_argument("--markup", action="store_true", help="inline markup in every paragraph and footnote")
    args = parser.parse_args()
    root = make_project(args.out, args.paragraphs, args.footnotes, tuple(args.languages or ("en", "fr")),
                        markup=args.markup)
    print(root)


if __name__ == "__main__":
    main()
