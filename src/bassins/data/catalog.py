"""The catalog of the open data files bassins reads: one entry per file of the data directory.

Each entry gives the file's path in the data-directory layout (boundaries/, reference/, population/,
services/, indicators/), what it is, and the facts `bassins data fetch` and `bassins data status`
check: size in bytes, SHA-256 checksum and number of records (features of a GeoJSON or GeoPackage
file, data rows of a CSV file). The facts were measured on the reference copy of the data directory
(`../shared/data`, described in its SOURCES.md); the files themselves are never part of the code.

Where a file comes from:
- `source_url` is its upstream: for a file copied byte for byte from a public repository
  (`direct=True`), the raw GitHub URL at the commit the bytes were read from, which serves exactly
  this file; otherwise the official publisher's download or page the data comes from (or, when no
  official address is known, the repository file it was converted from).
- `origin` is the repository file (GitHub URL at a commit) a converted file was made from, when the
  conversion started from one; None for files compiled by hand.
- A converted or hand-compiled file can only be downloaded from a mirror that serves the
  data-directory layout (`bassins data fetch --base-url URL`, or BASSINS_DATA_MIRROR).

`UPSTREAM` lists the upstream products themselves, which `bassins data fetch` downloads into the
`upstream/` folder of the cache when there is no data directory, so that `bassins territories load`
can work from them (see bassins.territory.loader):
- `official=True`: an official publisher's download (Statbel). Its bytes are not known in advance
  (the publisher may re-issue the file), so the entry gives no size or checksum but a plausible size
  range and a content check (`content`): the first good download is pinned (size, SHA-256) in the
  cache's manifest (trust on first use, bassins.data.official) and later downloads must match it.
- otherwise a pinned public copy (`direct=True`) checked like the catalog files.

Pure module: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from bassins.errors import InputError

GITHUB = "https://github.com"
RAW = "https://raw.githubusercontent.com"

# Statbel's open-data folder of statistical sectors: sh_statbel_statistical_sectors_<EPSG>_<YYYYMMDD>.<format>.zip
# (EPSG 31370 = Belgian Lambert 72, 3812 = Lambert 2008; formats geojson, shp, sqlite...).
STATBEL_SECTORS_FOLDER = (
    "https://statbel.fgov.be/sites/default/files/files/opendata/Statistische%20sectoren/"
)
STATBEL_SECTORS_2022 = (
    f"{STATBEL_SECTORS_FOLDER}sh_statbel_statistical_sectors_31370_20220101.geojson.zip"
)
STATBEL_SECTORS_2024 = (
    f"{STATBEL_SECTORS_FOLDER}sh_statbel_statistical_sectors_31370_20240101.geojson.zip"
)
STATBEL_POSTCODES = (
    "https://statbel.fgov.be/sites/default/files/files/documents/Over%20Statbel/"
    "Conversion%20Postal%20code_Refnis%20code_va01012019.xlsx"
)
PHACOCHR_DATA_2023 = (
    f"{GITHUB}/phacochr/phacochr_data/blob/06221f5603a38dd8396276741bfe26211cadeb38"
)
HEALTHIAR = f"{GITHUB}/SwissTPH/healthiar/blob/49a40d695a0eaacd5798d5db076b676989a81e60"
JY95 = f"{GITHUB}/jy95/pharmacies_BE/blob"
IBSA_QUARTIERS = (
    "https://monitoringdesquartiers.brussels/partition-region-de-bruxelles-capitale-quartiers"
)
GISCO_HEALTHCARE = (
    "https://ec.europa.eu/eurostat/web/gisco/geodata/reference-data/healthcare-services"
)
BEST_ADDRESSES_BRUSSELS = "https://opendata.bosa.be/download/best/openaddress-bebru.zip"
AFMPS_PHARMACIES = "https://www.fagg.be/sites/default/files/content/INSP/OFFICINES/Lst_Pharmacies_pub_Extended.xlsx"


@dataclass(frozen=True)
class DataFile:
    """One file of the data directory and the facts that identify it."""

    path: str  # relative path in the data-directory layout, with "/" separators
    description: str
    size: int  # bytes
    sha256: str
    count: int  # features (geojson, gpkg) or data rows (csv)
    source_url: str | None  # upstream (see the module's docstring)
    direct: bool = False  # True when source_url serves exactly these bytes
    origin: str | None = None  # repository file a converted file was made from
    delimiter: str = ","  # CSV field separator
    layer: str | None = None  # GeoPackage feature table
    # -- official upstream downloads (UPSTREAM entries with official=True; size and sha256 are then 0/"")
    official: bool = (
        False  # no checksum known in advance: trust on first use (bassins.data.official)
    )
    min_size: int = (
        0  # bytes: a smaller download is not the product (an error page, a regional extract)
    )
    max_size: int = 0  # bytes: the download is cut off beyond this
    content: str | None = None  # content check of bassins.data.official ("statbel_sectors", ...)
    unit: str | None = None  # what `count` counts, when not the file's features or rows
    default: bool = (
        True  # UPSTREAM: fetched by `bassins data fetch` without --only and without a mirror
    )

    @property
    def name(self) -> str:
        """The file name of the entry, without its folder."""
        return PurePosixPath(self.path).name

    @property
    def folder(self) -> str:
        """The top folder of the entry (its first path part)."""
        return PurePosixPath(self.path).parts[0]

    @property
    def kind(self) -> str:
        """The file kind from the suffix ('csv', 'geojson', 'zip'...); 'text' without one."""
        return PurePosixPath(self.path).suffix.lstrip(".") or "text"

    @property
    def count_unit(self) -> str:
        """What `count` counts: the entry's own unit, else 'rows' (csv, xlsx) or 'features'."""
        if self.unit:
            return self.unit
        return "rows" if self.kind in ("csv", "xlsx") else "features"

    @property
    def max_bytes(self) -> int:
        """The largest download accepted: the exact size, or the upper bound of an official product."""
        return self.max_size if self.official else self.size


