from bassins.search.query import Vocabulary, max_edits, plan
from bassins.search.text import stem


def test_edit_budget_by_length():
    assert [max_edits(w) for w in ("aide", "alcol", "alcoool", "methadone")] == [0, 1, 1, 2]


def test_typo_tolerance(concepts):
    vocabulary = Vocabulary({"methadone": "methadon", "alcool": "alcool", "aide": "aid"})
    assert vocabulary.correct("metadhone") == "methadone"  # 2 edits, 9 letters
    assert vocabulary.correct("alcol") == "alcool"  # 1 edit, 5 letters
    assert vocabulary.correct("akcolx") is None  # 2 edits, 6 letters: too many
    assert vocabulary.correct("aid") is None  # under 5 letters: exact only
    found = plan("metadhone", "fr", concepts, vocabulary)
    assert found.words[0].read_as == "methadone" and found.words[0].corrected


def test_synonyms_both_languages(concepts):
    vocabulary = Vocabulary({})
    fr = plan("aide sociale", "fr", concepts, vocabulary)
    nl = plan("OCMW leefloon", "nl", concepts, vocabulary)
    assert [m.codes for m in fr.concepts] == [("cpas",)]
    assert [m.codes for m in nl.concepts] == [("cpas",), ("cpas",)]
    assert plan("abortus", None, concepts, vocabulary).concepts[0].codes == ("family_planning",)
    assert plan("sans-abri", "fr", concepts, vocabulary).concepts[0].codes == ("homelessness",)
    assert plan("dakloos", "nl", concepts, vocabulary).concepts[0].codes == ("homelessness",)


def test_hostile_queries_are_words(concepts):
    vocabulary = Vocabulary({"aide": "aid"})
    for text in ('"', "*", "NEAR(aide", "aide OR 1=1; DROP TABLE", "\x00\x1b[31m", "a" * 10_000):
        found = plan(text, "fr", concepts, vocabulary)
        assert all(w.typed.isalnum() for w in found.words)
    long = plan("aide " * 3000, "fr", concepts, vocabulary)
    assert long.truncated and len(long.words) <= 1


def test_dutch_compounds_split_into_known_words(concepts):
    vocabulary = Vocabulary({"zelfmoord": "zelfmoord", "gedachten": "gedacht", "nacht": "nacht"})
    assert vocabulary.split("zelfmoordgedachten") == ("zelfmoord", "gedachten")
    assert vocabulary.split("zelfmoordsgedachten") == ("zelfmoord", "gedachten")  # linking s
    assert vocabulary.split("onbekendwoord") is None
    found = plan("zelfmoordgedachten", "nl", concepts, vocabulary)
    assert [w.read_as for w in found.words] == ["zelfmoord", "gedachten"]


def test_dutch_compound_parts_known_as_indexed_stems_or_taxonomy_words(concepts):
    vocabulary = Vocabulary({"drugs": "drug", "kines": "kin"})
    assert vocabulary.split("drugsgebruik") is None  # "gebruik" is not an indexed word
    known = {"gebruik"}.__contains__
    assert vocabulary.split("drugsgebruik", known) == ("drugs", "gebruik")
    assert vocabulary.split("kinesitherapie", known) is None  # "itherapie" is unknown
    # in a plan: a part is known when its stem is indexed (gebruikers -> gebruiker ~ "gebruik")
    # or when it is a word of the taxonomy (here "drugs", a synonym of addiction)
    found = plan(
        "drugsgebruik", "nl", concepts, Vocabulary({}), {stem("gebruik", "nl")}.__contains__
    )
    assert [w.read_as for w in found.words] == ["drugs", "gebruik"]
    assert [m.codes for m in found.concepts] == [("addiction",)]
    # without the indexed stems "gebruik" is unknown: the strict split fails, the loose one
    # (a known part, "drugs", and the rest) still reads the compound
    assert Vocabulary({}).split("drugsgebruik", set(concepts.vocabulary).__contains__) is None
    assert [w.read_as for w in plan("drugsgebruik", "nl", concepts, Vocabulary({})).words] == [
        "drugs",
        "gebruik",
    ]


def test_compounds_of_three_known_parts():
    # words of no query file: the fewest parts win, then the most balanced
    two = Vocabulary({w: w for w in ("geld", "hulp", "verlening", "hulpverlening")})
    assert two.split("geldhulpverlening") == ("geld", "hulpverlening")
    three = Vocabulary({w: w for w in ("geld", "hulp", "verlening", "kind", "zorg")})
    assert three.split("geldhulpverlening") == ("geld", "hulp", "verlening")
    assert three.split("kindszorghulp") == ("kind", "zorg", "hulp")  # linking s
    assert three.split("kindzorghulpgeld") is None  # four parts: too many
    assert three.split("kindzorgxyz") is None  # a part under 4 letters


