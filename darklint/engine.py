"""The engine: find flow files, load them, run the selected rules, apply inline ignores.

It turns paths into a :class:`RunReport` of plain findings that every reporter reads. A file
that cannot be loaded becomes DL001 findings and the run goes on with the others.
"""

from __future__ import annotations

import functools
import gc
import os
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from darklint.assess import Verdict, assess_rule
from darklint.catalog import Rule, RuleFileError, find_rule, matches, nearest_rule
from darklint.checks import get_check
from darklint.checks.structure import unknown_target_hit
from darklint.classes import dataclass
from darklint.findings import Finding, Hit
from darklint.graph import EffortWeights, Queries, build_graph
from darklint.graph.build import ProductGraph
from darklint.law import UPCOMING
from darklint.law import standing as law_standing
from darklint.load import DEFAULT_MAX_BYTES, LoadResult, load_buffer, load_file
from darklint.load.targets import resolve, suggest
from darklint.model import IgnoreEntry, Product, gives_reason
from darklint.pathfilter import PathFilter
from darklint.provenance import with_provenance
from darklint.safetext import clip, clip_key

if TYPE_CHECKING:
    from darklint.baseline import BaselineEntry
    from darklint.cache import CacheKey, ResultCache
    from darklint.results import FileResult, FileSummary

T = TypeVar("T")

INVALID_FILE = "DL001"
UNUSED_IGNORE = "DL007"
#: The check behind DL002, which the engine also runs on files that do not load.
UNKNOWN_TARGET_CHECK = "unknown_step"
#: Rules the engine itself produces rather than a check function.
ENGINE_RULES = frozenset({INVALID_FILE, UNUSED_IGNORE})
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LintOptions:
    """Everything a run needs besides the paths: the rules to run and the effort weights."""

    rules: tuple[Rule, ...]
    all_rules: tuple[Rule, ...]  # the whole catalog, for DL001 metadata and ignore matching
    weights: EffortWeights = field(default_factory=EffortWeights)
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Keep each loaded Product on its FileReport (the HTML report draws the flows). Off by
    #: default: with --jobs every product would otherwise be pickled back for nothing.
    keep_products: bool = False
    #: The day the law is judged on: a finding whose provisions do not bind yet is upcoming.
    as_of: date = field(default_factory=date.today)
    #: Also say, per rule, whether the product passes, fails, cannot be assessed or is out of
    #: the rule's scope (``darklint check --assess``).
    assess: bool = False


@dataclass
class FileReport:
    """The outcome for one file."""

    path: str
    product: str | None = None
    findings: list[Finding] = field(default_factory=list)
    ignored: list[Finding] = field(default_factory=list)
    #: Known findings a baseline accepts: counted, not shown, and no reason for exit code 1.
    baselined: list[Finding] = field(default_factory=list)
    linted: bool = True  # False when the file could not be linted (DL001): exit 2
    flows: int = 0
    steps: int = 0
    #: The loaded product, only when ``LintOptions.keep_products`` asked for it.
    model: Product | None = None
    #: Per rule id, what the assessment found (``LintOptions.assess``).
    verdicts: dict[str, Verdict] = field(default_factory=dict)


@dataclass
class RunReport:
    """All files of a run; what reporters render."""

    files: list[FileReport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # YAML files that are not flow files
    #: Baseline entries no longer found (their problem is fixed): they can be removed.
    baseline_fixed: list[BaselineEntry] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)

    @property
    def baselined(self) -> list[Finding]:
        return sorted((f for r in self.files for f in r.baselined), key=Finding.sort_key)

    @property
    def ignored(self) -> list[Finding]:
        return sorted((f for r in self.files for f in r.ignored), key=Finding.sort_key)

    @property
    def failed_files(self) -> list[str]:
        return [r.path for r in self.files if not r.linted]


