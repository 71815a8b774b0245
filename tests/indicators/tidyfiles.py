"""Hand-made files for the tidy loads of the tests: the definition of an IMA-like indicator."""

from bassins.indicators.registry import REGISTRY_FILE


def gp_share_definitions(directory, reference_date: str = "2024-01-01"):
    """A registry file defining `gp_share` (a proportion published at commune and region), written
    in `directory`; its path."""
    path = directory / "defs.csv"
    header = REGISTRY_FILE.read_text(encoding="utf-8").splitlines(keepends=True)[0]
    path.write_text(
        header + "gp_share,proportion,%,100,higher_is_better,sum,commune,commune region,"
        "Share with a GP,Part avec un généraliste,Aandeel met een huisarts,d,d,d,n,d,IMA,CC BY,"
        f"{reference_date},yearly,\n",
        encoding="utf-8",
    )
    return path
