"""Denial of service: no input under the size cap takes time or memory out of proportion.

Each attack of ``tools/attacks.py`` runs through the real command line at a size where the
old code took many seconds (or minutes, or gigabytes) and the fixed code takes well under a
second; the timeout turns a regression into a failure rather than a hang. The figures at the
report's sizes come from ``bench/security.py``. The tests go through the public interface
only (the command line and the lint API), never a rule's patterns, so a rewrite of a rule
keeps them meaningful.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import attacks

#: Seconds an attack may take end to end. The fixed code needs well under one (plus start-up);
#: the old code needed from 20 seconds to hours at these sizes.
LIMIT = 15


def run_within(args: list[str], cwd: Path, limit: float = LIMIT) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            [sys.executable, "-m", "darklint", *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"darklint {' '.join(args[:3])} ... took over {limit} s")


def findings(result: subprocess.CompletedProcess) -> list[dict]:
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)["findings"]


def test_a_long_tick_box_label_is_read_in_linear_time(tmp_path: Path) -> None:
    for attack in (attacks.trick_question_label, attacks.long_word_label):
        result = run_within(attack(tmp_path, 40_000), tmp_path)
        assert result.returncode in (0, 1), result.stderr
        findings(result)


def test_double_negatives_are_still_found_in_a_long_label(tmp_path: Path) -> None:
    label = "uncheck " * 5_000 + "this box if you do not want offers"
    path = tmp_path / "trick.yaml"
    product = yaml.safe_load(Path(attacks.trick_question_label(tmp_path, 10)[-1]).read_text())
    product["flows"]["signup"]["steps"]["form"]["options"][0]["label"] = label
    path.write_text(yaml.safe_dump(product))
    found = findings(run_within(["check", "-f", "json", str(path)], tmp_path))
    assert any(f["rule"] == "DL503" for f in found)


def test_thousands_of_ignore_entries_are_matched_by_index(tmp_path: Path) -> None:
    result = run_within(attacks.unmatched_ignores(tmp_path, 4_000), tmp_path)
    rules = [f["rule"] for f in findings(result)]
    assert rules.count("DL007") == 4_000 and rules.count("DL002") == 4_000


def test_messages_quote_a_long_name_cut_short(tmp_path: Path) -> None:
    args = attacks.long_unknown_targets(tmp_path, 300, 10_000)  # 3 MB: above the default cap
    result = run_within([*args, "--max-bytes", str(10 * 1024 * 1024)], tmp_path)
    dl002 = [f for f in findings(result) if f["rule"] == "DL002"]
    assert len(dl002) == 300
    assert all(len(f["message"]) < 2_100 and "more characters" in f["message"] for f in dl002)


def test_aliases_of_a_long_text_count_as_what_they_expand_to(tmp_path: Path) -> None:
    result = run_within(attacks.aliased_unknown_targets(tmp_path, 600, 200_000), tmp_path)
    assert result.returncode == 2, result.stderr
    (problem,) = findings(result)
    assert problem["rule"] == "DL001" and "aliases expand the file" in problem["message"]


def test_a_path_through_thousands_of_flows_is_drawn_in_linear_time(tmp_path: Path) -> None:
    """``darklint graph``; the HTML report draws its diagrams with the same scenes."""
    result = run_within(attacks.shared_chain(tmp_path, 3_000), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("<svg") >= 1 and "f2999" in result.stdout


def test_a_custom_rules_nested_quantifier_runs_in_linear_time(tmp_path: Path) -> None:
    result = run_within(attacks.nested_quantifier_rule(tmp_path, 40), tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert not [f for f in findings(result) if f["rule"] == "EVIL001"]


def test_a_pattern_the_linear_engine_cannot_run_is_a_clear_error(tmp_path: Path) -> None:
    args = attacks.nested_quantifier_rule(tmp_path, 5)
    rule = tmp_path / "rules" / "EVIL001.yaml"
    rule.write_text(rule.read_text().replace("(a+)+$", r"(a)\1"))
    result = run_within(args, tmp_path)
    assert result.returncode == 2
    assert "EVIL001.yaml" in result.stderr and "RE2" in result.stderr
    assert "Traceback" not in result.stderr and "absl" not in result.stderr


def test_a_configurations_glob_runs_in_linear_time(tmp_path: Path) -> None:
    result = run_within(attacks.pathological_glob(tmp_path, 16), tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert findings(result) is not None


def test_an_alias_bomb_in_a_rule_file_is_refused(tmp_path: Path) -> None:
    result = run_within(attacks.alias_bomb_rule(tmp_path, 9), tmp_path)
    assert result.returncode == 2
    assert "BOMB001.yaml" in result.stderr and "too deeply" in result.stderr


def test_an_alias_bomb_in_a_profile_file_is_refused(tmp_path: Path) -> None:
    levels = ['&a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"&a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    profile = tmp_path / "audit.yaml"
    profile.write_text(f"name: audit\ntitle: [{', '.join(levels)}]\n")
    flow = tmp_path / "flow.yaml"
    attacks.unmatched_ignores(tmp_path, 1)
    result = run_within(
        ["check", "--profile", str(profile), str(tmp_path / "ignores.yaml")], tmp_path
    )
    assert result.returncode == 2 and "too deeply" in result.stderr, result.stderr
    assert not flow.exists()


def test_jobs_never_exceed_the_usable_cores() -> None:
    from darklint.engine import capped_jobs, usable_cores

    assert capped_jobs(120, 10_000) == usable_cores()
    assert capped_jobs(120, 3) <= 3
    assert capped_jobs(None, 1) == 1


# -- a property: time in proportion to size -----------------------------------------------------

#: Seconds per megabyte of flow file allowed, generously above what
#: ``bench/security.py --scaling`` measures, plus a fixed allowance.
SECONDS_PER_MB, FIXED_SECONDS = 8.0, 2.0


@pytest.mark.parametrize("seed, size", [(1, 10_000), (2, 100_000), (3, 1_000_000)])
def test_random_inputs_lint_in_time_proportional_to_size(
    tmp_path: Path, catalog, seed: int, size: int
) -> None:
    from darklint.engine import LintOptions, lint_file, select_rules

    path = tmp_path / "random.yaml"
    path.write_text(attacks.random_product(random.Random(seed), size), encoding="utf-8")
    megabytes = path.stat().st_size / 1e6
    # the largest is above the default size cap: this measures time per MB, not the cap
    options = LintOptions(tuple(select_rules(catalog)), tuple(catalog), max_bytes=64 * 2**20)
    started = time.process_time()
    report = lint_file(str(path), options)
    seconds = time.process_time() - started
    assert report is not None and report.linted, report and report.findings[:1]
    assert seconds < FIXED_SECONDS + SECONDS_PER_MB * megabytes, (seconds, megabytes)