CATALOG: tuple[DataFile, ...] = (
    # -- boundaries/
    DataFile(
        "boundaries/statbel_sectors_bxl_2022.gpkg",
        "The 724 Statbel statistical sectors of the Brussels-Capital Region, vintage 2022-01-01 "
        "(the codes IBSA uses for 2024 too), EPSG:31370, all Statbel attributes. Brussels subset of "
        "Statbel's sh_statbel_statistical_sectors_31370_20220101 made by the phacochr project, "
        "re-saved with GDAL. Statbel open-data licence.",
        1212416,
        "15ec3c27966f751a89e4d824a84967326b757c7c9368a448ff03fa15f0d62ee2",
        724,
        STATBEL_SECTORS_2022,
        origin=f"{PHACOCHR_DATA_2023}/data_phacochr/STATBEL/PREPROCESSED/BXL_SS_PREPROCESSED.gpkg",
        layer="statbel_sectors_bxl_2022",
    ),
    DataFile(
        "boundaries/statbel_sectors_bxl_2022_wgs84.geojson",
        "The same 724 sectors reprojected to EPSG:4326 (6 decimals), reduced attribute set.",
        1242730,
        "1340ff79899f9b4277ba84cc784fae316d02c0f657b8f526dfbbb8a07f52ea4e",
        724,
        STATBEL_SECTORS_2022,
        origin=f"{PHACOCHR_DATA_2023}/data_phacochr/STATBEL/PREPROCESSED/BXL_SS_PREPROCESSED.gpkg",
    ),
    DataFile(
        "boundaries/communes_bxl_19_wgs84.geojson",
        "The 19 Brussels communes, made by dissolving the 724 sectors on cd_munty_refnis, EPSG:4326, "
        "with n_sectors and area_km2.",
        378070,
        "140bf2b19fb52bb91c04bc798dd445693171902aefcbfc814b1568d22e393cb7",
        19,
        STATBEL_SECTORS_2022,
        origin=f"{PHACOCHR_DATA_2023}/data_phacochr/STATBEL/PREPROCESSED/BXL_SS_PREPROCESSED.gpkg",
    ),
    DataFile(
        "boundaries/region_bxl_outline_wgs84.geojson",
        "Outline of the Brussels-Capital Region (1 polygon, union of the Statbel sectors), EPSG:4326.",
        110251,
        "fac91357a31f919a7e8f0c47b24616e1ed43502c8397b78b6957a1b193ca59f2",
        1,
        STATBEL_SECTORS_2022,
        origin=f"{PHACOCHR_DATA_2023}/data_phacochr/STATBEL/PREPROCESSED/BRUXELLES_PREPROCESSED.gpkg",
    ),
    DataFile(
        "boundaries/monitoring_quartiers_145_wgs84.geojson",
        "The 145 quartiers of the Monitoring des Quartiers / Wijkmonitoring (UrbIS-Adm Monitoring "
        "District), reprojected to EPSG:4326. paradigm.brussels (UrbIS), quartiers defined by "
        "IBSA/perspective.brussels.",
        770384,
        "9d836e1c0007de2095b9c70fd283efa563c3e5f8a8154bd93c9ff818a1317f54",
        145,
        "https://datastore.brussels/web/data/dataset/9651e420-2c8d-48ec-b4a1-6a43a3f6a40f",
        origin=f"{PHACOCHR_DATA_2023}/data_phacochr/STATBEL/PREPROCESSED/BXL_quartiers_PREPROCESSED.gpkg",
    ),
    DataFile(
        "boundaries/schaerbeek_local_quartiers_14_wgs84.geojson",
        "The 14 local quartiers of the commune of Schaerbeek (the commune's own division), EPSG:4326, "
        "extracted from a JavaScript file of the commune's GIS cell (EUPL-1.2).",
        73000,
        "42510c4a53f161dec1d80d3a9eecb8c425ce20750a6520713d19e798bff7e9ad",
        14,
        f"{GITHUB}/gis1030/POP-Demographic-Schaerbeek/blob/121400e70e4dae70d5f298b1c45ff38462768174/"
        "Population-1030/data/SchaerbekBorders/LimitesSchaerbeekQuartiers.js",
    ),
    # -- reference/
    DataFile(
        "reference/ibsa_sector_quartier_commune_2024.csv",
        "IBSA correspondence statistical sector -> Monitoring quartier -> commune for the 2024 "
        "(= 2022) sector vintage: 724 sectors, 145 quartiers, 19 communes. Converted from xlsx.",
        73476,
        "82c155a6e9197796979d5b028d74f51958966bbe07dfff305dacc26c6d1ddb4f",
        724,
        IBSA_QUARTIERS,
        origin=f"{GITHUB}/phacochr/phacochr_data/blob/932c6292244af8bd557e4366e9bb9dd203d84bb4/"
        "data_phacochr/MQ_Communes_Quartiers_Secteurs.xlsx",
    ),
    DataFile(
        "reference/ibsa_sector_quartier_commune_2025.csv",
        "The same IBSA correspondence for the 2025 sector vintage (749 sectors); the original "
        "';'-separated file re-written comma-separated.",
        78916,
        "eb5cd8359bfc0604004b3cc322537f78f1bb773f8d1e91aff9be8d3801aac58e",
        749,
        IBSA_QUARTIERS,
        origin=f"{GITHUB}/phacochr/phacochr_data/blob/b86befc666db31508bd4cd98e13349fe166b77db/"
        "data_phacochr/conversion_secteur_quartier_2025.csv",
    ),
    DataFile(
        "reference/postcode_to_refnis_be.csv",
        "Belgian postcode -> REFNIS commune code(s) (several joined by '-'), all Belgium, derived by "
        "phacochr from Statbel's 'Conversion Postal code_Refnis code' table; re-written "
        "comma-separated.",
        12754,
        "b0867813cd556c419515cb5e8c5086c9f85f61bf16ce277573b98431de61d6c8",
        1148,
        "https://statbel.fgov.be/sites/default/files/files/documents/Over%20Statbel/"
        "Conversion%20Postal%20code_Refnis%20code_va01012019.xlsx",
        origin=f"{PHACOCHR_DATA_2023}/data_phacochr/BeST/PREPROCESSED/table_INS_recod_code_postal.csv",
    ),
    DataFile(
        "reference/bassins_2024.csv",
        "Which bassin d'aide et de soins each commune (and each sub-municipality of Bruxelles-Ville) "
        "belongs to, with a 'basis' column (stated / inferred). Compiled by hand from the bassins' "
        "pages and the 2024 press (see SOURCES.md section 5).",
        1893,
        "6198059d60cb88a8836f2e2d06bdb456196d236e12a4a5324f4b0eb3e8a513d1",
        25,
        None,
    ),
    DataFile(
        "reference/bassins_2024_facts.csv",
        "The five bassins' helpdesk phone numbers and quartier counts, compiled by hand (2024).",
        839,
        "5379f212e4380a08da80e75e6a9f4465f76e93a9b982a4250779f2f83b6c6b83",
        5,
        None,
    ),
    DataFile(
        "reference/best_brussels_postcode_streets_2022.csv",
        "BOSA BeST 'openaddress' list of Brussels streets by postcode (2022-10-01): FR/NL/DE street "
        "names, no house numbers, no coordinates. CC BY 4.0 (BOSA). Copied unchanged.",
        1288701,
        "19dc10dcf27c064f52b54e3842c32cb7c36e96589ded6ec453c56954fb03e96e",
        5195,
        f"{RAW}/phacochr/phacochr/c61d7ab26c72d9eddef15dad22ebc61f2426b5f8/"
        "data/BeST/openaddress/Brussels_postal_street.csv",
        direct=True,
    ),
    # -- population/
    DataFile(
        "population/statbel_population_by_sex_commune_bxl_2020.csv",
        "Statbel population on 2020-01-01 by sex for the region, the arrondissement and the 19 "
        "communes (name_fr added).",
        1418,
        "12cc7c6c07a7f9ca26b980019c595e5caac7346ae7d8af4d50cce612c093de30",
        21,
        f"{GITHUB}/bmesuere/belgium-topojson/blob/3e3fe4c61f39b7fa90ce993cd2a8a367df0f9534/"
        "source_data/bevolking_per_gemeente.csv",
    ),
    DataFile(
        "population/statbel_fiscal_income_commune_bxl_2005_2013.csv",
        "Statbel fiscal income statistics per commune (TF_PSNL_INC_TAX_MUNTY), 19 communes x "
        "2005-2013, re-written from the pipe-delimited original.",
        73306,
        "e43ebb29244d3d106240d42f9a3ece15ca95b7f709e450fe2c534026f13f2729",
        171,
        f"{GITHUB}/bnosac/BelgiumMaps.StatBel/blob/7dd8f3df009d3b0b87ae54cc4740c8aba7fba996/"
        "inst/extdata/TF_PSNL_INC_TAX_MUNTY_tcm325-272513.zip",
    ),
    DataFile(
        "population/schaerbeek_population_urban_blocks.geojson",
        "Population of Schaerbeek by urban block (396 blocks) with sex, 10-year age bands and "
        "households, EPSG:4326; two JavaScript files of the commune's GIS cell merged.",
        847710,
        "3e248c278c6a78980d415c653753e73fabb680e378c19f85c4c75918b6f0f134",
        396,
        f"{GITHUB}/gis1030/POP-Demographic-Schaerbeek/blob/52d770b889d9991e2072ec09ce9f9e213d065dcd/"
        "Population-1030/data/SchaerbeekDemographicDistribution.js",
    ),
    DataFile(
        "population/sector_population_bxl_c2020.csv",
        "Population of the 724 statistical sectors (SECTOR, MUNICIP, POP), total 1,215,012, "
        "reference date not stated (inferred 1 Jan 2020); from Statbel via Sciensano.",
        14836,
        "e40027b51bbcc90d16c19aa5af2fe029f36e49a142dd199388a1ecfefcd80889",
        724,
        f"{HEALTHIAR}/tests/testthat/data/sector_brussels.gpkg",
    ),
    DataFile(
        "population/sector_population_bxl_2021_675.csv",
        "Population of 675 sectors (those with a BIMD score) for 2021, with the BIMD 2011 score; "
        "converted from .rds.",
        24679,
        "14ebd839bd6ad6a39bf539257ef3564555421e5e92b57af9859cffef2848391f",
        675,
        f"{HEALTHIAR}/tests/testthat/data/mort_pm25_sect_2021_bimd.rds",
    ),
    DataFile(
        "population/sector_population_by_age_bxl_c2022_675.csv",
        "Population of 675 sectors x 18 five-year age bands (probably 1 Jan 2022); converted from .rds.",
        771976,
        "a14cc6a83037b9605c916ce22e904a8195f0ddecf1b35d9a73ef670ef09b54f3",
        12150,
        f"{HEALTHIAR}/tests/testthat/data/no2_bimd_age.rds",
    ),
    # -- services/
    DataFile(
        "services/afmps_pharmacies_bxl_2022.csv",
        "AFMPS/FAGG list of pharmacies open to the public (update 08-03-2022), Brussels subset: 592 "
        "pharmacies, Lambert 2008 coordinates plus WGS84 lon/lat. Converted from xlsx; the "
        "compiling repository is CC BY-NC-SA 4.0. source_url is AFMPS's current list.",
        93808,
        "e72280cb7e0b17b0d0a20f3a43c14e242a7aae861c4c745b5a5589315fd55940",
        592,
        AFMPS_PHARMACIES,
        origin=f"{JY95}/ddf0a098781fbcef5bedf898e5083fc7e3f380bd/Lst_Pharmacies_pub_Extended.xlsx",
    ),
    DataFile(
        "services/afmps_pharmacies_bxl_2022.geojson",
        "The same 592 AFMPS pharmacies as GeoJSON points (EPSG:4326).",
        271909,
        "ab7d9ebfc708796a41bd88334b71964f4fee44075a0246252fc0479e2aaa8cb7",
        592,
        AFMPS_PHARMACIES,
        origin=f"{JY95}/ddf0a098781fbcef5bedf898e5083fc7e3f380bd/Lst_Pharmacies_pub_Extended.xlsx",
    ),
    DataFile(
        "services/osm_pharmacies_bxl.geojson",
        "OpenStreetMap pharmacies inside the region outline (414 points, monthly dump of "
        "2026-07-01), EPSG:4326. (c) OpenStreetMap contributors, ODbL 1.0.",
        156486,
        "9a150c096e75510f6567b11ff609436d7c52402c339a774b3e490aa2b594b86d",
        414,
        f"{JY95}/c23259aa627df07a9add42a8ad8834172e833995/last-pharmacies_osm.json",
    ),
    DataFile(
        "services/hospitals_sites_bxl_2020.csv",
        "Hospital sites in Brussels (37), with beds and emergency flag: Eurostat GISCO 'Healthcare "
        "services in Europe', Belgian part from FPS Public Health (ref. 01/02/2020).",
        8268,
        "163b3c3d09b265bd273ccedcaa4b0de4bab5052f5c6fd8bf0c7021e1185153d0",
        37,
        GISCO_HEALTHCARE,
        origin=f"{GITHUB}/eurostat/basic-services/blob/f35f82eb9a662898ac7b8b02110e808ed1ae431e/"
        "data/healthcare/csv/BE.csv",
    ),
    DataFile(
        "services/hospitals_sites_bxl_2020.geojson",
        "The same 37 hospital sites as GeoJSON points (EPSG:4326).",
        26349,
        "adaccab3584c801cd12a9f5343a7cee19b9c48229c93782f6ee7204d349d773b",
        37,
        GISCO_HEALTHCARE,
        origin=f"{GITHUB}/eurostat/basic-services/blob/f35f82eb9a662898ac7b8b02110e808ed1ae431e/"
        "data/healthcare/csv/BE.csv",
    ),
    DataFile(
        "services/directory_sample_bxl.csv",
        "Sample directory of 249 real social and health services in Brussels, compiled by hand from "
        "public pages (each row lists its source_url); see SOURCES.md section 6.",
        121565,
        "f82857f2e5a3613239c7f4dcf56a70861a2ea697f237b1942f9da1f6a6318ea0",
        249,
        None,
    ),
    DataFile(
        "services/directory_sample_categories.csv",
        "The 23 categories of the sample directory with FR/NL/EN labels and FR/NL keywords.",
        8341,
        "9729ad796268405e5e98f1a571c06fd6157c68f8573ef3066c03ef20f25afc6c",
        23,
        None,
    ),
    # -- indicators/
    DataFile(
        "indicators/monitoring_median_equiv_income_2023.csv",
        "IBSA Monitoring des Quartiers indicator 2498: median equivalised income after tax, income "
        "year 2023, 145 quartiers (';'-separated, decimal comma, 27 not-applicable values empty). "
        "Copied unchanged.",
        5795,
        "79e931c869fe45a4f3bc69122ae1e615d486b8a077563664991fc4d2a23190ae",
        145,
        f"{RAW}/zoltan2/brussels-governance-monitor/146fce94edb4f234fd18da483449071d5be1c74a/"
        "scripts/zru/sources/monitoring-2498.csv",
        direct=True,
        delimiter=";",
    ),
    DataFile(
        "indicators/monitoring_unemployment_cpas_bim_2023_2024.csv",
        "Unemployment rate (2023), CPAS integration income rate (2023) and BIM rate (2024) per "
        "Monitoring quartier, from IBSA Monitoring exports (one-person processing, rates only). "
        "Copied unchanged.",
        9881,
        "bce2802f129544b7b8ad463f18f1e439fd4b5b9ed9b9877d9fd964e2b32a6028",
        145,
        f"{RAW}/MazanzaMfumu/brussels-north-social-health-needs-lab/"
        "264c19921e964583c10b24eaa983661267ecbbdc/data/processed/territorial_vulnerability_indicators.csv",
        direct=True,
    ),
    DataFile(
        "indicators/bimd2011_sector_deprivation_bxl.csv",
        "Belgian Index of Multiple Deprivation 2011 (health domain excluded) for 675 Brussels "
        "sectors: score, national rank and decile; Brussels rows of the national file.",
        22755,
        "2233ce4c4e44d8159ddef746afdb1f2e067ab4850be072eeabeeacf284cf5e5e",
        675,
        f"{GITHUB}/SwissTPH/healthiar/blob/59331c4492531ff7ba36445052ce1f892e5d3c7d/"
        "varia/input/inequalities/BIMD_2011_WITHOUT_HEALTH_ELLIS_WIDE.csv",
    ),
)

