"""The bassins taxonomy: service categories (FR/NL/EN labels and synonyms) and facility facts. Pure.

Two taxonomies:
* `bassins-categories`: the categories of needs and services. Read from
  `services/directory_sample_categories.csv` (slug, label_fr, label_nl, label_en, keywords_fr,
  keywords_nl, keywords_en when present) and completed with the categories the official registers need (pharmacy, hospital).
  Sub-categories (a source's finer labels) become child terms of a category.
* `bassins-facts`: terms that qualify records with a value (hospital beds, emergency department,
  pharmacy operator, link to an OpenStreetMap feature, where a record was read...).

Term identifiers only depend on the taxonomy and the code (`term_id("pharmacy")`), so every importer can
refer to a term without a database. `find_category` maps a label or a synonym (accents and case
ignored) to a slug, which is how partner categories (e.g. Bruxelles-Social's) are mapped when a mapping
file has no explicit value map for them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from bassins.directory import tabular
from bassins.directory.brussels import fold
from bassins.directory.bundle import Bundle, stable_id
from bassins.directory.text import clean
from bassins.errors import InputError

CATEGORIES = "bassins-categories"
FACTS = "bassins-facts"


@dataclass(frozen=True)
class Term:
    """A category: its code, labels, synonyms (fr, nl, en) and parent code."""

    code: str
    label_fr: str
    label_nl: str
    label_en: str
    synonyms_fr: tuple[str, ...] = ()
    synonyms_nl: tuple[str, ...] = ()
    synonyms_en: tuple[str, ...] = ()
    parent: str | None = None


#: Categories the official registers need, beyond the sample's list.
BUILTIN_CATEGORIES = (
    Term(
        "pharmacy",
        "Pharmacie",
        "Apotheek",
        "Pharmacy",
        ("pharmacie", "pharmacien", "médicaments", "pharmacie de garde", "officine"),
        ("apotheek", "apotheker", "geneesmiddelen", "wachtapotheek"),
    ),
    Term(
        "hospital",
        "Hôpital",
        "Ziekenhuis",
        "Hospital",
        (
            "hôpital",
            "clinique",
            "hospitalisation",
            "centre hospitalier",
            "urgences",
            "consultation",
        ),
        ("ziekenhuis", "kliniek", "opname", "spoed", "raadpleging"),
    ),
    Term(
        "hospital_psychiatric",
        "Hôpital psychiatrique",
        "Psychiatrisch ziekenhuis",
        "Psychiatric hospital",
        ("hôpital psychiatrique", "clinique psychiatrique", "hospitalisation psychiatrique"),
        ("psychiatrisch ziekenhuis", "psychiatrische kliniek"),
        parent="hospital",
    ),
)

FACT_TERMS = (
    Term("hospital_beds", "Lits agréés", "Erkende bedden", "Licensed beds"),
    Term(
        "emergency_department", "Service d'urgences", "Spoedgevallendienst", "Emergency department"
    ),
    Term("facility_type", "Type d'établissement", "Type voorziening", "Facility type"),
    Term("public_private", "Statut public ou privé", "Openbaar of privé", "Public or private"),
    Term(
        "pharmacy_operator",
        "Exploitant de la pharmacie",
        "Uitbater van de apotheek",
        "Pharmacy operator",
    ),
    Term(
        "osm_feature",
        "Objet OpenStreetMap lié",
        "Gekoppeld OpenStreetMap-object",
        "Linked OpenStreetMap feature",
    ),
    Term(
        "source_reference",
        "Source de l'information",
        "Bron van de informatie",
        "Source of the information",
    ),
    Term(
        "opening_hours_text",
        "Heures d'ouverture (texte de la source)",
        "Openingsuren (tekst van de bron)",
        "Opening hours (source text)",
    ),
    Term(
        "partial_address",
        "Adresse incomplète (commune, code postal)",
        "Onvolledig adres (gemeente, postcode)",
        "Partial address (commune, postcode)",
    ),
)


#: Plain words of helpdesk callers per category (FR/NL/EN), added to the synonyms of the source's
#: categories file: data, edited here or by stewards in the admin (taxonomy terms' synonyms).
HELPDESK_SYNONYMS = Path(__file__).with_name("category_synonyms.csv")
#: Situation words per category (FR/NL/EN): how a caller describes a person's situation without
#: naming a service ("oublie tout", "vergeetachtig" -> elderly; "op straat", "sleeping rough" ->
#: homelessness). Same shape and same use as the helpdesk synonyms (merged into the terms'
#: synonyms, editable by stewards in the admin).
HELPDESK_SITUATIONS = Path(__file__).with_name("category_situations.csv")


def helpdesk_synonyms(
    path: Path | str = HELPDESK_SYNONYMS,
) -> dict[str, dict[str, tuple[str, ...]]]:
    """slug -> {"fr": synonyms, "nl": synonyms, "en": synonyms} of the helpdesk synonyms file."""
    table = tabular.read_table(path)
    table.require(["slug", "keywords_fr", "keywords_nl", "keywords_en"])
    return {
        row["slug"].strip(): {
            lang: tuple(
                p.strip() for p in (row.get(f"keywords_{lang}") or "").split(";") if p.strip()
            )
            for lang in ("fr", "nl", "en")
        }
        for row in table.rows
    }


def helpdesk_words() -> dict[str, dict[str, tuple[str, ...]]]:
    """slug -> {"fr", "nl", "en": phrases}: the helpdesk synonyms, then the situation words."""
    extra = helpdesk_synonyms()
    for slug, more in helpdesk_synonyms(HELPDESK_SITUATIONS).items():
        own = extra.setdefault(slug, {"fr": (), "nl": (), "en": ()})
        for lang, phrases in more.items():
            own[lang] = own[lang] + phrases
    return extra


def with_helpdesk_synonyms(term: Term, extra: dict[str, dict[str, tuple[str, ...]]]) -> Term:
    """`term` with the helpdesk synonyms of its code added (same spelling once)."""
    more = extra.get(term.code)
    if not more:
        return term

    def merged(own: tuple[str, ...], added: tuple[str, ...]) -> tuple[str, ...]:
        seen = {fold(word) for word in own}
        out = list(own)
        for word in added:
            if fold(word) not in seen:
                seen.add(fold(word))
                out.append(word)
        return tuple(out)

    return replace(
        term,
        synonyms_fr=merged(term.synonyms_fr, more["fr"]),
        synonyms_nl=merged(term.synonyms_nl, more["nl"]),
        synonyms_en=merged(term.synonyms_en, more["en"]),
    )


def taxonomy_id(name: str) -> str:
    """The stable id of the taxonomy `name`."""
    return stable_id("taxonomy", name)


def term_id(code: str, taxonomy: str = CATEGORIES) -> str:
    """The stable id of the term `code` of `taxonomy`."""
    return stable_id("taxonomy_term", taxonomy, code)


def read_categories(path: Path | str) -> list[Term]:
    """The categories file as Terms; errors name the row and the field."""
    table = tabular.read_table(path)
    table.require(["slug", "label_fr", "label_nl", "label_en"])
    terms: list[Term] = []
    seen: set[str] = set()
    for number, row in enumerate(table.rows, start=1):
        where = {"source": table.label, "row": number}
        code = clean(row["slug"], where=where, field="slug")
        if not code or fold(code).replace(" ", "_") != code:
            raise InputError(
                f"a slug is lower-case letters, digits and '_': {code!r}", field="slug", **where
            )
        if code in seen:
            raise InputError(f"slug {code!r} appears twice", field="slug", **where)
        seen.add(code)
        labels = {
            lang: clean(row[f"label_{lang}"], where=where, field=f"label_{lang}")
            for lang in ("fr", "nl", "en")
        }
        for lang, label in labels.items():
            if not label:
                raise InputError("empty label", field=f"label_{lang}", **where)
        synonyms = {
            lang: tuple(
                part.strip()
                for part in clean(
                    row.get(f"keywords_{lang}", ""),
                    where=where,
                    field=f"keywords_{lang}",
                    multiline=True,
                ).split(";")
                if part.strip()
            )
            for lang in ("fr", "nl", "en")
        }
        terms.append(
            Term(
                code,
                labels["fr"],
                labels["nl"],
                labels["en"],
                synonyms["fr"],
                synonyms["nl"],
                synonyms["en"],
            )
        )
    return terms


def add_taxonomies(
    bundle: Bundle, categories: list[Term] | None = None, *, source: str = "taxonomy"
) -> None:
    """Add both taxonomies, the built-in terms and `categories` to `bundle` (as records of `source`)."""
    bundle.add(
        "taxonomy",
        taxonomy_id(CATEGORIES),
        source=source,
        source_key=f"taxonomy:{CATEGORIES}",
        name_fr="Catégories de services bassins",
        name_nl="Dienstencategorieën zorgzones",
        name_en="bassins service categories",
        description_fr="Besoins et catégories de services sociaux et de santé à Bruxelles.",
        description_nl="Noden en categorieën van sociale en gezondheidsdiensten in Brussel.",
        description_en="Needs and categories of social and health services in Brussels.",
        version="1",
    )
    bundle.add(
        "taxonomy",
        taxonomy_id(FACTS),
        source=source,
        source_key=f"taxonomy:{FACTS}",
        name_fr="Caractéristiques des services",
        name_nl="Kenmerken van diensten",
        name_en="Service facts",
        description_fr="Faits qualifiant un service ou un lieu (lits, urgences, exploitant...).",
        description_nl="Feiten over een dienst of een plaats (bedden, spoed, uitbater...).",
        description_en="Facts qualifying a service or a place (beds, emergency department, operator...).",
        version="1",
    )
    by_code = {term.code: term for term in (categories or [])}
    for term in BUILTIN_CATEGORIES:
        by_code.setdefault(term.code, term)
    extra = helpdesk_words()
    for term in by_code.values():
        _add_term(bundle, with_helpdesk_synonyms(term, extra), CATEGORIES, source)
    for term in FACT_TERMS:
        _add_term(bundle, term, FACTS, source)


def _add_term(bundle: Bundle, term: Term, taxonomy: str, source: str) -> None:
    bundle.add(
        "taxonomy_term",
        term_id(term.code, taxonomy),
        source=source,
        source_key=f"{taxonomy}:{term.code}",
        code=term.code,
        taxonomy=taxonomy,
        taxonomy_id=taxonomy_id(taxonomy),
        parent_id=term_id(term.parent, taxonomy) if term.parent else None,
        name_fr=term.label_fr,
        name_nl=term.label_nl,
        name_en=term.label_en,
        description_fr=term.label_fr,
        description_nl=term.label_nl,
        description_en=term.label_en,
        synonyms_fr="; ".join(term.synonyms_fr),
        synonyms_nl="; ".join(term.synonyms_nl),
        synonyms_en="; ".join(term.synonyms_en),
    )


def add_subcategory(bundle: Bundle, parent_code: str, label_fr: str, *, source: str) -> str:
    """A child term of category `parent_code` for a source's finer label; returns its id."""
    code = f"{parent_code}.{fold(label_fr).replace(' ', '_')}"[:200]
    return bundle.add(
        "taxonomy_term",
        term_id(code),
        source=source,
        source_key=f"{CATEGORIES}:{code}",
        code=code,
        taxonomy=CATEGORIES,
        taxonomy_id=taxonomy_id(CATEGORIES),
        parent_id=term_id(parent_code),
        name_fr=label_fr,
        description_fr=label_fr,
    )


def category_index(terms: list[Term]) -> dict[str, str]:
    """Folded label or synonym -> slug (a synonym shared by two categories is left out)."""
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for term in list(terms) + list(BUILTIN_CATEGORIES):
        keys = {
            term.code,
            term.label_fr,
            term.label_nl,
            term.label_en,
            *term.synonyms_fr,
            *term.synonyms_nl,
            *term.synonyms_en,
        }
        for key in keys:
            folded = fold(key)
            if not folded:
                continue
            if folded in index and index[folded] != term.code:
                ambiguous.add(folded)
            index.setdefault(folded, term.code)
    for key in ambiguous:
        index.pop(key, None)
    return index


def find_category(label: str, index: dict[str, str]) -> str | None:
    """The category code of `label` in `index` (folded label -> code), or None."""
    return index.get(fold(label))
