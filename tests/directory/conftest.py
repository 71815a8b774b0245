"""Fixtures of the directory tests: the real sources loaded into the test database (with the territories)."""

from __future__ import annotations

import pytest


@pytest.fixture
def directory_loaded(loaded_territories, db):
    """Every real directory source loaded (inside the test's transaction), with the load reports."""
    from bassins.directory import importers

    return {report.source: report for report in importers.load_all()}
