"""`darklint lsp` driven by a real Language Server Protocol client over stdio.

pytest-lsp starts `python -m darklint lsp` as a subprocess and talks JSON-RPC to it, as an
editor does (with Visual Studio Code's declared capabilities, and checks that the server's
answers follow the specification). One server serves the module's tests; every test opens
its own documents in its own directory.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pytest
import pytest_lsp
from conftest import EXAMPLES, FIXTURES
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from darklint.engine import lint_text
from darklint.settings import CommandLine, resolve

pytestmark = pytest.mark.asyncio(loop_scope="module")

STREAMING = EXAMPLES / "streaming-phone-cancel.yaml"
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every diagnostics notification in arrival order."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)  # type: ignore[attr-defined]

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, PUBLISH: publish})
    return client


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "darklint", "lsp", "--stdio"],
        client_factory=recording_client,
    ),
)
async def client(lsp_client: LanguageClient):
    params = types.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    result = await lsp_client.initialize_session(params)
    assert result.server_info.name == "darklint"
    yield
    await lsp_client.shutdown_session()


# -- helpers ----------------------------------------------------------------------------------


async def published(client, uri: str, version: int | None = None, timeout: float = 60):
    """The first diagnostics published for ``uri`` (at ``version``, when given)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for params in client.published:
            if params.uri == uri and (version is None or params.version == version):
                return params.diagnostics
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics for {uri} version {version}")


def open_document(client, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="yaml", version=version, text=text
            )
        )
    )
    return uri