def validate_rules(rules: Iterable[Rule]) -> None:
    """Every rule names a registered check and only parameters that check accepts."""
    for rule in rules:
        if rule.id in ENGINE_RULES:
            continue
        spec = get_check(rule.function)
        if spec is None:
            raise RuleFileError(f"{rule.source}: no check function named '{rule.function}'")
        try:
            spec.check_params(rule.params)
        except ValueError as error:
            raise RuleFileError(f"{rule.source}: check '{rule.function}': {error}") from None


# -- finding files ----------------------------------------------------------------------------


def discover(
    paths: Sequence[str], path_filter: PathFilter | None = None, force_exclude: bool = False
) -> tuple[list[str], set[str]]:
    """Files to consider, in a stable order, and which of them were named explicitly.

    Directories are walked without following symlinked directories (no symlink loops);
    hidden directories are skipped. The include/exclude globs of ``path_filter`` apply to
    files found in directories; with ``force_exclude`` they also apply to files named on the
    command line, which then count as found (a non-flow YAML file is skipped, not an error):
    what pre-commit needs, since it passes every changed YAML file.
    """
    found: list[str] = []
    explicit: set[str] = set()
    for raw in paths:
        if os.path.isdir(raw):
            for root, dirs, files in os.walk(raw):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                if path_filter:
                    dirs[:] = [d for d in dirs if not path_filter.prunes(os.path.join(root, d))]
                for name in sorted(files):
                    path = os.path.join(root, name)
                    if name.endswith(YAML_SUFFIXES) and (
                        not path_filter or path_filter.accepts(path)
                    ):
                        found.append(path)
        elif force_exclude:
            if not path_filter or path_filter.accepts(raw):
                found.append(raw)
        else:
            found.append(raw)
            explicit.add(raw)
    seen: set[str] = set()
    unique = [p for p in found if not (p in seen or seen.add(p))]
    return unique, explicit


# -- linting ----------------------------------------------------------------------------------


def collector_paused(function: Callable[..., T]) -> Callable[..., T]:
    """Run with Python's cyclic garbage collector paused (as it was before, afterwards).

    A file's YAML nodes, model and findings, and the data a report is rendered from, hold
    (almost) no reference cycles, so reference counting frees them; the collector would only
    walk the growing tree of a large file (or the findings of a large run) over and over:
    composing one product of 100,000 steps took eight times as long with it on. What cycles
    there are (an exception's traceback) are collected once the call is done.
    """

    @functools.wraps(function)
    def paused(*args: object, **kwargs: object) -> T:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@collector_paused
def lint_file(path: str, options: LintOptions, explicit: bool = True) -> FileReport | None:
    """Lint one file; None when a file found in a directory is not a darklint file."""
    return lint_loaded(load_file(path, options.max_bytes), options, explicit)


@collector_paused
def lint_text(
    text: str, path: str, options: LintOptions, explicit: bool = True
) -> FileReport | None:
    """Lint a text as if it were the file at ``path``: an editor's unsaved buffer, or
    standard input. Findings point at ``path``; the size limit of files applies. None when
    ``explicit`` is False and the text is not a darklint file (a YAML file of another tool).
    """
    return lint_loaded(load_buffer(text, path, options.max_bytes), options, explicit)


def lint_loaded(loaded: LoadResult, options: LintOptions, explicit: bool) -> FileReport | None:
    """Lint what the loader made of a file or a text: the rules and inline ignores, or why
    it did not load."""
    if loaded.product is None and not explicit and not loaded.is_flow_file:
        return None
    if loaded.product is None:
        return invalid_file_report(loaded, options)
    product = loaded.product
    verdicts: dict[str, Verdict] = {}
    findings = lint_product(product, options, verdicts if options.assess else None)
    findings = with_provenance(product, findings)
    kept, ignored = apply_ignores(product, findings, options)
    return FileReport(
        path=loaded.path,
        product=product.product,
        findings=sorted(kept, key=Finding.sort_key),
        ignored=sorted(ignored, key=Finding.sort_key),
        flows=len(product.flows),
        steps=sum(len(f.steps) for f in product.flows.values()),
        model=product if options.keep_products else None,
        verdicts=verdicts,
    )


