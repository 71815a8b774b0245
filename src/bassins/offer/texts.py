"""The words of the offer analysis in French, Dutch and English, and number formatting.

Pure (no Django): the analysis, its provenance block, the CSV/XLSX/JSON exports and the PDF all need the
same wording whatever the request, so it lives here as a plain catalogue (`TEXTS`), keyed by code.
Page chrome (headings, navigation, buttons) is translated by Django's gettext in the templates.
"""

from __future__ import annotations

import math

LANGS = ("fr", "nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    # views and units
    "view.head_office": {"fr": "Siège social", "nl": "Maatschappelijke zetel", "en": "Head office"},
    "view.site": {"fr": "Lieux d'activité", "nl": "Activiteitsplaatsen", "en": "Activity sites"},
    "view.area_served": {
        "fr": "Zone desservie déclarée",
        "nl": "Aangegeven werkingsgebied",
        "en": "Declared area served",
    },
    "unit.services": {"fr": "services", "nl": "diensten", "en": "services"},
    "unit.service_at_locations": {
        "fr": "lieux de service",
        "nl": "dienstlocaties",
        "en": "service locations",
    },
    "unit.declarations": {
        "fr": "zones déclarées",
        "nl": "aangegeven gebieden",
        "en": "declared areas",
    },
    "view_def.head_office": {
        "fr": "chaque service compté une fois, à l'adresse du siège de l'organisation (convention de l'analyse publiée)",
        "nl": "elke dienst één keer geteld, op het adres van de maatschappelijke zetel (conventie van de gepubliceerde analyse)",
        "en": "each service counted once, at its organisation's head-office address (the published analysis' convention)",
    },
    "view_def.site": {
        "fr": "chaque lieu où le service est rendu compté une fois (un service à trois adresses compte trois fois)",
        "nl": "elke plaats waar de dienst verleend wordt één keer geteld (een dienst op drie adressen telt drie keer)",
        "en": "each place where the service is delivered counted once (a service at three addresses counts three times)",
    },
    "view_def.area_served": {
        "fr": "chaque zone déclarée desservie, comptée dans le territoire qui la contient entièrement",
        "nl": "elk aangegeven werkingsgebied, geteld in het gebied dat het volledig bevat",
        "en": "each declared area served, counted in the area that wholly contains it",
    },
    # layers
    "layer.sector": {
        "fr": "Secteur statistique",
        "nl": "Statistische sector",
        "en": "Statistical sector",
    },
    "layer.submunicipality": {"fr": "Sous-commune", "nl": "Deelgemeente", "en": "Sub-municipality"},
    "layer.commune": {"fr": "Commune", "nl": "Gemeente", "en": "Municipality"},
    "layer.monitoring": {
        "fr": "Quartier du Monitoring",
        "nl": "Wijk van de Wijkmonitoring",
        "en": "Monitoring district",
    },
    "layer.qss": {
        "fr": "Quartier social-santé",
        "nl": "Sociale-gezondheidswijk",
        "en": "Social-health district",
    },
    "layer.bassin": {
        "fr": "Bassin d'aide et de soins",
        "nl": "Zorgzone",
        "en": "Care area (bassin)",
    },
    "layer.region": {"fr": "Région", "nl": "Gewest", "en": "Region"},
    # margin rows
    "row._not_placed": {
        "fr": "Non localisé à ce niveau (précision insuffisante)",
        "nl": "Niet toe te wijzen op dit niveau (onvoldoende precisie)",
        "en": "Not placed at this level (precision too coarse)",
    },
    "row._region": {
        "fr": "Total régional (dans la Région)",
        "nl": "Gewestelijk totaal (in het Gewest)",
        "en": "Regional total (in the Region)",
    },
    "row._outside": {
        "fr": "Hors Région ou sans localisation",
        "nl": "Buiten het Gewest of zonder locatie",
        "en": "Outside the Region or no location",
    },
    # reasons a unit is outside
    "reason.no_location": {
        "fr": "sans adresse ni commune",
        "nl": "zonder adres of gemeente",
        "en": "no address or municipality",
    },
    "reason.outside_region": {
        "fr": "situé hors de la Région",
        "nl": "buiten het Gewest gelegen",
        "en": "located outside the Region",
    },
    "reason.no_head_office": {
        "fr": "aucun siège connu dans l'annuaire",
        "nl": "geen zetel bekend in de gids",
        "en": "no head office in the directory",
    },
    "reason.unknown_area": {
        "fr": "zone déclarée inconnue",
        "nl": "onbekend aangegeven gebied",
        "en": "unknown declared area",
    },
    # exclusions
    "excl.status": {
        "fr": "statut « {detail} » (seuls les services actifs sont comptés)",
        "nl": "status ‘{detail}’ (enkel actieve diensten worden geteld)",
        "en": "status '{detail}' (only active services are counted)",
    },
    "status.temporarily_closed": {
        "fr": "temporairement fermé",
        "nl": "tijdelijk gesloten",
        "en": "temporarily closed",
    },
    "status.inactive": {"fr": "inactif", "nl": "inactief", "en": "inactive"},
    "status.defunct": {"fr": "disparu", "nl": "opgeheven", "en": "defunct"},
    "excl.no_service_id": {
        "fr": "ligne sans identifiant de service",
        "nl": "rij zonder dienst-id",
        "en": "row without a service id",
    },
    "excl.precision_unknown": {
        "fr": "précision de localisation inconnue ({detail})",
        "nl": "onbekende locatieprecisie ({detail})",
        "en": "unknown location precision ({detail})",
    },
    "excl.unknown_code": {
        "fr": "code de territoire inconnu, ignoré ({detail})",
        "nl": "onbekende gebiedscode, genegeerd ({detail})",
        "en": "unknown area code, ignored ({detail})",
    },
    "excl.duplicate_declaration": {
        "fr": "zone desservie déclarée deux fois",
        "nl": "werkingsgebied dubbel aangegeven",
        "en": "area served declared twice",
    },
    "excl.service_not_included": {
        "fr": "zone desservie d'un service absent ou inactif",
        "nl": "werkingsgebied van een ontbrekende of inactieve dienst",
        "en": "area served of a missing or inactive service",
    },
    "frame.service_location": {
        "fr": "lieux de service",
        "nl": "dienstlocaties",
        "en": "service locations",
    },
    "frame.service_area": {
        "fr": "zones desservies",
        "nl": "werkingsgebieden",
        "en": "areas served",
    },
    # precision
    "precision.point": {
        "fr": "adresse géolocalisée",
        "nl": "gegeocodeerd adres",
        "en": "geocoded address",
    },
    "precision.postcode": {
        "fr": "code postal seulement",
        "nl": "enkel postcode",
        "en": "postcode only",
    },
    "precision.commune": {
        "fr": "commune seulement",
        "nl": "enkel gemeente",
        "en": "municipality only",
    },
    "precision.none": {"fr": "aucune localisation", "nl": "geen locatie", "en": "no location"},
    # population basis and method
    "basis.official": {"fr": "officiel", "nl": "officieel", "en": "official"},
    "basis.inferred date": {"fr": "date déduite", "nl": "afgeleide datum", "en": "inferred date"},
    "basis.estimated": {"fr": "estimation", "nl": "schatting", "en": "estimate"},
    "method.own count": {
        "fr": "chiffre publié",
        "nl": "gepubliceerd cijfer",
        "en": "published count",
    },
    "method.sum of sectors": {
        "fr": "somme des secteurs statistiques",
        "nl": "som van de statistische sectoren",
        "en": "sum of statistical sectors",
    },
    "method.sum of communes": {
        "fr": "somme des communes",
        "nl": "som van de gemeenten",
        "en": "sum of municipalities",
    },
    "method.share of commune": {
        "fr": "part de commune estimée au prorata de la superficie",
        "nl": "deel van de gemeente geschat naar rata van de oppervlakte",
        "en": "share of municipality estimated in proportion to area",
    },
    # population sources (their English labels: bassins.population.readers)
    "popsource.commune": {
        "fr": "Statbel, population par lieu de résidence et par sexe, par commune",
        "nl": "Statbel, bevolking naar woonplaats en geslacht, per gemeente",
        "en": "Statbel, population by place of residence and sex, per commune",
    },
    "popsource.c2020": {
        "fr": "Statbel, population par secteur statistique, copie secondaire (données de test SwissTPH/healthiar préparées par Sciensano)",
        "nl": "Statbel, bevolking per statistische sector, secundaire kopie (testgegevens SwissTPH/healthiar, voorbereid door Sciensano)",
        "en": "Statbel population per statistical sector, secondary copy (SwissTPH/healthiar test data prepared by Sciensano)",
    },
    "popsource.sectoren": {
        "fr": "Statbel, population par secteur statistique (OPENDATA_SECTOREN_{year})",
        "nl": "Statbel, bevolking per statistische sector (OPENDATA_SECTOREN_{year})",
        "en": "Statbel, population per statistical sector (OPENDATA_SECTOREN_{year})",
    },
    # population notes
    "note.inferred_date": {
        "fr": "Population par secteur : date de référence non indiquée par la source ({source}) ; déduite ≈ {reference_date} (déduite).",
        "nl": "Bevolking per sector: referentiedatum niet vermeld door de bron ({source}); afgeleid ≈ {reference_date} (afgeleid).",
        "en": "Population per sector: reference date not stated by the source ({source}); inferred ≈ {reference_date} (inferred).",
    },
    "note.sector_shortfall": {
        "fr": "Les secteurs totalisent {sector_total} habitants, {missing} ({percent} %) de moins que les communes ({commune_total}) : habitants enregistrés dans un secteur inconnu, comptés pour leur commune et la Région mais pour aucun bassin ni quartier.",
        "nl": "De sectoren tellen samen {sector_total} inwoners, {missing} ({percent} %) minder dan de gemeenten ({commune_total}): inwoners geregistreerd in een onbekende sector, meegeteld voor hun gemeente en het Gewest maar voor geen enkele zorgzone of wijk.",
        "en": "The sectors add up to {sector_total} inhabitants, {missing} ({percent}%) fewer than the municipalities ({commune_total}): residents filed under an unknown sector, counted for their municipality and the Region but for no bassin or district.",
    },
    "note.estimated_share": {
        "fr": "ESTIMATION : la population de {areas} comprend une part de {communes} estimée au prorata de la superficie des secteurs ({details}) ; toute densité calculée sur cette population est une estimation.",
        "nl": "SCHATTING: de bevolking van {areas} bevat een deel van {communes}, geschat naar rata van de oppervlakte van de sectoren ({details}); elke dichtheid op basis van deze bevolking is een schatting.",
        "en": "ESTIMATE: the population of {areas} includes a share of {communes} estimated in proportion to the sectors' area ({details}); every rate built on it is an estimate.",
    },
    "note.sectors_absent": {
        "fr": "{count} secteur(s) absent(s) du fichier de population, comptés pour 0.",
        "nl": "{count} sector(en) ontbreken in het bevolkingsbestand, geteld als 0.",
        "en": "{count} sector(s) absent from the population file, counted as 0.",
    },
    "note.mixed_dates": {
        "fr": "ATTENTION : populations de dates différentes combinées ({dates}).",
        "nl": "OPGELET: bevolkingscijfers van verschillende datums gecombineerd ({dates}).",
        "en": "WARNING: populations of different dates combined ({dates}).",
    },
    "note.sector_other_dates": {
        "fr": "Des populations par secteur d'autres dates ({dates}) sont chargées mais non utilisées (date retenue : {reference_date}).",
        "nl": "Bevolking per sector van andere datums ({dates}) is geladen maar niet gebruikt (gekozen datum: {reference_date}).",
        "en": "Sector populations of other dates ({dates}) are loaded but not used (date used: {reference_date}).",
    },
    # standing limits
    "limit.head_office": {
        "fr": "Dans la vue « siège social », un service est rattaché au territoire de l'adresse du siège de son organisation, qui n'est pas toujours le lieu où il est rendu ; les vues « lieux d'activité » et « zone desservie » montrent ce que cette convention cache.",
        "nl": "In de weergave ‘maatschappelijke zetel’ wordt een dienst toegewezen aan het gebied van het adres van de zetel van de organisatie, wat niet altijd de plaats is waar de dienst verleend wordt; de weergaven ‘activiteitsplaatsen’ en ‘werkingsgebied’ tonen wat deze conventie verbergt.",
        "en": "In the head-office view a service is linked to the area of its organisation's head-office address, which is not always where it is delivered; the site and area-served views show what that convention hides.",
    },
    "limit.practitioners": {
        "fr": "Les prestataires individuels (médecins généralistes, kinésithérapeutes, infirmiers indépendants, etc.) ne figurent pas dans l'annuaire et ne sont pas comptés.",
        "nl": "Individuele zorgverleners (huisartsen, kinesitherapeuten, zelfstandige verpleegkundigen, enz.) staan niet in de gids en worden niet geteld.",
        "en": "Individual practitioners (GPs, physiotherapists, self-employed nurses, etc.) are not in the directory and are not counted.",
    },
    "limit.capacity": {
        "fr": "Un service compte pour un, quelle que soit sa taille : rien n'est dit de la capacité, de l'activité, de la qualité ni du volume de l'offre.",
        "nl": "Een dienst telt voor één, ongeacht zijn omvang: er wordt niets gezegd over capaciteit, activiteit, kwaliteit of volume van het aanbod.",
        "en": "A service counts as one whatever its size: nothing is said about capacity, activity, quality or volume of the offer.",
    },
    "limit.extract": {
        "fr": "Les chiffres reflètent l'annuaire à la date d'extraction ({dates}) ; des services ont pu ouvrir, fermer ou déménager depuis.",
        "nl": "De cijfers weerspiegelen de gids op de extractiedatum ({dates}); sindsdien kunnen diensten geopend, gesloten of verhuisd zijn.",
        "en": "The figures reflect the directory on its extract date ({dates}); services may have opened, closed or moved since.",
    },
    "limit.population": {
        "fr": "Les densités utilisent la population au {reference_date} ({basis}) ; elles ne tiennent pas compte des personnes venues d'ailleurs ni des besoins.",
        "nl": "De dichtheden gebruiken de bevolking op {reference_date} ({basis}); ze houden geen rekening met mensen van elders of met noden.",
        "en": "Rates use the population on {reference_date} ({basis}); they ignore people coming from elsewhere and needs.",
    },
    # provenance headings and lines
    "prov.title": {
        "fr": "Provenance et limites",
        "nl": "Herkomst en beperkingen",
        "en": "Provenance and limits",
    },
    "prov.sources": {"fr": "Sources", "nl": "Bronnen", "en": "Sources"},
    "prov.records": {"fr": "Enregistrements", "nl": "Records", "en": "Records"},
    "prov.excluded": {
        "fr": "Exclus de l'analyse",
        "nl": "Uitgesloten van de analyse",
        "en": "Excluded from the analysis",
    },
    "prov.precision": {
        "fr": "Précision de la localisation",
        "nl": "Precisie van de locatie",
        "en": "Location precision",
    },
    "prov.population": {"fr": "Population", "nl": "Bevolking", "en": "Population"},
    "prov.limits": {"fr": "Limites", "nl": "Beperkingen", "en": "Limits"},
    "prov.source_line": {
        "fr": "{label} : {records} enregistrements, extrait le {extract_date}",
        "nl": "{label}: {records} records, geëxtraheerd op {extract_date}",
        "en": "{label}: {records} records, extracted on {extract_date}",
    },
    "prov.records_line": {
        "fr": "{services} services actifs de {organizations} organisations, {locations} lieux de service, {declarations} zones desservies déclarées.",
        "nl": "{services} actieve diensten van {organizations} organisaties, {locations} dienstlocaties, {declarations} aangegeven werkingsgebieden.",
        "en": "{services} active services of {organizations} organisations, {locations} service locations, {declarations} declared areas served.",
    },
    "prov.excluded_line": {
        "fr": "{frame} : {count} — {reason}",
        "nl": "{frame}: {count} — {reason}",
        "en": "{frame}: {count} — {reason}",
    },
    "prov.import_excluded_line": {
        "fr": "import {source} : {count} non chargés ({reasons})",
        "nl": "import {source}: {count} niet geladen ({reasons})",
        "en": "import {source}: {count} not loaded ({reasons})",
    },
    "prov.nothing_excluded": {
        "fr": "Aucun enregistrement exclu.",
        "nl": "Geen records uitgesloten.",
        "en": "No record excluded.",
    },
    "prov.precision_line": {
        "fr": "{precision} : {count} lieux de service",
        "nl": "{precision}: {count} dienstlocaties",
        "en": "{precision}: {count} service locations",
    },
    "prov.view_notes": {
        "fr": "{duplicate_head_office} siège(s) en double ignoré(s) ; {head_office_from_organization} service(s) rattaché(s) au siège de leur organisation ; {services_without_head_office} service(s) sans siège ; {services_without_site} service(s) sans lieu d'activité ; {services_without_area} service(s) sans zone desservie déclarée.",
        "nl": "{duplicate_head_office} dubbele zetel(s) genegeerd; {head_office_from_organization} dienst(en) toegewezen aan de zetel van hun organisatie; {services_without_head_office} dienst(en) zonder zetel; {services_without_site} dienst(en) zonder activiteitsplaats; {services_without_area} dienst(en) zonder aangegeven werkingsgebied.",
        "en": "{duplicate_head_office} duplicate head office(s) ignored; {head_office_from_organization} service(s) given their organisation's head office; {services_without_head_office} service(s) without head office; {services_without_site} service(s) without activity site; {services_without_area} service(s) without declared area served.",
    },
    "prov.population_line": {
        "fr": "{layer} : {source}, au {reference_date} ({basis} ; {method}).",
        "nl": "{layer}: {source}, op {reference_date} ({basis}; {method}).",
        "en": "{layer}: {source}, on {reference_date} ({basis}; {method}).",
    },
    "prov.no_population": {
        "fr": "Aucune population chargée : pas de densité.",
        "nl": "Geen bevolking geladen: geen dichtheid.",
        "en": "No population loaded: no rate.",
    },
    "prov.unknown_date": {"fr": "date inconnue", "nl": "onbekende datum", "en": "unknown date"},
    # uncategorised
    "category.(none)": {
        "fr": "(sans catégorie)",
        "nl": "(zonder categorie)",
        "en": "(no category)",
    },
}


