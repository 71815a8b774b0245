import datetime as dt

from bassins.search.engine import Request, search

from .conftest import doc

MONDAY_10 = dt.datetime(2026, 11, 30, 10, 0)
MONDAY_23 = dt.datetime(2026, 11, 30, 23, 0)
CHRISTMAS_10 = dt.datetime(2026, 12, 25, 10, 0)


def ids(live, **kwargs):
    return [hit.doc.id for hit in search(live, Request(**kwargs)).hits]


def test_synonyms_find_the_category_in_both_languages(live):
    assert ids(live, q="OCMW", lang="nl")[:2] == ["a1", "a2"] or set(
        ids(live, q="OCMW", lang="nl")[:2]
    ) == {"a1", "a2"}
    assert set(ids(live, q="aide sociale")[:2]) == {"a1", "a2"}
    assert ids(live, q="verslaving", lang="nl")[0] in ("c1", "c2")
    assert ids(live, q="abortus")[0] == "e1"
    assert ids(live, q="dakloos", lang="nl")[0] == "d1"


def test_plain_words_query(live):
    result = search(live, Request(q="je n'ai plus d'argent pour me loger, sans-abri"))
    assert result.hits[0].doc.id == "d1"


def test_typo(live):
    result = search(live, Request(q="metadhone"))
    assert result.hits[0].doc.id == "c1"
    assert result.hits[0].why["corrected"] == [{"typed": "metadhone", "read_as": "methadone"}]


def test_coverage_then_distance(live):
    schaerbeek = search(live, Request(q="CPAS", person_commune="21015", near=(50.867, 4.377)))
    assert [h.doc.id for h in schaerbeek.hits] == ["a1", "a2"]
    assert [h.coverage for h in schaerbeek.hits] == [2, 0]
    anderlecht = search(live, Request(q="CPAS", person_commune="21001", near=(50.836, 4.309)))
    assert [h.doc.id for h in anderlecht.hits] == ["a2", "a1"]
    why = anderlecht.hits[0].why
    assert why["area"] == "serves" and why["synonyms"][0]["category"] == "cpas"


def test_filters(live):
    everything = set(ids(live, per_page=100))
    assert everything == {"a1", "a2", "b1", "c1", "c2", "d1", "e1"}
    assert set(ids(live, categories=("addiction",), per_page=100)) == {"c1", "c2"}  # with children
    assert set(ids(live, categories=("addiction.alcohol",))) == {"c2"}
    assert set(ids(live, bassin="NE", per_page=100)) == {"a1", "b1"}
    assert set(ids(live, commune="21001", per_page=100)) == {"a2", "c1"}
    assert set(ids(live, monitoring="M2")) == {"a2"}
    assert set(ids(live, languages=("nl",))) == {"a1"}
    assert set(ids(live, languages=("ar", "nl"))) == {"a1", "b1"}
    assert set(ids(live, free=True)) == {"b1"}
    assert set(ids(live, wheelchair=True)) == {"b1"}
    assert set(ids(live, age=15, per_page=100)) == {"a1", "a2", "b1", "c2", "d1", "e1"}
    assert set(ids(live, public="jeunes")) == {"e1"}
    near = set(ids(live, near=(50.867, 4.377), radius_km=1.5, per_page=100))
    assert near == {"a1", "b1"}
    assert set(ids(live, open_at=MONDAY_10, per_page=100)) == {"a1", "a2", "b1", "d1"}
    assert set(ids(live, open_at=MONDAY_23, per_page=100)) == {"c1", "d1"}
    assert set(ids(live, open_at=CHRISTMAS_10, per_page=100)) == {"d1"}


def test_filters_combined(live):
    assert ids(live, q="CPAS", bassin="NE", open_at=MONDAY_10, languages=("nl",)) == ["a1"]
    assert ids(live, q="CPAS", bassin="NE", open_at=MONDAY_23) == []
    assert ids(
        live, free=True, wheelchair=True, commune="21015", near=(50.86, 4.37), radius_km=1
    ) == ["b1"]


def test_temporarily_closed_shown_never_open(live):
    result = search(live, Request(q="alcool", open_at=None))
    closed = [h for h in result.hits if h.doc.id == "c2"]
    assert closed and closed[0].open_at is False
    assert "c2" not in ids(live, q="alcool", open_at=MONDAY_10)


def test_defunct_never_found(concepts):
    from bassins.search.engine import LiveIndex
    from bassins.search.index import Index

    gone = doc("z1", "CPAS fermé", "cpas", status="defunct")
    live = LiveIndex(Index([gone], concepts))
    assert ids(live, q="CPAS") == []


def test_edit_through_the_overlay(live):
    live.replace([doc("a2", "CPAS d'Anderlecht antenne Cureghem", "cpas", commune="21001")], [])
    assert ids(live, q="Cureghem") == ["a2"]
    live.replace([], ["a1"])
    assert "a1" not in ids(live, q="CPAS", per_page=100)


def test_facets_and_paging(live):
    result = search(live, Request(per_page=3, page=2))
    assert result.total == 7 and result.pages == 3 and len(result.hits) == 3
    assert dict(result.facets["bassin"]) == {"CO": 4, "NE": 2, "S": 1}
    assert dict(result.facets["language"]) == {"ar": 1, "fr": 3, "nl": 1}