def invalid_file_report(loaded: LoadResult, options: LintOptions) -> FileReport:
    """DL001 for every problem of a file that did not load, and DL002 for every target that
    names no step: all of a file's mistakes in one run."""
    rule = find_rule(options.all_rules, INVALID_FILE)
    findings = [
        make_finding(rule, Hit(p.message, p.location, subject=p.message), "")
        for p in loaded.problems
    ]
    unknown = next((r for r in options.rules if r.function == UNKNOWN_TARGET_CHECK), None)
    if unknown is not None and loaded.targets is not None:
        steps = loaded.targets.steps
        for ref in loaded.targets.refs:
            if resolve(ref.target, ref.flow, steps) is None:
                suggestion = suggest(ref.target, ref.flow, steps)
                hit = unknown_target_hit(ref, steps.get(ref.flow, ()), suggestion)
                findings.append(make_finding(unknown, hit, ""))
    return FileReport(loaded.path, findings=sorted(findings, key=Finding.sort_key), linted=False)


def lint_product(
    product: Product, options: LintOptions, verdicts: dict[str, Verdict] | None = None
) -> list[Finding]:
    """Run every selected rule on one product.

    An action to a missing step (DL002) is left out of the graph, and much else could follow
    from the hole it leaves: a dead end, an unreachable step, no way to cancel. Such findings
    are dropped: the rules run again on the graph as it might be without the missing targets
    (``ProductGraph.with_guesses``), and only findings found there too are kept.

    Each finding is dated: judged on ``options.as_of`` against the provisions its rule cites
    (:func:`dated`). With ``verdicts``, each rule's assessment of the product (on its real
    graph, counting the findings kept) is recorded there too.
    """
    graph = build_graph(product)
    judged: list[Judged] = []
    findings = run_rules(graph, options, judged if verdicts is not None else None)
    if graph.dangling:
        expected = {_identity(f) for f in run_rules(graph.with_guesses(), options)}
        findings = [
            f
            for f in findings
            if _identity(f) in expected or f.rule_id in _rules_with(options, UNKNOWN_TARGET_CHECK)
        ]
    if verdicts is not None:
        counts = Counter(f.rule_id for f in findings)
        for rule, spec, queries, params in judged:
            verdicts[rule.id] = assess_rule(spec, queries, params, counts[rule.id])
    return findings


#: What the assessment needs of a rule run: the rule, its check, the product's queries and
#: the parameters, so its scope can be asked once the findings are known.
Judged = tuple[Rule, Any, Queries, dict[str, Any]]


def run_rules(
    graph: ProductGraph, options: LintOptions, judged: list[Judged] | None = None
) -> list[Finding]:
    """Every selected rule on one product graph; the graph queries are shared by all."""
    queries = Queries(graph, options.weights)
    findings: list[Finding] = []
    for rule in options.rules:
        if rule.id in ENGINE_RULES:
            continue
        spec = get_check(rule.function)
        if spec is None:  # validated up front; a missing check is a rule-file error
            raise RuleFileError(f"{rule.source}: no check function named '{rule.function}'")
        params = {**spec.defaults, **rule.params}
        for hit in spec.function(queries, params):
            findings.append(
                dated(make_finding(rule, hit, graph.product.product), rule, options.as_of)
            )
        if judged is not None and rule.category != "structure":
            judged.append((rule, spec, queries, params))
    return findings


def _identity(finding: Finding) -> tuple[str, str | None, str | None, str]:
    """What a finding is about, apart from its wording and evidence."""
    return (finding.rule_id, finding.flow, finding.step, finding.subject)


def _rules_with(options: LintOptions, function: str) -> set[str]:
    return {r.id for r in options.rules if r.function == function}


#: Longest message or evidence text a finding keeps. Messages quote what a flow file says,
#: and one file can make thousands of findings quote the same megabyte (YAML aliases).
MESSAGE_LIMIT = 2000


