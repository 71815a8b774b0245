"""The registry of the blocks other modules contribute to a bassin's site (see docs/sites.md and the
parts contract): defined once, here.

A part is a function `part(request, bassin_code) -> dict | None` in its own module. The home of a
bassin shows the TABLEAU DE BORD (needs, offer, accessibility, requests, in that order), then the
attention zones, the agenda and the working groups. A part whose module does not exist yet, or that
returns None, is shown as "not available yet" (a plain translated sentence), never as an error; any
other exception propagates, so that a bug is seen.

"Does not exist yet" means: importing it raises ModuleNotFoundError whose `.name` is that module or
one of the packages holding it (`bassins.access` missing altogether says `name == "bassins.access"`).
A ModuleNotFoundError for anything else (a dependency the part imports) is a bug and propagates.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PartSpec:
    key: str
    module: str
    function: str
    title: object  # the heading shown when the part is not available (lazy translation)


DASHBOARD = (
    PartSpec("needs", "bassins.indicators.dashboard", "part", _("Needs of the population")),
    PartSpec("offer", "bassins.offer.dashboard", "part", _("Offer of services")),
    PartSpec("access", "bassins.access.dashboard", "part", _("Accessibility of the offer")),
    PartSpec("requests", "bassins.helpdesk.dashboard", "part", _("Requests to the helpdesk line")),
)
ATTENTION = PartSpec(
    "attention",
    "bassins.indicators.dashboard",
    "attention_part",
    _("Zones with particular needs"),
)
AGENDA = PartSpec("agenda", "bassins.agenda.parts", "agenda_part", _("Agenda"))
WORKING_GROUPS = PartSpec(
    "working_groups", "bassins.agenda.parts", "working_groups_part", _("Working groups")
)
BLOCKS = (ATTENTION, AGENDA, WORKING_GROUPS)
REGISTRY = {spec.key: spec for spec in (*DASHBOARD, *BLOCKS)}


def _missing_module(error: ModuleNotFoundError, module: str) -> bool:
    name = error.name or ""
    return name.startswith("bassins.") and (module == name or module.startswith(name + "."))


def load(spec: PartSpec):
    """The part function of `spec`, or None when its module does not exist yet."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as error:
        if _missing_module(error, spec.module):
            return None
        raise
    return getattr(module, spec.function)


def render(spec: PartSpec, request, bassin_code: str) -> dict:
    """What the site shows for one part: the part's own dict with `available` True, or a dict with
    `available` False and the registry's title."""
    function = load(spec)
    result = function(request, bassin_code) if function is not None else None
    if result is None:
        return {"key": spec.key, "available": False, "title": spec.title}
    return {
        "key": spec.key,
        "available": True,
        "title": result.get("title", spec.title),
        "template": result["template"],
        "context": result.get("context", {}),
        "url": result.get("url"),
        "date": result.get("date"),
    }


def dashboard(request, bassin_code: str) -> list[dict]:
    """The tableau de bord of a bassin, in the contract's order."""
    return [render(spec, request, bassin_code) for spec in DASHBOARD]


def block(key: str, request, bassin_code: str) -> dict:
    """One of the other blocks ("attention", "agenda", "working_groups")."""
    return render(REGISTRY[key], request, bassin_code)
