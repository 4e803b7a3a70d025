"""The assessment: every check declares the facts it reads, and a run with --assess gives every
provision of the chosen profiles one of four verdicts per product, naming missing facts.

The declaration is checked honestly: each check runs on real products while every model class
records which of its fields are read; a field read but not declared fails the test.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, FIXTURES

from darklint import model
from darklint.assess import NOT_APPLICABLE, NOT_ASSESSABLE, PASSES, VERDICTS
from darklint.catalog import load_rules
from darklint.checks import check, registry
from darklint.cli import main
from darklint.engine import LintOptions, lint_file
from darklint.graph import Queries, build_graph
from darklint.load import load_file
from darklint.profiles import apply_profile, list_profiles, load_profile

RULES = load_rules()
MODEL_CLASSES = [
    c
    for c in vars(model).values()
    if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == model.__name__
]
#: Every flow has these: the skeleton the graph is made of, where findings point, and the
#: labels evidence shows. Reading them needs no declaration; every other field is a fact.
SKELETON = {
    "Product.flows",
    "Product.product",
    "Product.path",
    "Product.darklint",
    "Flow.id",
    "Flow.kind",
    "Flow.start",
    "Flow.steps",
    "Step.id",
    "Step.actions",
    "Step.outcome",
    "Action.to",
    "Action.label",
    "Action.index",
    "Option.label",
    "Notice.event",
    "IgnoreEntry.rule",
    "IgnoreEntry.flow",
    "IgnoreEntry.step",
}
INTERNAL = {"location", "keys"}


def fact_names() -> set[str]:
    return {
        f"{cls.__name__}.{f.name}"
        for cls in MODEL_CLASSES
        if cls is not model.Location
        for f in dataclasses.fields(cls)
    }


@contextmanager
def recorded_reads() -> Iterator[set[str]]:
    """Every model field read while the block runs, as 'Class.field' (internal fields and the
    Location class left out). Installs a recording ``__getattribute__`` on each model class
    for the duration, so nothing a check does can read a field unseen."""
    seen: set[str] = set()
    for cls in MODEL_CLASSES:
        if cls is model.Location:
            continue
        names = {f.name for f in dataclasses.fields(cls)} - INTERNAL

        def getattribute(self, name, _cls=cls, _names=names):
            if name in _names:
                seen.add(f"{_cls.__name__}.{name}")
            return object.__getattribute__(self, name)

        cls.__getattribute__ = getattribute
    try:
        yield seen
    finally:
        for cls in MODEL_CLASSES:
            if "__getattribute__" in cls.__dict__:
                del cls.__getattribute__


def products() -> list[model.Product]:
    files = sorted(EXAMPLES.glob("*.yaml")) + sorted(FIXTURES.rglob("*.yaml"))
    loaded = [load_file(str(f)).product for f in files]
    return [p for p in loaded if p is not None]


def configured_rules() -> list:
    """Each rule as the catalog and every built-in profile configure it (a profile's
    thresholds can take a check down another branch), each distinct setting once."""
    out = {}
    for rule in [
        *RULES,
        *(r for n in list_profiles() for r in apply_profile(RULES, load_profile(n))),
    ]:
        out.setdefault((rule.function, repr(sorted(rule.params.items()))), rule)
    return list(out.values())


def reads_of(spec, product, params) -> set[str]:
    queries = Queries(build_graph(product))
    queries.graph._steps  # noqa: B018 - the skeleton index, built before recording
    with recorded_reads() as seen:
        list(spec.function(queries, params))
        if spec.scope is not None:
            spec.scope(queries, params)
    return set(seen)


def test_declared_facts_are_fields_of_the_model():
    known = fact_names()
    for spec in registry().values():
        unknown = set(spec.reads) - known
        assert not unknown, f"check '{spec.name}' declares unknown facts {unknown}"


def test_every_check_reads_only_the_facts_it_declares():
    every = products()
    assert len(every) > 50, "checks are exercised on the examples and every fixture"
    undeclared: dict[str, set[str]] = {}
    seen_rules = set()
    for rule in configured_rules():
        spec = registry().get(rule.function)
        if spec is None:
            continue
        seen_rules.add(rule.id)
        params = {**spec.defaults, **rule.params}
        for product in every:
            extra = reads_of(spec, product, params) - SKELETON - set(spec.reads)
            if extra:
                undeclared.setdefault(spec.name, set()).update(extra)
    assert not undeclared, (
        f"checks read facts they do not declare: {undeclared}. Declare them with reads= next "
        "to the check's @check registration (groups in darklint/checks/scope.py)"
    )
    assert seen_rules >= {r.id for r in RULES if r.function in registry()}


def test_the_recorder_catches_an_undeclared_read():
    """The test above can fail: a check that reads `wait_minutes` without declaring it is
    caught."""

    @check("reads_a_wait_secretly_for_test")
    def secret(q, params):
        for node in q.graph.nodes():
            q.graph.step(node).wait_minutes  # noqa: B018
        return iter(())

    try:
        spec = registry()["reads_a_wait_secretly_for_test"]
        product = load_file(str(EXAMPLES / "streaming-phone-cancel.yaml")).product
        assert "Step.wait_minutes" in reads_of(spec, product, {}) - set(spec.reads)
    finally:
        registry().pop("reads_a_wait_secretly_for_test")  # type: ignore[attr-defined]


def test_every_non_structure_check_declares_a_scope():
    for rule in RULES:
        spec = registry().get(rule.function)
        if spec is not None and rule.category != "structure" and rule.function != "phrases":
            assert spec.scope is not None, (
                f"{rule.id} ({rule.function}) declares no scope: give its @check a scope= "
                "saying when the rule does not apply and which missing facts make it not "
                "assessable (see darklint/checks/scope.py)"
            )


# -- verdicts -----------------------------------------------------------------------------------

FLOW = """\
darklint: 1
product: Help Desk
flows:
  support:
    kind: support
    start: ask
    steps:
      ask:
        actions: [{{label: Call us, to: call}}]
      call:
        kind: agent
        channel: phone
{wait}        actions: [{{label: Sorted, to: done}}]
      done: {{outcome: resolved}}
  refund:
    kind: refund
    start: orders
{days}    steps:
      orders:
        actions: [{{label: Refund, to: refunded}}]
      refunded: {{outcome: refunded}}
