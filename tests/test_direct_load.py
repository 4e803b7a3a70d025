"""The loader's fast path builds exactly what the validator builds, or leaves the file to it.

``darklint.load.direct`` must never accept a file the validator would reject, never build an
object that differs in any field (locations and key locations included), and never change a
message: every file of the repository, a generated corpus and thousands of mutations of them
are loaded both ways and compared.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, FIXTURES, ROOT

import darklint.load as loader
from bench.generate import big_product, product, to_yaml
from darklint.load.direct import build_product
from darklint.load.validate import Validator
from darklint.load.yamlnodes import compose

FILES = sorted({*EXAMPLES.rglob("*.yaml"), *FIXTURES.rglob("*.yaml"), *ROOT.glob("tests/**/*.yml")})


def shape(value: Any) -> Any:
    """Everything about a value that a reader could see: types, every field, dict order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple((k, shape(v)) for k, v in vars(value).items()))
    if isinstance(value, dict):
        return ("dict", tuple((k, shape(v)) for k, v in value.items()))
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, tuple(shape(v) for v in value))
    return (type(value).__name__, value)


def slowly(text: str, path: str) -> loader.LoadResult:
    """The file loaded by the validator alone."""
    original = loader.build_product
    loader.build_product = lambda node, path: None
    try:
        return loader.load_text(text, path)
    finally:
        loader.build_product = original


def assert_same_load(text: str, path: str) -> bool:
    """Both ways give the same result; True when the file loads."""
    fast, slow = loader.load_text(text, path), slowly(text, path)
    assert fast.problems == slow.problems
    assert shape(fast.product) == shape(slow.product)
    assert fast.targets == slow.targets and fast.is_flow_file == slow.is_flow_file
    return slow.product is not None


def generated_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [to_yaml(product(rng, index)) for index in range(count)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_repository_file_loads_the_same_both_ways(path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    assert_same_load(text, str(path))


def test_generated_products_take_the_fast_path():
    texts = [*generated_texts(40, seed=18), to_yaml(big_product(600, seed=3))]
    for number, text in enumerate(texts):
        path = f"generated-{number}.yaml"
        node, problem = compose(text, path)
        assert problem is None
        validator = Validator(path)
        slow = validator.build(loader.Product, node, "the file", {"path": path})
        assert not validator.problems
        fast = build_product(node, path)
        assert fast is not None, "a valid generated file should not need the validator"
        assert shape(fast) == shape(slow)


#: What a mutation writes in place of a value: other kinds, tags, numbers YAML reads oddly.
REPLACEMENTS = [
    "yes", "no", "on", "~", "null", "''", "[]", "{}", "[a, b]", "{x: 1}", "-3", "0", "010",
    "0x1F", "1_000", "1:30", ".nan", ".inf", "-.inf", "2024-01-01", "!!str 5", "!!int abc",
    "!!float 2", "!!binary aGk=", "!custom x", "'quoted'", "3.5", "true", "web", "primary",
    "price", "monthly", "&anchor x", "*anchor", "<<", "=", "a.b", "mon", "09:00", "24:00",
]  # fmt: skip


def mutations(text: str, rng: random.Random, count: int) -> list[str]:
    """Texts that differ from ``text`` by one edit of one line."""
    lines = text.splitlines()
    out = []
    for _ in range(count):
        changed = list(lines)
        index = rng.randrange(len(changed))
        line = changed[index]
        kind = rng.randrange(6)
        if kind == 0 and ":" in line:  # another value
            key = line.split(":", 1)[0]
            changed[index] = f"{key}: {rng.choice(REPLACEMENTS)}"
        elif kind == 1 and ":" in line:  # another key
            rest = line.split(":", 1)[1]
            indent = line[: len(line) - len(line.lstrip())]
            key = rng.choice(["label", "lable", "to", "kind", "price", "1", "null", "from", "x"])
            changed[index] = f"{indent}{key}:{rest}"
        elif kind == 2:  # a line twice (a duplicate key or item)
            changed.insert(index, line)
        elif kind == 3:  # a line gone (a missing key)
            del changed[index]
        elif kind == 4 and "- " in line:  # a list item as a scalar
            changed[index] = line.split("- ", 1)[0] + "- " + rng.choice(REPLACEMENTS)
        else:  # a new key
            indent = line[: len(line) - len(line.lstrip())]
            changed.insert(index, f"{indent}{rng.choice(['observed', 'fees', 'of', 'up_to'])}: "
                                  f"{rng.choice(REPLACEMENTS)}")  # fmt: skip
        out.append("\n".join(changed) + "\n")
    return out


def test_mutated_files_load_the_same_both_ways():
    rng = random.Random(2026)
    sources = [
        *generated_texts(12, seed=7),
        *(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))[:8]),
    ]
    loaded = failed = 0
    for number, source in enumerate(sources):
        for text in mutations(source, rng, 120):
            if assert_same_load(text, f"mutated-{number}.yaml"):
                loaded += 1
            else:
                failed += 1
    assert loaded > 200 and failed > 200  # both outcomes were exercised


