"""Locating an address known only by postcode and commune name (no coordinates). Pure functions.

The answer is as fine as the address allows: the commune (from the postcode, or from the commune name
where a postcode spans several communes), the sub-municipality and the bassin when they follow, and a
`precision` of "postcode", "commune" or "none". Bruxelles-Ville is split over three bassins: for it the
bassin follows only from postcodes that lie in one bassin (`reference/bruxelles_ville_postcodes.csv`).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from bassins.territory.tables import read_csv_table, read_xlsx_table

BRUXELLES = "21004"
#: Names used in addresses for Bruxelles-Ville and its sections, and other common variants.
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
    """Lower case, no accents, separators as single spaces, 'St'/'Ste' for Saint/Sainte kept apart."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"\bste\b", "sainte", re.sub(r"\bst\b", "saint", text))
    return text


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
                    names[normalise_name(row[column])] = str(code)
        names.update(ALIASES)

        def single_value(column: str) -> dict[str, str | None]:
            """Per commune, the code of `column` when all its sectors share it, else None."""
            return {
                commune: (values.iloc[0] if values.nunique() == 1 else None)
                for commune, values in membership.groupby("commune")[column]
            }

        if city_postcodes is None:
            city_postcodes = bruxelles_ville_postcodes()
        return cls(
            postcode_communes={
                row.postcode: list(row.communes) for row in postcode_table.itertuples()
            },
            commune_names=names,
            commune_bassin=single_value("bassin"),
            commune_submunicipality=single_value("submunicipality"),
            city_postcodes={str(r["postcode"]): r for r in city_postcodes.to_dict("records")},
        )

    def commune_code(self, name: str | None) -> str | None:
        if not name or not str(name).strip():
            return None
        key = normalise_name(name)
        if key in self.commune_names:
            return self.commune_names[key]
        if re.fullmatch(r"21\d{3}", key):
            return key if key in self.commune_bassin else None
        return None

    def locate_one(self, postcode: str | None, commune: str | None) -> dict:
        postcode = (str(postcode).strip() if postcode is not None else "").split(".")[0]
        by_postcode = self.postcode_communes.get(postcode, []) if postcode else []
        if postcode and not by_postcode and postcode in self.city_postcodes:
            by_postcode = [BRUXELLES]
        by_name = self.commune_code(commune)
        result = {
            "commune": None,
            "submunicipality": None,
            "bassin": None,
            "precision": "none",
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
            code, precision = by_name, ("postcode" if by_name in brussels_codes else "commune")
        elif len(brussels_codes) == 1:
            code, precision = brussels_codes[0], "postcode"
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
        if code == BRUXELLES and precision == "postcode" and postcode in self.city_postcodes:
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
    with (
        resources.files("bassins.territory")
        .joinpath("reference/bruxelles_ville_postcodes.csv")
        .open(encoding="utf-8") as f
    ):
        return pd.DataFrame(list(csv.DictReader(f)))