def test_hostile_queries_never_fail(live):
    for text in (
        "a" * 10_000,
        '"',
        "*",
        "NEAR(",
        "OR",
        "aide OR",
        '"aide',
        "\x00\x07\x1b",
        "💊" * 50,
    ):
        result = search(live, Request(q=text))
        assert result.total >= 0


def test_page_candidates_keep_the_exact_order():
    import numpy as np

    from bassins.search.engine import _page_candidates

    rng = np.random.default_rng(0)
    for trial in range(200):
        n = int(rng.integers(1, 3000))
        group = rng.integers(0, 3, n).astype(float)
        distance = rng.choice([np.inf, *rng.integers(0, 20, 5).astype(float)], n)
        scores = rng.integers(0, 4, n).astype(float)
        rank = rng.permutation(n).astype(float)
        need = int(rng.integers(1, 60))
        full = np.lexsort((rank, -scores, distance, -group))[:need]
        chosen = _page_candidates(need, group, distance, scores)
        pruned = chosen[
            np.lexsort((rank[chosen], -scores[chosen], distance[chosen], -group[chosen]))
        ][:need]
        assert list(pruned) == list(full), trial


def test_quoted_phrase_needs_its_words_adjacent_and_in_order(concepts):
    from bassins.search.engine import LiveIndex
    from bassins.search.index import Index

    from .conftest import documents

    scattered = doc(
        "f1",
        "Maison d'accueil Saint-Nicolas",
        None,
        body="Accueil de jour; aide médicale urgente avec le CPAS.",
    )
    reversed_ = doc(
        "f2", "Centre X", None, body="Une maison de quartier avec consultation médicale."
    )
    live = LiveIndex(Index([*documents(), scattered, reversed_], concepts))
    plain = set(ids(live, q="maison médicale", per_page=100))
    assert {"b1", "f1", "f2"} <= plain
    quoted = search(live, Request(q='"maison médicale"', per_page=100))
    assert [h.doc.id for h in quoted.hits] == ["b1"]
    assert quoted.hits[0].why["phrases"] == ["maison médicale"]
    assert ids(live, q='"maisons médicales"') == ["b1"]  # stems, not spellings
    assert ids(live, q='"médicale maison"') == []  # order matters
    assert ids(live, q='"aide médicale" accueil') == ["f1"]
    # plain-word sentences are unchanged by the phrase reading
    assert ids(live, q="je cherche une maison médicale")[0] == "b1"


def test_open_just_after_midnight_and_a_closed_service_never_open_now(live, monkeypatch):
    from bassins.search import hours, service

    tuesday_0030 = dt.datetime(2026, 12, 1, 0, 30)  # Projet Lama: 20:00-24:00 and 00:00-08:00
    assert set(ids(live, open_at=tuesday_0030, per_page=100)) == {"c1", "d1"}
    assert set(ids(live, open_at=dt.datetime(2026, 12, 1, 8, 0), per_page=100)) == {"d1"}
    monkeypatch.setattr(hours, "now", lambda: dt.datetime(2026, 11, 30, 10, 0))
    request = service.request_from({"q": "alcool", "open_now": "1", "per_page": "100"})
    assert request.open_at == dt.datetime(2026, 11, 30, 10, 0)
    result = search(live, request)
    assert "c2" not in [h.doc.id for h in result.hits]  # temporarily closed: never open
    assert all(h.open_at for h in result.hits)
    # shown when not filtering, marked closed
    shown = search(live, Request(q="alcool", per_page=100))
    assert [h.open_at for h in shown.hits if h.doc.id == "c2"] == [False]


def test_a_query_naming_two_needs_interleaves_the_best_of_each(concepts):
    from bassins.search.engine import LiveIndex, _needs
    from bassins.search.index import Index

    cpas = [
        doc(f"p{i}", f"CPAS antenne {i}", "cpas", body="Revenu d'intégration.") for i in range(6)
    ]
    drugs = [
        doc("q1", "Projet drogues", "addiction"),
        doc("q2", "Centre alcool", "addiction.alcohol"),
    ]
    both = doc("r1", "CPAS et drogues", "cpas", body="Revenu d'intégration et alcool.")
    both.categories = ("cpas", "addiction")
    live = LiveIndex(Index([*cpas, *drugs, both], concepts))
    query = "revenu d'intégration aide sociale drogues"
    result = search(live, Request(q=query, lang="fr", per_page=6))
    # the query names two needs: cpas (two phrases, four words) and addiction (one word)
    assert [sorted(result.plan.concepts[k].codes) for k in _needs(result.plan, concepts)[0]] == [
        ["cpas"],
        ["cpas"],
    ]
    assert len(_needs(result.plan, concepts)) == 2
    found = [hit.doc.id for hit in result.hits]
    # the record serving both comes first, then a CPAS and an addiction service in turn:
    # the cpas need, explained by more words, no longer fills the page
    assert found[0] == "r1"
    assert {found[1], found[2]} & {"q1", "q2"} and found[1].startswith("p")
    assert {"q1", "q2"} <= set(found[:5])
    # one need only: no interleaving, the plain order
    alone = [hit.doc.id for hit in search(live, Request(q="aide sociale", lang="fr")).hits]
    assert "q1" not in alone and alone[0] in {"r1", *[d.id for d in cpas]}
    # the pages follow each other without a gap or a repeat
    page1 = ids(live, q=query, lang="fr", per_page=3)
    page2 = ids(live, q=query, lang="fr", per_page=3, page=2)
    assert page1 + page2 == found and len(set(page1 + page2)) == 6
