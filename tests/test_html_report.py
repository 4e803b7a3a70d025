"""The HTML report, checked where it is read: in headless Chromium, offline.

The report of the examples (plus a product of loops and hostile labels, and the reporters'
fixtures with a file that cannot be linted) is written by the real command line and opened
from disk with every network request refused. The page must show every finding of the JSON
report of the same run, draw every diagram at a non-zero size, log no console error (a
Content-Security-Policy violation is one), run nothing a label smuggles in, keep its headings
in order, title its SVGs and keep its text readable. A screenshot is saved for people to
look at (tests/artifacts/, not committed).

Chromium is Debian's package, driven by Playwright with its executable path. Without it the
browser tests are skipped with a reason, unless DARKLINT_REQUIRE_BROWSER=1 (CI), where a
missing browser is a failure.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from darklint.catalog import Reference, load_rules
from darklint.cli import main
from darklint.engine import LintOptions, lint_paths, select_rules
from darklint.report import ReportContext, reporter
from darklint.report.html import safe_url

ARTIFACTS = ROOT / "tests" / "artifacts"
INPUTS = ["examples", "tests/fixtures/diagram", "tests/fixtures/report"]
HOSTILE = "<script>alert(1)</script>"
EPOCH = "1767225600"  # 2026-01-01: reports built with it are byte-identical


def run_cli(args: list[str]) -> int:
    previous = os.getcwd()
    os.chdir(ROOT)  # paths in reports are relative to the working directory
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False).exit_code
    finally:
        os.chdir(previous)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> tuple[Path, dict]:
    """The HTML and JSON reports of one run over examples and fixtures."""
    out = tmp_path_factory.mktemp("html")
    html, data = out / "report.html", out / "report.json"
    code = run_cli(["check", *INPUTS, "-q", "-f", f"html:{html}", "-f", f"json:{data}"])
    assert code == 2  # tests/fixtures/report/broken.yaml cannot be linted
    return html, json.loads(data.read_text(encoding="utf-8"))


# -- the file itself ---------------------------------------------------------------------------


def test_report_is_self_contained_and_scriptless(outputs):
    html_path, _ = outputs
    text = html_path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "<script" not in text  # the hostile label is there, escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert not re.search(r"""(?i)\b(src|href)\s*=\s*["']?\s*(javascript|data|file|//)""", text)
    assert not re.search(r"(?i)@import|url\((?!#)", text)  # no fetched style or font
    for href in re.findall(r'href="([^"]*)"', text):
        assert href.startswith(("#", "https://", "http://")), href


