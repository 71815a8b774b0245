import sys
import types

import pytest

from bassins.sites import parts


@pytest.fixture
def fake_module(monkeypatch):
    def install(name, **functions):
        module = types.ModuleType(name)
        for key, value in functions.items():
            setattr(module, key, value)
        monkeypatch.setitem(sys.modules, name, module)
        return module

    return install


def test_the_registry_has_the_contract_order_and_modules():
    assert [(p.key, p.module, p.function) for p in parts.DASHBOARD] == [
        ("needs", "bassins.indicators.dashboard", "part"),
        ("offer", "bassins.offer.dashboard", "part"),
        ("access", "bassins.access.dashboard", "part"),
        ("requests", "bassins.helpdesk.dashboard", "part"),
    ]
    assert (parts.ATTENTION.module, parts.ATTENTION.function) == (
        "bassins.indicators.dashboard",
        "attention_part",
    )
    assert (parts.AGENDA.module, parts.AGENDA.function) == ("bassins.agenda.parts", "agenda_part")
    assert parts.WORKING_GROUPS.function == "working_groups_part"


def test_a_module_that_does_not_exist_yet_is_not_available():
    spec = parts.PartSpec("x", "bassins.nonexistent_app.dashboard", "part", "X")
    assert parts.render(spec, None, "N") == {"key": "x", "available": False, "title": "X"}


def test_a_part_returning_none_is_not_available_and_a_dict_is_shown(fake_module):
    fake_module("bassins.fake_none", part=lambda request, code: None)
    fake_module(
        "bassins.fake_some",
        part=lambda request, code: {
            "title": f"T {code}",
            "template": "t.html",
            "context": {"n": 1},
            "url": None,
            "date": "2024-01-01",
        },
    )
    none = parts.render(parts.PartSpec("a", "bassins.fake_none", "part", "A"), None, "S")
    assert none["available"] is False and none["title"] == "A"
    some = parts.render(parts.PartSpec("b", "bassins.fake_some", "part", "B"), None, "S")
    assert some["available"] is True and some["title"] == "T S" and some["context"] == {"n": 1}
    assert some["date"] == "2024-01-01"


def test_other_errors_propagate(fake_module):
    def broken(request, code):
        raise ZeroDivisionError("a bug")

    fake_module("bassins.fake_broken", part=broken)
    with pytest.raises(ZeroDivisionError):
        parts.render(parts.PartSpec("c", "bassins.fake_broken", "part", "C"), None, "N")
    # a module that exists but fails to import one of ITS dependencies: a bug, not "not yet"
    error = ModuleNotFoundError("No module named 'somedep'", name="somedep")
    assert not parts._missing_module(error, "bassins.access.dashboard")
    assert parts._missing_module(
        ModuleNotFoundError(name="bassins.access"), "bassins.access.dashboard"
    )
    assert parts._missing_module(
        ModuleNotFoundError(name="bassins.access.dashboard"), "bassins.access.dashboard"
    )
    assert not parts._missing_module(
        ModuleNotFoundError(name="bassins.acc"), "bassins.access.dashboard"
    )
