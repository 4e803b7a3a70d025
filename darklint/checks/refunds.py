"""Checks for the refunds rules."""

from __future__ import annotations