def test_csp_allows_only_the_pages_own_stylesheet(outputs):
    text = outputs[0].read_text(encoding="utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
    assert csp, "no CSP meta tag"
    policy = csp.group(1).replace("&#39;", "'")
    assert "default-src 'none'" in policy
    assert "script-src" not in policy  # falls back to default-src 'none'
    style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    assert text.index("Content-Security-Policy") < text.index("<style>")
    assert text.count("<style>") == 1  # the diagrams are styled by the page, not inline


def test_reproducibility_block_lists_every_file_with_its_sha256(outputs):
    text = outputs[0].read_text(encoding="utf-8")
    block = text[text.index('id="reproducibility"') :]
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert f'examples/{path.name}</td><td class="mono hash">{digest}' in block
    assert re.search(r"<dt>darklint</dt><dd>\d+\.\d+\.\d+, on Python 3\.", block)


def test_same_inputs_give_the_same_report_with_jobs_and_without_kept_products(
    tmp_path, monkeypatch
):
    """SOURCE_DATE_EPOCH fixes the time; --jobs ships products across processes; a report
    rendered without the products loads the files again and draws the same."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    assert run_cli(["check", "examples", "-q", "-f", f"html:{first}"]) == 1
    assert run_cli(["check", "examples", "-q", "-j", "2", "-f", f"html:{second}"]) == 1
    assert first.read_bytes() == second.read_bytes()
    assert "2026-01-01 00:00:00 UTC" in first.read_text(encoding="utf-8")

    rules = load_rules()
    chosen = tuple(select_rules(rules))
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        report = lint_paths(["examples"], LintOptions(chosen, tuple(rules)))
        assert all(f.model is None for f in report.files)
        context = ReportContext(rules=chosen)
        reloaded = reporter("html")(report, context)
        kept = lint_paths(["examples"], LintOptions(chosen, tuple(rules), keep_products=True))
        assert reloaded == reporter("html")(kept, context)
    finally:
        os.chdir(previous)
    assert reloaded.count('class="diagram-svg"') == first.read_text().count('class="diagram-svg"')


def test_reference_links_are_only_http(tmp_path):
    """A rule reference with a javascript: or data: URL is shown as text, never as a link."""
    rules = load_rules()
    hostile = (
        Reference("Evil", "javascript:alert(1)"),
        Reference("Data", "data:text/html,<b>x</b>"),
        Reference("Spaces", "https://example.org/a b"),
        Reference("Fine", "https://example.org/rule"),
    )
    chosen = tuple(dataclasses.replace(r, references=hostile) for r in select_rules(rules))
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        report = lint_paths(["examples/gym-membership.yaml"], LintOptions(chosen, tuple(rules)))
    finally:
        os.chdir(previous)
    text = reporter("html")(report, ReportContext(rules=chosen))
    hrefs = re.findall(r'href="([^"]*)"', text)
    assert "https://example.org/rule" in hrefs
    assert not [h for h in hrefs if not h.startswith(("#", "https://", "http://"))]
    assert "<li>Evil</li>" in text and "<li>Data</li>" in text
    assert safe_url(" JAVASCRIPT:alert(1)") is None
    assert safe_url("http:///no-host") is None
    assert safe_url("HTTPS://example.org") == "HTTPS://example.org"


# -- in the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(browser, outputs):
    """The report opened from disk; every request that is not the file itself is refused."""
    html_path, _ = outputs
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    events: dict[str, list[str]] = {"console": [], "errors": [], "dialogs": [], "requests": []}

    def on_console(message):
        if message.type in ("error", "warning"):
            events["console"].append(f"{message.type}: {message.text}")

    def on_dialog(dialog):
        events["dialogs"].append(dialog.message)
        dialog.dismiss()

    def on_route(route):
        url = route.request.url
        if url == html_path.as_uri():
            route.continue_()
        else:
            events["requests"].append(url)
            route.abort()

    page.on("console", on_console)
    page.on("pageerror", lambda error: events["errors"].append(str(error)))
    page.on("dialog", on_dialog)
    page.route("**/*", on_route)
    page.goto(html_path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)  # anything a label could have scheduled would run by now
    yield page, events
    context.close()


def test_page_loads_offline_without_console_errors(page):
    _, events = page
    assert events["console"] == []
    assert events["errors"] == []
    assert events["requests"] == []  # nothing fetched: fonts, images, styles, scripts


def test_hostile_labels_stay_text_and_run_nothing(page):
    page, events = page
    assert events["dialogs"] == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.images.length") == 0  # <img onerror=...> stayed text
    shown = page.evaluate(
        "[...document.querySelectorAll('h2, text, tspan, p, td')].map(e => e.textContent)"
    )
    assert any(HOSTILE in text for text in shown)
    assert any("Handling <img src=x onerror=alert(1)>" in text for text in shown)
    links = page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert all(h.startswith(("#", "https://", "http://")) for h in links), links


def _shown(page, selector: str) -> list[dict]:
    """Each element's visibility, size and text, in one call to the browser."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)].map(e => {
            const box = e.getBoundingClientRect();
            return {visible: e.checkVisibility(), width: box.width, height: box.height,
                    heading: (e.querySelector('h4, h5') || {}).textContent || '',
                    message: (e.querySelector('.message') || {}).textContent || ''};
        })""",
        selector,
    )


def test_every_finding_is_visible(page, outputs):
    page, _ = page
    _, data = outputs
    cards = _shown(page, "article.finding:not(.ignored)")
    assert len(cards) == len(data["findings"])
    for card in cards:
        assert card["visible"] and card["width"] > 0 and card["height"] > 0, card
    shown = sorted((card["heading"].split()[1], card["message"]) for card in cards)
    assert shown == sorted((f["rule"], f["message"]) for f in data["findings"])
    # Each finding under a step is linked from that step in its diagram.
    broken = page.evaluate(
        """[...document.querySelectorAll('svg a')].map(a => a.getAttribute('href'))
            .filter(h => !document.querySelector('article' + h + '.finding'))"""
    )
    assert broken == []
    assert page.locator("svg a").count() > 0


def test_every_diagram_is_drawn_with_highlighted_paths(page, outputs):
    page, _ = page
    _, data = outputs
    diagrams = _shown(page, "#failing svg.diagram-svg")
    products = {f["product"] for f in data["findings"] if f["product"]}
    assert len(diagrams) >= 2 * len(products)
    for diagram in diagrams:
        assert diagram["visible"] and diagram["width"] > 10 and diagram["height"] > 10, diagram
    # Products without findings come last, folded, each with its diagrams.
    clean = page.locator("#clean details.clean-product:not([open])")
    assert clean.count() > 0
    assert page.locator("#clean details.clean-product svg.diagram-svg").count() >= clean.count()
    assert page.locator("details.flow:not([open])").count() == 0  # examples are small
    assert any(f["evidence"]["paths"] for f in data["findings"])
    assert page.locator("svg .edge.hl").count() > 0
    assert page.locator("svg .node.hl").count() > 0


def test_svgs_have_titles(page):
    page, _ = page
    missing = page.evaluate(
        """[...document.querySelectorAll('svg:not([aria-hidden="true"])')].filter(svg => {
            const title = svg.querySelector(':scope > title');
            const ids = (svg.getAttribute('aria-labelledby') || '').split(' ');
            return !title || !title.textContent.trim() || !ids.includes(title.id)
                || svg.getAttribute('role') !== 'img';
        }).length"""
    )
    assert missing == 0


def test_headings_are_in_order(page):
    page, _ = page
    levels = page.evaluate(
        "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (before, after)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """The WCAG 2 contrast ratio of two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(css: str) -> tuple[float, float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)[:3]]
    return values[0], values[1], values[2]


