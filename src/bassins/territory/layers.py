"""Building the territorial layers from the 724 statistical sectors.

Every layer above the sector is the dissolve of its sectors, so the layers nest exactly:
sector → sub-municipality → commune → region, sector → Monitoring quartier, sector → bassin,
sector → quartier social-santé (when the official workbook is loaded). Pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from bassins.codes import (
    BASSIN,
    COMMUNE,
    LAYER_CODES,
    MONITORING,
    QSS,
    REGION,
    SECTOR,
    SUBMUNICIPALITY,
)
from bassins.errors import InputError, UnknownCodeError
from bassins.names import proper_case
from bassins.territory.sources import LAMBERT72, REGION_CODE

#: The layers in hierarchy order (finest first), with their FR/NL labels.
LAYERS: dict[str, tuple[str, str]] = {
    SECTOR: ("Secteur statistique", "Statistische sector"),
    SUBMUNICIPALITY: ("Sous-commune", "Deelgemeente"),
    COMMUNE: ("Commune", "Gemeente"),
    MONITORING: ("Quartier du Monitoring", "Wijk van de Wijkmonitoring"),
    QSS: ("Quartier social-santé", "Sociale-gezondheidswijk"),
    BASSIN: ("Bassin d'aide et de soins", "Zorgzone"),
    REGION: ("Région", "Gewest"),
}
assert tuple(LAYERS) == LAYER_CODES
#: Layers built from the sectors (a membership column on the sector table each).
PARENT_LAYERS = [layer for layer in LAYER_CODES if layer != SECTOR]

REGION_NAMES = (
    "Région de Bruxelles-Capitale",
    "Brussels Hoofdstedelijk Gewest",
    "Region Brüssel-Hauptstadt",
)


@dataclass
class Territories:
    """A vintage of sectors with their memberships and the layers dissolved from them."""

    vintage: str
    sectors: gpd.GeoDataFrame  # index: sector code; membership columns = PARENT_LAYERS; EPSG:31370
    layers: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def membership(self) -> pd.DataFrame:
        """The sector membership table (index: sector code; one column per parent layer)."""
        return self.sectors[PARENT_LAYERS].copy()


def assign_bassins(
    sectors: gpd.GeoDataFrame, bassin_table: pd.DataFrame, label: str = "bassins"
) -> pd.DataFrame:
    """Bassin of every sector: a sub-municipality row overrides its commune's row.

    Returns a frame indexed by sector with columns bassin, bassin_basis, bassin_rule (the area code
    whose row decided). Every area code must exist, and every sector must end up in one bassin.
    """
    known = {
        "commune": set(sectors["cd_munty_refnis"]),
        "sub_municipality": set(sectors["cd_sub_munty"]),
    }
    for row, (code, level) in bassin_table[["area_code", "area_level"]].iterrows():
        if code not in known[level]:
            raise UnknownCodeError(
                f"{level} {code!r} does not exist in the sectors",
                source=label,
                row=int(row) + 2,
                field="area_code",
            )
    result = pd.DataFrame(
        index=sectors.index, columns=["bassin", "bassin_basis", "bassin_rule"], dtype=object
    )
    for level, column in (("commune", "cd_munty_refnis"), ("sub_municipality", "cd_sub_munty")):
        rows = bassin_table[bassin_table["area_level"] == level].set_index("area_code")
        keys = sectors[column]
        hit = keys.isin(rows.index)
        result.loc[hit, "bassin"] = keys[hit].map(rows["bassin_code"])
        result.loc[hit, "bassin_basis"] = keys[hit].map(rows["basis"])
        result.loc[hit, "bassin_rule"] = keys[hit]
    unassigned = result.index[result["bassin"].isna()]
    if len(unassigned):
        raise InputError(
            f"{len(unassigned)} sector(s) in no bassin, first {unassigned[0]!r}: the table "
            "must cover every commune (or every sub-municipality of a split commune)",
            source=label,
        )
    return result


def build_territories(
    sectors: gpd.GeoDataFrame,
    quartiers: pd.DataFrame,
    bassins: pd.DataFrame,
    *,
    vintage: str,
    qss: pd.DataFrame | None = None,
    sources: dict[str, str] | None = None,
) -> Territories:
    """Attach memberships to the sectors and dissolve every layer from them."""
    unknown = sorted(set(sectors.index) - set(quartiers.index))
    if unknown:
        raise UnknownCodeError(
            f"{len(unknown)} sector(s) missing from the Monitoring table, first {unknown[0]!r}",
            source="quartier table",
        )
    extra = sorted(set(quartiers.index) - set(sectors.index))
    if extra:
        raise UnknownCodeError(
            f"sector {extra[0]!r} of the Monitoring table is not among the {len(sectors)} "
            f"sectors of vintage {vintage} ({len(extra)} such codes)",
            source="quartier table",
        )
    table = sectors.copy()
    table["submunicipality"] = table["cd_sub_munty"]
    table["commune"] = table["cd_munty_refnis"]
    table["monitoring"] = quartiers.loc[table.index, "monitoring"]
    table["region"] = REGION_CODE
    table = table.join(assign_bassins(sectors, bassins))
    table["qss"] = None
    if qss is not None:
        table["qss"] = attach_qss(table, qss)
    table["name_fr"] = column_or(
        table, "tx_sector_descr_fr", quartiers.loc[table.index, "sector_name_fr"]
    )
    table["name_nl"] = column_or(
        table, "tx_sector_descr_nl", quartiers.loc[table.index, "sector_name_nl"]
    )
    table["name_de"] = column_or(table, "tx_sector_descr_de", table["name_fr"])
    table["code"] = table.index
    table["area_km2"] = table.geometry.area / 1e6
    territories = Territories(vintage=vintage, sectors=table, sources=dict(sources or {}))
    territories.layers = dissolve_layers(table, quartiers, bassins, qss)
    return territories


def column_or(frame: pd.DataFrame, column: str, fallback: pd.Series) -> pd.Series:
    """`frame[column]` with its gaps filled from `fallback`; `fallback` when there is no column."""
    if column in frame.columns:
        return frame[column].fillna(fallback)
    return fallback


def attach_qss(table: pd.DataFrame, qss: pd.DataFrame) -> pd.Series:
    """Quartier social-santé of each sector from the official workbook; the workbook must cover all."""
    unknown = sorted(set(qss.index) - set(table.index))
    if unknown:
        raise UnknownCodeError(
            f"sector {unknown[0]!r} of the workbook does not exist in the sectors "
            f"({len(unknown)} such codes)",
            source="quartiers social-santé workbook",
            field="CodeSector",
        )
    missing = sorted(set(table.index) - set(qss.index))
    if missing:
        raise InputError(
            f"{len(missing)} sector(s) missing from the workbook, first {missing[0]!r}",
            source="quartiers social-santé workbook",
            field="CodeSector",
        )
    return qss.loc[table.index, "qss"]


def dissolve(table: gpd.GeoDataFrame, by: str, names: pd.DataFrame) -> gpd.GeoDataFrame:
    """Union the sectors on `by`; `names` is indexed by code with name_fr, name_nl (+ extra columns)."""
    grouped = table[[by, "geometry"]].dissolve(by=by, method="unary")
    grouped["n_sectors"] = table.groupby(by).size()
    grouped = grouped.join(names, how="left")
    grouped["code"] = grouped.index.astype(str)
    grouped["area_km2"] = grouped.geometry.area / 1e6
    for column in ("name_fr", "name_nl"):
        grouped[column] = grouped[column].fillna(grouped["code"])
    grouped.index.name = "code"
    return grouped.set_crs(LAMBERT72, allow_override=True)


def proper(name: str) -> str:
    """'CHAUSSEE DE WAVRE - SAINT-JULIEN' → 'Chaussee de Wavre - Saint-Julien' (IBSA tables are upper
    case): the one title-caser, bassins.names.proper_case."""
    return proper_case(str(name).strip())


def dissolve_layers(table, quartiers, bassins, qss) -> dict[str, gpd.GeoDataFrame]:
    """The parent layers dissolved from the sector table, with their names: layer -> frame."""
    commune_rows = bassins[bassins["area_level"] == "commune"].set_index("area_code")
    sub_rows = bassins[bassins["area_level"] == "sub_municipality"].set_index("area_code")

    commune_names = (
        table.groupby("commune").agg(
            name_fr=("tx_munty_descr_fr", "first"), name_nl=("tx_munty_descr_nl", "first")
        )
        if "tx_munty_descr_fr" in table.columns
        else quartiers.groupby("commune")
        .agg(name_fr=("commune_name_fr", "first"), name_nl=("commune_name_nl", "first"))
        .map(proper)
    )
    commune_names.update(
        commune_rows.rename(columns={"area_name_fr": "name_fr", "area_name_nl": "name_nl"})[
            ["name_fr", "name_nl"]
        ]
    )

    if "tx_sub_munty_fr" in table.columns:
        sub_names = (
            table.groupby("submunicipality")
            .agg(name_fr=("tx_sub_munty_fr", "first"), name_nl=("tx_sub_munty_nl", "first"))
            .map(proper)
        )
    else:
        sub_names = pd.DataFrame(columns=["name_fr", "name_nl"])
    sub_names.update(
        sub_rows.rename(columns={"area_name_fr": "name_fr", "area_name_nl": "name_nl"})[
            ["name_fr", "name_nl"]
        ]
    )
    sub_names["commune"] = table.groupby("submunicipality")["commune"].first()

    monitoring_names = (
        quartiers.groupby("monitoring")
        .agg(name_fr=("monitoring_name_fr", "first"), name_nl=("monitoring_name_nl", "first"))
        .map(proper)
    )
    monitoring_names["commune"] = quartiers.groupby("monitoring")["commune"].agg(
        lambda s: ",".join(sorted(set(s)))
    )

    bassin_names = bassins.groupby("bassin_code").agg(
        name_fr=("bassin_fr", "first"), name_nl=("bassin_nl", "first")
    )
    bassin_names["basis"] = bassins.groupby("bassin_code")["basis"].agg(
        lambda s: "stated" if (s == "stated").all() else "partly inferred"
    )

    region_names = pd.DataFrame(
        {"name_fr": [REGION_NAMES[0]], "name_nl": [REGION_NAMES[1]]}, index=[REGION_CODE]
    )

    layers = {
        "sector": table[
            [
                "code",
                "name_fr",
                "name_nl",
                "name_de",
                "submunicipality",
                "commune",
                "monitoring",
                "bassin",
                "bassin_basis",
                "qss",
                "region",
                "area_km2",
                "geometry",
            ]
        ].copy(),
        "submunicipality": dissolve(table, "submunicipality", sub_names),
        "commune": dissolve(table, "commune", commune_names),
        "monitoring": dissolve(table, "monitoring", monitoring_names),
        "bassin": dissolve(table, "bassin", bassin_names),
        "region": dissolve(table, "region", region_names),
    }
    if qss is not None:
        qss_names = qss.groupby("qss").agg(
            name_fr=("qss_name_fr", "first"), name_nl=("qss_name_nl", "first")
        )
        qss_names["bassin"] = table.groupby("qss")["bassin"].agg(lambda s: ",".join(sorted(set(s))))
        layers["qss"] = dissolve(table, "qss", qss_names)
    layers["sector"]["n_sectors"] = 1
    return layers
