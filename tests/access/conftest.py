"""The real data loaded once for the access tests that need the database (then flushed)."""

from __future__ import annotations

import pytest
from offer.realdata import package_data


@pytest.fixture(scope="module")
def access_data(django_db_setup, django_db_blocker):
    from bassins.access import data

    data._state.clear()
    yield from package_data(django_db_blocker)
    data._state.clear()
