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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(ROOT / "tools"))

import flowgen  # noqa: E402
from flowgen import products, to_yaml  # noqa: E402

from darklint.load import load_file, load_text  # noqa: E402

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


@SLOW
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


@SLOW
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
    assert f"{count} examples" in result.stdout and "failures: 0" in result.stdout
