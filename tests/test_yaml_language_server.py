"""The schema line of docs/editors.md, checked by its real consumer: Red Hat's YAML language
server (`yaml-language-server`, from npm) reads `darklint schema` through the
`# yaml-language-server: $schema=` modeline, marks a wrong value and completes step kinds, and
finds nothing wrong with the bundled examples.

The server is found in $DARKLINT_YAML_LANGUAGE_SERVER or on PATH; without it the test is
skipped, unless $DARKLINT_REQUIRE_YAML_LS is set (CI installs it and sets both).
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES
from lsprotocol import types
from pygls.lsp.client import LanguageClient

from darklint.schema import schema_text

pytestmark = pytest.mark.asyncio

SERVER = os.environ.get("DARKLINT_YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
if SERVER is None and not os.environ.get("DARKLINT_REQUIRE_YAML_LS"):
    pytest.skip("yaml-language-server is not installed (npm)", allow_module_level=True)

SETTINGS = {"yaml": {"validate": True, "completion": True, "schemaStore": {"enable": False}}}
MODELINE = "# yaml-language-server: $schema=./darklint-flow.json\n"


async def start(root: Path) -> tuple[LanguageClient, dict[str, list[types.Diagnostic]]]:
    assert SERVER, "DARKLINT_REQUIRE_YAML_LS is set but yaml-language-server was not found"
    client = LanguageClient("darklint-tests", "1")
    diagnostics: dict[str, list[types.Diagnostic]] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: types.PublishDiagnosticsParams) -> None:
        diagnostics[params.uri] = list(params.diagnostics)

    @client.feature(types.WORKSPACE_CONFIGURATION)
    def configuration(params: types.ConfigurationParams) -> list[object]:
        return [SETTINGS["yaml"] if (i.section or "") == "yaml" else None for i in params.items]

    await client.start_io(SERVER, "--stdio")
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(configuration=True)
    )
    await client.initialize_async(
        types.InitializeParams(capabilities=capabilities, root_uri=root.as_uri())
    )
    client.initialized(types.InitializedParams())
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=SETTINGS))
    return client, diagnostics


async def open_and_wait(client, diagnostics, files: dict[Path, str]) -> dict[str, list]:
    """Open the files at once; their diagnostics once every one has some."""
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=path.as_uri(), language_id="yaml", version=1, text=text
                )
            )
        )
    uris = [path.as_uri() for path in files]
    for _ in range(600):
        if all(uri in diagnostics for uri in uris):
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # the schema is read once; later results replace early ones
    return {path.name: diagnostics.get(path.as_uri(), []) for path in files}


async def test_yaml_language_server_checks_and_completes_with_the_schema(tmp_path):
    (tmp_path / "darklint-flow.json").write_text(schema_text(), encoding="utf-8")
    client, diagnostics = await start(tmp_path)
    try:
        typo = (
            MODELINE + "darklint: 1\nproduct: P\nflows:\n  cancel:\n    kind: cancle\n"
            "    start: a\n    steps:\n      a:\n        kind: \n        outcome: cancelled\n"
        )
        found = (await open_and_wait(client, diagnostics, {tmp_path / "typo.yaml": typo}))[
            "typo.yaml"
        ]
        wrong = [d for d in found if d.range.start.line == 5]
        assert wrong and "cancel" in wrong[0].message, found
        result = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=(tmp_path / "typo.yaml").as_uri()),
                position=types.Position(line=9, character=14),
            )
        )
        items = result.items if isinstance(result, types.CompletionList) else result
        assert {"screen", "retention_offer", "survey"} <= {i.label for i in items}

        examples = {
            tmp_path / p.name: MODELINE + p.read_text(encoding="utf-8")
            for p in sorted(EXAMPLES.glob("*.yaml"))
        }
        found = await open_and_wait(client, diagnostics, examples)
        assert {name: [d.message for d in found[name]] for name in found if found[name]} == {}
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
