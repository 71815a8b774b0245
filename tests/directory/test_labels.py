"""The words the directory's pages and downloads show, in French and Dutch (no English leaks)."""

import datetime as dt
import gettext
from pathlib import Path

import pandas as pd
import pytest
from django.utils import translation

from bassins.directory import labels, profile, quality
from bassins.directory.sources import osm

LOCALE = Path(labels.__file__).parent / "locale"


def msgid(label) -> str:
    """The catalog key of a gettext_lazy / pgettext_lazy label."""
    return "\x04".join(label._args)


@pytest.mark.parametrize("lang", ["fr", "nl"])
@pytest.mark.parametrize(
    "table",
    [
        "SOURCE_LABELS",
        "RECORD_LABELS",
        "ISSUE_LABELS",
        "FIELD_LABELS",
        "EXCLUSION_REASONS",
        "CSV_HEADER",
        "VALUE_LABELS",
    ],
)
def test_every_label_is_in_the_directory_catalog(lang, table):
    mo = LOCALE / lang / "LC_MESSAGES" / "django.mo"
    assert mo.exists(), f"{mo} missing: run `make messages` (bassins compilemessages)"
    with mo.open("rb") as file:
        catalog = gettext.GNUTranslations(file)._catalog
    missing = [
        msgid(label) for label in getattr(labels, table).values() if not catalog.get(msgid(label))
    ]
    assert missing == []


def test_every_code_the_report_uses_has_a_label():
    assert set(quality.ISSUES) <= set(labels.ISSUE_LABELS)
    assert set(quality.FIELDS) <= set(labels.FIELD_LABELS)
    assert set(profile.SOURCES) <= set(labels.SOURCE_LABELS)
    assert osm.LINKED_REASON in labels.EXCLUSION_REASONS


def test_known_strings_in_dutch_and_french():
    with translation.override("nl"):
        assert labels.exclusion_text({osm.LINKED_REASON: 402}) == (
            "402: gekoppeld aan de officiële fiche van dezelfde plaats (FAGG)"
        )
        assert labels.field_label("contact") == "contact (telefoon, e-mail of website)"
        assert labels.source_label("afmps") == "Register van de apotheken (FAGG)"
        assert labels.field_label("not_a_code") == "not_a_code"  # unknown codes shown as they are
    with translation.override("fr"):
        assert (
            labels.exclusion_text({osm.LINKED_REASON: 402})
            == "402 : lié à la fiche officielle du même lieu (AFMPS)"
        )
        assert labels.field_label("contact") == "contact (téléphone, e-mail ou site web)"


def test_duplicate_reasons_and_values_in_dutch():
    reason = "similar names (87), same address, 12 m apart"
    row = {
        "issue": "suspected_duplicate",
        "value": f"Apotheek X ({reason}; score 91)",
        "detail": {"other_name": "Apotheek X", "reason": reason, "score": 91.2},
    }
    with translation.override("nl"):
        assert (
            labels.duplicate_reason(reason)
            == "gelijkaardige namen (87), zelfde adres, 12 m van elkaar"
        )
        assert labels.duplicate_reason("same postcode 1000, a reason of a later version") == (
            "zelfde postcode 1000, a reason of a later version"
        )
        assert labels.issue_value(row) == (
            "Apotheek X (gelijkaardige namen (87), zelfde adres, 12 m van elkaar; score 91)"
        )
        assert labels.issue_value(
            {"issue": "stale", "value": quality.NEVER_VERIFIED, "detail": {"never": True}}
        ) == ("nooit gecontroleerd")
        assert labels.issue_value({"issue": "invalid_email", "value": "a@", "detail": None}) == "a@"


def test_issue_list_csv_in_dutch_keeps_the_english_codes_for_the_command_line():
    services = pd.DataFrame(
        [
            {
                "id": "s1",
                "source": "directory_sample",
                "name_fr": "CPAS",
                "name_nl": "OCMW",
                "description_fr": "",
                "description_nl": "",
                "category": "cpas",
                "email": "",
                "url": "",
                "has_phone": False,
                "assured_date": None,
                "extract_date": None,
                "status": "active",
            }
        ]
    )
    locations = pd.DataFrame(
        columns=[
            "id",
            "source",
            "name",
            "location_type",
            "precision",
            "inside_region",
            "has_address",
            "postcode",
        ]
    )
    phones = pd.DataFrame(columns=["id", "source", "number", "record_type", "record_id", "name"])
    dups = pd.DataFrame(
        columns=["left", "right", "left_name", "right_name", "reason", "score", "left_source"]
    )
    frame = quality.issues(services, locations, phones, dups, dt.date(2026, 11, 1))
    assert quality.to_csv(frame).splitlines() == [
        "record_type,record_id,source,name,issue,field,value",
        "service,s1,directory_sample,CPAS,missing_field,contact,",
        "service,s1,directory_sample,CPAS,missing_field,description_fr,",
        "service,s1,directory_sample,CPAS,stale,assured_date,never verified",
    ]
    with translation.override("nl"):
        assert labels.issues_csv(frame).splitlines() == [
            "Fiche,Identificatie van de fiche,Bron,Naam,Probleem,Veld,Waarde",
            'dienst,s1,Steekproef uit de sociale kaart,CPAS,Ontbrekend veld,"contact (telefoon, e-mail of website)",',
            "dienst,s1,Steekproef uit de sociale kaart,CPAS,Ontbrekend veld,beschrijving (FR),",
            "dienst,s1,Steekproef uit de sociale kaart,CPAS,Niet gecontroleerd sinds 12 maanden,"
            "datum van de laatste controle,nooit gecontroleerd",
        ]
