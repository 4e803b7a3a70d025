"""Flow diagrams: a layered layout of each flow, drawn as SVG or written as dot and Mermaid.

:mod:`~darklint.diagram.scene` turns a flow and its findings into boxes and arrows,
:mod:`~darklint.diagram.layout` places them, :mod:`~darklint.diagram.svg` draws them and
:mod:`~darklint.diagram.export` writes them for Graphviz and Mermaid. The HTML report and
``darklint graph`` share all of it, so both mark the same paths.
"""
