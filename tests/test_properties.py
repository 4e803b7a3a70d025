"""Property tests: the loader survives any input, every rule survives any valid product, and
the results are deterministic, monotone in effort and stable under moved lines.

Products are drawn by ``tools/flowgen.py`` (shared with ``tools/fuzz.py``, the longer run).
Example counts are bounded so the suite stays fast; the fuzz script runs the same properties
for as long as a maintainer likes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(ROOT / "tools"))

import flowgen
from flowgen import products, to_yaml

from darklint.load import load_file, load_text

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(FAST, max_examples=60)


# -- the loader never raises --------------------------------------------------------------------


@FAST
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_located_dl001_findings_or_a_product(data: bytes) -> None:
    flowgen.prop_bytes(data)


@FAST
@given(st.text(max_size=3000))
def test_arbitrary_text_gives_a_located_problem_or_a_product(text: str) -> None:
    flowgen.prop_text(text)


@FAST
@given(flowgen.yamlish())
def test_yaml_like_text_gives_a_located_problem_or_a_product(text: str) -> None:
    flowgen.prop_text(text)


#: Found by fuzzing: explicit standard tags whose text does not fit them raised from PyYAML.
BAD_TAGS = (
    "darklint: 1\nproduct: !!int x\nflows:\n  c:\n    kind: !!bool maybe\n    start: a\n"
    "    steps:\n      a: {outcome: !!timestamp 2001-13-45, wait_minutes: !!float x}\n"
    "      b: {text: 2024-13-45, hours: !!map x, channel: !!int 0b102}\n"
)


@SLOW
@example(BAD_TAGS)
@given(flowgen.damaged_products())
def test_damaged_products_load_or_fail_cleanly_and_lint_when_they_load(text: str) -> None:
    flowgen.prop_damaged(text)


def test_load_file_and_load_text_agree_on_a_bom_and_crlf(tmp_path: Path) -> None:
    text = "darklint: 1\r\nproduct: P\r\nflows: {}\r\n"
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    from_file = load_file(str(path))
    from_text = load_text(text, str(path))
    assert [(p.message, p.location) for p in from_file.problems] == [
        (p.message, p.location) for p in from_text.problems
    ]
    assert [p.location.line for p in from_file.problems] == [3]


# -- every rule survives any valid product --------------------------------------------------------


def _product(flows: dict, **top) -> dict:
    return {"darklint": 1, "product": "P", **top, "flows": flows}


def _steps(*chain: str, outcome: str, **extra: dict) -> dict:
    """A chain of steps a -> b -> ... ending in ``outcome``; ``extra`` adds keys per step."""
    steps = {
        name: {**extra.get(name, {}), "actions": [{"label": "Go", "to": chain[i + 1]}]}
        for i, name in enumerate(chain[:-1])
    }
    steps[chain[-1]] = {"outcome": outcome}
    return steps


#: Found by fuzzing: two waits of 1.8e308 minutes made an integer too large for a float.
HUGE_WAITS = _product(
    {
        "signup": {
            "kind": "signup",
            "start": "a",
            "steps": _steps(
                "a",
                "b",
                "c",
                outcome="subscribed",
                a={"wait_minutes": 1.7976931348623157e308},
                b={"wait_minutes": 1.7976931348623157e308},
            ),
        },
        "cancel": {
            "kind": "cancel",
            "start": "a",
            "steps": _steps(
                "a",
                "b",
                "c",
                outcome="cancelled",
                a={"wait_minutes": 1.7976931348623157e308},
                b={"wait_minutes": 1.7976931348623157e308},
            ),
        },
    }
)


@SLOW
@example(HUGE_WAITS)
@given(products())
def test_generated_products_load_and_every_rule_runs_deterministically(product: dict) -> None:
    flowgen.prop_rules(product)


@SLOW
@given(products())
def test_a_longer_cancel_path_never_costs_less(product: dict) -> None:
    flowgen.prop_longer_cancel(product)


@SLOW
@given(products(line_breaks=False), st.data())
def test_fingerprints_survive_moved_lines_and_reordered_steps(product: dict, data) -> None:
    flowgen.prop_fingerprints(product, data)


@settings(SLOW, max_examples=30)
@given(products())
def test_every_output_format_renders_any_product_and_still_parses(product: dict) -> None:
    flowgen.prop_reports(product)


#: Found by fuzzing: findings that took the first step in display order as their subject.
FIRST_IN_FILE = {
    # DL103 without a subscription pointed at the first `subscribed` step written.
    "DL103": _product(
        {
            "s": {
                "kind": "signup",
                "start": "a",
                "steps": {
                    "a": {"actions": [{"label": "Go", "to": "x"}, {"label": "Go", "to": "y"}]},
                    "x": {"outcome": "subscribed"},
                    "y": {"outcome": "subscribed"},
                },
            }
        }
    ),
    # DL304's evidence was the signup path to the first payment point written.
    "DL304": _product(
        {
            "s": {
                "kind": "signup",
                "start": "a",
                "steps": {
                    "a": {"actions": [{"label": "Go", "to": "x"}, {"label": "Go", "to": "y"}]},
                    "x": {"actions": [{"label": "Pay", "to": "z"}]},
                    "y": {"actions": [{"label": "Pay", "to": "z"}]},
                    "z": {"outcome": "subscribed"},
                },
            },
            "c": {
                "kind": "cancel",
                "start": "a",
                "steps": {
                    "a": {
                        "actions": [
                            {"label": "Cancel", "to": "b", "fees": [{"name": "Exit", "amount": 9}]}
                        ]
                    },
                    "b": {"outcome": "cancelled"},
                },
            },
        }
    ),
}


@pytest.mark.parametrize("rule", sorted(FIRST_IN_FILE))
def test_fingerprints_do_not_follow_the_order_steps_are_written_in(rule: str) -> None:
    product = FIRST_IN_FILE[rule]
    forward = flowgen.lint_text(to_yaml(product))
    backward = flowgen.lint_text(
        to_yaml(flowgen.reorder_steps(product, lambda flow, steps: steps[::-1]))
    )
    assert rule in {f.rule_id for f in forward.findings}
    assert sorted(f.fingerprint() for f in forward.findings) == sorted(
        f.fingerprint() for f in backward.findings
    )


# -- the same output in every process -----------------------------------------------------------


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Set and dict order must not leak into findings: two processes, two hash seeds."""
    texts: list[str] = []

    @settings(max_examples=25, database=None, derandomize=True, deadline=None)
    @given(products())
    def collect(product: dict) -> None:
        texts.append(to_yaml(product))

    collect()
    for index, text in enumerate(texts):
        (tmp_path / f"p{index:02d}.yaml").write_text(text, encoding="utf-8")

    def run(seed: str) -> dict:
        result = subprocess.run(
            [sys.executable, "-m", "darklint", "check", str(tmp_path), "-f", "json"],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=False,
        )
        assert result.returncode in (0, 1, 2) and "Traceback" not in result.stderr
        return json.loads(result.stdout)

    assert run("1") == run("4242")


