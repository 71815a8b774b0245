from bassins.directory.wheelchair import wheelchair_access


def test_wheelchair_access_said_in_words():
    for text in (
        "Accessible en chaise roulante",
        "Entrée de plain-pied, accessible PMR",
        "Rolstoeltoegankelijk gebouw",
        "Wheelchair accessible entrance on the left",
        "accès sans marche pour les personnes à mobilité réduite",
    ):
        assert wheelchair_access([text]) is True, text
    for text in (
        "Pas accessible aux fauteuils roulants",
        "Niet toegankelijk voor rolstoelen",
        "No wheelchair access (stairs)",
        "Inaccessible PMR: 3 marches",
    ):
        assert wheelchair_access([text]) is False, text
    assert wheelchair_access(["Boucle magnétique à l'accueil", ""]) is None
    assert wheelchair_access([]) is None
    # a denial anywhere wins: an entrance accessible, the consultation rooms not
    assert (
        wheelchair_access(["Accueil accessible PMR. Cabinets à l'étage: pas accessibles PMR"])
        is False
    )
    assert (
        wheelchair_access(["Accueil accessible PMR", "Cabinets à l'étage: pas accessibles PMR"])
        is False
    )