"""


def verdicts(tmp_path: Path, text: str, profile: str = "recommended") -> dict:
    path = tmp_path / "product.yaml"
    path.write_text(text, encoding="utf-8")
    rules = tuple(apply_profile(RULES, load_profile(profile)))
    report = lint_file(str(path), LintOptions(rules, tuple(RULES), assess=True))
    return report.verdicts


def test_missing_facts_make_a_rule_not_assessable_and_are_named(tmp_path):
    found = verdicts(tmp_path, FLOW.format(wait="", days=""))
    assert found["DL106"].verdict == NOT_ASSESSABLE
    assert found["DL106"].details == ("no wait_minutes on agent step 'call' (flow support)",)
    assert found["DL403"].verdict == NOT_ASSESSABLE
    assert found["DL403"].details == ("no processing_days on refund flow 'refund'",)


def test_with_the_facts_written_down_the_same_rules_pass(tmp_path):
    found = verdicts(
        tmp_path,
        FLOW.format(wait="        wait_minutes: 2\n", days="    processing_days: 5\n"),
    )
    assert found["DL106"].verdict == PASSES
    assert found["DL403"].verdict == PASSES


def test_rules_about_what_a_product_lacks_do_not_apply(tmp_path):
    found = verdicts(tmp_path, FLOW.format(wait="", days=""))
    assert found["DL103"].verdict == NOT_APPLICABLE  # no subscription, no signup
    assert found["DL201"].verdict == NOT_APPLICABLE
    assert found["DL201"].details == ("no trial that turns into a paid plan",)
    assert found["DL502"].verdict == NOT_APPLICABLE


@pytest.mark.parametrize("name", list_profiles())
def test_assessing_the_examples_gives_every_provision_a_verdict(name):
    result = CliRunner().invoke(
        main,
        ["check", str(EXAMPLES), "--profile", name, "--assess", "-f", "json", "-q"],
    )
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    matrix = data["assessment"]
    products = [p["path"] for p in matrix["products"]]
    assert len(products) == data["summary"]["products"] > 20
    profile = load_profile(name)
    cited = sum(len(entry.provisions) for entry in profile.rules.values())
    rows = [r for r in matrix["rows"] if r["provision"]]
    assert len(rows) == cited, "one row per provision of the profile"
    for row in matrix["rows"]:
        assert len(row["verdicts"]) == len(products)
        for cell in row["verdicts"]:
            assert cell["verdict"] in VERDICTS
            if cell["verdict"] != PASSES:
                assert cell["details"], "every verdict but passes says why"
    assert sum(matrix["counts"].values()) == len(matrix["rows"]) * len(products)


def test_check_assess_prints_the_matrix(tmp_path):
    path = tmp_path / "product.yaml"
    path.write_text(FLOW.format(wait="", days=""), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--assess", "-q"])
    assert "Assessment: profile recommended" in result.output
    assert "not assessable" in result.output
    assert "no wait_minutes on agent step 'call'" in result.output


def test_the_html_report_opens_with_the_assessment_escaped(tmp_path):
    path = tmp_path / "product.yaml"
    path.write_text(
        FLOW.format(wait="", days="").replace("Help Desk", "<b>Help</b> & Desk"), encoding="utf-8"
    )
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", str(path), "-q", "-f", f"html:{out}"])
    assert result.exit_code in (0, 1), result.output
    html = out.read_text(encoding="utf-8")
    main_start = html.index("<main>")
    assert html.index('<section id="assessment"', main_start) < html.index('id="summary"')
    section = html[html.index('<section id="assessment"') : html.index("</section>", main_start)]
    assert "&lt;b&gt;Help&lt;/b&gt; &amp; Desk" in section and "<b>Help</b>" not in section
    assert "not assessable" in section and "no wait_minutes on agent step" in section
