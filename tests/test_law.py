"""The law as dated data: every provision of a built-in profile states its status, date and
official source; --as-of turns findings under provisions not yet in force into upcoming ones;
profiles compose; profile files are validated like flow files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from darklint.catalog import load_rules
from darklint.cli import main
from darklint.law import Provision, standing
from darklint.profiles import (
    ProfileError,
    apply_profile,
    list_profiles,
    load_profile,
    load_profiles,
    parse_profile,
)

RULES = load_rules()

#: Where the official text of a law is published. A provision's `source` must be on one of
#: these hosts: the publisher of the law itself, never a mirror or a commentary.
OFFICIAL_HOSTS = {
    # European Union: EUR-Lex and the Publications Office's ELI resolver
    "eur-lex.europa.eu": "EUR-Lex",
    "data.europa.eu": "EU Publications Office (ELI)",
    # United States, federal
    "uscode.house.gov": "US Code (Office of the Law Revision Counsel)",
    "www.ecfr.gov": "eCFR",
    "www.federalregister.gov": "Federal Register",
    "www.govinfo.gov": "GovInfo",
    # United States, states: the legislature's own site, or the agency that issues the rule
    "leginfo.legislature.ca.gov": "California Legislative Information",
    "cppa.ca.gov": "California Privacy Protection Agency (its regulations)",
    "www.nysenate.gov": "New York State Senate",
    "www.revisor.mn.gov": "Minnesota Revisor of Statutes",
    "leg.colorado.gov": "Colorado General Assembly",
    "www.sos.state.co.us": "Colorado Secretary of State (Code of Colorado Regulations)",
    # United Kingdom
    "www.legislation.gov.uk": "legislation.gov.uk",
    "www.handbook.fca.org.uk": "FCA Handbook",
    # India: the Gazette, India Code, and the issuing ministries
    "egazette.gov.in": "Gazette of India",
    "www.indiacode.nic.in": "India Code",
    "consumeraffairs.nic.in": "Department of Consumer Affairs",
    "www.meity.gov.in": "Ministry of Electronics and IT",
    # Korea, Brazil, Australia
    "www.law.go.kr": "Korean Law Information Center",
    "www.planalto.gov.br": "Planalto (Presidency of Brazil)",
    "www.legislation.gov.au": "Federal Register of Legislation",
    "www.aph.gov.au": "Parliament of Australia",
}
#: Unofficial copies of laws that earlier profiles and rules cited: none may remain anywhere.
MIRRORS = {
    "eurlexa.com",
    "overview.legal",
    "legalviz.eu",
    "digitalfairnessact.com",
    "statutes.laws.com",
    "www.law.cornell.edu",
    "casetext.com",
    "crimeline.co.uk",
    "regulations.justia.com",
    "federal.elaws.us",
    "wirosa.blogspot.com",
    "newyork.public.law",
    "lexbuild.dev",
    "itlaw.fandom.com",
    "deceptive-design-2023.webflow.io",
    "dataactkit.eu",
    "open.pluralpolicy.com",
    "isitfair.eu",
}
LAW_PROFILES = [n for n in list_profiles() if load_profile(n).kind == "law"]


def host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def test_the_new_profiles_ship():
    assert {"new-york", "minnesota", "colorado", "korea", "brazil", "australia"} <= set(
        list_profiles()
    )


@pytest.mark.parametrize("name", LAW_PROFILES)
def test_every_provision_states_status_date_and_official_source(name):
    profile = load_profile(name)
    assert host(profile.rulebook.url) in OFFICIAL_HOSTS, profile.rulebook.url
    for rule_id, entry in profile.rules.items():
        for provision in entry.provisions:
            where = f"{name} {rule_id}: {provision.text[:40]}"
            assert provision.status in ("in_force", "adopted", "proposed", "vacated", "guidance")
            if provision.status == "in_force":
                assert provision.in_force_from is not None, where
            if provision.status == "vacated":
                assert provision.until is not None, where
            assert provision.source is not None, where
            assert host(provision.source.url) in OFFICIAL_HOSTS, (where, provision.source.url)


def all_urls() -> list[tuple[str, str]]:
    urls = []
    for name in list_profiles():
        profile = load_profile(name)
        refs = [profile.rulebook, *profile.references]
        refs += [
            r
            for entry in profile.rules.values()
            for p in entry.provisions
            for r in (*p.references, *([p.source] if p.source else []))
        ]
        urls += [(f"profile {name}", r.url) for r in refs]
    for rule in RULES:
        urls += [(f"rule {rule.id}", r.url) for r in rule.references]
    return urls


def test_no_unofficial_copy_of_a_law_is_cited_anywhere():
    offenders = [(where, url) for where, url in all_urls() if host(url) in MIRRORS]
    assert not offenders, offenders


def test_policy_profiles_need_no_official_source():
    assert load_profile("empathy").kind == "policy"
    assert load_profile("recommended").kind == "policy"


# -- the law on a given day -------------------------------------------------------------------


def test_standing_on_a_day():
    eu = Provision("Art. 11a", "in_force", in_force_from=date(2026, 6, 19))
    dsa = Provision("DSA Art. 25", "in_force", in_force_from=date(2024, 2, 17))
    vacated = Provision("16 CFR 425.6", "vacated", until=date(2025, 7, 8))
    unset = Provision("DMCC Part 4 Ch. 2", "adopted")
    assert standing([eu], date(2026, 6, 18)).label == "upcoming"
    assert standing([eu], date(2026, 6, 18)).starts == date(2026, 6, 19)
    assert standing([eu], date(2026, 6, 19)).label == "in force"
    assert standing([eu, dsa], date(2026, 1, 1)).label == "in force", "one binding is enough"
    assert standing([vacated], date(2026, 1, 1)).label == "benchmark"
    assert standing([unset], date(2030, 1, 1)).label == "upcoming"
    assert standing([unset], date(2030, 1, 1)).starts is None
    assert standing([], date(2030, 1, 1)) is None


def findings(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["check", "-f", "json", "-q", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]


def test_as_of_moves_only_that_provisions_findings_between_upcoming_and_failing():
    before = findings(str(EXAMPLES), "--profile", "australia", "--as-of", "2027-06-30")
    after = findings(str(EXAMPLES), "--profile", "australia", "--as-of", "2027-07-01")
    assert [f["fingerprint"] for f in before] == [f["fingerprint"] for f in after]
    dated = [(b, a) for b, a in zip(before, after, strict=True) if b["law"]]
    assert dated, "the examples break the Australian rules"
    rules = {r.id: r for r in apply_profile(RULES, load_profile("australia"))}
    for b, a in dated:
        assert b["severity"] == "info" and b["law"]["standing"] == "upcoming"
        assert b["law"]["in_force_from"] == "2027-07-01"
        assert b["message"].startswith("upcoming (in force from 2027-07-01): ")
        assert a["severity"] == rules[a["rule"]].severity and a["law"]["standing"] == "in force"
        assert a["message"] == b["message"].removeprefix("upcoming (in force from 2027-07-01): ")
    undated = [(b, a) for b, a in zip(before, after, strict=True) if not b["law"]]
    assert all(b == a for b, a in undated), "structure findings do not move"


def test_upcoming_findings_never_fail_the_run(tmp_path):
    flow = EXAMPLES / "streaming-phone-cancel.yaml"
    early = CliRunner().invoke(main, ["check", "-q", "--profile", "uk", str(flow)])
    assert early.exit_code == 0, early.output  # the DMCC regime has no start date yet
    assert "upcoming (start date not set)" in early.output


def test_a_vacated_provision_is_labelled_a_benchmark():
    found = findings(str(EXAMPLES / "streaming-phone-cancel.yaml"), "--profile", "ftc")
    benchmark = [f for f in found if f["law"] and f["law"]["standing"] == "benchmark"]
    assert benchmark and all(f["message"].startswith("benchmark") for f in benchmark)
    binding = [f for f in found if f["law"] and f["law"]["standing"] == "in force"]
    assert binding, "ROSCA findings are binding"


def test_sarif_carries_the_status_and_date():
    result = CliRunner().invoke(
        main,
        ["check", "-f", "sarif", "-q", "--profile", "eu", "--as-of", "2026-01-01", str(EXAMPLES)],
    )
    results = json.loads(result.output)["runs"][0]["results"]
    laws = [r["properties"]["darklint/law"] for r in results if "properties" in r]
    assert any(law["standing"] == "upcoming" for law in laws)
    assert all(law["provisions"][0]["source"]["url"].startswith("https://") for law in laws)


def test_rules_profile_shows_status_date_and_official_source():
    result = CliRunner().invoke(main, ["rules", "--profile", "eu"], terminal_width=400)
    assert result.exit_code == 0, result.output
    assert "in force, from 2026-06-19" in result.output
    assert "https://eur-lex.europa.eu/eli/dir/2023/2673/oj" in result.output
    ftc = CliRunner().invoke(main, ["rules", "--profile", "ftc"], terminal_width=400)
    assert "vacated 2025-07-08" in ftc.output


# -- composing profiles -----------------------------------------------------------------------


def test_repeated_profiles_compose_and_the_later_wins_on_thresholds():
    profile = load_profiles(["california", "korea"])
    assert profile.name == "california+korea"
    rules = {r.id: r for r in apply_profile(RULES, profile)}
    assert rules["DL203"].params["min_days"] == 30, "korea, named last, wins"
    assert rules["DL203"].params["max_days"] == 30, "california's other threshold stays"
    cited = {p.profile for p in rules["DL203"].provisions}
    assert cited == {"california", "korea"}, "a finding cites both rulebooks"
    assert {"DL201", "DL108"} <= set(rules), "the selection is the union"
    conflict = next(c for c in profile.conflicts if c.rule == "DL203" and c.key == "min_days")
    assert (conflict.earlier, conflict.later) == ("california", "korea")


def test_rules_view_lists_the_clashes_of_composed_profiles():
    result = CliRunner().invoke(
        main, ["rules", "--profile", "california", "--profile", "korea"], terminal_width=400
    )
    assert "Composed: DL203 min_days: korea sets 30, replacing california's 7" in result.output


POLICY = """\
name: acme
title: ACME policy on top of the EU
description: Our own rules on top of EU law.
kind: policy
extends: eu
rulebook: {{title: ACME handbook, url: "https://acme.example/handbook"}}
rules:
  DL403:
    provision: "ACME: refunds within 5 days."
    params: {{max_days: 5}}
{extra}"""


def test_a_profile_file_extends_a_builtin(tmp_path):
    path = tmp_path / "acme.yaml"
    path.write_text(POLICY.format(extra=""), encoding="utf-8")
    profile = load_profile(str(path))
    assert profile.name == "acme" and profile.layers == ("eu", "acme")
    rules = {r.id: r for r in apply_profile(RULES, profile)}
    assert rules["DL403"].params["max_days"] == 5
    assert [p.profile for p in rules["DL403"].provisions] == ["eu", "acme"]
    assert "DL101" in rules, "the EU's rules stay on"
    result = CliRunner().invoke(
        main,
        ["check", "-q", "-f", "json", "--profile", str(path), str(EXAMPLES / "shop-refund.yaml")],
    )
    assert result.exit_code in (0, 1), result.output


def test_extends_refuses_a_loop(tmp_path):
    (tmp_path / "a.yaml").write_text(
        POLICY.format(extra="")
        .replace("name: acme", "name: a")
        .replace("extends: eu", "extends: ./b.yaml"),
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        POLICY.format(extra="")
        .replace("name: acme", "name: b")
        .replace("extends: eu", "extends: ./a.yaml"),
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match="extends itself"):
        load_profile(str(tmp_path / "a.yaml"))


# -- profile files are validated like flow files ----------------------------------------------

LAW = """\
name: audit
title: An audit
description: A test profile.
rulebook: {title: Some law, url: "https://example.org/law"}
rules:
  DL403:
    provision: "Some law, s.1"