def dated(finding: Finding, rule: Rule, as_of: date) -> Finding:
    """A finding judged on ``as_of`` against its rule's provisions.

    A finding whose provisions do not bind yet is *upcoming*: severity info, so it never fails
    a run, and the message says from when. One whose provisions never bind (vacated,
    proposed) is a *benchmark*, labelled so and kept at the severity the profile gives it.
    """
    standing = law_standing(rule.provisions, as_of)
    if standing is None:
        return finding
    changed = replace(finding, standing=standing, message=standing.note() + finding.message)
    if standing.label == UPCOMING:
        changed = replace(changed, severity="info")
    return changed


def make_finding(rule: Rule | None, hit: Hit, product: str) -> Finding:
    """A hit with its rule's metadata; its texts cut to :data:`MESSAGE_LIMIT`."""
    if rule is None:  # only if the catalog lacks DL001; keep the finding anyway
        rule = Rule(INVALID_FILE, "invalid-flow-file", "error", "structure", "", "", {}, "")
    return Finding(
        rule_id=rule.id,
        rule_name=rule.name,
        severity=rule.severity,
        category=rule.category,
        message=clip(hit.message, MESSAGE_LIMIT),
        location=hit.location,
        product=product,
        flow=hit.flow,
        step=hit.step,
        paths=hit.paths,
        facts=tuple((name, clip(value, MESSAGE_LIMIT)) for name, value in hit.facts),
        subject=clip_key(hit.subject, MESSAGE_LIMIT),
        fix=rule.fix,
        help_uri=rule.help_uri,
        provision=rule.provision,
        provisions=rule.provisions,
    )


# -- inline ignores ---------------------------------------------------------------------------


def ignore_applies(entry: IgnoreEntry, finding: Finding, rules: Sequence[Rule]) -> bool:
    """Whether an ignore entry (rule id or name, optional flow and step) covers a finding."""
    rule = find_rule(rules, entry.rule)
    if rule is None or rule.id != finding.rule_id:
        return False
    if entry.flow is not None and entry.flow != finding.flow:
        return False
    return entry.step is None or entry.step == finding.step


class IgnoreIndex:
    """A product's ignore entries indexed by (rule id, flow, step), so matching a finding
    takes four dictionary look-ups however many entries a file has, and each entry's rule is
    resolved once (6,000 entries took 44 s when every finding scanned every entry)."""

    def __init__(self, entries: Sequence[IgnoreEntry], rules: Sequence[Rule]) -> None:
        by_id: dict[str, Rule] = {}
        by_name: dict[str, Rule] = {}
        for rule in rules:
            by_id.setdefault(rule.id, rule)
            by_name.setdefault(rule.name, rule)
        #: The rule each entry names (as :func:`find_rule` resolves it), None when unknown.
        self.targets: list[Rule | None] = [
            by_id.get(e.rule.upper()) or by_name.get(e.rule) for e in entries
        ]
        self._first: dict[tuple[str, str | None, str | None], int] = {}
        for index, (entry, rule) in enumerate(zip(entries, self.targets, strict=True)):
            if rule is not None:
                self._first.setdefault((rule.id, entry.flow, entry.step), index)

    def match(self, finding: Finding) -> int | None:
        """The first entry (in file order) that covers the finding, as :func:`ignore_applies`
        decides it; None when none does."""
        if finding.rule_id == INVALID_FILE:
            return None
        found = [
            self._first.get((finding.rule_id, flow, step))
            for flow in {finding.flow, None}
            for step in {finding.step, None}
        ]
        return min((i for i in found if i is not None), default=None)


