from bassins.config import data_file
from bassins.directory import taxonomy
from bassins.directory.bundle import Bundle


def test_real_categories_file():
    terms = taxonomy.read_categories(data_file("services/directory_sample_categories.csv"))
    assert len(terms) == 23
    cpas = next(t for t in terms if t.code == "cpas")
    assert (
        cpas.label_nl.startswith("OCMW")
        and "revenu d'intégration" in cpas.synonyms_fr
        and "leefloon" in cpas.synonyms_nl
    )


def test_index_maps_labels_and_synonyms_accent_and_case_insensitively():
    terms = taxonomy.read_categories(data_file("services/directory_sample_categories.csv"))
    index = taxonomy.category_index(terms)
    assert taxonomy.find_category("Maison medicale", index) == "medical_house"
    assert taxonomy.find_category("WIJKGEZONDHEIDSCENTRUM", index) == "medical_house"
    assert taxonomy.find_category("leefloon", index) == "cpas"
    assert taxonomy.find_category("pharmacie", index) == "pharmacy"
    assert taxonomy.find_category("nothing like this", index) is None


def test_bundle_has_both_taxonomies_and_builtins():
    bundle = Bundle(source="taxonomy", label="t")
    taxonomy.add_taxonomies(bundle, [])
    codes = {row["code"] for row in bundle.rows("taxonomy_term")}
    assert {"pharmacy", "hospital", "hospital_psychiatric", "hospital_beds", "osm_feature"} <= codes
    assert bundle.count("taxonomy") == 2
    assert taxonomy.term_id("pharmacy") == taxonomy.term_id(
        "pharmacy"
    )  # stable, no database needed
