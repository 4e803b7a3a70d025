"""Precision and recall of DL501 and DL503's wording judges on the labelled label sets.

``python tools/copy_scores.py`` prints the table; ``--write`` puts it into the rule files'
documentation (between the ``<!-- scores -->`` markers of rules/DL501.yaml and DL503.yaml),
and ``--errors`` lists every label judged wrongly. tests/test_copy_scores.py checks that the
table in each rule file is the one this computes, so the published numbers stay true.

The sets are tests/data/copy/dev/ (the labels the lexicons were first built on),
tests/data/copy/heldout/ (written first, apart; its second batch scored once before it was
read), tests/data/copy/stress/ (written in other phrasing before the lexicons were widened
to read shapes of evaluation), tests/data/copy/probe/ (written after that, scored once
before it was read) and tests/data/copy/blind/ (written without sight of the rules and never
tuned on). All but the blind set are development material now: the figures on them say what the
rules do on wording like theirs, not on wording nobody has seen (each README keeps the
figures it had when first scored).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from darklint.wording import LANGUAGES, judge_decline, judge_tick_box  # noqa: E402

DATA = ROOT / "tests" / "data" / "copy"
SETS = ("dev", "heldout", "stress", "probe", "blind")
SET_NAMES = {
    "dev": "dev",
    "heldout": "held-out",
    "stress": "stress",
    "probe": "probe",
    "blind": "blind",
}
JUDGES = {"DL501": judge_decline, "DL503": judge_tick_box}
BEGIN, END = "<!-- scores -->", "<!-- /scores -->"


@dataclass(frozen=True)
class Score:
    """Counts of one rule on one language's labels of one set."""

    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def labels(self) -> int:
        return (
            self.true_positives + self.false_positives + self.false_negatives + self.true_negatives
        )


def labelled(rule: str, language: str, which: str) -> list[tuple[bool, str]]:
    """(should be reported, label) for each line of a label file ('+ text' or '- text')."""
    path = DATA / which / f"{rule}-{language}.txt"
    out: list[tuple[bool, str]] = []
    if not path.exists():
        return out
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        mark, _, text = line.partition(" ")
        if mark not in "+-" or not text:
            raise ValueError(f"{path}:{number}: start the line with '+ ' or '- '")
        out.append((mark == "+", text.strip()))
    return out


def score(rule: str, language: str, which: str) -> tuple[Score, list[tuple[bool, str]]]:
    """The counts, and the labels judged wrongly (expected verdict, label)."""
    judge = JUDGES[rule]
    counts = [0, 0, 0, 0]
    wrong = []
    for expected, text in labelled(rule, language, which):
        found = judge(text, language) is not None
        counts[(0 if found else 2) + (0 if expected == found else 1)] += 1
        if expected != found:
            wrong.append((expected, text))
    tp, fp, fn, tn = counts[0], counts[1], counts[3], counts[2]
    return Score(tp, fp, fn, tn), wrong


def table(rule: str) -> str:
    """The Markdown table of one rule: per language and set, precision / recall (labels)."""
    lines = [
        "| language | " + " | ".join(f"{SET_NAMES[w]} P / R (labels)" for w in SETS) + " |",
        "|---|" + "---|" * len(SETS),
    ]
    for language in LANGUAGES:
        cells = [language]
        for which in SETS:
            counts, _ = score(rule, language, which)
            if counts.labels:
                cells.append(f"{counts.precision:.2f} / {counts.recall:.2f} ({counts.labels})")
            else:
                cells.append("—")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def block(rule: str) -> str:
    return f"{BEGIN}\n{table(rule)}\n{END}"


def rule_file(rule: str) -> Path:
    return ROOT / "rules" / f"{rule}.yaml"


def published(rule: str) -> str | None:
    """The table block as the rule file has it (its docs indent removed), if any."""
    text = rule_file(rule).read_text(encoding="utf-8")
    found = re.search(rf"^( *){re.escape(BEGIN)}\n(.*?)^\1{re.escape(END)}", text, re.S | re.M)
    if found is None:
        return None
    indent = found.group(1)
    body = "".join(line[len(indent) :] + "\n" for line in found.group(2).splitlines())
    return f"{BEGIN}\n{body}{END}"


def write(rule: str) -> None:
    path = rule_file(rule)
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"^( *){re.escape(BEGIN)}\n.*?^\1{re.escape(END)}", text, re.S | re.M)
    if found is None:
        raise SystemExit(f"{path}: no {BEGIN} ... {END} block to fill")
    indent = found.group(1)
    fresh = "\n".join(indent + line if line else line for line in block(rule).splitlines())
    path.write_text(text[: found.start()] + fresh + text[found.end() :], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update the rule files' tables")
    parser.add_argument("--errors", action="store_true", help="list the labels judged wrongly")
    parser.add_argument("--set", choices=SETS, default=None, help="with --errors: only this set")
    args = parser.parse_args(argv)
    for rule in JUDGES:
        print(f"{rule}\n{table(rule)}\n")
        if args.write:
            write(rule)
        if args.errors:
            for which in [args.set] if args.set else SETS:
                for language in LANGUAGES:
                    for expected, text in score(rule, language, which)[1]:
                        kind = "missed" if expected else "flagged"
                        print(f"  {which} {language} {kind}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
