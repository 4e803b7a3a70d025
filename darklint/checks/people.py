"""Checks for people, not policies (DL601-DL603): a person to talk to, a person before a no,
and no cost or chore for the customer when the business caused the problem."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from darklint.checks import Params, Scope, check
from darklint.checks.common import fee_text
from darklint.checks.scope import EFFORT, MONEY
from darklint.findings import EvidencePath, Hit
from darklint.graph import Node, PathView, Queries
from darklint.model import Action, Fee, Flow

#: Flows where a customer asks the business for help or for their money back.
HELP_KINDS = ("support", "refund")
#: Outcomes that leave the customer's problem where it was.
UNRESOLVED = frozenset({"refused", "abandoned"})


def _help_flows(q: Queries) -> list[Flow]:
    """Support and refund flows in YAML order (the first one is where DL601 points)."""
    return [f for f in q.product.flows.values() if f.kind in HELP_KINDS]


def _starts(q: Queries, flows: list[Flow]) -> list[Node]:
    """Start nodes of these flows that exist (a missing start is DL002's finding)."""
    return [q.graph.starts[f.id] for f in flows if f.id in q.graph.starts]


def _is_agent(q: Queries) -> Callable[[Node], bool]:
    return lambda node: q.graph.step(node).kind == "agent"


def _route(q: Queries, path: PathView) -> str:
    """'orders -> form -> refused', naming other flows' steps as flow.step."""
    home = path.start[0]
    return " -> ".join(n[1] if n[0] == home else f"{n[0]}.{n[1]}" for n in path.nodes)


def _evidence(q: Queries, path: PathView, title: str, total: bool = True) -> EvidencePath:
    """A path found by other weights (actions, fees) as evidence. Its rows show the effort
    model, so the total is the model's too (``path.effort`` counts something else), or none
    when the title already gives the count that matters."""
    shown = q.evidence(path, title)
    return replace(shown, effort=sum(row.effort for row in shown.steps) if total else None)


def _help_scope(q: Queries, params: Params) -> Scope:
    """DL601, DL602: support or refund flows, where a person may be needed."""
    return Scope() if _help_flows(q) else Scope("no support or refund flow")


@check("no_human_contact", reads=("Step.kind",), scope=_help_scope)
def no_human_contact(q: Queries, params: Params) -> Iterator[Hit]:
    """Support or refund flows exist, and none of them reaches a person (a step of kind agent)."""
    flows = _help_flows(q)
    if not flows:
        return
    reached = q.reachable(_starts(q, flows))
    if any(_is_agent(q)(node) for node in reached):
        return
    first = flows[0]
    names = ", ".join(f"'{f.id}'" for f in flows)
    yield Hit(
        "customers who need help or their money back can never reach a person: no step of "
        f"kind 'agent' can be reached from the product's support and refund flows ({names}). "
        "Forms and rules cannot see the cases they were not written for; give customers a "
        "person to talk to (a chat, a phone line, or an email answered by someone who can "
        "make an exception)",
        first.location,
        flow=first.id,
        facts=(("support and refund flows", names),),
        subject="no-agent",
    )


@check("policy_refusal", reads=(*EFFORT, "Step.text"), scope=_help_scope)
def policy_refusal(q: Queries, params: Params) -> Iterator[Hit]:
    """A refund or support path that ends in `refused` without passing a person (any path)."""
    if not q.outcome_nodes("refused"):
        return  # no step refuses: no path can end in a refusal
    sources = _starts(q, _help_flows(q))
    is_agent = _is_agent(q)

    def no_person(node: Node) -> bool:
        return not is_agent(node)

    reached = q.reachable(sources, no_person)
    refusals = [n for n in q.in_order(reached) if q.graph.step(n).outcome == "refused"]
    # One search for every refusal (the paths each search of its own would find).
    paths = q.fewest_actions_each(sources, refusals, no_person, kind="refusal")
    for node in refusals:
        step = q.graph.step(node)
        path = paths.get(node)
        if path is None:  # cannot happen: the node was reached through the same filter
            continue
        kind = q.graph.flow(path.start).kind
        said = f' ("{step.text}")' if step.text else ""
        yield Hit(
            f"a {kind} request can end in a refusal at step '{node[1]}'{said} without any person "
            f"looking at the case ({_route(q, path)}). A policy applied by a form or a system "
            "cannot see the exceptions people need; let a person (a step of kind 'agent') "
            "review the case before the answer is no",
            step.location,
            flow=node[0],
            step=node[1],
            paths=(_evidence(q, path, f"{kind} path to the refusal, no person on it"),),
            subject="refused-without-person",
        )


def _settles(q: Queries) -> Callable[[Node], bool]:
    """Outcome steps that settle the matter: any outcome except refused and abandoned."""

    def settled(node: Node) -> bool:
        outcome = q.graph.step(node).outcome
        return outcome is not None and outcome not in UNRESOLVED

    return settled


def _unavoidable_fees(q: Queries, start: Node) -> tuple[PathView, list[tuple[Action, Fee]]] | None:
    """The fees the customer cannot avoid on the way to a settling outcome, with the path
    that carries the fewest of them; None when some path settles the matter free of charge.

    Fees sit on actions, so the search counts fee-carrying actions: a least count above zero
    means every path pays (pass-through costs included).
    """
    path = q.fewest_actions([start], _settles(q), edge_cost=lambda a: 1 if a.fees else 0)
    if path is None or path.effort == 0:
        return None
    return path, [(a, fee) for a in path.actions for fee in a.fees]


def _our_mistake_parts(
    q: Queries, start: Node, limit: float
) -> tuple[list[tuple[str, str]], list[EvidencePath], list[tuple[str, str]]]:
    """What the customer pays and does to get the business's mistake put right, beyond the
    allowance: (problem, what to do) pairs, evidence paths and facts (all empty when nothing
    is wrong)."""
    parts: list[tuple[str, str]] = []
    paths: list[EvidencePath] = []
    facts: list[tuple[str, str]] = []
    paying = _unavoidable_fees(q, start)
    if paying is not None:
        fee_path, fees = paying
        charged = ", ".join(f"{fee_text(q, fee)} on '{action.label}'" for action, fee in fees)
        parts.append(
            (
                "there is no free way to put it right: even the route with the fewest fees "
                f"charges {charged}",
                "Carry that cost yourselves: drop the fee or cover it (a prepaid label, a free "
                "replacement).",
            )
        )
        paths.append(_evidence(q, fee_path, "path with the fewest fees", total=False))
        facts += [("fee", fee_text(q, fee)) for _, fee in fees]
    work = q.fewest_actions([start], _settles(q))
    if work is not None and work.effort > limit:
        labels = ", ".join(f"'{a.label}'" for a in work.actions if a.by_customer)
        parts.append(
            (
                f"putting it right takes the customer at least {work.effort} actions ({labels}), "
                f"more than the {limit:g} allowed, reporting the problem included",
                "Once the customer has told you, take the remaining steps yourselves "
                "(actions by: business).",
            )
        )
        if not paths or paths[0].nodes() != work.nodes:
            paths.append(
                _evidence(
                    q, work, f"fewest-action path: {work.effort} customer actions", total=False
                )
            )
        facts.append(("customer actions", str(work.effort)))
    return parts, paths, facts


def _business_scope(q: Queries, params: Params) -> Scope:
    """DL603: flows the business caused (trigger by: business)."""
    for flow in q.product.flows.values():
        if flow.trigger is not None and flow.trigger.by == "business":
            return Scope()
    return Scope("no flow caused by the business (trigger by: business)")


@check(
    "customer_pays_for_our_mistake",
    reads=(*EFFORT, *MONEY, "Action.fees", "Flow.trigger", "Trigger.by", "Trigger.label"),
    scope=_business_scope,
    max_actions=1,
)
def customer_pays_for_our_mistake(q: Queries, params: Params) -> Iterator[Hit]:
    """A flow the business caused where the customer cannot avoid a fee (pass-through
    included), or needs more than `max_actions` actions to get it put right; once per flow."""
    limit = float(params["max_actions"])
    for flow in q.product.flows.values():
        trigger = flow.trigger
        start = q.graph.starts.get(flow.id)
        if trigger is None or trigger.by != "business" or start is None:
            continue
        parts, paths, facts = _our_mistake_parts(q, start, limit)
        if not parts:
            continue
        cause = trigger.label or flow.id
        yield Hit(
            f"flow '{flow.id}' is the business's own doing ('{cause}'), yet "
            f"{'; and '.join(p for p, _ in parts)}. {' '.join(a for _, a in parts)}",
            trigger.location if trigger.location.line else flow.keys.get("trigger", flow.location),
            flow=flow.id,
            paths=tuple(paths),
            facts=(("cause", cause), *facts),
            subject="our-mistake",
        )
