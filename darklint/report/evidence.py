"""The evidence bundle: the HTML report's findings as data a second person can check.

Written beside the HTML report (``report.html`` -> ``report.evidence.json``), or on its own
with ``-f evidence:FILE``. It holds every input file with its sha256, every finding with its
evidence (which path shows the pattern and which is shown for comparison, and, for a recorded
flow, which facts were observed in the running product and which declared by its authors), the
settings of the run written as a configuration file (``rerun.config``): saved as
``darklint.yaml`` and run with ``rerun.command`` on the same inputs, darklint gives the same
findings, with the same fingerprints.
"""

from __future__ import annotations

import json
import os
from typing import Any

from darklint import __version__
from darklint.engine import RunReport
from darklint.findings import Finding
from darklint.report import ReportContext
from darklint.report.common import display_path, file_sha256
from darklint.report.jsonout import finding_dict

#: Version of the bundle's shape; bumped only on an incompatible change.
BUNDLE_VERSION = 1


def bundle_path(html_path: str) -> str:
    """Where the bundle of an HTML report goes: beside it, ``.html`` -> ``.evidence.json``."""
    root, ext = os.path.splitext(html_path)
    return (root if ext.lower() in (".html", ".htm") else html_path) + ".evidence.json"


def rerun_config(context: ReportContext) -> dict[str, Any]:
    """The run's settings as a configuration file: profile, the rules run with their
    severities and parameters, effort weights, and the directories of custom rules."""
    settings = context.settings
    config: dict[str, Any] = {
        "profile": context.profile or "recommended",
        "fail-on": context.fail_on,
        "select": [rule.id for rule in context.rules],
        "rules": {
            rule.id: {"severity": rule.severity, "params": dict(rule.params)}
            for rule in context.rules
        },
    }
    if settings.get("effort"):
        config["effort"] = dict(settings["effort"])
    custom = sorted(
        {display_path(os.path.dirname(r.source)) for r in context.rules if not r.builtin}
    )
    if custom:
        config["rule-dirs"] = custom
    return config


def bundle(report: RunReport, context: ReportContext, hashes: dict[str, str]) -> dict[str, Any]:
    """The bundle as plain data; ``hashes`` maps each input path to its sha256."""
    inputs = [
        {
            "path": display_path(f.path),
            "sha256": hashes.get(f.path, ""),
            "product": f.product,
            "linted": f.linted,
        }
        for f in sorted(report.files, key=lambda f: f.path)
    ]

    def entry(finding: Finding) -> dict[str, Any]:
        out = finding_dict(finding)
        out["path"] = display_path(finding.location.path)
        out["input_sha256"] = hashes.get(finding.location.path, "")
        out["evidence"]["recorded"] = bool(finding.provenance)
        return out

    engagement = context.engagement
    paths = [item["path"] for item in inputs]
    return {
        "darklint_evidence": BUNDLE_VERSION,
        "darklint": __version__,
        "engagement": {
            "title": engagement.title,
            "scope": engagement.scope,
            "author": engagement.author,
        },
        "inputs": inputs,
        "findings": [entry(f) for f in report.findings],
        "ignored": [entry(f) for f in report.ignored],
        "rerun": {
            "config": rerun_config(context),
            "command": ["darklint", "check", "--config", "darklint.yaml", *paths],
            "note": "Save 'config' as darklint.yaml in the directory the paths are relative "
            "to, check that each input's sha256 matches, and run 'command': the findings and "
            "their fingerprints are the same.",
        },
    }


def render(report: RunReport, context: ReportContext) -> str:
    hashes = {f.path: file_sha256(f.path) for f in report.files}
    return json.dumps(bundle(report, context, hashes), indent=2, ensure_ascii=False) + "\n"
