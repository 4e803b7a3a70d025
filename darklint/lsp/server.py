"""``darklint lsp``: the language server, over standard input and output.

Any editor with a Language Server Protocol client gets, for flow files:

- diagnostics as you type: the findings ``darklint check`` reports for the file, with the
  same configuration and profile, each on the range of its YAML node (DL001 for a file that
  cannot be read); re-linted a moment after the last keystroke, in a worker thread, so a large
  or hostile document never blocks the editor (the loader's size limits apply);
- hover: a finding's message, fix and rule documentation; a rule's documentation on its id
  (``rule: DL108``); a key's meaning from the format;
- go to definition from a ``to:`` or ``start:`` value to the step it names;
- completion of step ids after ``to:``, and of keys and values from the format at the cursor;
- a quick fix that adds an ``ignore:`` entry for a finding, with a reason to fill in.

The server never writes a file: edits go to the editor, which applies them to the buffer.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from darklint import __version__
from darklint.catalog import Rule, load_rules
from darklint.engine import ENGINE_RULES
from darklint.load import DEFAULT_MAX_BYTES, declares_darklint
from darklint.lsp import completion, outline
from darklint.lsp.analysis import Analysis, Located, SettingsCache, analyse, parse
from darklint.lsp.hover import hover_markdown, rule_at, rule_markdown
from darklint.lsp.ignores import add_ignore_entry
from darklint.lsp.spans import LineIndex, Span
from darklint.report.markdown import md_text

#: Seconds without a keystroke before a changed document is linted again.
DEBOUNCE_SECONDS = 0.3
SOURCE = "darklint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
COMPLETION_KIND = {
    "key": types.CompletionItemKind.Property,
    "value": types.CompletionItemKind.EnumMember,
    "step": types.CompletionItemKind.Reference,
    "rule": types.CompletionItemKind.Constant,
}
#: Configuration files: saving one re-lints every open document.
CONFIG_NAMES = frozenset({"darklint.yaml", ".darklint.yaml", "pyproject.toml"})


class DarklintServer(LanguageServer):
    """The language server and what it knows about each open document."""

    def __init__(self) -> None:
        super().__init__("darklint", __version__)
        self.settings = SettingsCache()
        self.analyses: dict[str, Analysis] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        #: One linting thread: runs queue up instead of competing for the CPU.
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="darklint-lint")
        self._catalog: tuple[Rule, ...] | None = None

    # -- linting ------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Lint a document after ``delay`` seconds, replacing a run scheduled before."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self.relint(uri, delay))

    async def relint(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            document = self.workspace.get_text_document(uri)
            version, text = document.version, document.source
            loop = asyncio.get_running_loop()
            analysis = await loop.run_in_executor(
                self.linter, analyse, text, self.path_of(document), self.settings
            )
        except asyncio.CancelledError:
            return  # a newer change replaced this run
        except Exception as error:  # a bug must not take the editor's linter down
            self.log(f"darklint could not lint {uri}: {type(error).__name__}: {error}")
            return
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]
        if self.workspace.get_text_document(uri).version != version:
            return  # the document changed meanwhile; its own run is scheduled
        self.analyses[uri] = analysis
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=self.diagnostics(document, analysis)
            )
        )

    def path_of(self, document: TextDocument) -> str:
        """The file a document stands for; an unsaved one is placed in the workspace root."""
        if document.path:
            return document.path
        name = os.path.basename(urlparse(document.uri).path) or "untitled.yaml"
        return os.path.join(self.workspace.root_path or os.getcwd(), name)

    def diagnostics(self, document: TextDocument, analysis: Analysis) -> list[types.Diagnostic]:
        lines = analysis.index.lines
        if analysis.settings_error is not None:
            start = types.Position(line=0, character=0)
            return [
                types.Diagnostic(
                    range=types.Range(start=start, end=start),
                    message=f"darklint cannot use its configuration: {analysis.settings_error}",
                    severity=types.DiagnosticSeverity.Error,
                    source=SOURCE,
                    code="configuration",
                )
            ]
        return [self.diagnostic(document, lines, located) for located in analysis.findings]

    def diagnostic(
        self, document: TextDocument, lines: Sequence[str], located: Located
    ) -> types.Diagnostic:
        finding = located.finding
        help_uri = finding.help_uri if finding.help_uri.startswith("https://") else None
        related = [
            types.DiagnosticRelatedInformation(
                location=types.Location(
                    uri=document.uri, range=self.to_client(document, lines, span)
                ),
                message=label,
            )
            for span, label in located.evidence
        ]
        return types.Diagnostic(
            range=self.to_client(document, lines, located.span),
            related_information=related or None,
            message=f"{finding.rule_name}: {finding.message}",
            severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
            code=finding.rule_id,
            code_description=types.CodeDescription(href=help_uri) if help_uri else None,
            source=SOURCE,
            data={"rule": finding.rule_id, "flow": finding.flow, "step": finding.step},
        )

    # -- positions ----------------------------------------------------------------------------

    @staticmethod
    def to_client(document: TextDocument, lines: Sequence[str], span: Span) -> types.Range:
        """A span in code points as the client counts (UTF-16 unless agreed otherwise)."""
        codec = document.position_codec
        start = types.Position(line=span.start_line, character=span.start_column)
        end = types.Position(line=span.end_line, character=span.end_column)
        return types.Range(
            start=codec.position_to_client_units(lines, start),
            end=codec.position_to_client_units(lines, end),
        )

    @staticmethod
    def from_client(
        document: TextDocument, lines: Sequence[str], position: types.Position
    ) -> tuple[int, int]:
        """A client position as (line, code point column)."""
        if position.line >= len(lines):
            return position.line, 0
        here = types.Position(line=position.line, character=position.character)
        server = document.position_codec.position_from_client_units(lines, here)
        return server.line, server.character

    def cursor(self, uri: str, position: types.Position):
        """The document, its lines and the cursor's (line, column) in code points; no lines
        for YAML that is not a flow file (another tool's file gets no darklint completion)."""
        document = self.workspace.get_text_document(uri)
        text = document.source
        lines = LineIndex(text).lines if declares_darklint(text) else []
        return document, lines, self.from_client(document, lines, position)

    # -- what documents share -----------------------------------------------------------------

    def rules(self, uri: str) -> tuple[Rule, ...]:
        """The rules in effect for a document (its configuration may add rule directories)."""
        analysis = self.analyses.get(uri)
        if analysis is not None and analysis.rules:
            return analysis.rules
        if self._catalog is None:
            self._catalog = tuple(load_rules())
        return self._catalog

    def max_bytes(self, uri: str) -> int:
        analysis = self.analyses.get(uri)
        return analysis.max_bytes if analysis is not None else DEFAULT_MAX_BYTES

    def log(self, message: str) -> None:
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=message)
        )


