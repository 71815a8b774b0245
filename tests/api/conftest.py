"""Fixtures of the API tests: the real territories, population and directory in the test database
(loaded once for the package), the official HSDS 3.1 schemas, and a fresh API state per test."""

import json

import pytest
from offer.realdata import ensure_offer_data, package_data


@pytest.fixture(scope="package")
def _api_data_package(django_db_setup, django_db_blocker):
    """Loads (and commits) the real data once for this package; flushes the database afterwards."""
    yield from package_data(django_db_blocker)


@pytest.fixture
def loaded(_api_data_package, django_db_blocker, db):
    """Every endpoint has its data (reloaded when a transactional test flushed it)."""
    from bassins.api import store

    with django_db_blocker.unblock():
        ensure_offer_data()
    store.reset()
    yield
    store.reset()


@pytest.fixture(scope="session")
def hsds_validator():
    """validator(name) -> a Draft 2020-12 validator of the official HSDS 3.1 schema `name`.json (the
    data directory's copy of openreferral/specification, its `$ref`s resolved between its files)."""
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    from bassins.directory.sources.hsds import official_schema_dir

    folder = official_schema_dir()
    if not (folder / "service.json").exists():
        pytest.fail(f"official HSDS 3.1 schemas not found in {folder}: set BASSINS_DATA_DIR")
    base = "https://hsds.invalid/schema/"
    registry = Registry().with_resources(
        (
            base + path.name,
            Resource.from_contents(json.loads(path.read_text("utf-8")), DRAFT202012),
        )
        for path in folder.glob("*.json")
        if path.name != "openapi.json"
    )

    def validator(name: str):
        return jsonschema.Draft202012Validator(
            {"$ref": f"{base}{name}.json"},
            registry=registry,
            format_checker=jsonschema.FormatChecker(),
        )

    return validator