def test_loose_compound_split_keeps_the_known_part():
    known = {"alcohol", "schulden", "opvang", "dementie"}.__contains__
    vocabulary = Vocabulary({})
    assert vocabulary.split("schuldenberg", known) is None  # "berg" is unknown
    assert vocabulary.split_loosely("schuldenberg", known) == ("schulden", "berg")
    assert vocabulary.split_loosely("crisisopvang", known) == ("crisis", "opvang")
    assert vocabulary.split_loosely("dementiezorg", known) == ("dementie", "zorg")
    assert vocabulary.split_loosely("alcoholverslaafde", known) == ("alcohol", "verslaafde")
    assert vocabulary.split_loosely("gokschulden", known) == ("gok", "schulden")
    assert vocabulary.split_loosely("abschulden", known) is None  # "ab": under 3 letters
    assert vocabulary.split_loosely("beginnende", known) is None  # no known part
    assert vocabulary.split_loosely("opvang", known) is None  # too short to hold two parts


def test_loose_split_in_a_plan_finds_the_category(concepts):
    # held-out Dutch compounds: one taxonomy word of the test categories and one unknown word
    def read(text, lang="nl"):
        found = plan(text, lang, concepts, Vocabulary({}))
        codes = sorted({code for match in found.concepts for code in match.codes})
        return [w.read_as for w in found.words], codes

    assert read("leefloonaanvraag") == (["leefloon", "aanvraag"], ["cpas"])
    assert read("verslavingshulp") == (["verslaving", "hulp"], ["addiction"])
    assert read("nachtopvangcentrum") == (["nachtopvang", "centrum"], ["homelessness"])
    # a known word is never cut, and only Dutch compounds are: French words are left whole
    assert read("nachtopvang") == (["nachtopvang"], ["homelessness"])
    assert read("alcoolodependance", "fr") == (["alcoolodependance"], [])


def test_situation_words_name_a_category_in_each_language():
    from bassins.directory import taxonomy
    from bassins.search.concepts import Category, Concepts

    situations = taxonomy.helpdesk_words()  # synonyms and situation words, as the taxonomy holds
    real = Concepts(
        Category(slug, None, {"fr": slug}, {lang: words for lang, words in by_lang.items()})
        for slug, by_lang in situations.items()
    )
    empty = Vocabulary({})

    def named(text, lang):
        return sorted(
            {code for match in plan(text, lang, real, empty).concepts for code in match.codes}
        )

    assert named("ma mère oublie tout et vit seule", "fr") == ["elderly"]
    assert named("mijn vader is vergeetachtig", "nl") == ["elderly"]
    assert named("hij slaapt op straat", "nl") == ["homelessness"]
    assert named("a man sleeping rough near the station", "en") == ["homelessness"]
    assert named("she has no papers and is pregnant", "en") == ["family_planning", "migrant_health"]
    assert named("mon ado s'enferme dans sa chambre", "fr") == ["mental_health"]
    assert named("il habite à Forest depuis deux ans", "fr") == []  # nothing assumed
    # phrasings of no query file, one per category with few services
    assert named("ma grand-mère ne me reconnaît plus", "fr") == ["elderly"]
    assert named("mijn opa verdwaalt in de buurt", "nl") == ["elderly"]
    assert named("une infirmière pour les pansements", "fr") == ["home_care"]
    assert named("hulp bij het aankleden", "nl") == ["home_care"]
    assert named("my baby has not had his jabs", "en") == ["child_health"]
    assert named("pas bevallen en de vroedvrouw komt niet", "nl") == ["child_health"]
    assert named("he is an irregular migrant", "en") == ["migrant_health"]
    assert named("je ne suis plus en ordre de mutuelle", "fr") == ["mutuality"]
    assert named("la caution locative n'est pas rendue", "fr") == ["legal_aid"]
    assert named("mijn zus is slechthorend", "nl") == ["disability"]
    assert named("I just need someone to listen", "en") == ["helpline"]
    assert named("hij is uit de kast gekomen", "nl") == ["lgbtqi"]
    assert named("on n'a plus rien dans le frigo", "fr") == []  # "frigo vide" is not this
    assert named("le frigo est vide", "fr") == ["food_aid"]
    assert named("her boyfriend slapped her", "en") == ["domestic_violence"]
    assert named("elle a des bleus partout", "fr") == ["domestic_violence"]


