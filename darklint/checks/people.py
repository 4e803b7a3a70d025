"""Checks for the people rules."""

from __future__ import annotations
