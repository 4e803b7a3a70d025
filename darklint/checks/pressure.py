"""Checks for the pressure rules."""

from __future__ import annotations