def test_phrases_their_function_words_carry_need_them_unless_a_longer_phrase_wins():
    from bassins.search.concepts import Category, Concepts, sequence_only

    assert sequence_only(("parler", "a", "quelqu", "un"), ("parl",))  # one content word
    assert sequence_only(("geen", "papieren"), ("papier",))  # a negation
    assert not sequence_only(("dort", "dans", "la", "rue"), ("dort", "ru"))
    concepts = Concepts(
        [
            Category(
                "medical_house", None, {"fr": "Maison médicale"}, {"fr": ("besoin d'un médecin",)}
            ),
            Category("gp_on_call", None, {"fr": "Garde"}, {"fr": ("médecin ce soir",)}),
            Category("migrant_health", None, {"fr": "Santé"}, {"fr": ("pas de papiers",)}),
            Category("helpline", None, {"fr": "Écoute"}, {"fr": ("parler à quelqu'un",)}),
        ]
    )

    def codes(text):
        return [m.codes for m in plan(text, "fr", concepts, Vocabulary({})).concepts]

    # the longer phrase of the content words wins over the one held by its function words
    assert codes("besoin d'un médecin ce soir") == [("gp_on_call",)]
    assert codes("besoin d'un médecin") == [("medical_house",)]
    assert codes("il n'a pas de papiers") == [("migrant_health",)]
    # "parler à quelqu'un" is not "parler"
    assert codes("j'ai besoin de parler à quelqu'un") == [("helpline",)]
    assert codes("mon fils ne parle pas encore") == []


def test_synonyms_holding_function_words_need_them():
    from bassins.search.concepts import Category, Concepts

    concepts = Concepts(
        [
            Category(
                "mental_health",
                None,
                {"nl": "Geestelijke gezondheid"},
                {"nl": ("niet meer leven",), "fr": ("ne veut plus vivre",)},
            ),
            Category("elderly", None, {"fr": "Personnes âgées"}, {"fr": ("vivre seule",)}),
            Category("migrant_health", None, {"nl": "Gezondheid"}, {"nl": ("geen papieren",)}),
            Category("social_service", None, {"nl": "Sociale dienst"}, {"nl": ("papieren",)}),
        ]
    )
    vocabulary = Vocabulary({})

    def codes(text, lang):
        return [m.codes for m in plan(text, lang, concepts, vocabulary).concepts]

    assert codes("ik wil niet meer leven", "nl") == [("mental_health",)]
    assert codes("zelfstandig leven", "nl") == []  # "leven" alone is not "niet meer leven"
    assert codes("il ne veut plus vivre", "fr") == [("mental_health",)]
    assert codes("ma mère ne sait plus vivre seule", "fr") == [("elderly",)]
    assert codes("geen papieren en ziek", "nl") == [("migrant_health",)]
    assert codes("papieren invullen", "nl") == [("social_service",)]


def test_english_synonyms_are_concepts():
    from bassins.search.concepts import Category, Concepts

    concepts = Concepts(
        [
            Category(
                "homelessness",
                None,
                {"fr": "Sans-abrisme", "en": "Homelessness services"},
                {"en": ("night shelter", "sleeping rough")},
            ),
            Category("food_aid", None, {"fr": "Aide alimentaire"}, {"en": ("food bank",)}),
        ]
    )
    vocabulary = Vocabulary({})
    found = plan("looking for a night shelter, sleeping rough", None, concepts, vocabulary)
    assert found.lang == "en"
    assert [(m.codes, m.phrase) for m in found.concepts] == [
        (("homelessness",), "night shelter"),
        (("homelessness",), "sleeping rough"),
    ]
    assert plan("food banks", "en", concepts, vocabulary).concepts[0].codes == ("food_aid",)


def test_quoted_phrases_are_read_as_phrases(concepts):
    vocabulary = Vocabulary({})
    found = plan('je cherche une "maison médicale" à Schaerbeek', "fr", concepts, vocabulary)
    assert [p.text for p in found.phrases] == ["maison médicale"]
    assert all(w.required for w in found.words if w.typed in ("maison", "medicale"))
    assert plan('"aide"', "fr", concepts, vocabulary).phrases == []  # one word: required only
    assert plan('"maison', "fr", concepts, vocabulary).phrases == []  # unbalanced: plain words
