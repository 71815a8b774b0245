"""Text analysis for search in French, Dutch and English. Pure.

`analyse(text, lang)` turns text into `Token`s: accents and case folded, elisions removed
("d'argent" -> "argent", "l'hôpital" -> "hopital"), hyphenated words split ("sans-abri" -> "sans",
"abri"), stopwords marked (kept for phrase positions, not scored), and each word stemmed with the
Snowball stemmer of its language (PyStemmer). The stopword lists are the function words of each
language, not domain words: what a word means for the helpdesk lives in the taxonomy's synonyms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

LANGUAGES = ("fr", "nl", "en")
STEMMER_NAMES = {"fr": "french", "nl": "dutch", "en": "english"}
#: Longest accepted query, in characters (longer input is cut, and the caller is told).
MAX_QUERY_CHARS = 500
#: Most words read from one query.
MAX_QUERY_WORDS = 40

STOPWORDS = {
    "fr": frozenset(
        """
        a ai aie aient aies ait as au aucun aucune aupres aussi autre autres aux avec avez avoir avons
        beaucoup bien c ca car ce ceci cela celle celles celui cependant ces cet cette ceux chez ci
        comme comment d dans de des deja depuis dois doit donc dont du elle elles en encore entre es
        est et etaient etait etant ete etre eu eux fait faire fais faut il ils j je jusqu l la le les
        leur leurs lui m ma mais me meme mes moi mon n ne ni nos notre nous on ont ou par parce pas
        peu peut peuvent peux plus pour pourquoi pouvez puis qu quand que quel quelle quelles quels
        qui quoi s sa se ses si sien son sont sous suis sur t ta te tes toi ton tous tout toute
        toutes tres tu un une unes uns vers voici voila vos votre vous y
        cherche cherchons besoin voudrais voudrait aimerait souhaite quelqu quelque quelques
        madame monsieur bonjour merci svp
        """.split()
    ),
    "nl": frozenset(
        """
        aan al alles als ben bij dan dat de der deze die dit doen door du een eens en er ge geen
        had heb hebben heeft hem het hier hij hoe hun ik in is ja je kan kon kunnen maar me meer men
        met mij mijn moet na naar niet niets nog nu of om omdat ons onze ook op over te tegen toe tot u
        uit uw van veel voor want waren was wat we wel werd wie wij wil wordt zal ze zei zelf zich zij
        zijn zo zonder zou
        zoek zoeken zoekt nodig graag iemand mevrouw meneer dag dank bedankt
        """.split()
    ),
    "en": frozenset(
        """
        a an and are as at be been but by can could do does for from had has have he her his how i
        if in into is it its me my no not of on or our she so than that the their them then there
        these they this to too up us was we were what when where which who will with would you your
        need needs looking look want wants someone please
        """.split()
    ),
}
ALL_STOPWORDS = STOPWORDS["fr"] | STOPWORDS["nl"] | STOPWORDS["en"]

_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’`ʼ]", re.IGNORECASE)
_WORD = re.compile(r"[0-9a-z]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Token:
    """One word of a text: its folded surface form, its stem, its position, and whether it is a
    stopword (kept for phrases, not scored)."""

    surface: str
    stem: str
    position: int
    stop: bool = False


def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelt out (œ -> oe), control characters as spaces."""
    text = _CONTROL.sub(" ", str(text or ""))
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = text.replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=8)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(STEMMER_NAMES[lang])


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """The Snowball stem of a folded word in `lang` (words of 3 letters or fewer, and numbers, as
    they are)."""
    if len(word) <= 3 or word.isdigit():
        return word
    return _stemmer(lang).stemWord(word)


def words(text: str) -> list[str]:
    """The folded words of `text`, elisions removed, hyphens and punctuation as separators."""
    text = _ELISION.sub(" ", fold(text))
    return _WORD.findall(text)


def analyse(text: str, lang: str) -> list[Token]:
    """The tokens of `text` in language `lang` (one of LANGUAGES)."""
    stops = STOPWORDS[lang]
    return [
        Token(word, stem(word, lang), position, word in stops)
        for position, word in enumerate(words(text))
    ]


def stems(text: str, lang: str) -> tuple[str, ...]:
    """The stems of the non-stopwords of `text`, in order (the form synonyms are matched in)."""
    return tuple(token.stem for token in analyse(text, lang) if not token.stop)