# -- standards/: the official Open Referral HSDS 3.1 schemas and datapackage descriptor, copied
# unchanged from openreferral/specification (branch 3.1-dev) at one commit, for validating the
# directory's exports and API. `count` is the number of entries of the document: the schema's
# properties, the datapackage's resources, the OpenAPI definition's paths (lines for LICENSE).
HSDS_SPECIFICATION = f"{RAW}/openreferral/specification/abc731c8ac11825010e9d74a0ab61dcd48e880ec"
HSDS_STANDARD_PREFIX = "standards/hsds-3.1/"
HSDS_STANDARD_FILES: tuple[tuple[str, int, str, int], ...] = (
    (
        "standards/hsds-3.1/LICENSE",
        16824,
        "3dc9e5815a53333d463bbc78d8f9b35ff7284e067f17f678ac18e7a8bf6c9378",
        361,
    ),
    (
        "standards/hsds-3.1/datapackage.json",
        131211,
        "d862f1cb427cdf64f7ff37b122e09801af4562cba314db7b5fdeaaadca8c90d1",
        24,
    ),
    (
        "standards/hsds-3.1/schema/accessibility.json",
        3275,
        "e64aee2a92554ee32edcdb6f7f923a7323e58cc17f87702dc2251f2b9f0f5e8f",
        7,
    ),
    (
        "standards/hsds-3.1/schema/address.json",
        5469,
        "0647496d479a41c01744ce8caee9edc19feadb111acaecf42167128b8635209f",
        13,
    ),
    (
        "standards/hsds-3.1/schema/attribute.json",
        3348,
        "8a141a8b19813983e6325994bab90356568d257da5519297264062dbae84082b",
        9,
    ),
    (
        "standards/hsds-3.1/schema/compiled/tabular.json",
        109576,
        "594a235fd45f6901e006a22c386d4551aaa5b39453c0e2b847941e10a7fc0593",
        21,
    ),
    (
        "standards/hsds-3.1/schema/contact.json",
        4829,
        "c51cdaae5d91cb780e86968fe63052d978afeb62d18f81ce6a807aef04ec6e18",
        12,
    ),
    (
        "standards/hsds-3.1/schema/cost_option.json",
        4099,
        "ce8559a4f95be1773758e7067aef7c3e4a815caaba8feb27c8b29426fb06ec87",
        10,
    ),
    (
        "standards/hsds-3.1/schema/funding.json",
        2814,
        "e271cfd3391bba35e4f14aca61d3d5fe470345340171b393216a8260d6df795c",
        6,
    ),
    (
        "standards/hsds-3.1/schema/language.json",
        3959,
        "889aebd96b7f28882ac83529c59b1be86d6d4d94e5adcf5afb7b3e8ad4bc1a96",
        9,
    ),
    (
        "standards/hsds-3.1/schema/location.json",
        8460,
        "205c3ce4ec0f4b5dd0b2ca30b1321bd320d1ba184f41434041e4276b3fb2e286",
        20,
    ),
    (
        "standards/hsds-3.1/schema/meta_table_description.json",
        2435,
        "146ff1a6307b95be3d36746f6146a5d61cf04f51974c8efde1ad6d99d91912a8",
        6,
    ),
    (
        "standards/hsds-3.1/schema/metadata.json",
        3865,
        "cf62a24f83fb93a93a93cded762869bf561d4d176436e326b4170ef5f194fcdd",
        9,
    ),
    (
        "standards/hsds-3.1/schema/openapi.json",
        30627,
        "8f22b8246a7519281df73f43df0ceb8090b1f5d96e3c03cae15923704366a444",
        11,
    ),
    (
        "standards/hsds-3.1/schema/organization.json",
        7445,
        "b4359388ff45e77027bdfaa074567bf1c0bae37f2392fe978a68e1eb048484e6",
        22,
    ),
    (
        "standards/hsds-3.1/schema/organization_identifier.json",
        3273,
        "bc4997ad97330350c1abe1eb925fc9104e24ab1a122a63d390320f9fe9a7b992",
        7,
    ),
    (
        "standards/hsds-3.1/schema/phone.json",
        5632,
        "d2fc05271f57fe11900a23bcae747ea4598e701bc58fed317fcaa5a05c289d83",
        13,
    ),
    (
        "standards/hsds-3.1/schema/program.json",
        3242,
        "85529b20107fab3b5890da07fce943536d83d23267afc173d0ad41ca30a6b700",
        7,
    ),
    (
        "standards/hsds-3.1/schema/required_document.json",
        2869,
        "2702b150a9aab0f9ec9da42ae92f0e80387c021087c2eb4dbb6e61f1bf1d4d96",
        6,
    ),
    (
        "standards/hsds-3.1/schema/schedule.json",
        11476,
        "c611984058f37c8435d930fd89bf915a20eea7f3a217ff053206e21440744bdb",
        25,
    ),
    (
        "standards/hsds-3.1/schema/service.json",
        13150,
        "e692fe57de03536403f2223cc955e30622a34f492cd268810593e57c3e57ed7e",
        38,
    ),
    (
        "standards/hsds-3.1/schema/service_area.json",
        4593,
        "bffb0b1f0aa63b98d32db36aeea6bba25db4e5366842246e8e745dffa464fc9c",
        10,
    ),
    (
        "standards/hsds-3.1/schema/service_at_location.json",
        4380,
        "24ae016e44bb626cdacd53b1a45eec348796c86efb8f8708a689c83c78264710",
        11,
    ),
    (
        "standards/hsds-3.1/schema/service_capacity.json",
        3145,
        "6cd74ec84ff4af2c682055634dde86e7d13bbf7f4187a20370e9d61e84dd1c6f",
        10,
    ),
    (
        "standards/hsds-3.1/schema/taxonomy.json",
        2375,
        "80d89f6e83d84d9fe961a4e0b6ca4014ee56063d513f4291f148270fc51aeb11",
        6,
    ),
    (
        "standards/hsds-3.1/schema/taxonomy_term.json",
        4763,
        "4313cd8faf7852d5c9f3587fdfeac72ac41fbea6106dcae8362edc07b26b946d",
        11,
    ),
    (
        "standards/hsds-3.1/schema/unit.json",
        2199,
        "c187ee5528b9f28aaeb5f584050c16378ca4e42870a8e08c16766257092e1ce9",
        7,
    ),
    (
        "standards/hsds-3.1/schema/url.json",
        2363,
        "10e1567df38d307f8c347f054a8c249587bd528df426063e0f141cba933330d6",
        7,
    ),
)


