"""Population counts per area, as loaded from the data directory (see `bassins.population.readers`)."""

from django.db import models

from bassins.codes import LAYER_CODES
from bassins.population.readers import BASES

LAYER_CHOICES = [(name, name) for name in LAYER_CODES]


class PopulationCount(models.Model):
    """The number of inhabitants of one area, on one reference date, from one source.

    basis: "official" (the publisher's own count and date), "inferred date" (count from a copy whose
    reference date is inferred, stated in `note`), "estimated" (apportioned, not counted).
    """

    layer = models.CharField(max_length=16, choices=LAYER_CHOICES)
    area_code = models.CharField(max_length=16)
    reference_date = models.DateField()
    source = models.CharField(max_length=64)
    source_label = models.CharField(max_length=255)
    source_file = models.CharField(max_length=255)
    basis = models.CharField(max_length=16, choices=[(b, b) for b in BASES])
    sector_vintage = models.CharField(max_length=8, blank=True, default="")
    population = models.PositiveIntegerField()
    males = models.PositiveIntegerField(null=True, blank=True)
    females = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["layer", "area_code", "reference_date", "source"],
                name="population_unique_area_date_source",
            )
        ]
        indexes = [models.Index(fields=["layer", "reference_date"])]
        ordering = ["layer", "area_code", "reference_date", "source"]

    def __str__(self) -> str:
        return (
            f"{self.layer} {self.area_code} {self.reference_date}: {self.population} ({self.basis})"
        )