def pick(entry: dict[str, str], lang: str = "fr", **params) -> str:
    """The text of a catalogue entry ({"fr": ..., "nl": ..., "en": ...}) in `lang` (falling back to
    English, then French), with `params` filled in."""
    text = entry.get(lang) or entry.get("en") or entry["fr"]
    return text.format(**params) if params else text


def t(key: str, lang: str = "fr", **params) -> str:
    """The text of `key` in `lang` (see `pick`); a key missing from `TEXTS` gives its last part."""
    entry = TEXTS.get(key)
    if entry is None:
        return key.split(".", 1)[-1].format(**params) if params else key.split(".", 1)[-1]
    return pick(entry, lang, **params)


def fmt_int(value, lang: str = "fr") -> str:
    """Whole number with the language's thousands separator (FR narrow no-break space, NL point)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{int(round(float(value))):,}"
    return text.replace(",", {"fr": "\u202f", "nl": ".", "en": ","}.get(lang, ","))


def fmt_dec(value, lang: str = "fr", digits: int = 2) -> str:
    """Decimal number with the language's decimal mark (comma in FR and NL)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{float(value):,.{digits}f}"
    if lang in ("fr", "nl"):
        thousands = "\u202f" if lang == "fr" else "."
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", thousands)
    return text


def fmt_pct(value, lang: str = "fr", digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return fmt_dec(100 * float(value), lang, digits) + ("\u00a0%" if lang in ("fr", "nl") else "%")


def fmt_date(value, lang: str = "fr") -> str:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return t("prov.unknown_date", lang)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text[:10]
