"""Profiles: rulebooks as data. Each built-in profile loads, applies to the catalog, sets the
thresholds its rulebook sets and cites a provision for every rule it turns on; `check
--profile` and `rules --profile` use them; they ship in the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from darklint.catalog import builtin_rules_dir, load_rules, rule_files
from darklint.cli import main
from darklint.graph.effort import EffortWeights
from darklint.model import PERIOD_MONTHS
from darklint.profiles import (
    ProfileError,
    apply_profile,
    configure_rules,
    list_profiles,
    load_profile,
    parse_profile,
    profile_rows,
    profile_weights,
    thresholds,
)

RULES = load_rules()
BY_ID = {r.id: r for r in RULES}
STRUCTURE = {r.id for r in RULES if r.category == "structure"}
BUILTIN = (
    "recommended",
    "ftc",
    "california",
    "eu",
    "uk",
    "india",
    "empathy",
    "new-york",
    "minnesota",
    "colorado",
    "korea",
    "brazil",
    "australia",
)
LAW = [name for name in BUILTIN if name not in ("recommended", "empathy")]


def enabled(name: str) -> dict:
    return {r.id: r for r in apply_profile(RULES, load_profile(name))}


# -- the built-in profiles --------------------------------------------------------------------


def test_the_builtin_profiles_ship():
    assert sorted(list_profiles()) == sorted(BUILTIN)


@pytest.mark.parametrize("name", BUILTIN)
def test_profile_loads_applies_and_cites_every_rule_it_lists(name):
    profile = load_profile(name)
    assert profile.name == name and profile.title and profile.description
    url = profile.rulebook.url
    # A law's text is on the web; darklint's own rulebooks are its docs, linked relatively.
    assert url.startswith("http") or (ROOT / "docs" / url.split("#")[0]).is_file(), url
    assert set(profile.rules) <= set(BY_ID), "a profile names only rules of the catalog"
    chosen = enabled(name)
    assert set(chosen) >= STRUCTURE, "structure rules are always on"
    for rule_id, entry in profile.rules.items():
        assert chosen[rule_id].provision == entry.provision
        assert len(entry.provision) > 20
    profile_weights(profile)  # valid weights


@pytest.mark.parametrize("name", LAW)
def test_a_law_profile_runs_exactly_the_rules_it_lists(name):
    profile = load_profile(name)
    assert set(enabled(name)) == set(profile.rules) | STRUCTURE
    assert not set(profile.rules) & STRUCTURE


def test_recommended_is_every_rule_at_catalog_defaults():
    chosen = apply_profile(RULES, load_profile("recommended"))
    assert [(r.id, r.severity, dict(r.params)) for r in chosen] == [
        (r.id, r.severity, dict(r.params)) for r in RULES
    ]


def params(profile: str, rule_id: str) -> dict:
    return dict(enabled(profile)[rule_id].params)


def test_california_thresholds():
    dl201 = params("california", "DL201")
    assert (dl201["min_days"], dl201["max_days"], dl201["applies_to_trials_longer_than"]) == (
        3,
        21,
        31,
    )
    dl203 = params("california", "DL203")
    assert (dl203["min_days"], dl203["max_days"]) == (7, 30)


def test_empathy_thresholds_and_severities():
    chosen = enabled("empathy")
    assert set(chosen) == set(BY_ID), "empathy turns every rule on"
    assert chosen["DL101"].params["allowance"] == 0
    assert chosen["DL401"].params["allowance"] == 0
    assert chosen["DL106"].params["max_minutes"] == 1
    assert chosen["DL403"].params["max_days"] == 5
    assert set(chosen["DL202"].params["periods"]) == set(PERIOD_MONTHS)  # every 1.1 period
    assert chosen["DL104"].params["max"] == 0
    assert {chosen[i].severity for i in ("DL106", "DL403", "DL601", "DL602")} == {"error"}


#: Windows a law sets for another purpose, which a stricter minimum would make impossible
#: elsewhere: Korea's consent 30 days before a trial converts (a 7-day trial cannot have it),
#: Colorado's reminder 25 days before a yearly renewal (a weekly plan cannot). docs/profiles.md
#: says so under empathy.
WINDOWS = {"DL201": {"korea"}, "DL202": {"colorado"}}


def effective(profile: str, rule_id: str, key: str):
    """A rule's parameter under a profile, the check's default filled in (None: rule off)."""
    from darklint.checks import get_check

    rule = enabled(profile).get(rule_id)
    if rule is None:
        return None
    return {**get_check(rule.function).defaults, **rule.params}[key]


@pytest.mark.parametrize(
    "rule_id, key, stricter",
    [
        ("DL101", "allowance", min),
        ("DL401", "allowance", min),
        ("DL104", "max", min),
        ("DL106", "max_minutes", min),
        ("DL403", "max_days", min),
        ("DL603", "max_actions", min),
        ("DL201", "min_days", max),
        ("DL202", "min_days", max),
    ],
)
def test_empathy_is_the_strictest(rule_id, key, stricter):
    values = [effective(p, rule_id, key) for p in BUILTIN if p not in WINDOWS.get(rule_id, ())]
    values = [v for v in values if v is not None]
    assert effective("empathy", rule_id, key) == stricter(values)


def test_empathy_reminds_for_every_period_other_profiles_do():
    periods = set(effective("empathy", "DL202", "periods"))
    for name in BUILTIN:
        other = effective(name, "DL202", "periods")
        assert other is None or set(other) <= periods


def test_eu_and_uk_refund_in_14_days_and_uk_reminds_every_period():
    assert params("eu", "DL403")["max_days"] == 14
    assert params("uk", "DL403")["max_days"] == 14
    # every period format 1.1 knows, quarterly and half-yearly included
    assert set(params("uk", "DL202")["periods"]) == set(PERIOD_MONTHS)
    assert "Art. 13" in enabled("eu")["DL403"].provision
    assert "Art. 11a" in enabled("eu")["DL101"].provision
    assert "s.258" in enabled("uk")["DL202"].provision


def test_ftc_cites_the_vacated_rule_only_as_a_benchmark():
    profile = load_profile("ftc")
    assert "vacated" in profile.description.lower()
    for rule_id, entry in profile.rules.items():
        for provision in entry.provisions:
            if "425" in provision.text:
                assert provision.status == "vacated", rule_id
                assert provision.text.startswith("Benchmark only"), rule_id
            else:
                assert provision.status == "in_force", rule_id
                assert any(c in provision.text for c in ("8403", "45(n)", "CFR 4", "Part 4")), (
                    rule_id
                )
    assert "8403" in profile.rulebook.title


def test_india_cites_annexure_1_patterns():
    for rule_id, entry in load_profile("india").rules.items():
        if rule_id == "DL504":  # consent: the DPDP Rules, not the guidelines
            assert entry.provisions[0].in_force_from.year == 2027
            continue
        assert entry.provision.startswith("Annexure 1, No. "), rule_id


# -- errors -----------------------------------------------------------------------------------


def test_unknown_profile_names_the_known_ones():
    with pytest.raises(ProfileError) as error:
        load_profile("californa")
    message = str(error.value)
    assert "unknown profile 'californa'" in message
    assert all(name in message for name in BUILTIN)


MINIMAL = """\
name: audit
title: An audit
description: A test profile.
kind: policy
rulebook: {title: Some law, url: "https://example.org/law"}
"""


@pytest.mark.parametrize(
    "extra, complaint",
    [
        ("colour: blue\n", "colour: unknown key"),
        ("enable: some\n", "enable: must be one of"),
        ("rules: {DL403: {severity: fatal, provision: x}}\n", "severity: must be one of"),
        ("rules: {DL403: {params: {max_days: 5}}}\n", "provision: must cite"),
        ("rules: {dl403: {provision: x}}\n", "rule id looks like"),
        ("rules: {DL403: {provision: x, threshold: 3}}\n", "threshold: unknown key"),
        ("effort: {hop: 2}\n", "unknown effort weight 'hop'"),
        ("effort: {survey: -1}\n", "must be a number >= 0"),
    ],
)
def test_profile_file_errors_name_the_file_and_key(extra, complaint):
    with pytest.raises(ProfileError) as error:
        parse_profile(MINIMAL + extra, "audit.yaml")
    assert str(error.value).startswith("audit.yaml")
    assert complaint in str(error.value)


def test_missing_keys_are_named():
    with pytest.raises(ProfileError, match="missing key"):
        parse_profile("name: x\n", "x.yaml")


@pytest.mark.parametrize(
    "rules_yaml, complaint",
    [
        ("{DL999: {provision: x}}", "DL999 not in the catalog"),
        ("{DL403: {provision: x, params: {max_dayz: 5}}}", "no parameter max_dayz"),
        ("{DL403: {provision: x, params: {max_days: soon}}}", "must be a number"),
    ],
)
def test_applying_checks_rule_ids_and_parameters(rules_yaml, complaint):
    profile = parse_profile(MINIMAL + f"rules: {rules_yaml}\n", "audit.yaml")
    with pytest.raises(ProfileError) as error:
        apply_profile(RULES, profile)
    assert "audit.yaml" in str(error.value) and complaint in str(error.value)


def test_configure_keeps_every_rule_for_select_to_pick_from():
    profile = load_profile("eu")
    pool = configure_rules(RULES, profile)
    assert [r.id for r in pool] == [r.id for r in RULES]
    assert {r.id: r for r in pool}["DL403"].provision.startswith("Consumer Rights Directive")


def test_profile_weights():
    profile = parse_profile(MINIMAL + "effort: {retention_offer: 3.5}\n", "audit.yaml")
    assert profile_weights(profile) == EffortWeights(retention_offer=35)
    assert profile_weights(load_profile("recommended")) == EffortWeights()


def test_thresholds_show_what_applies():
    assert thresholds(enabled("california")["DL201"]) == (
        "min_days 3; max_days 21; applies_to_trials_longer_than 31"
    )
    assert thresholds(BY_ID["DL202"]) == "min_days 15; periods yearly"
    assert thresholds(BY_ID["DL501"]) == "", "phrase lists are not thresholds"
    rows = {row.rule: row for row in profile_rows(RULES, load_profile("eu"))}
    assert rows["DL403"].thresholds == "max_days 14" and rows["DL001"].thresholds == "-"
    assert rows["DL403"].status == "in force, from 2014-06-13"


# -- on the command line ----------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """Run the CLI in an empty directory (no configuration file found)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


