import jsonschema
import pytest

from bassins.directory import profile


def test_every_table_has_an_id_and_translated_fields_expand():
    for spec in profile.TABLES:
        assert spec.fields[0].name == "id"
    service = profile.TABLE["service"]
    assert {"name_fr", "name_nl", "name_en", "description_fr"} <= set(service.internal_fields())
    assert service.csv_columns()[:7] == [
        "id",
        "organization_id",
        "program_id",
        "name",
        "name_fr",
        "name_nl",
        "name_en",
    ]


def test_references_point_to_earlier_tables():
    order = profile.LOAD_ORDER
    for spec in profile.TABLES:
        for f in spec.fields:
            if f.ref and f.ref != spec.name:
                assert order.index(f.ref) < order.index(spec.name), (spec.name, f.name)


def test_json_schema_accepts_and_rejects():
    schema = profile.json_schema("service")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    ok = {
        "id": "ac148810-d857-441c-9679-408f346de14b",
        "name": "CPAS",
        "status": "active",
        "source": "manual",
    }
    assert not list(validator.iter_errors(ok))
    assert list(validator.iter_errors(ok | {"status": "open"}))
    assert list(validator.iter_errors({"id": ok["id"], "status": "active"}))  # name required


@pytest.mark.parametrize(
    "kind, value, text",
    [
        ("number", 50.8619853, "50.8619853"),
        ("number", 394.0, "394"),
        ("boolean", False, "false"),
        ("integer", 1999, "1999"),
        ("string", "a", "a"),
    ],
)
def test_values_round_trip(kind, value, text):
    assert profile.to_csv_value(kind, value) == text
    assert profile.from_csv_value(kind, text) == value


def test_models_match_the_profile(db):
    from bassins.directory.models import MODELS, field_attname

    for spec in profile.TABLES:
        model_fields = {f.attname for f in MODELS[spec.name]._meta.concrete_fields}
        wanted = {field_attname(spec.name, name) for name in spec.internal_fields()}
        assert model_fields == wanted, spec.name


def test_datapackage_descriptor_lists_every_table():
    descriptor = profile.datapackage_descriptor()
    assert [r["name"] for r in descriptor["resources"]] == profile.LOAD_ORDER
    assert descriptor["resources"][0]["schema"]["primaryKey"] == "id"