@pytest.mark.parametrize("count", [200])
def test_bounded_fuzz_run(count: int) -> None:
    """CI's share of the long fuzzing run: ``tools/fuzz.py --examples 200``."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "fuzz.py"), "--examples", str(count), "--seed", "0"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"fuzz: {count} examples" in result.stdout and "failures: 0" in result.stdout


def test_a_missing_start_is_guessed_whatever_the_order_of_steps() -> None:
    """Found by the fingerprint property: the step guessed as a missing start's replacement
    was the first written, so reordering steps changed which steps counted as unreachable."""
    product = {
        "darklint": 1,
        "product": "Guess",
        "flows": {
            "main": {
                "kind": "signup",
                "start": "a",
                "steps": {
                    "a": {"actions": [{"label": "Join", "to": "done"}]},
                    "orphan": {"actions": [{"label": "Join", "to": "done"}]},
                    "done": {"outcome": "subscribed"},
                },
            },
            "lost": {
                "kind": "refund",
                "start": "missing",
                "steps": {
                    "a": {"outcome": "refunded"},
                    "z": {"actions": [{"label": "Back", "to": "main.orphan"}]},
                },
            },
        },
    }
    written = flowgen.lint_text(flowgen.to_yaml(product))
    swapped = flowgen.reorder_steps(product, lambda flow, steps: list(reversed(steps)))
    moved = flowgen.lint_text(flowgen.to_yaml(swapped))
    assert sorted((f.rule_id, f.fingerprint()) for f in written.findings) == sorted(
        (f.rule_id, f.fingerprint()) for f in moved.findings
    )