def json_rules(result) -> set[str]:
    """The rule ids of the findings in a JSON report."""
    import json

    return {f["rule"] for f in json.loads(result.output)["findings"]}


def test_check_profile_california_limits_trial_reminders_to_long_trials(cli):
    # A 30-day trial with no reminder: darklint's default reports it, California's law covers
    # only trials of more than 31 days, and the EU profile does not check trials at all.
    flow = str(EXAMPLES / "food-delivery.yaml")
    default = cli("check", "-f", "json", flow)
    assert "DL201" in json_rules(default)
    assert "DL201" not in json_rules(cli("check", "--profile", "california", "-f", "json", flow))
    eu = json_rules(cli("check", "--profile", "eu", "-f", "json", flow))
    assert "DL201" not in eu and "DL504" in eu


PRICE_NOTICE = """\
darklint: 1
product: Notice test
subscription:
  renews: monthly
  price: 10
  notices:
    - {{event: price_change, days_before: {days}, channel: email}}
flows:
  signup:
    kind: signup
    start: offer
    steps:
      offer:
        discloses: [price, renewal_terms]
        actions: [{{label: Join, to: pay}}]
      pay:
        kind: payment
        actions: [{{label: Pay, to: member}}]
      member: {{outcome: subscribed}}
  cancel:
    kind: cancel
    start: account
    steps:
      account:
        actions: [{{label: Cancel, to: done}}]
      done: {{outcome: cancelled}}
"""


