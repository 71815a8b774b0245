"""French free-text opening hours -> weekly rules and HSDS schedule rows, when unambiguous. Pure.

`parse_french(text)` reads the hours the sample directory writes in French ("lun-jeu 7h30-11h30 et
13h00-15h30, ven 7h30-11h30", "Lun–Ven 9h–17h", "tous les jours de 14h00 à 17h00", "24h/24 – 7j/7")
into rules (weekday, opens, closes in minutes) when the text is unambiguous. A text with anything it
does not understand word for word (seasons, "dès 10h", "2e mardi du mois", "heures de bureau"...) is
not parsed: the text is kept and shown, and the service's hours are "unknown", never guessed. Parts
that are phone hours ("permanence téléphonique ...") are not opening hours and are left out when
other parts say when the place is open.

`schedule_rules(parsed)` gives the rules as `schedules.Rule`s (days sharing the same hours grouped),
which the sample importer writes as HSDS schedule rows beside the text (bassins.directory.sources.
sample), so that "open now" reads the same schedule table for every source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bassins.directory.schedules import Rule

#: The `notes` of a schedule row read from a free text start with this, then the text.
PARSED_NOTE = "parsed from the source's text: "
DAYS = {
    "lundi": 0,
    "lun": 0,
    "mardi": 1,
    "mar": 1,
    "mercredi": 2,
    "mer": 2,
    "jeudi": 3,
    "jeu": 3,
    "vendredi": 4,
    "ven": 4,
    "samedi": 5,
    "sam": 5,
    "dimanche": 6,
    "dim": 6,
}
WEEKDAYS_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: Words that carry no hours information (labels of what the hours are for).
NEUTRAL = frozenset(
    """
    accueil ouverture ouvert horaire horaires secretariat bureau bureaux consultation consultations
    sur sans rendez vous rdv permanence permanences sociale social service inscription le les la l
    de du des a au h seulement uniquement public
    """.split()
)
PHONE = ("telephon", "ligne", "joignable", "appel")
_TOKEN = re.compile(
    r"(?P<always>24\s*h\s*/\s*24|7\s*j\s*/\s*7|24\s*h\s*sur\s*24|7\s*jours\s*sur\s*7)"
    r"|(?P<time>\d{1,2}\s*h\s*\d{0,2}|\d{1,2}:\d{2})"
    r"|(?P<dash>[-–—]|\bau\b|\ba\b|\bjusqu)"
    r"|(?P<and>\bet\b|,|&|\+|·)"
    r"|(?P<word>[a-z]+)"
)


@dataclass(frozen=True)
class Parsed:
    """Rules read from a text; `ok` False when the text was not understood (rules empty)."""

    text: str
    rules: tuple[tuple[int, int, int], ...]
    ok: bool
    always_open: bool = False

    def hsds(self) -> list[dict]:
        """The rules as HSDS 3.1 schedule rows (freq WEEKLY, byday, opens_at, closes_at)."""
        grouped: dict[tuple[int, int], list[int]] = {}
        for day, opens, closes in self.rules:
            grouped.setdefault((opens, closes), []).append(day)
        return [
            {
                "freq": "WEEKLY",
                "byday": ",".join(WEEKDAYS_BYDAY[d] for d in sorted(days)),
                "opens_at": _hhmm(opens),
                "closes_at": _hhmm(closes),
                "description_fr": self.text,
            }
            for (opens, closes), days in sorted(grouped.items(), key=lambda i: (min(i[1]), i[0]))
        ]


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(token: str) -> int | None:
    token = token.replace(" ", "")
    hours, _, rest = token.replace(":", "h").partition("h")
    value = int(hours) * 60 + (int(rest) if rest else 0)
    if int(hours) > 24 or (rest and int(rest) > 59) or value > 24 * 60:
        return None
    return value


def _segment(text: str) -> tuple[list[tuple[int, int, int]], bool] | None:
    """Rules of one part; None when not understood. The bool says "around the clock"."""
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text)]
    if any(kind == "always" for kind, _ in tokens):
        rest = [v for k, v in tokens if k == "word" and v not in NEUTRAL]
        if rest:
            return None
        return [(day, 0, 24 * 60) for day in range(7)], True
    rules: list[tuple[int, int, int]] = []
    days: list[int] | None = None
    fresh_days = True  # the next day token starts a new group of days
    pending_range = False
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "word":
            words_left = [v for _k, v in tokens[i : i + 4]]
            if value in DAYS:
                day = DAYS[value]
                if pending_range and days:
                    start = days[-1]
                    if day < start:
                        return None
                    days.extend(range(start + 1, day + 1))
                    pending_range = False
                elif fresh_days or days is None:
                    days = [day]
                    fresh_days = False
                else:
                    days.append(day)
            elif value in ("tous", "chaque") and any(v in ("jours", "jour") for v in words_left):
                ouvr = any(v.startswith("ouvr") for v in words_left)
                days = list(range(5)) if ouvr else list(range(7))
                fresh_days = False
                i += 1
                while i < len(tokens) and tokens[i][1] in (
                    "les",
                    "jours",
                    "jour",
                    "ouvrables",
                    "ouvrable",
                ):
                    i += 1
                continue
            elif value.startswith("ouvr") or value in ("jours", "jour"):
                pass
            elif value in NEUTRAL:
                pass
            else:
                return None
        elif kind == "dash":
            if days and not fresh_days and i + 1 < len(tokens) and tokens[i + 1][1] in DAYS:
                pending_range = True
            elif value == "jusqu":
                return None
        elif kind == "time":
            opens = _minutes(value)
            if i + 2 >= len(tokens) or tokens[i + 1][0] != "dash" or tokens[i + 2][0] != "time":
                return None
            closes = _minutes(tokens[i + 2][1])
            if opens is None or closes is None or closes <= opens:
                return None
            for day in days if days is not None else range(7):
                rules.append((day, opens, closes))
            fresh_days = True
            i += 3
            continue
        i += 1
    if pending_range or not rules:
        return None
    return rules, False


def parse_french(text: str) -> Parsed:
    """Weekly rules of a French hours text (see the module docstring)."""
    original = (text or "").strip()
    folded = fold(original)
    if not folded.strip():
        return Parsed(original, (), False)
    parts = [part for part in re.split(r";|\n|\s[-–—]\s(?=[a-z])", folded) if part.strip()]
    found: list[tuple[list[tuple[int, int, int]], bool, bool]] = []
    for part in parts:
        label, colon, body = part.partition(":")
        if colon and (
            re.search(r"\d", label) or any(w in DAYS for w in re.findall(r"[a-z]+", label))
        ):
            label, colon, body = "", "", part  # the colon is inside the hours, not after a label
        phone = any(mark in (label if colon else part) for mark in PHONE)
        parsed = _segment(body if colon else part)
        if parsed is None:
            if phone:
                continue
            return Parsed(original, (), False)
        found.append((parsed[0], parsed[1], phone))
    kept = [item for item in found if not item[2]] or found
    if not kept:
        return Parsed(original, (), False)
    rules = sorted({rule for item in kept for rule in item[0]})
    return Parsed(original, tuple(rules), True, always_open=all(item[1] for item in kept))


def schedule_rules(parsed: Parsed) -> list[Rule]:
    """The parsed rules as schedule rules: one per (opens, closes), with the days sharing it."""
    grouped: dict[tuple[int, int], list[int]] = {}
    for day, opens, closes in parsed.rules:
        grouped.setdefault((opens, closes), []).append(day)
    return [
        Rule(tuple(sorted(days)), _hhmm(opens), _hhmm(closes))
        for (opens, closes), days in sorted(grouped.items(), key=lambda i: (min(i[1]), i[0]))
    ]


def fold(text: str) -> str:
    """Lower case, no accents (punctuation kept: the hours' separators)."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").replace("œ", "oe"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