"""


@pytest.mark.parametrize(
    "extra, where, complaint",
    [
        ("", "6", "rules.DL403.status: is required"),
        ("    status: in_force\n", "6", "rules.DL403.in_force_from: an in_force provision needs"),
        (
            "    status: in_force\n    in_force_from: 2020-13-01\n",
            "9",
            "not a valid",
        ),
        (
            "    status: adopted\n    in_force_from: soon\n    source: {title: x, url: 'https://x.org'}\n",
            "9",
            "must be a date written YYYY-MM-DD",
        ),
        ("    status: maybe\n", "8", "'maybe' is not a status"),
        (
            "    status: in_force\n    in_force_from: 2020-01-01\n",
            "6",
            "rules.DL403.source: cite the official publication",
        ),
        ("    status: !!python/object:os.system in_force\n", "8", "YAML tag"),
        ("    statuz: in_force\n", "8", "rules.DL403.statuz: unknown key; did you mean 'status'"),
    ],
)
def test_profile_errors_are_located(extra, where, complaint):
    with pytest.raises(ProfileError) as error:
        parse_profile(LAW + extra, "audit.yaml")
    message = str(error.value)
    assert message.startswith(f"audit.yaml:{where}: "), message
    assert complaint in message, message


def test_a_bad_profile_is_a_usage_error_not_a_traceback(tmp_path):
    path = tmp_path / "audit.yaml"
    path.write_text(
        LAW + "    status: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["check", "--profile", str(path), str(EXAMPLES / "good-subscription.yaml")]
    )
    assert result.exit_code == 2
    assert "YAML tag" in result.output and "Traceback" not in result.output


def test_every_builtin_profile_file_is_plain_yaml():
    for path in sorted((ROOT / "rules" / "profiles").glob("*.yaml")):
        assert "!!" not in Path(path).read_text(encoding="utf-8"), path


def test_a_huge_profile_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text(LAW + "#" * (1024 * 1024), encoding="utf-8")
    with pytest.raises(ProfileError, match="larger than"):
        load_profile(str(path))
