from bassins.search import language
from bassins.search.text import analyse, fold, stem, stems, words


def test_folding_and_elisions():
    assert fold("Hôpital ÉTÉ cœur") == "hopital ete coeur"
    assert words("je n'ai plus d'argent pour manger") == [
        "je",
        "ai",
        "plus",
        "argent",
        "pour",
        "manger",
    ]
    assert words("l’hôpital, sans-abri") == ["hopital", "sans", "abri"]


def test_plain_words_keep_content_words_only():
    content = [t.surface for t in analyse("je n'ai plus d'argent pour manger", "fr") if not t.stop]
    assert content == ["argent", "manger"]


def test_french_and_dutch_stems():
    assert stem("maisons", "fr") == stem("maison", "fr")
    assert stems("maisons médicales", "fr") == stems("maison médicale", "fr")
    assert stem("daklozen", "nl") == stem("dakloos", "nl") == "dakloos"
    assert stem("ziekenhuizen", "nl") == stem("ziekenhuis", "nl")
    assert stem("verslavingen", "nl") == stem("verslaving", "nl")
    assert stem("hôpitaux".replace("ô", "o"), "fr") == stem("hopital", "fr")


def test_control_characters_are_spaces():
    assert words("aide\x00sociale\x1b") == ["aide", "sociale"]


def test_language_detection():
    assert language.detect("ik zoek een huisarts voor mijn moeder") == "nl"
    assert language.detect("je cherche une maison médicale") == "fr"
    assert language.detect("looking for a doctor for my mother") == "en"
    assert language.detect("") == "fr"
