"""The four working groups every bassin runs, defined once: their theme codes, URL slugs (FR, NL)
and the purpose texts (FR, NL) the seed migration writes. Pure module (no Django).
"""

from __future__ import annotations

MENTAL_HEALTH = "mental_health"
CARE = "care"
PREVENTION = "prevention"
CRISIS = "crisis"
#: The themes, in the order the pages list them.
THEMES = (MENTAL_HEALTH, CARE, PREVENTION, CRISIS)

#: English names (the msgids of the interface; FR and NL in the agenda's catalogue).
THEME_NAMES = {
    MENTAL_HEALTH: "Mental health",
    CARE: "Hospital and ambulatory care",
    PREVENTION: "Prevention and health promotion",
    CRISIS: "Crisis preparedness",
}

#: URL slugs per interface language (English pages use English slugs).
THEME_SLUGS = {
    "fr": {
        MENTAL_HEALTH: "sante-mentale",
        CARE: "soins-hospitaliers-et-ambulatoires",
        PREVENTION: "prevention-et-promotion-de-la-sante",
        CRISIS: "preparation-aux-crises",
    },
    "nl": {
        MENTAL_HEALTH: "geestelijke-gezondheid",
        CARE: "ziekenhuis-en-ambulante-zorg",
        PREVENTION: "preventie-en-gezondheidspromotie",
        CRISIS: "crisisparaatheid",
    },
    "en": {
        MENTAL_HEALTH: "mental-health",
        CARE: "hospital-and-ambulatory-care",
        PREVENTION: "prevention-and-health-promotion",
        CRISIS: "crisis-preparedness",
    },
}

#: The purpose of each working group, as seeded (the coordination teams edit them afterwards).
PURPOSES = {
    MENTAL_HEALTH: {
        "fr": "Rassembler les professionnels de la santé mentale, du social et de la première ligne "
        "du bassin pour mieux orienter les personnes, fluidifier les trajets de soins et faire "
        "connaître l'offre locale.",
        "nl": "Professionals uit de geestelijke gezondheidszorg, het welzijnswerk en de eerste lijn "
        "van de zorgzone samenbrengen om mensen beter door te verwijzen, zorgtrajecten vlotter te "
        "laten verlopen en het lokale aanbod bekend te maken.",
    },
    CARE: {
        "fr": "Améliorer les liens entre l'hôpital et les soins ambulatoires du bassin : entrées et "
        "sorties d'hospitalisation, continuité des soins, collaboration entre prestataires.",
        "nl": "De banden tussen het ziekenhuis en de ambulante zorg in de zorgzone versterken: "
        "opname en ontslag, continuïteit van zorg, samenwerking tussen zorgverleners.",
    },
    PREVENTION: {
        "fr": "Coordonner les actions de prévention et de promotion de la santé du bassin, au plus "
        "près des besoins des habitants et des quartiers.",
        "nl": "De acties voor preventie en gezondheidspromotie in de zorgzone op elkaar afstemmen, "
        "zo dicht mogelijk bij de noden van de bewoners en de wijken.",
    },
    CRISIS: {
        "fr": "Préparer le bassin aux crises sanitaires et sociales (épidémies, canicules, "
        "événements exceptionnels) : qui fait quoi, avec quels relais dans les quartiers.",
        "nl": "De zorgzone voorbereiden op gezondheids- en sociale crisissen (epidemieën, "
        "hittegolven, uitzonderlijke gebeurtenissen): wie doet wat, met welke partners in de wijken.",
    },
}


def theme_slug(theme: str, language: str) -> str:
    """The URL slug of working-group theme `theme` in `language` (fr, nl, en; else French)."""
    return THEME_SLUGS.get(language, THEME_SLUGS["fr"])[theme]


def theme_from_slug(slug: str) -> tuple[str, str] | None:
    """(theme, language of the slug) for a slug in any language, None when it names no theme."""
    for language in ("fr", "nl", "en"):
        for theme, candidate in THEME_SLUGS[language].items():
            if candidate == slug:
                return theme, language
    return None
