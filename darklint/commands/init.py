"""``darklint init``: a commented configuration and one example flow, to start from.

A first run should end green and show the shape of things: the configuration lists every key
with its default (commented out where the default applies), and the example is a small,
honest product that passes every rule. Nothing that exists is ever overwritten: the command
checks all of its files first and writes none if one is already there.
"""

from __future__ import annotations

import os
import sys

import click

from darklint.cli import EXIT_CLEAN, fail

CONFIG_FILE = "darklint.yaml"
EXAMPLE_FILE = os.path.join("flows", "example.yaml")

CONFIG_TEXT = """\
# darklint configuration. darklint finds this file from this directory and those below it.
# Paths here are relative to this file; a flag on the command line wins over a key here.

# The rulebook to lint against: recommended (all rules), ftc, california, eu, uk, india, empathy.
# profile: recommended

# The lowest severity that makes `darklint check` exit with 1: error, warning or info.
fail-on: error

# Which rules run: ids (DL101), names (cancel-harder-than-signup) or id prefixes (DL1).
# select: [ALL]
# extend-select: [DL505]
# ignore: [DL505]

# A rule's severity and parameters (`darklint explain DL101` lists its parameters).
# rules:
#   DL101: {severity: error, params: {allowance: 1}}
#   DL403: {params: {max_days: 14}}

# Weights of the effort model that DL101 and DL401 compare paths with, in effort units.
# effort: {action: 1, retention_offer: 2, survey: 2, requirement: 2, offline_channel: 5}

# Which YAML files found in directories are flows (globs, as in .gitignore).
include: [flows]
# exclude: [drafts, "**/*.draft.yaml"]

# Directories of the team's own rule files.
# rule-dirs: [darklint-rules]

# Known findings to accept while they are fixed (written by `darklint baseline`).
# baseline: darklint-baseline.json

# Processes, largest file read, and output formats (name or name:file).
# jobs: 4
# max-bytes: 2097152
# format: [console, "sarif:darklint.sarif"]
"""

EXAMPLE_TEXT = """\
# An example product: replace it with your own flows. `darklint check flows` lints them.
# Signing up and cancelling both take two clicks on the web, the terms are shown before
# payment, and a person answers the support chat within a minute: no findings, under
# every built-in profile. Format 1.1 lets a file say what version 1 could not: how to cancel
# (discloses), that a cancellation is confirmed (confirmation), fees as a share of the order
# (fees: [{name, percent: 15}]), terms shown only in fine print ({fact, prominence}).
darklint: 1.1
product: Example Plus
channel: web

subscription:
  renews: monthly
  price: 9.99
  currency: USD
  notices:
    - {event: renewal, days_before: 15, channel: email}
    - {event: price_change, days_before: 30, channel: email, consent: true}

flows:
  signup:
    kind: signup
    start: pricing
    steps:
      pricing:
        text: "Example Plus is $9.99 a month until you cancel. Cancel any time in Settings."
        discloses: [price, renewal_terms, how_to_cancel]
        actions:
          - {label: "Choose Plus", to: pay, emphasis: primary}
      pay:
        kind: payment
        discloses: [price, renewal_terms]
        actions:
          - {label: "Pay $9.99 and start Plus", to: member, emphasis: primary}
      member: {outcome: subscribed}

  cancel:
    kind: cancel
    start: settings
    steps:
      settings:
        text: "Example Plus, $9.99 a month"
        actions:
          - {label: "Cancel Plus", to: confirm}
      confirm:
        text: "Plus stays active until the end of the month you paid for."
        actions:
          - {label: "Confirm cancellation", to: cancelled, emphasis: primary}
          - {label: "Keep Plus", to: kept}
      cancelled:
        outcome: cancelled
        confirmation: {channel: email, within_hours: 1}
      kept: {outcome: retained}

  help:
    kind: support
    start: help_centre
    steps:
      help_centre:
        actions:
          - {label: "Chat with our team", to: chat}
      chat:
        kind: agent
        channel: chat
        wait_minutes: 1
        actions:
          - {label: "A team member answers and sorts it out", to: solved, by: business}
      solved: {outcome: resolved}
"""

#: Files whose presence means a configuration is already here (a new one would shadow it).
EXISTING_CONFIGS = (CONFIG_FILE, ".darklint.yaml")


@click.command()
def init() -> None:
    """Create a configuration and an example flow here.

    Writes darklint.yaml (every key, commented) and flows/example.yaml (a product that
    passes); refuses, writing nothing, when either exists.
    """
    existing = existing_file()
    if existing:
        fail(f"{existing} already exists; darklint init never overwrites a file")
    try:
        os.makedirs(os.path.dirname(EXAMPLE_FILE), exist_ok=True)
        for path, text in ((CONFIG_FILE, CONFIG_TEXT), (EXAMPLE_FILE, EXAMPLE_TEXT)):
            with open(path, "x", encoding="utf-8") as handle:  # "x": fail rather than replace
                handle.write(text)
    except FileExistsError as error:  # created meanwhile by someone else
        fail(f"{error.filename} already exists; darklint init never overwrites a file")
    except OSError as error:
        fail(f"cannot write {error.filename}: {error.strerror or error}")
    click.echo(f"Created {CONFIG_FILE} and {EXAMPLE_FILE}. Next: darklint check flows")
    sys.exit(EXIT_CLEAN)


def existing_file() -> str | None:
    """The first file init would write or shadow that is already there, if any."""
    for path in (*EXISTING_CONFIGS, EXAMPLE_FILE):
        if os.path.lexists(path):
            return path
    if os.path.isfile("pyproject.toml"):
        from darklint.config import ConfigError, pyproject_table

        try:
            with open("pyproject.toml", encoding="utf-8") as handle:
                has_table = pyproject_table(os.path.abspath("pyproject.toml"), handle.read())
        except (OSError, UnicodeDecodeError, ConfigError):
            has_table = None
        if has_table is not None:
            return "pyproject.toml [tool.darklint]"
    return None
