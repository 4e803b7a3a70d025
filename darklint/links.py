"""Where darklint's own documentation is: one setting, ``docs-url``, for every link darklint
writes about itself (each rule's help URI, the JSON Schema's ``$id``, SARIF's tool page).

``docs-url`` is the address under which darklint's repository files are published (a copy
on the team's own Git host, a documentation site): ``{docs-url}/docs/rules.md#dl101-...`` is
a rule's documentation and ``{docs-url}/schema/darklint-flow-v1.json`` the schema. Without
it, rule links point at the documentation inside the installed package (or the checkout),
as ``file:`` URIs, and the schema claims no address: darklint never links to a host the
project does not own.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

#: The schema's file, under ``docs-url`` as in the repository.
SCHEMA_PATH = "schema/darklint-flow-v1.json"
RULES_PAGE = "docs/rules.md"
_URL = re.compile(r"^(https?|file)://[^\s<>\"'`]+$", re.IGNORECASE)


def check_docs_url(value: str) -> str:
    """A ``docs-url`` as darklint uses it (no trailing slash); ValueError when it is not an
    absolute http(s) or file URL."""
    url = value.strip().rstrip("/")
    if not _URL.match(url):
        raise ValueError(
            f"must be an absolute http(s) or file URL without spaces, got {value!r} "
            "(e.g. https://git.example.com/tools/darklint/-/blob/main)"
        )
    return url


@functools.cache
def bundled_docs_url() -> str:
    """The installed package's copy of the documentation, or the checkout it runs from."""
    package = Path(__file__).resolve().parent
    shipped = package / "_share"
    base = shipped if (shipped / RULES_PAGE).is_file() else package.parent
    return base.as_uri()


def rule_help_uri(rule_id: str, name: str, docs_url: str | None) -> str:
    """A built-in rule's section of the rule reference."""
    return f"{docs_url or bundled_docs_url()}/{RULES_PAGE}#{rule_anchor(rule_id, name)}"


def rule_anchor(rule_id: str, name: str) -> str:
    """The anchor Markdown renderers give the heading '## DL101 cancel-harder-than-signup'."""
    return f"{rule_id.lower()}-{name}"


def schema_id(docs_url: str | None) -> str | None:
    """The schema's ``$id``: its address under ``docs-url``; none without one."""
    return f"{docs_url}/{SCHEMA_PATH}" if docs_url else None
