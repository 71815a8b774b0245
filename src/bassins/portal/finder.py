""" "Find your bassin": an address, a postcode or a commune name -> the bassin(s), their helpdesk line
and their pages. Thin layer over the territory locator (`bassins.territory.store.locate_addresses`).

A postcode or a commune may span several bassins (postcode 1000: Centre-Ouest and Sud; Bruxelles-Ville:
three bassins): the answer then lists every candidate and says that the address alone does not decide.
The postcodes that cover part of Bruxelles-Ville are answered from the territory reference of those
postcodes (the one Brussels postcode table, `territory/reference/brussels_postcodes.csv`: `communes`
and `bassins` of the whole postcode, observed in BOSA's BeST street list), the others from the locator (one commune, its bassin); a commune name
alone gives every bassin the commune's sectors belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bassins.portal.areas import bassins_of_commune
from bassins.territory import store
from bassins.territory.postcode import BRUXELLES, bruxelles_ville_postcodes

POSTCODE = re.compile(r"\b(\d{4})\b")
MAX_QUERY = 200


@dataclass
class Answer:
    """What the box answers: the query, the commune(s) and candidate bassin codes found and, when
    nothing is found, why ("empty", "unknown", "outside")."""

    query: str
    postcode: str = ""
    communes: list[str] = field(default_factory=list)
    bassins: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def ambiguous(self) -> bool:
        """Whether more than one bassin was found."""
        return len(self.bassins) > 1


def split_query(query: str) -> tuple[str, str]:
    """(postcode, the rest as a possible commune name) of what the reader typed."""
    query = (query or "").strip()[:MAX_QUERY]
    found = POSTCODE.findall(query)
    postcode = found[-1] if found else ""
    # "Rue Haute 12, 1000 Bruxelles": the commune name is what follows the postcode, when anything does.
    tail = query.rsplit(postcode, 1)[1] if postcode else query
    rest = POSTCODE.sub(" ", query) if not tail.strip() else tail
    name = re.sub(r"\s+", " ", re.sub(r"[\d,;]+", " ", rest)).strip()
    return postcode, name


def postcode_reference() -> dict[str, tuple[list[str], list[str]]]:
    """Postcode -> (communes, bassins) of the postcodes that cover part of Bruxelles-Ville."""
    out = {}
    for row in bruxelles_ville_postcodes().to_dict("records"):
        communes, bassins = (row.get("communes") or "").split(), (row.get("bassins") or "").split()
        if communes and bassins:
            out[str(row["postcode"])] = (communes, bassins)
    return out


def _commune_of(name: str) -> str | None:
    return store.locate_addresses([None], [name]).iloc[0]["commune"] if name else None


def find(query: str) -> Answer:
    """The answer to what the reader typed (see the module docstring)."""
    postcode, name = split_query(query)
    answer = Answer(query=(query or "").strip()[:MAX_QUERY], postcode=postcode)
    if not postcode and not name:
        answer.problem = "empty"
        return answer
    reference = postcode_reference()
    if postcode in reference:
        communes, bassins = reference[postcode]
        named = _commune_of(name)
        if named in communes and len(communes) > 1:
            # "1040 Etterbeek": the commune named decides between the communes of the postcode
            communes = [named]
            if named != BRUXELLES:
                bassins = bassins_of_commune(named)
        answer.communes, answer.bassins = list(communes), sorted(bassins)
        return answer
    # Elsewhere the postcode decides ("1030 Bruxelles" is Schaerbeek: "Bruxelles" names the city);
    # a name alone is a commune's.
    located = store.locate_addresses([postcode], [None]).iloc[0] if postcode else None
    if located is not None and "outside" in (located["note"] or ""):
        answer.problem = "outside"
        return answer
    if (located is None or located["commune"] is None) and name:
        located = store.locate_addresses([postcode or None], [name]).iloc[0]
    if located["commune"] is None:
        answer.problem = "unknown"
        return answer
    answer.communes = [located["commune"]]
    answer.bassins = (
        [located["bassin"]] if located["bassin"] else bassins_of_commune(located["commune"])
    )
    return answer
