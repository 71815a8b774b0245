"""A hand-made sample of BOSA's BeST openaddress export for Brussels (`openaddress-bebru.zip`).

The real format: BOSA's 20 columns, in BOSA's order. The addresses are real Brussels addresses (street
names FR/NL as in the BeST street list, reference/best_brussels_postcode_streets_2022.csv): the
Chaussée de Mons 475 row is a row of the real export; the other points are the GISCO hospital
geocodes of services/hospitals_sites_bxl_2020.csv (Saint-Luc's lies 42 m outside the region outline),
converted to Lambert 72 with pyproj. A retired address, an address without a position (BOSA writes
0.00000) and boxes of one building are there to be left out or merged.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from pyproj import Transformer

HEADER = [
    "EPSG:31370_x",
    "EPSG:31370_y",
    "EPSG:4326_lat",
    "EPSG:4326_lon",
    "address_id",
    "box_number",
    "house_number",
    "municipality_id",
    "municipality_name_de",
    "municipality_name_fr",
    "municipality_name_nl",
    "postcode",
    "postname_fr",
    "postname_nl",
    "street_id",
    "streetname_de",
    "streetname_fr",
    "streetname_nl",
    "region_code",
    "status",
]
COMMUNES = {
    "21001": ("Anderlecht", "Anderlecht"),
    "21004": ("Bruxelles", "Brussel"),
    "21005": ("Etterbeek", "Etterbeek"),
    "21018": ("Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe"),
}
# (lat, lon, box, number, commune, postcode, street FR, street NL, status)
ADDRESSES = [
    (
        50.8551500,
        4.4471743,
        "",
        "10",
        "21018",
        "1200",
        "Avenue Hippocrate",
        "Hippokrateslaan",
        "current",
    ),
    (
        50.8551500,
        4.4471743,
        "A",
        "10",
        "21018",
        "1200",
        "Avenue Hippocrate",
        "Hippokrateslaan",
        "current",
    ),
    (
        50.8551500,
        4.4471743,
        "B",
        "10",
        "21018",
        "1200",
        "Avenue Hippocrate",
        "Hippokrateslaan",
        "current",
    ),
    (50.8344886, 4.3459418, "", "322", "21004", "1000", "Rue Haute", "Hoogstraat", "current"),
    (
        50.8543990,
        4.3603807,
        "",
        "32",
        "21004",
        "1000",
        "Boulevard du Jardin Botanique",
        "Kruidtuinlaan",
        "current",
    ),
    (
        50.8432344,
        4.4001301,
        "",
        "150",
        "21005",
        "1040",
        "Rue de Linthout",
        "Linthoutstraat",
        "current",
    ),
    (
        50.8333315,
        4.2928436,
        "",
        "79",
        "21001",
        "1070",
        "Rue Docteur Huet",
        "Dokter Huetstraat",
        "current",
    ),
    (
        50.8881221,
        4.3283495,
        "",
        "15",
        "21004",
        "1020",
        "Avenue Jean-Joseph Crocq",
        "Jean-Joseph Crocqlaan",
        "current",
    ),
    (50.8340000, 4.3480000, "", "1", "21004", "1000", "Rue Haute", "Hoogstraat", "retired"),
    (None, None, "", "5", "21004", "1000", "Rue Haute", "Hoogstraat", "current"),
]
# A row of the real export, as BOSA wrote it.
REAL_ROW = "146321.07800,169504.60900,50.83595,4.31653,615867,RDC,475,21001,,Anderlecht,Anderlecht,1070,,,4568,,Chaussée de Mons,Bergense Steenweg,BE-BRU,current"


def rows(lambert2008: bool = False) -> list[list[str]]:
    """The sample's rows (without the header); x/y in Lambert 2008 instead of 72 when asked."""
    to_72 = Transformer.from_crs(
        "EPSG:4326", "EPSG:3812" if lambert2008 else "EPSG:31370", always_xy=True
    )
    out = []
    for n, (lat, lon, box, number, commune, postcode, fr, nl, status) in enumerate(ADDRESSES):
        if lat is None:
            x = y = "0.00000"
            lat_text = lon_text = "0.00000"
        else:
            fx, fy = to_72.transform(lon, lat)
            x, y, lat_text, lon_text = f"{fx:.5f}", f"{fy:.5f}", f"{lat:.5f}", f"{lon:.5f}"
        name_fr, name_nl = COMMUNES[commune]
        out.append(
            [
                x,
                y,
                lat_text,
                lon_text,
                str(900_000 + n),
                box,
                number,
                commune,
                "",
                name_fr,
                name_nl,
                postcode,
                "",
                "",
                str(9_000 + n),
                "",
                fr,
                nl,
                "BE-BRU",
                status,
            ]
        )
    real = next(csv.reader([REAL_ROW]))
    if lambert2008:
        fx, fy = Transformer.from_crs("EPSG:31370", "EPSG:3812", always_xy=True).transform(
            float(real[0]), float(real[1])
        )
        real[0], real[1] = f"{fx:.5f}", f"{fy:.5f}"
    out.append(real)
    return out


def csv_text(lambert2008: bool = False, rename: bool = True) -> str:
    """The sample as CSV text; Lambert 2008 values under EPSG:3812_x/_y (or, rename=False, under the
    Lambert 72 column names: a mislabelled file)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = list(HEADER)
    if lambert2008 and rename:
        header[0], header[1] = "EPSG:3812_x", "EPSG:3812_y"
    writer.writerow(header)
    writer.writerows(rows(lambert2008))
    return buffer.getvalue()


def write_zip(path: Path, text: str | None = None) -> Path:
    """The sample as BOSA ships it: openaddress-bebru.csv in a zip."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("openaddress-bebru.csv", text if text is not None else csv_text())
    return path
