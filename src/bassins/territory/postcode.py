"""Locating an address known only by postcode and commune name (no coordinates). Pure functions.

The answer is as fine as the address allows: the commune (from the postcode, or from the commune name
where a postcode spans several communes), the sub-municipality and the bassin when they follow, and a
`precision` of "postcode", "commune" or "none". Bruxelles-Ville is split over three bassins: for it the
bassin follows only from postcodes that lie in one bassin.

ONE table of the Brussels postcodes, `reference/brussels_postcodes.csv` (packaged): postal locality
FR/NL, the communes each postcode lies in (from the BOSA BeST list of Brussels streets by postcode,
2022: every commune holding at least 5% of the postcode's streets, e.g. 1000 -> Bruxelles-Ville only,
1040 -> Etterbeek and Bruxelles-Ville), for Bruxelles-Ville the sub-municipality and bassin when the
postcode fixes them, the sub-municipalities of Bruxelles-Ville the postcode may cover
(`submunicipalities`, space-separated: 1000 -> 21004A 21004B 21004C 21004D, never Laeken, Neder-Over-
Heembeek or Haren; read by `postcode_submunicipalities`), and the bassins the whole postcode spans
(`bassins`: 1000 -> CO S, 1040 -> CO SE, observed on the AFMPS pharmacies' coordinates and the BeST
streets). It overrides Statbel's national postcode table (loaded for the postcodes outside
the region) for every Brussels postcode: the phacochr copy of that table gives 1000, 1020, 1040, 1050,
1120 and 1130 the three communes 21004-21005-21009, which the BeST streets contradict.
bassins.directory.brussels reads its postcodes from the same table.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from bassins.codes import COMMUNE_ONLY, NONE, POSTCODE, is_brussels_postcode
from bassins.names import fold
from bassins.territory.tables import read_csv_table, read_xlsx_table

BRUXELLES = "21004"
BRUSSELS_POSTCODES_TABLE = "reference/brussels_postcodes.csv"
#: Names used in addresses for Bruxelles-Ville and its sections, and other common variants
#: (folded; the "St"/"Ste" forms of every "Saint"/"Sainte" name are added by `name_variants`).
ALIASES = {
    "bruxelles ville": BRUXELLES,
    "brussel stad": BRUXELLES,
    "brussels": BRUXELLES,
    "city of brussels": BRUXELLES,
    "ville de bruxelles": BRUXELLES,
    "stad brussel": BRUXELLES,
    "laeken": BRUXELLES,
    "laken": BRUXELLES,
    "neder over heembeek": BRUXELLES,
    "haren": BRUXELLES,
    "molenbeek": "21012",
    "saint josse": "21014",
    "sint joost": "21014",
    "woluwe st lambert": "21018",
    "woluwe st pierre": "21019",
}


def normalise_name(name: str) -> str:
    """The key a commune name is looked up on: bassins.names.fold (the one normaliser)."""
    return fold(name)


def name_variants(key: str) -> set[str]:
    """A folded name and its abbreviated forms: 'woluwe saint lambert' -> also 'woluwe st lambert'."""
    short = re.sub(r"\bsainte\b", "ste", re.sub(r"\bsaint\b", "st", key))
    return {key, short, re.sub(r"\bste\b", "st", short)}


@lru_cache(maxsize=1)
def brussels_postcodes() -> tuple[dict[str, str], ...]:
    """The rows of the one Brussels postcode table (see the module's docstring), as strings."""
    with (
        resources.files("bassins.territory")
        .joinpath(BRUSSELS_POSTCODES_TABLE)
        .open(encoding="utf-8") as f
    ):
        return tuple(dict(row) for row in csv.DictReader(f))


def postcode_submunicipalities() -> dict[str, tuple[str, ...]]:
    """Per Brussels postcode, the sub-municipalities it may cover (column `submunicipalities` of the one
    Brussels postcode table), for the postcodes that list them: "1000" -> ("21004A", ..., "21004D")."""
    return {
        row["postcode"]: tuple(row["submunicipalities"].split())
        for row in brussels_postcodes()
        if row["submunicipalities"].split()
    }


@dataclass
class AddressLocator:
    """Postcode/commune → territory codes, built from the postcode table and the loaded territories."""

    postcode_communes: dict[str, list[str]]
    commune_names: dict[str, str]
    commune_bassin: dict[str, str | None]
    commune_submunicipality: dict[str, str | None]
    city_postcodes: dict[str, dict[str, str]]

    @classmethod
    def build(
        cls,
        postcode_table: pd.DataFrame,
        communes: pd.DataFrame,
        membership: pd.DataFrame,
        city_postcodes: pd.DataFrame | None = None,
    ) -> AddressLocator:
        """postcode_table: columns postcode, communes (list of codes); communes: code, name_fr, name_nl."""
        names: dict[str, str] = {}
        for code, row in communes.iterrows():
            for column in ("name_fr", "name_nl"):
                if isinstance(row.get(column), str):
                    for key in name_variants(fold(row[column])):
                        names[key] = str(code)
        names.update(
            {variant: code for key, code in ALIASES.items() for variant in name_variants(key)}
        )

        def single_value(column: str) -> dict[str, str | None]:
            """Per commune, the code of `column` when all its sectors share it, else None."""
            return {
                commune: (values.iloc[0] if values.nunique() == 1 else None)
                for commune, values in membership.groupby("commune")[column]
            }

        if city_postcodes is None:
            city_postcodes = bruxelles_ville_postcodes()
        by_postcode = {row.postcode: list(row.communes) for row in postcode_table.itertuples()}
        # The Brussels postcodes come from the one Brussels table, whatever the national table says.
        by_postcode = {k: v for k, v in by_postcode.items() if not is_brussels_postcode(k)}
        by_postcode.update(
            {row["postcode"]: row["communes"].split() for row in brussels_postcodes()}
        )
        return cls(
            postcode_communes=by_postcode,
            commune_names=names,
            commune_bassin=single_value("bassin"),
            commune_submunicipality=single_value("submunicipality"),
            city_postcodes={str(r["postcode"]): r for r in city_postcodes.to_dict("records")},
        )

    def commune_code(self, name: str | None) -> str | None:
        """The Brussels commune code (NIS) of a commune name or code, or None."""
        if not name or not str(name).strip():
            return None
        key = fold(name)
        if key in self.commune_names:
            return self.commune_names[key]
        if re.fullmatch(r"21\d{3}", key):
            return key if key in self.commune_bassin else None
        return None

    def locate_one(self, postcode: str | None, commune: str | None) -> dict:
        """Commune, submunicipality, bassin, precision and note of one address."""
        postcode = (str(postcode).strip() if postcode is not None else "").split(".")[0]
        by_postcode = self.postcode_communes.get(postcode, []) if postcode else []
        by_name = self.commune_code(commune)
        result = {
            "commune": None,
            "submunicipality": None,
            "bassin": None,
            "precision": NONE,
            "note": "",
        }
        brussels_codes = [code for code in by_postcode if code in self.commune_bassin]
        if postcode and not by_postcode:
            result["note"] = f"unknown postcode {postcode}"
        elif by_postcode and not brussels_codes:
            result["note"] = f"postcode {postcode} is outside the Brussels region"
            return result
        if by_name and brussels_codes and by_name not in brussels_codes:
            result["note"] = (
                f"postcode {postcode} does not belong to commune {commune}; commune name used"
            )
            brussels_codes = []
        if by_name and (not brussels_codes or by_name in brussels_codes):
            code, precision = by_name, (POSTCODE if by_name in brussels_codes else COMMUNE_ONLY)
        elif len(brussels_codes) == 1:
            code, precision = brussels_codes[0], POSTCODE
        else:
            if brussels_codes:
                result["note"] = (
                    f"postcode {postcode} spans communes {', '.join(brussels_codes)}; no commune name"
                )
            elif not result["note"]:
                result["note"] = "no postcode and no known commune"
            return result
        result.update(
            commune=code,
            precision=precision,
            bassin=self.commune_bassin.get(code),
            submunicipality=self.commune_submunicipality.get(code),
        )
        if code == BRUXELLES and precision == POSTCODE and postcode in self.city_postcodes:
            known = self.city_postcodes[postcode]
            result["bassin"] = known["bassin"] or None
            result["submunicipality"] = known["submunicipality"] or None
        return result

    def locate(self, postcodes, communes) -> pd.DataFrame:
        """One row per address: commune, submunicipality, bassin, precision, note."""
        cache: dict[tuple, dict] = {}
        rows = []
        for postcode, commune in zip(postcodes, communes, strict=False):
            key = (
                None if pd.isna(postcode) else str(postcode),
                None if pd.isna(commune) else str(commune),
            )
            if key not in cache:
                cache[key] = self.locate_one(*key)
            rows.append(cache[key])
        columns = ["commune", "submunicipality", "bassin", "precision", "note"]
        return pd.DataFrame({c: pd.Series([row[c] for row in rows], dtype=object) for c in columns})


def read_postcode_table(path: Path | str) -> pd.DataFrame:
    """Statbel's postcode → REFNIS table: columns postcode, communes (list of 5-digit codes).

    The CSV (`code_postal`, `Refnis code`: codes joined by '-') or Statbel's own workbook
    "Conversion Postal code_Refnis code" (`Postal code`, `Refnis code`: one row per postcode and commune).
    """
    if str(path).lower().endswith(".xlsx"):
        frame = read_xlsx_table(path, ["Postal code", "Refnis code"]).rename(
            columns={"Postal code": "code_postal"}
        )
    else:
        frame = read_csv_table(path, ["code_postal", "Refnis code"])
    frame = frame.rename(columns={"code_postal": "postcode", "Refnis code": "refnis"})
    frame["postcode"] = frame["postcode"].str.strip()
    frame["communes"] = frame["refnis"].str.findall(r"\d{5}")
    return frame.groupby("postcode", as_index=False)["communes"].agg(
        lambda lists: sorted({code for codes in lists for code in codes})
    )


def bruxelles_ville_postcodes() -> pd.DataFrame:
    """The Brussels postcodes that lie (partly) in Bruxelles-Ville: postcode, submunicipality, bassin
    of its Bruxelles-Ville part (empty when the postcode does not fix it), communes and bassins of the
    whole postcode (space-separated codes), basis, note; from the one Brussels postcode table."""
    rows = [row for row in brussels_postcodes() if BRUXELLES in row["communes"].split()]
    columns = ["postcode", "submunicipality", "bassin", "communes", "bassins", "basis", "note"]
    return pd.DataFrame([{c: row[c] for c in columns} for row in rows], columns=columns)
