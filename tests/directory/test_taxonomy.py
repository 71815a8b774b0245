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


def test_helpdesk_synonyms_in_three_languages_reach_the_bundle():
    extra = taxonomy.helpdesk_synonyms()
    assert (
        "social assistance" in extra["cpas"]["en"]
        and "night shelter" in extra["homelessness"]["en"]
    )
    assert all(set(words) == {"fr", "nl", "en"} for words in extra.values())
    bundle = Bundle(source="taxonomy", label="t")
    terms = taxonomy.read_categories(data_file("services/directory_sample_categories.csv"))
    taxonomy.add_taxonomies(bundle, terms)
    rows = {row["code"]: row for row in bundle.rows("taxonomy_term")}
    assert "social assistance" in rows["cpas"]["synonyms_en"].split("; ")
    assert "pharmacy on duty" in rows["pharmacy"]["synonyms_en"].split("; ")  # a built-in term
    index = taxonomy.category_index(
        [taxonomy.with_helpdesk_synonyms(term, extra) for term in terms]
    )
    assert taxonomy.find_category("food bank", index) == "food_aid"


def test_situation_words_reach_the_terms_synonyms():
    situations = taxonomy.helpdesk_synonyms(taxonomy.HELPDESK_SITUATIONS)
    assert all(set(words) == {"fr", "nl", "en"} for words in situations.values())
    assert "vergeetachtig" in situations["elderly"]["nl"]
    bundle = Bundle(source="taxonomy", label="t")
    terms = taxonomy.read_categories(data_file("services/directory_sample_categories.csv"))
    taxonomy.add_taxonomies(bundle, terms)
    rows = {row["code"]: row for row in bundle.rows("taxonomy_term")}
    assert "oublie tout" in rows["elderly"]["synonyms_fr"].split("; ")
    assert "vergeetachtig" in rows["elderly"]["synonyms_nl"].split("; ")
    assert "sleeping rough" in rows["homelessness"]["synonyms_en"].split("; ")
    # the helpdesk synonyms are still there beside them
    assert "social assistance" in rows["cpas"]["synonyms_en"].split("; ")