STANDARDS: tuple[DataFile, ...] = tuple(
    DataFile(
        path,
        "Open Referral HSDS 3.1, official file "
        f"{path.removeprefix(HSDS_STANDARD_PREFIX)} (CC BY-SA 4.0, attribution: Human Services "
        "Data Specification, an Open Referral resource).",
        size,
        sha256,
        count,
        f"{HSDS_SPECIFICATION}/{path.removeprefix(HSDS_STANDARD_PREFIX)}",
        direct=True,
        unit="lines" if path.endswith("LICENSE") else "entries",
    )
    for path, size, sha256, count in HSDS_STANDARD_FILES
)

CATALOG = CATALOG + STANDARDS

FOLDERS = ("boundaries", "reference", "population", "services", "indicators", "standards")

# -- upstream/: what `bassins territories load` can work from when there is no data directory
UPSTREAM_FOLDER = "upstream"
IBSA_TABLE_2024_COPY = (
    f"{RAW}/phacochr/phacochr_data/932c6292244af8bd557e4366e9bb9dd203d84bb4/"
    "data_phacochr/MQ_Communes_Quartiers_Secteurs.xlsx"
)

UPSTREAM: tuple[DataFile, ...] = (
    DataFile(
        "upstream/sh_statbel_statistical_sectors_31370_20220101.geojson.zip",
        "Statbel statistical sectors of all Belgium on 2022-01-01, GeoJSON in EPSG:31370, zipped "
        "(Statbel's national product). The vintage bassins loads (2022, used by IBSA for 2024 too): "
        "the same boundaries as boundaries/statbel_sectors_bxl_2022.gpkg, which is its Brussels "
        "subset. The territory loader keeps its 724 sectors with cd_rgn_refnis 04000. "
        "Statbel open-data licence.",
        0,
        "",
        724,
        STATBEL_SECTORS_2022,
        official=True,
        min_size=5_000_000,
        max_size=300_000_000,
        content="statbel_sectors",
        unit="Brussels sectors",
    ),
    DataFile(
        "upstream/sh_statbel_statistical_sectors_31370_20240101.geojson.zip",
        "Statbel statistical sectors of all Belgium on 2024-01-01, GeoJSON in EPSG:31370, zipped. "
        "Same 724 Brussels sector codes as 2022 (IBSA's 2024 table), but Statbel redrew the "
        "municipal boundaries in 2024 (FPS Finance cadastre), so the polygons differ slightly "
        "from the 2022 vintage bassins loads: not fetched by default (--only), loaded only when "
        "given (`bassins territories load --sectors FILE`).",
        0,
        "",
        724,
        STATBEL_SECTORS_2024,
        official=True,
        min_size=5_000_000,
        max_size=300_000_000,
        content="statbel_sectors",
        unit="Brussels sectors",
        default=False,
    ),
    DataFile(
        "upstream/statbel_postcode_refnis_va01012019.xlsx",
        "Statbel's 'Conversion Postal code_Refnis code' workbook (situation 2019-01-01): one row "
        "per postcode and commune (columns Postal code, Refnis code, Gemeentenaam, Nom commune), "
        "all Belgium. reference/postcode_to_refnis_be.csv was derived from it; the loader reads "
        "the workbook when that CSV is absent.",
        0,
        "",
        19,
        STATBEL_POSTCODES,
        official=True,
        min_size=20_000,
        max_size=10_000_000,
        content="statbel_postcodes",
        unit="Brussels communes",
    ),
    DataFile(
        "upstream/openaddress-bebru.zip",
        "BeST Address, Brussels-Capital Region (FPS BOSA's 'openaddress' export, CC BY 4.0): every "
        "address of the region with its box, street name FR/NL, house number, postcode and point "
        "(EPSG:31370 x/y, or EPSG:3812 x/y in the exports from October 2026, and EPSG:4326 lat/lon), "
        "one CSV in a zip of about 18 MB. Optional (not fetched by default: `bassins data fetch "
        "--only openaddress-bebru.zip`); `bassins territories load-addresses` reads it so that "
        "services with street + number + postcode are placed at point precision.",
        0,
        "",
        19,
        BEST_ADDRESSES_BRUSSELS,
        official=True,
        min_size=5_000_000,
        max_size=200_000_000,
        content="best_addresses",
        unit="Brussels communes",
        default=False,
    ),
    DataFile(
        "upstream/ibsa_sector_quartier_commune_2024.xlsx",
        "IBSA's sector -> Monitoring quartier -> commune workbook for the 2024 (= 2022) sector "
        "vintage (MQ_Communes_Quartiers_Secteurs.xlsx, 724 rows), the original of "
        "reference/ibsa_sector_quartier_commune_2024.csv. IBSA shows the table on its Monitoring "
        "des Quartiers pages but gives it no stable download address, so this is the public copy "
        "in the phacochr_data repository, pinned to a commit (bytes and checksum known).",
        54575,
        "ec51b375331922224f5bc6cb5e203ebb68f0f0e86962ffa47c6e678b245710e9",
        724,
        IBSA_TABLE_2024_COPY,
        direct=True,
    ),
)

ALL: tuple[DataFile, ...] = CATALOG + UPSTREAM


def by_path(catalog: tuple[DataFile, ...] | None = None) -> dict[str, DataFile]:
    """Entries by relative path: of `catalog`, default every entry (ALL, looked up at call time)."""
    return {entry.path: entry for entry in (ALL if catalog is None else catalog)}


def select(
    names: list[str] | tuple[str, ...] | None = None, catalog: tuple[DataFile, ...] = CATALOG
) -> list[DataFile]:
    """The entries named by `names` (file name, relative path or folder); all when None or empty.

    Raises InputError naming the unknown names and listing the valid ones.
    """
    if not names:
        return list(catalog)
    chosen: list[DataFile] = []
    unknown = []
    for name in names:
        key = name.strip().strip("/")
        matches = [e for e in catalog if key in (e.name, e.path, e.folder)]
        if not matches:
            unknown.append(name)
        chosen.extend(e for e in matches if e not in chosen)
    if unknown:
        valid = ", ".join(sorted({e.name for e in catalog} | {e.folder for e in catalog}))
        raise InputError(
            f"unknown data file(s) {', '.join(map(repr, unknown))}; valid names: {valid}",
            field="--only",
        )
    return chosen
