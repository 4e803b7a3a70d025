"""Checks for leaving: cancelling a subscription (DL1xx), and the refund comparisons that use
the same functions (DL401, DL402)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from darklint.checks import Params, check
from darklint.checks.common import GERUND, first_costly_node, hours_text, path_summary
from darklint.checks.scope import (
    EFFORT,
    SUBSCRIPTION,
    Scope,
    cancel_hours_scope,
    cancel_scope,
    channel_scope,
    effort_scope,
    format_11_gap,
    missing_waits,
    paths_scope,
    subscription_scope,
)
from darklint.findings import COMPARISON, Hit
from darklint.graph import OUTCOME_OF_KIND, Node, PathView, Queries
from darklint.graph.effort import tenths
from darklint.graph.search import Move, cheapest_path
from darklint.model import ONLINE_CHANNELS, Step


def _path_kinds(params: Params) -> None:
    """`kind` and `compare_to` must name kinds that have paths (signup, cancel, ...)."""
    for kind in [params["kind"], *params["compare_to"]]:
        if kind not in OUTCOME_OF_KIND:
            raise ValueError(f"unknown path kind '{kind}' (known: {', '.join(OUTCOME_OF_KIND)})")


def _wait_kinds(params: Params) -> None:
    """`kinds` of long_wait_for_human: kinds with paths, or support."""
    for kind in params["kinds"]:
        if kind not in OUTCOME_OF_KIND and kind != "support":
            known = ", ".join([*OUTCOME_OF_KIND, "support"])
            raise ValueError(f"unknown kind '{kind}' (known: {known})")


@check(
    "harder_than",
    validate=_path_kinds,
    reads=(*EFFORT, *SUBSCRIPTION),
    scope=effort_scope,
    kind="cancel",
    compare_to=("signup",),
    max_ratio=1.0,
    allowance=1,
)
def harder_than(q: Queries, params: Params) -> Iterator[Hit]:
    """The easiest path of `kind` costs more effort than the easiest of `compare_to` allows."""
    kind = params["kind"]
    path = q.easiest(kind)
    base = q.easiest_of(params["compare_to"])
    if path is None or base is None:
        return
    limit = base.effort * float(params["max_ratio"]) + float(params["allowance"]) * 10
    if path.effort <= limit + 1e-9:
        return
    node = first_costly_node(q, path)
    at = _finding_node(kind, path, node)
    doing, base_doing = GERUND.get(kind, kind), GERUND.get(base.kind, base.kind)
    yield Hit(
        f"{doing} takes effort {tenths(path.effort)} but {base_doing} takes "
        f"{tenths(base.effort)} (allowed at most {limit / 10:g}: {base_doing} x "
        f"{float(params['max_ratio']):g} + {float(params['allowance']):g}); the extra effort "
        f"starts at step '{node[1]}'. Easiest {kind}: {path_summary(q, path)}; easiest "
        f"{base.kind}: {path_summary(q, base)}",
        q.graph.step(at).location,
        flow=at[0],
        step=at[1],
        paths=(
            q.evidence(base, f"easiest {base.kind} path", COMPARISON),
            q.evidence(path, f"easiest {kind} path"),
        ),
        subject=f"{kind}>{base.kind}",
    )


def _finding_node(kind: str, path: PathView, cause: Node) -> Node:
    """Where a comparison finding points. On a cancel path, the step where the difference
    arises (the cancel flow is where the obstacles are built); on any other kind (a refund),
    the start of the flow holding the easiest path, where the customer asks for it."""
    return cause if kind == "cancel" else path.start


def _done_online(q: Queries, kinds: list[str]) -> bool:
    """Whether some path of these kinds is done online: its payment step (or, without one on
    any path, a step whose action reaches the outcome) is on web or app."""
    for kind in kinds:
        on_path = q.on_some_path(kind)
        if not on_path:
            continue
        payments = [n for n in on_path if q.graph.step(n).kind == "payment"]
        if not payments:
            outcome = OUTCOME_OF_KIND[kind]
            payments = [
                n
                for n in on_path
                if any(q.graph.step(t).outcome == outcome for _, t in q.graph.succ[n])
            ]
        if any(q.graph.channel(n) in ONLINE_CHANNELS for n in payments):
            return True
    return False


def _first_offline(q: Queries, nodes: list[Node]) -> Node | None:
    return next((n for n in nodes if q.graph.channel(n) not in ONLINE_CHANNELS), None)


@check(
    "channel_mismatch",
    validate=_path_kinds,
    reads=(*EFFORT, *SUBSCRIPTION),
    scope=channel_scope,
    kind="cancel",
    compare_to=("signup",),
)
def channel_mismatch(q: Queries, params: Params) -> Iterator[Hit]:
    """`compare_to` can be done online but no path of `kind` can be completed online."""
    kind = params["kind"]
    compare_to = list(params["compare_to"])
    path = q.easiest(kind)
    if path is None or q.completable_online(kind) or not _done_online(q, compare_to):
        return
    node = _first_offline(q, q.acting_nodes(path)) or path.start
    at = _finding_node(kind, path, node)
    channel = q.graph.channel(node)
    base = q.easiest_of(compare_to)
    doing = GERUND.get(kind, kind)
    base_doing = " or ".join(GERUND.get(k, k) for k in compare_to)
    yield Hit(
        f"{base_doing} can be done online, but {doing} cannot: every {kind} path needs the "
        f"customer to act off-line (here by {channel} at step '{node[1]}'); offer a way to "
        f"complete it on the web or in the app",
        q.graph.step(at).location,
        flow=at[0],
        step=at[1],
        paths=tuple(
            p
            for p in (
                base and q.evidence(base, f"easiest {base.kind} path (online)", COMPARISON),
                q.evidence(path, f"easiest {kind} path"),
            )
            if p
        ),
        facts=(("off-line channel", channel),),
        subject=f"{kind}-offline",
    )


@check("no_cancel_path", reads=SUBSCRIPTION, scope=subscription_scope)
def no_cancel_path(q: Queries, params: Params) -> Iterator[Hit]:
    """A renewing subscription, or a reachable `subscribed`, with no way to reach `cancelled`."""
    subscription = q.product.subscription
    renewing = subscription is not None and subscription.renews != "none"
    reached = q.reached_from_starts
    # Sorted by id, not by position, so moving steps around keeps the finding's fingerprint.
    subscribed = sorted(n for n in q.outcome_nodes("subscribed") if n in reached)
    if not renewing and not subscribed:
        return
    if any(n in reached for n in q.outcome_nodes("cancelled")):
        return
    if renewing:
        why = f"the subscription renews {subscription.renews}"
    else:
        why = f"flow '{subscribed[0][0]}' signs customers up"
    # The catalog points DL103 at the `subscription` key; without one, at the subscribed step.
    if subscription is not None:
        location, flow, step = subscription.location, None, None
    else:
        node = subscribed[0]
        location, flow, step = q.graph.step(node).location, node[0], node[1]
    yield Hit(
        f"{why}, but no flow lets customers cancel: no path reaches a step with outcome "
        "'cancelled'; add a cancel flow that starts where the subscription is listed",
        location,
        flow=flow,
        step=step,
        subject="no-cancel",
    )


# -- DL104 repeated retention offers ---------------------------------------------------------


def _is_offer(q: Queries, node: Node) -> bool:
    return q.graph.step(node).kind == "retention_offer"


@check("repeated_retention_offers", reads=(*EFFORT, *SUBSCRIPTION), scope=cancel_scope, max=1)
def repeated_retention_offers(q: Queries, params: Params) -> Iterator[Hit]:
    """Even the cancel path with the fewest save offers shows more than `max` of them: the
    customer has to turn the business down again and again before they may leave."""
    limit = int(params["max"])
    if sum(step.kind == "retention_offer" for step in q.numbered.steps) <= limit:
        return  # a path visits each step once at most: no path can show more offers
    path = q.cheapest("cancel", lambda n: 1 if _is_offer(q, n) else 0)
    if path is None or path.effort <= limit:
        return
    offers = [n for n in path.nodes if _is_offer(q, n)]
    node = offers[limit]
    names = ", ".join(f"'{n[1]}'" for n in offers)
    allowed = f"at most {limit} save offer{'s' if limit > 1 else ''}" if limit else "no save offer"
    evidence = replace(q.evidence(path, "cancel path with the fewest save offers"), effort=None)
    yield Hit(
        f"every way to cancel shows at least {len(offers)} save offers ({names}), and step "
        f"'{node[1]}' is one too many ({allowed} allowed). A customer who has said no should "
        f"be let go: show {allowed}, then the cancellation",
        q.graph.step(node).location,
        flow=node[0],
        step=node[1],
        paths=(evidence,),
        facts=(("save offers", names),),
        subject="repeated-offers",
    )


# -- DL105 cancel requires a reason or papers ------------------------------------------------

#: What a step may not demand on every way to cancel (login again is path-dependent).
DEMANDS = ("reason", "id_document", "printed_form", "signature", "evidence")
RELOGIN = "login again"
DEMAND_TEXT = {
    "reason": "a reason for leaving",
    "id_document": "an identity document",
    "printed_form": "a printed form",
    "signature": "a signature",
    "evidence": "evidence (photos, receipts, documents)",
    RELOGIN: "a second login",
}
#: What to do instead, per demand (papers share one remedy).
DEMAND_FIX = {
    "reason": "make the reason optional",
    "id_document": "accept the request from the signed-in customer without papers",
    "printed_form": "accept the request from the signed-in customer without papers",
    "signature": "accept the request from the signed-in customer without papers",
    "evidence": "accept the request from the signed-in customer without papers",
    RELOGIN: "do not make a signed-in customer log in again",
}
#: A search state: the step, and whether an earlier step of the path asked for account/login.
LoginState = tuple[Node, bool]


def _demands(q: Queries, node: Node, logged_in: bool) -> list[str]:
    """What entering this step demands, given whether the customer has already logged in."""
    requires = q.graph.step(node).requires
    found = [r for r in DEMANDS if r in requires]
    if logged_in and "login" in requires:
        found.append(RELOGIN)
    return found


def _after(q: Queries, node: Node, logged_in: bool) -> bool:
    """Whether the customer has logged in once this step is behind them."""
    return logged_in or bool({"account", "login"} & set(q.graph.step(node).requires))


def _cancel_avoiding(q: Queries, avoid: set[str]) -> bool:
    """Whether some cancel path never enters a step demanding anything in ``avoid``.

    Searches over (step, logged in) states, so a second login is told from a first one
    without enumerating paths."""

    def allowed(node: Node, logged_in: bool) -> bool:
        return not avoid & set(_demands(q, node, logged_in))

    def moves(state: LoginState) -> Iterator[Move[LoginState]]:
        node, logged_in = state
        now = _after(q, node, logged_in)
        for action, target in q.graph.succ[node]:
            if allowed(target, now):
                yield action, (target, now), 0

    sources = [((s, False), 0) for s in q.sources("cancel") if allowed(s, False)]
    found = cheapest_path(
        sources, moves, lambda state: q.graph.step(state[0]).outcome == "cancelled"
    )
    return found is not None


def _demanded_anywhere(q: Queries) -> list[str]:
    """The demands (in DEMANDS order, then RELOGIN) some step of the product can make.

    A demand no step makes cannot block a cancel path, so avoiding it alone leaves every
    path open (the easiest cancel path exists): only these need a search each."""
    asked: set[str] = set()
    for step in q.numbered.steps:
        asked.update(step.requires)
    found = [d for d in DEMANDS if d in asked]
    if "login" in asked:
        found.append(RELOGIN)
    return found


def _demands_on_path(q: Queries, nodes: tuple[Node, ...]) -> list[tuple[Node, list[str]]]:
    """Each step of a path with what it demands, in path order."""
    rows = []
    logged_in = False
    for node in nodes:
        rows.append((node, _demands(q, node, logged_in)))
        logged_in = _after(q, node, logged_in)
    return rows


def _demand_phrase(q: Queries, node: Node, demands: list[str]) -> str:
    """'a reason for leaving and a signature', naming a mandatory survey as such."""
    words = [DEMAND_TEXT[d] for d in demands]
    text = " and ".join(words)
    if q.graph.step(node).kind == "survey" and "reason" in demands:
        text += " (the survey cannot be skipped)"
    return text


@check("cancel_requires_reason", reads=(*EFFORT, *SUBSCRIPTION), scope=cancel_scope)
def cancel_requires_reason(q: Queries, params: Params) -> Iterator[Hit]:
    """Every way to cancel makes the customer justify themselves or produce papers: a reason,
    an identity document, a printed form, a signature, or logging in a second time."""
    path = q.easiest("cancel")
    if path is None or _cancel_avoiding(q, {*DEMANDS, RELOGIN}):
        return
    forced = {d for d in _demanded_anywhere(q) if not _cancel_avoiding(q, {d})}
    rows = [(n, d) for n, d in _demands_on_path(q, path.nodes) if d]
    if forced:
        seen: set[str] = set()
        chosen = []
        for node, demands in rows:
            new = [d for d in demands if d in forced and d not in seen]
            seen |= set(new)
            if new:
                what = f"asks for {_demand_phrase(q, node, new)}, here at step '{node[1]}'"
                chosen.append((node, new, what))
    else:
        node, demands = rows[0]
        what = (
            f"asks for a reason or papers: the easiest asks for {_demand_phrase(q, node, demands)}"
            f" at step '{node[1]}', and the others ask for something else"
        )
        chosen = [(node, demands, what)]
    evidence = q.evidence(path, "easiest cancel path")
    for node, demands, what in chosen:
        yield Hit(
            f"every way to cancel {what}. Leaving needs no justification or paperwork: "
            + "; ".join(dict.fromkeys(DEMAND_FIX[d] for d in demands)),
            q.graph.step(node).location,
            flow=node[0],
            step=node[1],
            paths=(evidence,),
            facts=tuple(("demands", DEMAND_TEXT[d]) for d in demands),
            subject="demands:" + ",".join(demands),
        )


# -- DL106 long wait for a person ------------------------------------------------------------

#: What the customer wants on each kind of path, as messages say it.
GOAL = {"cancel": "cancel", "refund": "get a refund", "purchase": "buy", "signup": "sign up"}
#: Outcomes that leave a support request unresolved: refused, given up, or kept as a customer.
UNRESOLVED = frozenset({"refused", "abandoned", "retained"})
#: A goal the customer pursues: (key, what they want, where they start, which steps end it).
Goal = tuple[str, str, list[Node], Callable[[Node], bool]]


def _long_wait(q: Queries, node: Node, limit: float) -> bool:
    """An agent step whose declared wait exceeds the limit (an unknown wait is no finding)."""
    return _waits_long(q.graph.step(node), limit)


def _waits_long(step: Step, limit: float) -> bool:
    return step.kind == "agent" and step.wait_minutes is not None and step.wait_minutes > limit


def _goals(q: Queries, kinds: list[str]) -> Iterator[Goal]:
    """The goals to judge. Cancel and refund paths run over every flow of the kind (the easiest
    one counts); each support flow is a problem of its own, so each is judged on its own, and
    its path ends at any outcome that resolves the matter (not refused, abandoned, retained)."""
    for kind in kinds:
        if kind == "support":
            for flow in q.flows_of("support"):
                if flow.id in q.graph.starts:
                    what = (flow.trigger and flow.trigger.label) or flow.id
                    start = [q.graph.starts[flow.id]]
                    yield f"support:{flow.id}", f"resolve '{what}'", start, _resolves(q)
        elif kind in OUTCOME_OF_KIND:
            ends = _ends_in(q, OUTCOME_OF_KIND[kind])
            yield kind, GOAL.get(kind, kind), q.sources(kind), ends
        else:
            known = ", ".join([*OUTCOME_OF_KIND, "support"])
            raise ValueError(f"long_wait_for_human: unknown kind '{kind}' (known: {known})")


def _ends_in(q: Queries, outcome: str) -> Callable[[Node], bool]:
    """Whether a step ends a path with this outcome."""
    return lambda n: q.graph.step(n).outcome == outcome


def _resolves(q: Queries) -> Callable[[Node], bool]:
    """Whether a step ends a support request with the matter resolved."""
    return lambda n: q.graph.step(n).outcome not in (None, *UNRESOLVED)


def _unavoidable_from(
    q: Queries, sources: list[Node], ends: Callable[[Node], bool], fact: Callable[[Node], bool]
) -> bool:
    """Whether some path from the sources reaches an end, and every such path passes a step
    where ``fact`` holds (two reachability searches, no path enumeration)."""
    if not any(ends(n) for n in q.reachable(sources)):
        return False
    return not any(ends(n) for n in q.reachable(sources, lambda n: not fact(n)))


def _wait_scope(q: Queries, params: Params) -> Scope:
    """DL106: agent steps on the paths it judges, each with its wait written down."""
    agents: list[Node] = []
    for _, _, sources, ends in _goals(q, list(params["kinds"])):
        forward = q.reachable(sources)
        ending = q.reaching(n for n in forward if ends(n))
        agents += [n for n in q.in_order(forward & ending) if q.graph.step(n).kind == "agent"]
    if not agents:
        kinds = ", ".join(params["kinds"])
        return Scope(f"no person (agent step) on a {kinds} path")
    return Scope(gaps=missing_waits(q, agents))


@check(
    "long_wait_for_human",
    validate=_wait_kinds,
    reads=(*EFFORT, "Flow.trigger", "Trigger.label"),
    scope=_wait_scope,
    max_minutes=5,
    kinds=("cancel", "refund", "support"),
)
def long_wait_for_human(q: Queries, params: Params) -> Iterator[Hit]:
    """Every way to cancel, get a refund or get a problem resolved makes the customer wait
    longer than `max_minutes` for a person; one finding per agent step, naming each goal."""
    limit = float(params["max_minutes"])
    if not any(_waits_long(step, limit) for step in q.numbered.steps):
        return  # no step makes anyone wait that long: no path can pass one
    found: dict[Node, list[tuple[str, str, PathView]]] = {}
    for key, goal, sources, ends in _goals(q, list(params["kinds"])):
        if not _unavoidable_from(q, sources, ends, lambda n: _long_wait(q, n, limit)):
            continue
        path = q.easiest_between(sources, ends)
        if path is not None:
            node = next(n for n in path.nodes if _long_wait(q, n, limit))
            found.setdefault(node, []).append((key, goal, path))
    for node, uses in found.items():
        step = q.graph.step(node)
        goals = " or ".join(goal for _, goal, _ in uses)
        yield Hit(
            f"every way to {goals} passes step '{node[1]}', where customers wait "
            f"{step.wait_minutes:g} minutes for a person (at most {limit:g} allowed); staff it "
            "so someone answers sooner, or offer a way that needs no wait (online, or a call "
            "back at a time the customer picks)",
            step.location,
            flow=node[0],
            step=node[1],
            paths=tuple(q.evidence(path, f"easiest way to {goal}") for _, goal, path in uses),
            facts=(("wait", f"{step.wait_minutes:g} minutes"), ("channel", q.graph.channel(node))),
            subject="wait:" + ",".join(key for key, _, _ in uses),
        )


# -- DL107 cancel limited to business hours --------------------------------------------------


def _business_hours(q: Queries, node: Node) -> bool:
    """Open only part of the time: business hours, or opening hours short of 24/7."""
    return q.graph.step(node).limited_hours


@check(
    "cancel_limited_hours",
    reads=(
        *EFFORT,
        *SUBSCRIPTION,
        "Step.hours",
        "OpeningHours.days",
        "OpeningHours.opens",
        "OpeningHours.closes",
    ),
    scope=cancel_hours_scope,
)
def cancel_limited_hours(q: Queries, params: Params) -> Iterator[Hit]:
    """Signing up works at any hour but every way to cancel passes a step open only in
    business hours, so customers can join at midnight but not leave."""
    if not any(step.limited_hours for step in q.numbered.steps):
        return  # no step keeps hours: none can stand in every way to cancel
    path = q.easiest("cancel")
    if path is None or not q.unavoidable("cancel", lambda n: _business_hours(q, n)):
        return
    if not q.has_path("signup", lambda n: not _business_hours(q, n)):
        return
    node = next(n for n in path.nodes if _business_hours(q, n))
    signup = q.easiest("signup")
    hours = hours_text(q.graph.step(node).hours)
    yield Hit(
        f"customers can sign up at any hour, but every way to cancel passes step '{node[1]}', "
        f"which is open only {'in business hours' if hours == 'business' else hours}; let "
        "customers cancel at any hour, as they can sign up",
        q.graph.step(node).location,
        flow=node[0],
        step=node[1],
        paths=tuple(
            p
            for p in (
                signup and q.evidence(signup, "easiest signup path", COMPARISON),
                q.evidence(path, "easiest cancel path"),
            )
            if p
        ),
        facts=(("hours", hours), ("channel", q.graph.channel(node))),
        subject="business-hours",
    )


# -- DL108 de-emphasised exit ----------------------------------------------------------------

#: How prominent an action is shown: hidden < link < secondary < primary.
RANK = {"hidden": 0, "link": 1, "secondary": 2, "primary": 3}
SHOWN = {
    "hidden": "hidden",
    "link": "shown as a link",
    "secondary": "shown as a secondary button",
    "primary": "shown as a primary button",
}


@check(
    "de_emphasized_exit",
    reads=(*SUBSCRIPTION, "Action.emphasis", "Action.by"),
    scope=cancel_scope,
)
def de_emphasized_exit(q: Queries, params: Params) -> Iterator[Hit]:
    """On a step of a cancel path, the way to go on cancelling is shown less prominently than
    a way that can only end with the customer kept (retained)."""
    if not q.outcome_nodes("retained"):
        return  # no action can only keep the customer: nothing to compare the exit with
    on_path = q.on_some_path("cancel")
    to_cancel = q.reaching_outcome("cancelled")
    to_retained = q.reaching_outcome("retained")
    to_other = _reaching_other_than(q, "retained")
    for node in q.graph.nodes():
        if node not in on_path:
            continue
        customer = [(a, t) for a, t in q.graph.succ[node] if a.by_customer]
        leave = [a for a, t in customer if t in to_cancel]
        stay = [a for a, t in customer if t in to_retained and t not in to_other]
        if not leave or not stay:
            continue
        exit_action = max(leave, key=lambda a: RANK[a.emphasis])
        keep_action = max(stay, key=lambda a: RANK[a.emphasis])
        if RANK[exit_action.emphasis] >= RANK[keep_action.emphasis]:
            continue
        yield Hit(
            f"at step '{node[1]}' the way to go on cancelling, '{exit_action.label}', is "
            f"{SHOWN[exit_action.emphasis]}, less prominent than '{keep_action.label}' "
            f"({SHOWN[keep_action.emphasis].removeprefix('shown as ')}), which can only keep "
            "the customer subscribed; show the cancel action at least as prominently as the "
            "offer to stay",
            q.graph.step(node).location,
            flow=node[0],
            step=node[1],
            facts=(
                ("cancel action", f"{exit_action.label} ({exit_action.emphasis})"),
                ("stay action", f"{keep_action.label} ({keep_action.emphasis})"),
            ),
            subject="exit-below-stay",
        )


def _reaching_other_than(q: Queries, outcome: str) -> set[Node]:
    """Steps from which some outcome other than ``outcome`` can be reached."""
    others = [
        n
        for n in q.graph.nodes()
        if q.graph.step(n).outcome is not None and q.graph.step(n).outcome != outcome
    ]
    return q.reaching(others)


# -- DL109 cancellation never confirmed ------------------------------------------------------


def _confirmation_text(step: Step) -> str:
    """'by email within 24 hours', 'by email, timing not stated', or 'none'."""
    confirmation = step.confirmation
    if confirmation is None:
        return "none"
    by = f"by {confirmation.channel}" if confirmation.channel else "sent"
    if confirmation.within_hours is None:
        return f"{by}, timing not stated"
    return f"{by} within {_hours(confirmation.within_hours)}"


def _hours(value: float) -> str:
    return f"{value:g} hour" if float(value) == 1 else f"{value:g} hours"


def _confirmation_scope(q: Queries, params: Params) -> Scope:
    """DL109: a cancellation to confirm, in a file that can say how it is confirmed."""
    scope = paths_scope(q, "cancel")
    if scope.not_applicable:
        return scope
    return format_11_gap(q, "how a cancellation is confirmed (confirmation)") or scope


@check(
    "cancellation_not_confirmed",
    reads=(
        *EFFORT,
        *SUBSCRIPTION,
        "Step.confirmation",
        "Confirmation.within_hours",
        "Confirmation.channel",
    ),
    scope=_confirmation_scope,
    max_hours=None,
)
def cancellation_not_confirmed(q: Queries, params: Params) -> Iterator[Hit]:
    """A cancellation the business never confirms, or (with `max_hours`) confirms too late
    or at a time it does not state. Only in files that declare format 1.1, which can say
    `confirmation`: in a version 1 file it is unknown, not missing."""
    if not q.product.format_11:
        return
    limit = params["max_hours"]
    sources = q.sources("cancel")
    reached = q.reachable(sources)
    for node in q.in_order(reached):
        step = q.graph.step(node)
        if step.outcome != "cancelled":
            continue
        confirmation = step.confirmation
        if confirmation is None:
            problem = (
                "the business never confirms it: customers are left without a record that "
                "they cancelled, and without proof if they are charged again"
            )
            fix = "Confirm every cancellation in a durable record, such as an email"
        elif limit is None:
            continue
        elif confirmation.within_hours is None:
            problem = (
                f"the confirmation ({_confirmation_text(step)}) has no stated timing, and it "
                f"must arrive within {_hours(float(limit))}"
            )
            fix = f"Send it within {_hours(float(limit))} and say so (within_hours)"
        elif confirmation.within_hours > float(limit):
            problem = (
                f"the confirmation arrives only within {_hours(confirmation.within_hours)}, "
                f"later than the {_hours(float(limit))} allowed"
            )
            fix = f"Send it within {_hours(float(limit))}"
        else:
            continue
        path = q.fewest_actions(sources, lambda n, node=node: n == node, kind="cancel")
        yield Hit(
            f"customers who cancel end at step '{node[1]}', but {problem}. {fix} (confirmation: "
            "{channel: email, within_hours: 24})",
            step.location,
            flow=node[0],
            step=node[1],
            paths=(replace(q.evidence(path, "a cancel path to it"), effort=None),) if path else (),
            facts=(("confirmation", _confirmation_text(step)),),
            subject="confirmation:" + ("none" if confirmation is None else "late"),
        )
