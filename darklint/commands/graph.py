"""``darklint graph``: export a product's flow graph as Graphviz dot, Mermaid or SVG.

The file is linted first, with the same settings as ``darklint check`` (configuration file,
profile, --rules), so the exported graph marks the same findings the check reports: the steps
and actions on the path behind each finding are drawn in red, and rule ids are written under
the steps they point at. dot is for Graphviz (``| dot -Tpng``), Mermaid for Markdown pages
and wikis that render it, SVG for a picture with darklint's own layout.
"""

from __future__ import annotations

import sys

import click

from darklint.cli import fail, note, write_output

FORMATS = ("dot", "mermaid", "svg")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="dot",
    show_default=True,
    help="dot (Graphviz), mermaid or svg.",
)
@click.option("--flow", "flow_id", help="Export only this flow (by its id).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file (atomically) instead of standard output.",
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file.")
@click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(), help="Extra rule directory."
)
@click.option("--no-findings", is_flag=True, help="Draw the flows without linting them.")
def graph(
    file: str,
    fmt: str,
    flow_id: str | None,
    output: str | None,
    config_file: str | None,
    rule_dirs: tuple[str, ...],
    no_findings: bool,
) -> None:
    """Export the flow graph of FILE, with the paths behind findings marked."""
    from darklint.diagram.export import to_dot, to_mermaid
    from darklint.diagram.scene import product_scenes
    from darklint.diagram.svg import render_svg_document
    from darklint.graph import build_graph
    from darklint.load import load_file
    from darklint.report.write import file_identities

    loaded = load_file(file)
    if loaded.product is None:
        for problem in loaded.problems:
            note(f"{problem.location}: {problem.message}")
        fail(f"{file} could not be loaded; `darklint check {file}` explains why")
    product = loaded.product
    assert product is not None
    if flow_id is not None and flow_id not in product.flows:
        fail(f"no flow '{flow_id}' in {file}; its flows: {', '.join(product.flows)}")
    pairs = [] if no_findings else _findings(file, config_file, rule_dirs)
    product_graph = build_graph(product)
    flows = [flow_id] if flow_id is not None else list(product.flows)
    scenes = product_scenes(product_graph, flows, pairs)
    if fmt == "dot":
        text = to_dot(scenes)
    elif fmt == "mermaid":
        text = to_mermaid(scenes, product)
    else:
        text = render_svg_document(scenes)
    if output is None:
        click.echo(text, nl=False)
        return
    inputs = file_identities([file, *([config_file] if config_file else [])])
    if not write_output(output, text, inputs):
        sys.exit(2)


def _findings(file: str, config_file: str | None, rule_dirs: tuple[str, ...]) -> list:
    """(anchor, finding) pairs for the file, linted as ``darklint check`` would."""
    from darklint.engine import lint_file
    from darklint.settings import CommandLine, SettingsError, resolve

    try:
        settings = resolve(CommandLine(config=config_file, rule_dirs=rule_dirs))
    except SettingsError as error:
        fail(str(error))
    report = lint_file(file, settings.lint_options(), explicit=True)
    return [("", finding) for finding in (report.findings if report else [])]