def change_document(client, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def position_of(text: str, needle: str, offset: int = 0) -> types.Position:
    """Where ``needle`` (plus ``offset`` characters) is in ``text`` (ASCII text)."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return types.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply text edits (ranges in ASCII text) to a text, last first."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        return sum(len(line) for line in lines[: position.line]) + position.character

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def hover_at(client, uri: str, position: types.Position) -> types.Hover | None:
    return await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
    )


def by_code(diagnostics) -> dict[str, list[types.Diagnostic]]:
    out: dict[str, list[types.Diagnostic]] = {}
    for diagnostic in diagnostics:
        out.setdefault(str(diagnostic.code), []).append(diagnostic)
    return out


# -- diagnostics ------------------------------------------------------------------------------


async def test_diagnostics_are_the_findings_of_check_on_their_nodes(client, tmp_path):
    text = STREAMING.read_text(encoding="utf-8")
    path = tmp_path / "streaming.yaml"
    diagnostics = await published(client, open_document(client, path, text))

    expected = lint_text(text, str(path), resolve(CommandLine(), cwd=tmp_path).lint_options())
    assert expected is not None
    assert sorted(
        (str(d.code), d.range.start.line + 1, d.range.start.character + 1) for d in diagnostics
    ) == sorted((f.rule_id, f.location.line, f.location.column) for f in expected.findings)
    codes = by_code(diagnostics)
    [dl101] = codes["DL101"]
    # the range is the step's key `offer:` (line 49), not a whole line or a single point
    assert dl101.range == types.Range(
        start=types.Position(line=48, character=6), end=types.Position(line=48, character=11)
    )
    assert dl101.severity == types.DiagnosticSeverity.Error and dl101.source == "darklint"
    assert dl101.message.startswith("cancel-harder-than-signup: cancelling takes effort")
    # the evidence: both paths, step by step, each step a link to where it is written
    steps = {r.message: r.location.range.start.line for r in dl101.related_information}
    offer = next(m for m in steps if m.startswith("easiest cancel path, step 2: cancel.offer"))
    assert "retention offer" in offer and steps[offer] == 48
    assert any(m.startswith("easiest signup path, step 1: signup.plans") for m in steps)
    [dl501] = codes["DL501"]  # the whole action `{label: "No thanks...", to: ..., ...}`
    line = text.splitlines()[dl501.range.start.line]
    assert line[dl501.range.start.character : dl501.range.end.character] == (
        '{label: "No thanks, I don\'t like saving money", to: how_to_cancel, emphasis: link}'
    )
    assert codes["DL108"][0].severity == types.DiagnosticSeverity.Warning


async def test_a_change_re_lints_once_typing_pauses(client, tmp_path):
    text = STREAMING.read_text(encoding="utf-8")
    uri = open_document(client, tmp_path / "streaming.yaml", text)
    assert "DL501" in by_code(await published(client, uri, 1))
    fixed = text.replace("No thanks, I don't like saving money", "No thanks")
    change_document(client, uri, 2, fixed.replace("No thanks", "No than"))  # still typing
    change_document(client, uri, 3, fixed)
    diagnostics = await published(client, uri, 3)
    assert "DL501" not in by_code(diagnostics) and "DL101" in by_code(diagnostics)
    # the half-typed version was never linted: it was replaced within the pause
    assert [p.version for p in client.published if p.uri == uri] == [1, 3]


async def test_a_file_that_cannot_be_read_gets_dl001_where_the_problem_is(client, tmp_path):
    text = "darklint: 1\nproduct: Broken\nflows:\n  signup:\n    kind: signup\n\tstart: a\n"
    diagnostics = await published(client, open_document(client, tmp_path / "broken.yaml", text))
    [problem] = diagnostics
    assert problem.code == "DL001" and problem.severity == types.DiagnosticSeverity.Error
    assert problem.range.start.line == 5 and "tab" in problem.message


async def test_yaml_of_other_tools_gets_no_diagnostics_and_no_completion(client, tmp_path):
    text = (FIXTURES / "core" / "not-darklint.yaml").read_text(encoding="utf-8") + "\n"
    uri = open_document(client, tmp_path / "compose.yaml", text)
    assert list(await published(client, uri)) == []
    assert await complete(client, uri, text, text) == []


async def test_the_configuration_of_the_document_directory_applies(client, tmp_path):
    (tmp_path / "darklint.yaml").write_text("ignore: [DL501, DL108]\n", encoding="utf-8")
    text = STREAMING.read_text(encoding="utf-8")
    codes = by_code(await published(client, open_document(client, tmp_path / "s.yaml", text)))
    assert "DL101" in codes and "DL501" not in codes and "DL108" not in codes


async def test_a_broken_configuration_is_said_once_at_the_top(client, tmp_path):
    (tmp_path / "darklint.yaml").write_text("selectt: [DL101]\n", encoding="utf-8")
    text = STREAMING.read_text(encoding="utf-8")
    [problem] = await published(client, open_document(client, tmp_path / "s.yaml", text))
    assert problem.code == "configuration" and "selectt" in problem.message


async def test_hostile_documents_do_not_hang_the_server(client, tmp_path):
    (tmp_path / "darklint.yaml").write_text("max-bytes: 20000\n", encoding="utf-8")
    big = "darklint: 1\n" + "# a long comment line to fill the file up\n" * 1000
    bomb = (FIXTURES / "hostile" / "alias-bomb.yaml").read_text(encoding="utf-8")
    started = time.monotonic()
    [too_big] = await published(client, open_document(client, tmp_path / "big.yaml", big))
    assert too_big.code == "DL001" and "above the limit of 20,000" in too_big.message
    [bombed] = await published(client, open_document(client, tmp_path / "bomb.yaml", bomb))
    assert bombed.code == "DL001" and "alias" in bombed.message
    # and it still answers
    hover = await hover_at(
        client, (tmp_path / "bomb.yaml").as_uri(), types.Position(line=0, character=0)
    )
    assert hover is None or hover.contents
    assert time.monotonic() - started < 30


# -- hover, definition, completion ------------------------------------------------------------


async def test_hover_on_a_finding_shows_message_fix_and_rule_documentation(client, tmp_path):
    text = STREAMING.read_text(encoding="utf-8")
    uri = open_document(client, tmp_path / "streaming.yaml", text)
    await published(client, uri)
    hover = await hover_at(client, uri, position_of(text, "      offer:", 8))
    assert hover is not None and hover.contents.kind == types.MarkupKind.Markdown
    value = hover.contents.value
    assert "**DL101 cancel-harder-than-signup** (error): cancelling takes effort" in value
    assert "**DL108 de-emphasized-exit**" in value
    assert "## References" in value and "](https://" in value
    assert hover.range.start == types.Position(line=48, character=6)


async def test_hover_escapes_what_it_quotes_from_the_flow(client, tmp_path):
    text = STREAMING.read_text(encoding="utf-8").replace(
        "No thanks, I don't like saving money",
        "No thanks, I don't like saving money [win](javascript:alert(1)) <b>x</b> @team",
    )
    uri = open_document(client, tmp_path / "streaming.yaml", text)
    assert "DL501" in by_code(await published(client, uri))
    hover = await hover_at(client, uri, position_of(text, '{label: "No thanks', 2))
    assert hover is not None
    value = hover.contents.value
    assert "DL501" in value and "saving money" in value
    assert "[win](javascript" not in value and "<b>" not in value and "@team" not in value


async def test_hover_on_a_rule_id_shows_its_documentation(client, tmp_path):
    text = STREAMING.read_text(encoding="utf-8") + (
        "ignore:\n  - {rule: DL108, step: offer, reason: reviewed with legal}\n"
    )
    uri = open_document(client, tmp_path / "streaming.yaml", text)
    await published(client, uri)
    hover = await hover_at(client, uri, position_of(text, "rule: DL108", 8))
    assert hover is not None
    assert hover.contents.value.startswith("**DL108 de-emphasized-exit**")
    assert "How to fix" in hover.contents.value


async def test_definition_goes_from_to_to_the_step(client, tmp_path):
    text = STREAMING.read_text(encoding="utf-8")
    uri = open_document(client, tmp_path / "streaming.yaml", text)
    await published(client, uri)
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, "to: how_to_cancel", 6),
        )
    )
    declared = position_of(text, "      how_to_cancel:", 6)
    assert isinstance(found, types.Location) and found.uri == uri
    assert found.range.start == declared
    assert found.range.end.character == declared.character + len("how_to_cancel")


async def test_definition_follows_a_target_into_another_flow(client, tmp_path):
    text = (
        "darklint: 1\nproduct: P\nflows:\n"
        "  signup:\n    kind: signup\n    start: a\n    steps:\n"
        "      a:\n        actions:\n          - label: Go\n            to: other.b\n"
        "  other:\n    kind: other\n    start: b\n    steps:\n      b: {outcome: resolved}\n"
    )
    uri = open_document(client, tmp_path / "two.yaml", text)
    await published(client, uri)
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, "to: other.b", 10),
        )
    )
    assert found.range.start == position_of(text, "      b: {", 6)


async def complete(client, uri: str, text: str, needle: str, offset: int = 0) -> list[str]:
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, needle, len(needle) + offset),
        )
    )
    return [item.label for item in result.items]


async def test_completion_of_step_ids_keys_and_values(client, tmp_path):
    text = STREAMING.read_text(encoding="utf-8")
    text = text.replace(
        "      how_to_cancel:\n",
        "      how_to_cancel:\n        kind: \n        chan\n        actions:\n          - to: \n",
    )
    uri = open_document(client, tmp_path / "typing.yaml", text)
    await published(client, uri)
    targets = await complete(
        client, uri, text, "kind: \n        chan\n        actions:\n          - to: "
    )
    assert {"account", "offer", "call", "cancelled", "signup.plans"} <= set(targets)
    assert "plans" not in targets  # a step of another flow needs its flow's name
    kinds = await complete(client, uri, text, "how_to_cancel:\n        kind: ")
    assert {"screen", "retention_offer", "survey", "handover"} <= set(kinds)
    keys = await complete(client, uri, text, "kind: \n        chan")
    assert {"channel", "kind", "actions", "wait_minutes", "hours", "outcome"} <= set(keys)
    assert "label" not in keys  # that is an action's key, not a step's
    discloses = await complete(client, uri, text, "discloses: [price, ")
    assert {"price", "renewal_terms", "trial_terms", "total_price"} <= set(discloses)
    product_keys = await complete(client, uri, text, "product: Streamly\n", 0)
    assert {"subscription", "ignore", "flows", "channel"} <= set(product_keys)


# -- the quick fix ----------------------------------------------------------------------------


async def test_quick_fix_adds_an_ignore_entry_that_silences_the_finding(client, tmp_path):
    """The quick fix writes an entry with a placeholder reason: until somebody replaces it,
    DL006 reports the entry and the finding stays; with a real reason the finding is ignored."""
    from darklint.lsp.ignores import REASON_PLACEHOLDER

    path = tmp_path / "streaming.yaml"
    text = STREAMING.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    uri = open_document(client, path, text)
    [dl108] = by_code(await published(client, uri, 1))["DL108"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=dl108.range,
            context=types.CodeActionContext(diagnostics=[dl108]),
        )
    )
    [action] = actions
    assert action.kind == types.CodeActionKind.QuickFix and "DL108" in action.title
    edited = apply(text, action.edit.changes[uri])
    assert "  - rule: DL108\n    flow: cancel\n    step: offer\n    reason: " in edited
    assert REASON_PLACEHOLDER in edited

    options = resolve(CommandLine(), cwd=tmp_path).lint_options()
    report = lint_text(edited, str(path), options)
    assert {"DL108", "DL006"} <= {f.rule_id for f in report.findings} and not report.ignored
    change_document(client, uri, 2, edited)  # the editor applies it; the server re-lints
    assert {"DL108", "DL006"} <= set(by_code(await published(client, uri, 2)))

    reasoned = edited.replace(REASON_PLACEHOLDER, "Save offer approved by legal, ticket UX-412")
    report = lint_text(reasoned, str(path), options)
    assert {"DL108", "DL006"}.isdisjoint({f.rule_id for f in report.findings})
    assert [f.rule_id for f in report.ignored] == ["DL108"]
    change_document(client, uri, 3, reasoned)
    assert {f.rule_id for f in report.findings} == set(by_code(await published(client, uri, 3)))
    assert path.read_text(encoding="utf-8") == text  # the server wrote nothing:
    assert [p.name for p in tmp_path.iterdir()] == ["streaming.yaml"]  # no cache, no backup


async def test_no_quick_fix_for_a_file_that_cannot_be_read(client, tmp_path):
    text = "darklint: 1\nproduct: [\n"
    uri = open_document(client, tmp_path / "broken.yaml", text)
    [problem] = await published(client, uri)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=problem.range,
            context=types.CodeActionContext(diagnostics=[problem]),
        )
    )
    assert not actions


async def test_ranges_count_utf16_units_as_the_client_does(client, tmp_path):
    """Columns go to the client in UTF-16 code units (VS Code's default): a label with an
    emoji (two units, one code point) before a finding's end moves the end by two."""
    text = STREAMING.read_text(encoding="utf-8").replace(
        "No thanks, I don't like saving money", "No thanks \U0001f622, I don't like saving money"
    )
    uri = open_document(client, tmp_path / "emoji.yaml", text)
    [dl501] = by_code(await published(client, uri))["DL501"]
    line = text.splitlines()[dl501.range.start.line]
    action = line[: line.index("emphasis: link}") + len("emphasis: link}")]
    assert dl501.range.end.character == len(action.encode("utf-16-le")) // 2 == len(action) + 1


async def test_hover_on_a_key_says_what_it_means(client, tmp_path):
    text = STREAMING.read_text(encoding="utf-8")
    uri = open_document(client, tmp_path / "keys.yaml", text)
    await published(client, uri)
    hover = await hover_at(client, uri, position_of(text, "        kind: payment", 9))
    assert hover is not None and hover.contents.value.startswith("**kind** (one of screen")


async def test_saving_the_configuration_re_lints_open_documents(client, tmp_path):
    text = STREAMING.read_text(encoding="utf-8")
    uri = open_document(client, tmp_path / "s.yaml", text)
    assert "DL501" in by_code(await published(client, uri))
    config = tmp_path / "darklint.yaml"
    config.write_text("ignore: [DL501]\n", encoding="utf-8")
    count = len(client.published)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=config.as_uri())
        )
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        later = [p for p in client.published[count:] if p.uri == uri]
        if later:
            break
        await asyncio.sleep(0.02)
    assert later and "DL501" not in by_code(later[-1].diagnostics)