@pytest.mark.parametrize(
    "days, profile, reported",
    [
        (20, "recommended", True),  # fewer than 30 days ahead
        (20, "california", False),  # within 7 to 30
        (45, "california", True),  # more than 30 days ahead: California's cap
        (45, "recommended", False),
        (5, "california", True),
    ],
)
def test_price_change_window(cli, tmp_path, days, profile, reported):
    path = tmp_path / "notice.yaml"
    path.write_text(PRICE_NOTICE.format(days=days), encoding="utf-8")
    result = cli("check", "--profile", profile, "--select", "DL203", "-f", "json", str(path))
    assert ("DL203" in json_rules(result)) is reported, result.output


def test_check_with_a_profile_file_and_its_effort_weights(cli, tmp_path):
    # Signing up takes 2 clicks (2.0); cancelling takes a click and a survey (1 + 1 + 2 = 4.0),
    # above 2.0 x 1 + 1. With the profile's `effort: {survey: 0}` cancelling costs 2.0.
    flow = tmp_path / "survey.yaml"
    flow.write_text(
        PRICE_NOTICE.format(days=30).replace(
            "        actions: [{label: Cancel, to: done}]",
            "        actions: [{label: Cancel, to: why}]\n"
            "      why:\n"
            "        kind: survey\n"
            "        actions: [{label: Skip, to: done}]",
        ),
        encoding="utf-8",
    )
    audit = tmp_path / "audit.yaml"
    audit.write_text(
        MINIMAL + "rules: {DL101: {provision: 'Our audit, clause 1'}}\n", encoding="utf-8"
    )
    assert "DL101" in json_rules(cli("check", "--profile", str(audit), "-f", "json", str(flow)))
    audit.write_text(
        MINIMAL + "effort: {survey: 0}\nrules: {DL101: {provision: 'Our audit, clause 1'}}\n",
        encoding="utf-8",
    )
    result = cli("check", "--profile", str(audit), "-f", "json", str(flow))
    assert result.exit_code == 0 and "DL101" not in json_rules(result), result.output