def test_a_problem_in_a_cross_field_check_is_the_validators_to_report():
    text = (
        "darklint: 1.1\nproduct: P\nflows:\n  buy:\n    kind: purchase\n    start: a\n"
        "    steps:\n      a:\n        actions:\n          - label: Pay\n            to: b\n"
        "            fees: [{name: Service, amount: 5, percent: 3}]\n"
        "      b: {outcome: purchased}\n"
    )
    node, _ = compose(text, "p.yaml")
    assert build_product(node, "p.yaml") is None
    result = loader.load_text(text, "p.yaml")
    assert [p.message for p in result.problems] == [
        "fee 1 of 'fees' of action 1 of 'actions' of step 'a' has both 'amount' and 'percent'; "
        "a fee is either an amount or a share: keep one of them"
    ]


def tagged(node: Any) -> list[tuple[str, str, int, int]]:
    """Every node's kind, tag and start, in document order (a shared node once: the
    repository has alias bombs)."""
    out = []
    seen: set[int] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        mark = item.start_mark
        out.append((type(item).__name__, item.tag, mark.line, mark.column))
        if isinstance(item.value, list):
            for child in reversed(item.value):
                stack.extend(reversed(child) if isinstance(child, tuple) else [child])
    return out


def test_nodes_get_the_tags_pyyamls_safe_loader_gives():
    rng = random.Random(11)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in FILES]
    texts += [m for t in generated_texts(6, seed=5) for m in mutations(t, rng, 60)]
    texts.append("\n".join(f"k{i}: {v}" for i, v in enumerate(REPLACEMENTS)) + "\n")
    for text in texts:
        try:
            expected = yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            continue
        node, problem = compose(text, "t.yaml")
        assert problem is None
        assert tagged(node) == tagged(expected)


@pytest.mark.parametrize("number", ["9" * 5000, "010", "1_000", "0x1F", "1:30", "4.99", ".5"])
def test_numbers_however_written_load_as_the_validator_reads_them(number):
    text = (
        "darklint: 1\nproduct: P\nflows:\n  a:\n    kind: other\n    start: s\n    steps:\n"
        f"      s: {{wait_minutes: {number}, outcome: resolved}}\n"
    )
    assert_same_load(text, "n.yaml")


def test_the_node_budget_is_counted_as_the_validator_counts_it(monkeypatch):
    """A file that needs exactly the budget loads both ways; one node less, neither way."""
    import darklint.load.direct as direct
    from darklint.load.validate import NODE_BUDGET, BudgetExceeded

    text = generated_texts(1, seed=99)[0]
    node, _ = compose(text, "b.yaml")
    validator = Validator("b.yaml")
    validator.build(loader.Product, node, "the file", {"path": "b.yaml"})
    spent = NODE_BUDGET - validator.budget
    assert spent > 100
    monkeypatch.setattr(direct, "NODE_BUDGET", spent)
    assert build_product(node, "b.yaml") is not None
    monkeypatch.setattr(direct, "NODE_BUDGET", spent - 1)
    assert build_product(node, "b.yaml") is None
    with pytest.raises(BudgetExceeded):
        Validator("b.yaml", budget=spent - 1).build(loader.Product, node, "the file", {})