def test_text_contrast_is_sufficient(page):
    """Main text at least 7:1 (AAA); secondary text, badges, links and labels 4.5:1 (AA)."""
    page, _ = page
    colours = page.evaluate(
        """() => {
        const style = (sel, prop) => {
            const el = document.querySelector(sel);
            return el ? getComputedStyle(el)[prop] : null;
        };
        return {
            body: [style('body', 'color'), style('body', 'backgroundColor')],
            muted: [style('.muted', 'color'), style('body', 'backgroundColor')],
            link: [style('main a', 'color'), style('body', 'backgroundColor')],
            error: [style('.sev-error', 'color'), style('.sev-error', 'backgroundColor')],
            warning: [style('.sev-warning', 'color'), style('.sev-warning', 'backgroundColor')],
            info: [style('.sev-info', 'color'), style('.sev-info', 'backgroundColor')],
            fix: [style('.fix', 'color'), style('.fix', 'backgroundColor')],
            node: [style('svg .node .meta', 'fill'), style('svg .node.ch-phone rect', 'fill')],
            rules: [style('svg .node .rules', 'fill'), style('svg .node rect', 'fill')],
            label: [style('svg .edge.hl .label', 'fill'), style('body', 'backgroundColor')],
        };
    }"""
    )
    assert contrast(*map(_rgb, colours.pop("body"))) >= 7.0
    for name, pair in colours.items():
        assert None not in pair, name
        assert contrast(*map(_rgb, pair)) >= 4.5, (name, pair)


def test_print_layout_opens_folded_sections(page):
    page, _ = page
    page.emulate_media(media="print")
    try:
        assert page.locator(".diagram").first.evaluate("e => getComputedStyle(e).maxHeight") == (
            "none"
        )
    finally:
        page.emulate_media(media="screen")


