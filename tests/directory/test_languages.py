from bassins.directory import languages


def test_each_language_is_told_from_its_function_words():
    assert (
        languages.detect(
            ["Aide aux familles et accueil des enfants dans la commune pour les parents"]
        ).language
        == "fr"
    )
    assert (
        languages.detect(
            ["Hulp voor gezinnen en opvang van kinderen in de gemeente met een arts bij hun thuis"]
        ).language
        == "nl"
    )
    assert (
        languages.detect(
            ["Help for the families and care of children with a doctor at home"]
        ).language
        == "en"
    )


def test_too_few_or_mixed_words_give_no_answer():
    found = languages.detect(["Pharmacie Anspach", "Wijkgezondheidscentrum"])
    assert found.language is None and found.counts == {"fr": 0, "nl": 0, "en": 0}
    mixed = languages.detect(["le les des du une", "het een van voor met"])
    assert mixed.counts["fr"] == 5 and mixed.counts["nl"] == 5 and mixed.language is None
    assert mixed.describe() == "unclear (fr 5, nl 5, en 0 telling words)"