def apply_ignores(
    product: Product, findings: list[Finding], options: LintOptions
) -> tuple[list[Finding], list[Finding]]:
    """Split findings into kept and ignored; report unused ignores (DL007).

    Only entries with a reason suppress anything: an entry without one (or with a placeholder
    for one) is DL006's finding, and DL001 can never be ignored.
    """

    entries = [e for e in product.ignore if gives_reason(e.reason)]
    index = IgnoreIndex(entries, options.all_rules)
    used: set[int] = set()
    kept: list[Finding] = []
    ignored: list[Finding] = []
    for finding in findings:
        match = index.match(finding)
        if match is None:
            kept.append(finding)
        else:
            used.add(match)
            ignored.append(replace(finding, ignored_reason=entries[match].reason))
    unused_rule = next((r for r in options.rules if r.id == UNUSED_IGNORE), None)
    if unused_rule is not None:
        selected = {r.id for r in options.rules}
        hints: dict[str, str | None] = {}
        for number, (entry, target) in enumerate(zip(entries, index.targets, strict=True)):
            if number in used or (target is not None and target.id not in selected):
                continue  # an ignore for a rule not run this time cannot be judged unused
            rule = clip(entry.rule)
            what = f"rule {rule}" + (f" in flow '{clip(entry.flow)}'" if entry.flow else "")
            what += f" at step '{clip(entry.step)}'" if entry.step else ""
            note = ""
            if target is None:
                if rule not in hints:  # one look for each distinct misspelling
                    hints[rule] = nearest_rule(options.all_rules, rule)
                hint = hints[rule]
                note = f" ('{rule}' is not a known rule" + (
                    f"; did you mean '{hint}'?)" if hint else ")"
                )
            hit = Hit(
                f"ignore entry for {what} matches no finding; remove it{note}",
                entry.location,
                flow=entry.flow,
                step=entry.step,
                subject=f"{entry.rule}/{entry.flow}/{entry.step}",
            )
            kept.append(make_finding(unused_rule, hit, product.product))
    return kept, ignored


# -- selection --------------------------------------------------------------------------------


