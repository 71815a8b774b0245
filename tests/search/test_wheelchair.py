"""The wheelchair filter reads the locations' HSDS accessibility rows (and sees an edit at once)."""

from __future__ import annotations

import pytest

from bassins.directory.models import Accessibility, ServiceAtLocation
from bassins.search import service

pytestmark = pytest.mark.realdata


def found(**params) -> list[str]:
    request = service.request_from({"per_page": "100", **params})
    return [hit.doc.id for hit in service.run(request, count_unmet=False).hits]


def test_wheelchair_filter_reads_the_accessibility_table(directory_loaded):
    assert found(wheelchair="1") == []  # no source says it yet: nothing is assumed
    sals = list(
        ServiceAtLocation.objects.filter(service__source="directory_sample")
        .select_related("location")
        .order_by("id")[:3]
    )
    yes, no, unknown = sals
    Accessibility.objects.create(
        location=yes.location, description_fr="Entrée de plain-pied, accessible PMR"
    )
    Accessibility.objects.create(
        location=no.location, description_nl="Niet toegankelijk voor rolstoelen"
    )
    Accessibility.objects.create(location=unknown.location, description_en="Hearing loop")
    assert found(wheelchair="1") == [str(yes.pk)]
    # combined with a text query and another filter
    name = yes.service.name_fr.split()[0]
    assert str(yes.pk) in found(q=name, wheelchair="1")
    assert found(wheelchair="1", bassin="XX") == []
    data = service.hit_data(
        service.run(service.request_from({"wheelchair": "1"}), count_unmet=False).hits[0], "fr"
    )
    assert data["id"] == str(yes.pk)