def build_server() -> DarklintServer:
    """The server with every feature registered."""
    server = DarklintServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: DarklintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: DarklintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: DarklintServer, params: types.DidSaveTextDocumentParams) -> None:
        saved = params.text_document.uri
        if Path(urlparse(saved).path).name in CONFIG_NAMES:
            for uri in list(ls.analyses):  # the configuration changed: every file may differ
                ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DarklintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.analyses.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: DarklintServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        document, lines, (line, column) = ls.cursor(uri, params.position)
        analysis = ls.analyses.get(uri)
        rules = ls.rules(uri)
        text = ""
        if analysis is not None:
            here = [f for f in analysis.findings if f.span.contains(line, column)]
            if here:
                text = hover_markdown((f.finding for f in here), rules)
                return markdown_hover(text, ls.to_client(document, lines, here[0].span))
        if line < len(lines):
            rule = rule_at(lines[line], column, rules)
            if rule is not None:
                return markdown_hover(rule_markdown(rule))
            text = key_markdown(lines, line, column)
        return markdown_hover(text) if text else None

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: DarklintServer, params: types.DefinitionParams) -> types.Location | None:
        uri = params.text_document.uri
        document, lines, (line, column) = ls.cursor(uri, params.position)
        target = outline.target_at(lines, line, column)
        if target is None:
            return None
        flow, _, step = target.value.rpartition(".")
        flow = flow or target.flow
        for declared in outline.declarations(lines):
            if declared.flow == flow and declared.step == step:
                span = Span(
                    declared.line,
                    declared.column,
                    declared.line,
                    declared.column + declared.length,
                )
                return types.Location(uri=uri, range=ls.to_client(document, lines, span))
        return None

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[":", " ", "."]),
    )
    def complete(ls: DarklintServer, params: types.CompletionParams) -> types.CompletionList:
        uri = params.text_document.uri
        document, lines, (line, column) = ls.cursor(uri, params.position)
        cursor = outline.cursor_at(lines, line, column)
        if cursor is None:
            return types.CompletionList(is_incomplete=False, items=[])
        typed = Span(line, column - len(cursor.partial), line, column)
        replace = ls.to_client(document, lines, typed)
        items = [
            types.CompletionItem(
                label=c.label,
                kind=COMPLETION_KIND[c.kind],
                detail=c.detail or None,
                documentation=c.documentation or None,
                filter_text=c.label,
                text_edit=types.TextEdit(range=replace, new_text=c.insert_text or c.label),
            )
            for c in completion.complete(cursor, lines, ls.rules(uri))
        ]
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: DarklintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        text = document.source
        index = LineIndex(text)
        root = None
        actions = []
        for diagnostic in params.context.diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            rule = data.get("rule")
            if diagnostic.source != SOURCE or not isinstance(rule, str) or rule in ENGINE_RULES:
                continue
            if root is None:
                root = parse(text, max_bytes=ls.max_bytes(uri))
            edit = add_ignore_entry(text, root, rule, data.get("flow"), data.get("step"))
            if edit is None:
                continue
            span = index.span(edit.start, edit.end)
            where = f" at step '{data['step']}'" if data.get("step") else ""
            actions.append(
                types.CodeAction(
                    title=f"Ignore {rule}{where} (add an ignore: entry with a reason)",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(
                        changes={
                            uri: [
                                types.TextEdit(
                                    range=ls.to_client(document, index.lines, span),
                                    new_text=edit.new_text,
                                )
                            ]
                        }
                    ),
                )
            )
        return actions

    return server


def markdown_hover(text: str, where: types.Range | None = None) -> types.Hover:
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=where
    )


def key_markdown(lines: Sequence[str], line: int, column: int) -> str:
    """A key's meaning from the format, when the cursor is on a key."""
    found, parsed = outline.line_context(lines, line)
    if parsed is None or parsed.key is None:
        return ""
    if not parsed.key_column <= column <= parsed.key_column + len(parsed.key):
        return ""
    found.open(parsed)
    here = completion.type_at(found.path)
    if here is None:
        return ""
    for candidate in completion.complete(outline.Cursor("key", found.path, None, ""), lines, ()):
        if candidate.label == parsed.key:
            return (
                f"**{md_text(candidate.label)}** ({md_text(candidate.detail)}): "
                f"{md_text(candidate.documentation)}"
            )
    return ""


def serve() -> None:
    """Run the server on standard input and output until the client says exit."""
    build_server().start_io()
