from bassins.search.query import Vocabulary, max_edits, plan


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