def select_rules(
    rules: Sequence[Rule], select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> list[Rule]:
    """Rules picked by --select (all when empty) minus --ignore; DL001 always stays on."""
    chosen = [r for r in rules if not select or any(matches(r, s) for s in select)]
    chosen = [r for r in chosen if not any(matches(r, s) for s in ignore)]
    if not any(r.id == INVALID_FILE for r in chosen):
        chosen += [r for r in rules if r.id == INVALID_FILE]
    return sorted(chosen, key=lambda r: r.id)


class Progress(Protocol):
    """Told how many files there are, then of each one done (a progress bar on a terminal)."""

    def start(self, total: int) -> None: ...

    def advance(self, path: str) -> None: ...


def lint_paths(
    paths: Sequence[str],
    options: LintOptions,
    jobs: int | None = 1,
    progress: Progress | None = None,
    path_filter: PathFilter | None = None,
    force_exclude: bool = False,
    open_cache: Callable[[], ResultCache | None] | None = None,
) -> RunReport:
    """Lint every flow file under the paths, in the order :func:`discover` gives, into one
    :class:`RunReport` (every finding held at once; :func:`lint_stream` hands results on one
    by one instead)."""
    files, explicit = discover(paths, path_filter, force_exclude)
    report = RunReport()
    for path, result in lint_stream(files, explicit, options, jobs, progress, open_cache):
        if result is None:
            report.skipped.append(path)
        else:
            report.files.append(result.report)
    return report


#: Results handed on between two writes to the cache (each write is one transaction).
CACHE_WRITE_EVERY = 64
#: The same for results that came back from worker processes as bytes: they hold no
#: findings, so more of them wait for one transaction (a commit costs ~15 ms of I/O).
CACHE_WRITE_EVERY_PACKED = 256


def lint_stream(
    files: Sequence[str],
    explicit: set[str],
    options: LintOptions,
    jobs: int | None = 1,
    progress: Progress | None = None,
    open_cache: Callable[[], ResultCache | None] | None = None,
    want_report: bool = True,
    texts: Collection[str] = (),
) -> Iterator[tuple[str, FileResult | None]]:
    """Lint ``files`` and yield each one's result in the order given, as soon as it is
    known (None: a YAML file found in a directory that is not a darklint file).

    Files are independent, so they run in parallel processes (``jobs``; None picks a number
    from the free cores and the files left to lint). ``open_cache`` gives the result cache,
    opened only for a run large enough to gain from it (:func:`worth_caching`); a file whose
    bytes and settings have a stored result is not linted again. A stored result's findings
    are decoded at once with ``want_report``, else when first asked for; with ``texts``
    their JSON text is read too. Fresh results are stored a few at a time, after the caller
    has written them (so the JSON text an output made is stored with them).
    """
    from darklint.results import FileResult

    if progress is not None:
        progress.start(len(files))
    cache = None
    if open_cache is not None and not options.keep_products and worth_caching(files):
        cache = open_cache()
    keys: dict[str, CacheKey] = {}
    stored: set[str] = set()
    if cache is not None:
        for path in files:
            key = cache.key_for(path, path in explicit)
            if key is not None:
                keys[path] = key
        stored = cache.present(keys.values())

    def cached(path: str) -> bool:
        key = keys.get(path)
        return key is not None and key.value in stored

    def relint(path: str) -> FileReport:
        result = lint_file(path, options, path in explicit)
        assert result is not None  # stored results of non-flow files are never decoded
        return result

    todo = [p for p in files if not cached(p)]
    # Outputs that read only the JSON text (and a cache that stores bytes) take results from
    # worker processes in the form a cache hit has: nothing to unpickle or encode here.
    packed = not want_report and (cache is not None or "json" in texts)
    workers = capped_jobs(jobs, len(todo))
    fresh = iter(lint_many(todo, explicit, options, workers, "json" in texts if packed else None))
    write_every = CACHE_WRITE_EVERY_PACKED if packed and workers > 1 else CACHE_WRITE_EVERY
    unsaved: list[tuple[CacheKey, FileResult | None]] = []
    try:
        for start in range(0, len(files), BATCH):
            batch = files[start : start + BATCH]
            found: dict[str, FileResult | None] = {}
            if cache is not None:
                hits = [p for p in batch if cached(p)]
                found = cache.fetch(
                    [keys[p] for p in hits], hits, want_report, texts, relint=relint
                )
            for path in batch:
                result: FileResult | None
                textless = False  # a stored result without its JSON text (a run without JSON)
                if cached(path) and keys[path].value in found:
                    result = found[keys[path].value]
                    textless = result is not None and any(
                        getattr(result, name) is None for name in texts
                    )
                else:
                    done: FileReport | FileResult | None
                    if cached(path):  # stored, but forged or unreadable: linted here
                        done = lint_file(path, options, path in explicit)
                    else:
                        linted, done = next(fresh)
                        assert linted == path
                    if done is None or isinstance(done, FileResult):
                        result = done
                    else:
                        result = FileResult.of(done)
                    if cache is not None and path in keys:
                        cache.misses += 1
                        unsaved.append((keys[path], result))
                if progress is not None:
                    progress.advance(path)
                yield path, result
                if (
                    textless
                    and result is not None
                    and any(getattr(result, name) is not None for name in texts)
                ):
                    unsaved.append((keys[path], result))  # stored again, with the text made
                if cache is not None and len(unsaved) >= write_every:
                    cache.put_many(unsaved)
                    unsaved = []
    finally:
        if cache is not None:
            cache.put_many(unsaved)
            cache.finish()
            cache.close()


#: Files whose stored results are read from the cache in one query.
BATCH = 500


#: Runs smaller than both of these lint faster than opening the cache (SQLite and the
#: decoder cost more to import than a few small files cost to lint).
CACHE_MIN_FILES = 8
CACHE_MIN_BYTES = 256 * 1024


def worth_caching(files: Sequence[str]) -> bool:
    """Whether a run is large enough for the result cache to pay for itself."""
    if len(files) >= CACHE_MIN_FILES:
        return True
    total = 0
    for path in files:
        try:
            total += os.stat(path).st_size
        except OSError:
            continue
    return total >= CACHE_MIN_BYTES


#: Files each worker process should have before a second process pays for itself: starting
#: a worker and sending it the options costs about as much as linting this many files.
FILES_PER_WORKER = 64


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def auto_jobs(files: int) -> int:
    """Processes for ``files`` files: one per usable core, but never more than the files
    justify (a small run is faster in one process than in a pool)."""
    return max(1, min(usable_cores(), files // FILES_PER_WORKER))


def capped_jobs(jobs: int | None, files: int) -> int:
    """The processes a run starts: ``jobs`` as asked (None: :func:`auto_jobs`), but never more
    than the usable cores or the files, so ``jobs: 120`` in a configuration from a pull
    request cannot start 120 processes."""
    if jobs is None:
        return auto_jobs(files)
    return max(1, min(jobs, usable_cores(), files))


def lint_many(
    files: Sequence[str],
    explicit: set[str],
    options: LintOptions,
    jobs: int,
    packed: bool | None = None,
) -> Iterable[tuple[str, FileReport | FileResult | None]]:
    """Lint files, in parallel processes when ``jobs`` > 1, yielding results in file order.

    ``packed`` (not None): worker processes hand each result back as bytes
    (:func:`pack_result`; with the JSON text when True) instead of a pickled report."""
    if jobs <= 1 or len(files) <= 1:
        return ((p, lint_file(p, options, p in explicit)) for p in files)
    return _lint_in_pool(files, explicit, options, jobs, packed)


#: A result handed back by a worker as bytes: the path, the summary, the report as
#: MessagePack, and the JSON text of its findings and ignored findings (None: not asked for).
Packed = tuple[str, "FileSummary", bytes, tuple[bytes, bytes] | None]


def pack_result(report: FileReport, json: bool) -> Packed | FileReport:
    """A worker's result in the form a cache hit has (summary, the findings' JSON text, the
    report as MessagePack), so the main process copies bytes instead of unpickling findings
    and encoding them again; the report itself when it cannot be encoded (a file name that
    is not UTF-8)."""
    from darklint.cache import encode_report
    from darklint.report.jsonout import json_parts
    from darklint.results import FileSummary

    try:
        data = encode_report(report)
        parts = json_parts(report, True) if json else None
    except UnicodeEncodeError:
        return report
    text = None if parts is None else (bytes(parts.findings), bytes(parts.ignored))
    return report.path, FileSummary.of(report), data, text


def unpack_result(packed: Packed) -> FileResult:
    """A packed result as a :class:`~darklint.results.FileResult` whose report is decoded
    only when an output asks for it."""
    from darklint.cache import decode_report
    from darklint.results import FileResult, JsonParts

    path, summary, data, text = packed

    def decode(_: str) -> FileReport:
        report = decode_report(data)
        assert report is not None
        return report

    json = None if text is None else JsonParts(*text)
    return FileResult(path, summary, decode=decode, json=json, packed=data)


#: Most files in one chunk sent to a worker: the results of a few chunks wait in the main
#: process at a time, so a run's memory follows the chunk, not the run.
CHUNK_MAX = 16


def _lint_in_pool(
    files: Sequence[str],
    explicit: set[str],
    options: LintOptions,
    jobs: int,
    packed: bool | None = None,
) -> Iterable[tuple[str, FileReport | FileResult | None]]:
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    # fork where there is one: workers inherit the loaded catalog and imports instead of
    # importing darklint again. Chunks go out two per worker at a time (the options once per
    # chunk), so workers never wait and finished results never pile up.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    size = max(1, min(len(files) // (jobs * 4), CHUNK_MAX))
    chunks = iter([files[i : i + size] for i in range(0, len(files), size)])
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque[tuple[Sequence[str], Future[list[Any]]]] = deque()

        def send() -> None:
            chunk = next(chunks, None)
            if chunk is not None:
                flags = [p in explicit for p in chunk]
                work = pool.submit(_lint_chunk, chunk, flags, options, packed)
                pending.append((chunk, work))

        for _ in range(jobs * 2):
            send()
        while pending:
            chunk, future = pending.popleft()
            reports = future.result()
            send()
            for path, item in zip(chunk, reports, strict=True):
                yield path, unpack_result(item) if isinstance(item, tuple) else item


def _lint_chunk(
    paths: Sequence[str], explicit: Sequence[bool], options: LintOptions, packed: bool | None
) -> list[FileReport | Packed | None]:
    reports = [lint_file(p, options, e) for p, e in zip(paths, explicit, strict=True)]
    if packed is None:
        return reports
    return [None if r is None else pack_result(r, packed) for r in reports]