def test_check_unknown_profile_exits_2(cli):
    result = cli("check", "--profile", "mars", str(EXAMPLES / "good-subscription.yaml"))
    assert result.exit_code == 2
    assert "unknown profile 'mars'" in result.output and "california" in result.output


def test_rules_profile_shows_rules_thresholds_and_provisions(cli):
    result = cli("rules", "--profile", "eu")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "profile eu" in text
    assert "DL403" in text and "max_days 14" in text and "Art. 13" in text
    assert "Art. 11a" in text
    assert "Rulebook: Consumer Rights Directive 2011/83/EU" in text
    assert "Not in this profile:" in text and "DL201" in text.split("Not in this profile:")[1]


@pytest.mark.parametrize("name", BUILTIN)
def test_every_profile_runs_on_the_gallery(cli, name):
    result = cli("check", "--profile", name, "-f", "json", str(EXAMPLES))
    assert result.exit_code in (0, 1), result.output
    assert json_rules(result) <= set(enabled(name)), "only the profile's rules report"
    table = cli("rules", "--profile", name)
    assert table.exit_code == 0 and f"profile {name}" in table.output


def test_rules_unknown_profile_exits_2(cli):
    result = cli("rules", "--profile", "mars")
    assert result.exit_code == 2 and "known profiles:" in result.output


# -- packaging --------------------------------------------------------------------------------


def test_rule_files_ignore_the_profiles_directory():
    assert (builtin_rules_dir() / "profiles").is_dir()
    assert all(path.parent == builtin_rules_dir() for path in rule_files(builtin_rules_dir()))


def test_profiles_ship_in_the_wheel(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
    )
    wheel = next(tmp_path.glob("darklint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for name in BUILTIN:
        assert f"darklint/_rules/profiles/{name}.yaml" in names
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = (
        "from darklint.profiles import list_profiles, profiles_dir, load_profile; "
        "print(profiles_dir()); print(' '.join(list_profiles())); load_profile('eu')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(unpacked)},
    )
    location, names_line = result.stdout.splitlines()
    assert Path(location).is_relative_to(unpacked)
    assert sorted(names_line.split()) == sorted(BUILTIN)