def test_screenshot_for_people(page):
    """tests/artifacts/report.png: the summary and the first products; report-loops.png: the
    product with loops, a jump into another flow and hostile labels."""
    page, _ = page
    ARTIFACTS.mkdir(exist_ok=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    target = ARTIFACTS / "report.png"
    clip = {"x": 0, "y": 0, "width": 1280, "height": min(height, 4200)}
    page.screenshot(path=str(target), full_page=True, clip=clip)
    assert target.stat().st_size > 10_000
    section = page.locator("section.product", has_text="Loopy").first
    section.screenshot(path=str(ARTIFACTS / "report-loops.png"))
    assert (ARTIFACTS / "report-loops.png").stat().st_size > 10_000


# -- at a desktop's and a phone's width, and on paper ------------------------------------------

WIDTHS = {"desktop": 1400, "phone": 420}
#: The smallest text a diagram may show, in CSS pixels, at any width.
MIN_TEXT_PX = 9.0


@pytest.fixture(scope="module")
def big_outputs(tmp_path_factory) -> tuple[Path, dict]:
    """The report of a generated 500-step product (bench/generate.py: many flows of every
    kind and a long cancel maze)."""
    from bench.generate import big_product, count_steps, to_yaml

    out = tmp_path_factory.mktemp("big")
    data = big_product(500)
    assert count_steps(data) == 500
    (out / "flows").mkdir()
    (out / "flows" / "catalogue.yaml").write_text(to_yaml(data), encoding="utf-8")
    html, report = out / "big.html", out / "big.json"
    code = run_cli(
        ["check", str(out / "flows"), "-q", "-f", f"html:{html}", "-f", f"json:{report}"]
    )
    assert code == 1
    return html, json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(
    scope="module",
    params=[(r, w) for r in ("examples", "big") for w in WIDTHS],
    ids=lambda p: f"{p[0]}-{p[1]}",
)
def shown(request, browser, outputs, big_outputs):
    """A report opened at a width, every folded section opened as a reader would."""
    name, width = request.param
    html_path, data = outputs if name == "examples" else big_outputs
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url == html_path.as_uri() else route.abort()
        ),
    )
    page.goto(html_path.as_uri(), wait_until="load")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    yield page, data, name, width
    context.close()


def test_diagram_text_is_readable_at_every_width(shown):
    """No text of a diagram is drawn smaller than 9 CSS pixels: a wide diagram scrolls in its
    frame instead of shrinking."""
    page, _, _, _ = shown
    sizes = page.evaluate(
        """[...document.querySelectorAll('svg.diagram-svg:not(.legend-sample)')].map(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return Math.min(...[...svg.querySelectorAll('text')].map(
                t => parseFloat(getComputedStyle(t).fontSize) * scale));
        })"""
    )
    assert sizes and min(sizes) >= MIN_TEXT_PX, min(sizes)


def test_nothing_overflows_the_page(shown):
    """The page never scrolls sideways; an element wider than the window sits in a frame
    that scrolls (a diagram, a wide table) and the frame itself fits."""
    page, _, _, width = shown
    overflowing = page.evaluate(
        """() => {
        const limit = document.documentElement.clientWidth + 1;
        const scrolls = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
        const bad = [];
        for (const e of document.querySelectorAll('body *')) {
            const box = e.getBoundingClientRect();
            if (box.width === 0 || box.right <= limit) continue;
            let frame = e.parentElement;
            while (frame && !scrolls(frame)) frame = frame.parentElement;
            if (!frame || frame.getBoundingClientRect().right > limit)
                bad.push(e.tagName + '.' + e.className.baseVal + e.className + ' ' + box.right);
        }
        return {bad: bad.slice(0, 10), scrollWidth: document.documentElement.scrollWidth};
    }"""
    )
    assert overflowing["bad"] == []
    assert overflowing["scrollWidth"] <= WIDTHS[width]


def test_every_finding_is_visible_at_every_width(shown):
    page, data, _, _ = shown
    cards = _shown(page, "article.finding:not(.ignored)")
    assert len(cards) == len(data["findings"]) > 0
    assert all(c["visible"] and c["width"] > 0 and c["height"] > 0 for c in cards)
    assert all(c["width"] <= WIDTHS["phone"] for c in cards) or shown[3] == "desktop"


