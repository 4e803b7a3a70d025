"""Importers: other descriptions of a flow (Mermaid charts) read as flow files."""
