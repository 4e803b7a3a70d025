"""Denial-of-service attacks on darklint, as files a pull request could add.

Each function writes one attack of a given size into a directory and returns the command
line (arguments after ``darklint``) that runs it, as CI would. The regression tests
(``tests/test_security_dos.py``) run them small, under a timeout; the benchmark
(``bench/security.py``) runs them at the sizes of the original report and prints time and
peak memory. Sizes are chosen by the caller, so nothing large is committed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import yaml

Attack = Callable[[Path, int], list[str]]


def _dump(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9)


def _product(flows: dict, **extra: object) -> dict:
    return {"darklint": 1, "product": "Attack", **extra, "flows": flows}


def _signup(options: list | None = None) -> dict:
    first: dict = {"actions": [{"label": "Join", "to": "done"}]}
    if options:
        first["options"] = options
    return {
        "kind": "signup",
        "start": "form",
        "steps": {"form": first, "done": {"outcome": "subscribed"}},
    }


def trick_question_label(directory: Path, size: int) -> list[str]:
    """DL503: one tick-box label of ``size`` characters that repeats the first word of a
    double negative ("uncheck ...") without ever completing it."""
    label = ("uncheck " * (size // 8 + 1))[:size]
    path = directory / "trick.yaml"
    path.write_text(_dump(_product({"signup": _signup([{"label": label, "kind": "marketing"}])})))
    return ["check", "-f", "json", str(path)]


def long_word_label(directory: Path, size: int) -> list[str]:
    """DL501/DL503: one option label that is a single word of ``size`` letters ending in n."""
    label = "xn" * (size // 2)
    path = directory / "word.yaml"
    path.write_text(_dump(_product({"signup": _signup([{"label": label, "kind": "marketing"}])})))
    return ["check", "-f", "json", str(path)]


def unmatched_ignores(directory: Path, count: int) -> list[str]:
    """``count`` ignore entries with reasons that match no finding, in a file with ``count``
    findings (actions to unknown steps, DL002 each): every finding meets every entry unless
    entries are looked up by index."""
    ignores = [
        {"rule": "DL101", "flow": f"flow{i}", "step": f"step{i}", "reason": "reviewed"}
        for i in range(count)
    ]
    actions = [{"label": f"Go {i}", "to": f"missing{i}"} for i in range(count)]
    flow = {
        "kind": "signup",
        "start": "form",
        "steps": {"form": {"actions": actions}, "done": {"outcome": "subscribed"}},
    }
    path = directory / "ignores.yaml"
    path.write_text(_dump(_product({"signup": flow}, ignore=ignores)))
    return ["check", "-f", "json", str(path)]


def aliased_unknown_targets(directory: Path, count: int, length: int = 100_000) -> list[str]:
    """``count`` actions whose ``to:`` is an alias of one ``length``-character string: a few
    hundred kilobytes of YAML that name an unknown step ``count`` times (DL002 each)."""
    long_name = "s" * length
    steps = {
        "form": {"actions": [{"label": f"Go {i}", "to": "TARGET"} for i in range(count)]},
        "done": {"outcome": "subscribed"},
    }
    text = _dump(_product({"signup": {"kind": "signup", "start": "form", "steps": steps}}))
    first = text.replace("to: TARGET", f"to: &far {long_name}", 1)
    path = directory / "targets.yaml"
    path.write_text(first.replace("to: TARGET", "to: *far"))
    return ["check", "-f", "json", str(path)]


def long_unknown_targets(directory: Path, count: int, length: int) -> list[str]:
    """``count`` actions to unknown steps, each a different ``length``-character name."""
    actions = [{"label": f"Go {i}", "to": f"{i}-" + "s" * length} for i in range(count)]
    steps = {"form": {"actions": actions}, "done": {"outcome": "subscribed"}}
    path = directory / "long-targets.yaml"
    path.write_text(
        _dump(_product({"signup": {"kind": "signup", "start": "form", "steps": steps}}))
    )
    return ["check", "-f", "json", str(path)]


def shared_chain(directory: Path, flows: int, html: bool = False) -> list[str]:
    """A cancel flow that runs through ``flows`` other flows, one jump each, so the easiest
    cancel path (DL101's evidence) crosses every flow: the HTML report and ``darklint graph``
    draw each flow with the highlights of that one long path. The command is ``graph -f
    svg``, or ``check -f html`` with ``html``."""
    product = {"signup": _signup()}
    for i in range(flows):
        last = i + 1 == flows
        steps: dict = {
            "a": {"actions": [{"label": "Next", "to": "end" if last else f"f{i + 1}.a"}]}
        }
        if last:
            steps["end"] = {"outcome": "cancelled"}
        product[f"f{i}"] = {"kind": "cancel" if i == 0 else "other", "start": "a", "steps": steps}
    path = directory / "chain.yaml"
    path.write_text(_dump(_product(product)))
    if html:
        return ["check", "-f", f"html:{directory / 'report.html'}", str(path)]
    return ["graph", "-f", "svg", str(path)]


def nested_quantifier_rule(directory: Path, size: int) -> list[str]:
    """A rule file with a pattern that backtracks exponentially, ``(a+)+$``, and a label of
    ``size`` a's followed by a mark that makes every attempt fail."""
    rules = directory / "rules"
    rules.mkdir(exist_ok=True)
    (rules / "EVIL001.yaml").write_text(
        _dump(
            {
                "id": "EVIL001",
                "name": "evil-pattern",
                "severity": "warning",
                "category": "pressure",
                "summary": "A pattern that backtracks.",
                "check": {
                    "function": "phrases",
                    "with": {"targets": ["option_label"], "patterns": ["(a+)+$"]},
                },
                "docs": "Backtracks.",
            }
        )
    )
    label = "a" * size + "!"
    path = directory / "regex.yaml"
    path.write_text(_dump(_product({"signup": _signup([{"label": label, "kind": "marketing"}])})))
    return ["check", "-f", "json", "--rules", str(rules), str(path)]


def pathological_glob(directory: Path, size: int) -> list[str]:
    """An ``exclude`` glob with ``size`` stars that backtracks on a long file name."""
    flows = directory / "flows"
    flows.mkdir(exist_ok=True)
    (flows / ("a" * 200 + ".yaml")).write_text(_dump(_product({"signup": _signup()})))
    (directory / "darklint.yaml").write_text(_dump({"exclude": ["*a" * size + "b"]}))
    return ["check", "-f", "json", str(flows)]


def alias_bomb_rule(directory: Path, depth: int) -> list[str]:
    """A rule file whose ``fix:`` is a billion-laughs alias bomb ``depth`` levels deep."""
    rules = directory / "rules"
    rules.mkdir(exist_ok=True)
    levels = ['&a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"&a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, depth)]
    (rules / "BOMB001.yaml").write_text(
        "id: BOMB001\nname: bomb\nseverity: warning\ncategory: pressure\nsummary: Bomb.\n"
        f"check: {{function: phrases}}\ndocs: Bomb.\nfix: [{', '.join(levels)}]\n"
    )
    flow = directory / "ok.yaml"
    flow.write_text(_dump(_product({"signup": _signup()})))
    return ["check", "-f", "json", "--rules", str(rules), str(flow)]


def random_product(rng: random.Random, size: int) -> str:
    """A valid product of about ``size`` bytes whose labels, texts and ids are random words
    drawn from the vocabulary darklint's rules look for, so every rule has work to do."""
    words = [
        "no",
        "not",
        "never",
        "don't",
        "uncheck",
        "untick",
        "cancel",
        "keep",
        "offer",
        "thanks",
        "miss",
        "out",
        "opt",
        "me",
        "my",
        "send",
        "email",
        "share",
        "data",
        "want",
        "like",
        "prefer",
        "rather",
        "stop",
        "sign",
        "up",
        "unsubscribe",
        "free",
        "trial",
        "fee",
        "été",
        "中文",
        "::",
        "\\x1b",
        "a",
        "aaaaaaaaaaaaaaaaaaaa",
    ]

    def text(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n))

    flows: dict = {"signup": {"kind": "signup", "start": "s0", "steps": {}}}
    cancel: dict = {"kind": "cancel", "start": "s0", "steps": {}}
    flows["cancel"] = cancel
    written, index = 0, 0
    while written < size:
        length = rng.choice([3, 10, 50, 400, 4_000])
        for flow in (flows["signup"], cancel):
            flow["steps"][f"s{index}"] = {
                "text": text(length),
                "options": [{"label": text(length), "kind": "marketing"}],
                "actions": [{"label": text(length // 2 + 1), "to": f"s{index + 1}"}],
            }
        written += 2 * length * 6
        index += 1
    flows["signup"]["steps"][f"s{index}"] = {"outcome": "subscribed"}
    cancel["steps"][f"s{index}"] = {"outcome": "cancelled"}
    product = {"darklint": 1, "product": "Random", "flows": flows}
    return yaml.dump(product, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), width=10**9)