def test_the_legend_lists_exactly_the_styles_in_use(shown):
    """The classes drawn in the diagrams are the legend's entries, and each sample is drawn
    as the diagrams draw that style: the line pattern of an emphasis, the fill of a channel,
    the colour of an offending or a comparison path."""
    page, _, _, _ = shown
    result = page.evaluate(
        """() => {
        const diagrams = 'svg.diagram-svg:not(.legend-sample)';
        const drawn = new Set();
        for (const g of document.querySelectorAll(`${diagrams} g.node, ${diagrams} g.edge`))
            for (const c of g.classList) if (c !== 'node' && c !== 'edge') drawn.add(c);
        const listed = [...document.querySelectorAll('#legend li[data-style]')]
            .map(li => li.dataset.style);
        const probes = {
            'em-': [g => `g.edge.${g} > path`, 'strokeDasharray'],
            'ch-': [g => `g.node.${g}:not(.external) > rect`, 'fill'],
            'hl': [g => `g.edge.${g} > path`, 'stroke'],
            'cmp': [g => `g.edge.${g} > path`, 'stroke'],
        };
        const differs = [];
        for (const style of listed) {
            const key = Object.keys(probes).find(k => style === k || style.startsWith(k));
            if (!key) continue;
            const [selector, property] = probes[key];
            const sample = document.querySelector(`#legend ${selector(style)}`);
            const used = document.querySelector(`${diagrams} ${selector(style)}`);
            if (!sample || !used) { differs.push([style, 'missing']); continue; }
            const a = getComputedStyle(sample)[property], b = getComputedStyle(used)[property];
            if (a !== b) differs.push([style, property, a, b]);
        }
        return {drawn: [...drawn].sort(), listed, differs};
    }"""
    )
    assert sorted(result["listed"]) == result["drawn"]
    assert len(result["listed"]) == len(set(result["listed"]))
    assert result["differs"] == []


def test_screenshots_at_both_widths(shown):
    """tests/artifacts/: the opening of each report at each width, and at the phone's width a
    product with findings (its evidence tables as one card per step)."""
    page, _, name, width = shown
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    target = ARTIFACTS / f"{name}-{width}.png"
    height = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(
        path=str(target),
        full_page=True,
        clip={"x": 0, "y": 0, "width": WIDTHS[width], "height": min(height, 3200)},
    )
    assert target.stat().st_size > 10_000
    product = page.locator("#failing section.product").nth(2 if name == "examples" else 0)
    box = product.bounding_box()
    assert box is not None
    page.screenshot(
        path=str(ARTIFACTS / f"{name}-{width}-product.png"),
        full_page=True,
        clip={"x": 0, "y": box["y"], "width": WIDTHS[width], "height": min(box["height"], 6000)},
    )


@pytest.fixture(scope="module")
def printed(browser, tmp_path_factory) -> tuple[Path, bytes, dict]:
    """The examples' report printed to PDF by Chromium, A4, as a person prints it."""
    out = tmp_path_factory.mktemp("print")
    html, data = out / "examples.html", out / "examples.json"
    assert run_cli(["check", "examples", "-q", "-f", f"html:{html}", "-f", f"json:{data}"]) == 1
    context = browser.new_context()
    page = context.new_page()
    page.goto(html.as_uri(), wait_until="load")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.emulate_media(media="print")
    layout = page.evaluate(
        """() => {
        const css = (sel, prop) => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e)[prop]);
        const px = 96 / 25.4;
        return {
            productBreaks: css('#failing section.product', 'breakBefore'),
            headingBreaks: css('h2, h3, h4, h5', 'breakAfter'),
            flowBreaks: css('#failing details.flow', 'breakInside'),
            diagramHeights: [...document.querySelectorAll('#failing .diagram svg')]
                .map(s => s.getBoundingClientRect().height / px),
            referenceUrls: [...document.querySelectorAll('#rules .references a')]
                .map(a => getComputedStyle(a, '::after').content),
            coverBreak: getComputedStyle(document.querySelector('header.cover')).breakAfter,
        };
    }"""
    )
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "examples.pdf").write_bytes(pdf)
    return html, pdf, {"layout": layout, "data": json.loads(data.read_text("utf-8"))}


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF Chromium wrote: its page objects."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_the_printed_report_is_short(printed):
    """The examples' report printed in 75 A4 pages before the report was rebuilt for print;
    now a cover, a summary page, at most three pages per product with findings (each from a
    new page), and the appendices."""
    _, pdf, info = printed
    failing = len({f["product"] for f in info["data"]["findings"]})
    pages = pdf_pages(pdf)
    assert 1 + failing < pages <= 2 + 2.4 * failing + 5, pages
    print(f"examples' report: {pages} A4 pages for {failing} products with findings")


