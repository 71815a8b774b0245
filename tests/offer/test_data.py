"""The cached offer analysis of the loaded data: rebuilt when the data change, edits included."""

import pytest

from bassins.directory import history
from bassins.directory.models import Service
from bassins.offer import data
from bassins.offer.counts import TOTAL

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def test_the_analysis_is_cached_until_a_record_is_edited(loaded_offer):
    data.clear_cache()
    try:
        first = data.current_analysis()
        assert data.current_analysis() is first
        before = first.counts("head_office", "region").region[TOTAL]
        # a steward closes an active service in the admin: an edit in place, recorded in the history
        service = (
            Service.objects.filter(status="active", source="afmps").order_by("source_key").first()
        )
        snapshot = history.snapshot(service)
        service.status = "inactive"
        service.save()
        history.record_changes(service, snapshot, "steward")
        second = data.current_analysis()
        assert second is not first
        assert second.counts("head_office", "region").region[TOTAL] == before - 1
    finally:
        data.clear_cache()


def test_category_labels_come_from_the_taxonomy(loaded_offer):
    labels = data.category_labels().set_index("slug")
    assert list(labels.columns) == ["label_fr", "label_nl", "label_en"]
    assert labels.loc["pharmacy", "label_nl"] == "Apotheek"


def test_missing_inputs(loaded_offer):
    from bassins.directory.models import ServiceAtLocation

    assert data.missing_inputs() == []
    ServiceAtLocation.objects.all().delete()
    assert data.missing_inputs() == ["directory"]
