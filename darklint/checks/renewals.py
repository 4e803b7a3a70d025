"""Checks for the renewals rules."""

from __future__ import annotations