def test_print_layout_keeps_headings_products_and_diagrams_whole(printed):
    _, _, info = printed
    layout = info["layout"]
    assert layout["coverBreak"] == "page"
    assert set(layout["productBreaks"][1:]) == {"page"}  # the first follows its section heading
    assert set(layout["headingBreaks"]) == {"avoid"}
    assert set(layout["flowBreaks"]) == {"avoid"}
    page_height_mm = 297 - 10 - 13
    assert layout["diagramHeights"] and max(layout["diagramHeights"]) < page_height_mm - 20
    assert layout["referenceUrls"] and all(
        "https://" in c or "http://" in c for c in layout["referenceUrls"]
    )


def test_printed_page_kept_for_people(printed):
    """tests/artifacts/examples.pdf, and with Poppler its cover and a product's first page as
    PNG (examples-print-1.png, examples-print-4.png)."""
    _, pdf, _ = printed
    assert (ARTIFACTS / "examples.pdf").stat().st_size == len(pdf)
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: the PDF is kept, no PNG of it")
    for number in (1, 4):
        subprocess.run(
            [
                tool,
                "-png",
                "-r",
                "80",
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(ARTIFACTS / "examples.pdf"),
                str(ARTIFACTS / f"examples-print-{number}"),
            ],
            check=True,
            timeout=60,
        )
        assert (ARTIFACTS / f"examples-print-{number}.png").stat().st_size > 5_000


def test_the_assessment_follows_the_cover_and_prints_as_a_matrix(browser, tmp_path):
    """With --assess the report opens with the engagement, then the assessment (provision x
    product): on screen a frame that scrolls both ways with coloured verdicts, on paper a
    landscape page where each verdict is a mark explained above the table."""
    html = tmp_path / "assessed.html"
    assert run_cli(["check", "examples", "-q", "--assess", "-f", f"html:{html}"]) == 1
    text = html.read_text(encoding="utf-8")
    order = [
        text.index(f'id="{name}"') for name in ("engagement", "assessment", "summary", "failing")
    ]
    assert order == sorted(order)
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900})
    page = context.new_page()
    page.goto(html.as_uri(), wait_until="load")
    screen = page.evaluate(
        """() => {
        const frame = document.querySelector('#assessment .assessment-scroll');
        const colour = v => { const c = document.querySelector(`#assessment td.verdict-${v}`);
            return c ? getComputedStyle(c).backgroundColor : null; };
        return {overflow: getComputedStyle(frame).overflowX, wider: frame.scrollWidth > frame.clientWidth,
                page: document.documentElement.scrollWidth,
                colours: ['fails', 'not-assessable', 'passes', 'does-not-apply'].map(colour)};
    }"""
    )
    assert screen["overflow"] == "auto" and screen["wider"]
    assert screen["page"] <= WIDTHS["desktop"]
    assert None not in screen["colours"] and len(set(screen["colours"])) == 4
    page.emulate_media(media="print")
    marks = page.evaluate(
        """() => ({
        page: getComputedStyle(document.querySelector('#assessment')).page,
        marks: [...new Set([...document.querySelectorAll('#assessment td.verdict')]
            .map(c => getComputedStyle(c, '::before').content))],
        words: [...document.querySelectorAll('#assessment td.verdict strong')]
            .filter(s => getComputedStyle(s).display !== 'none').length,
    })"""
    )
    assert marks["page"] == "assessment"
    assert set(marks["marks"]) <= {'"✗"', '"?"', '"✓"', '"–"'} and len(marks["marks"]) >= 3
    assert marks["words"] == 0
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    context.close()
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert any(float(w) > float(h) for w, h in sizes)  # the matrix's landscape pages
    assert any(float(w) < float(h) for w, h in sizes)  # the rest in portrait
