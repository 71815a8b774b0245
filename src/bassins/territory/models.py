"""Persisted territories: generations of boundaries (one per vintage active at a time), layers, areas.

Like MapIt's generations: a load writes a whole new generation and activates it in the same
transaction, so readers see either the old set or the new one, never a mix; earlier generations stay
(inactive) for history until pruned.
"""

from django.db import models


class Generation(models.Model):
    vintage = models.CharField(
        max_length=20, help_text="Sector vintage, e.g. 2022 (Statbel 2022/2024) or 2025"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=False)
    description = models.TextField(blank=True)
    sources = models.JSONField(default=dict, help_text="Files read, with their reference dates")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vintage"],
                condition=models.Q(active=True),
                name="one_active_generation_per_vintage",
            )
        ]

    def __str__(self):
        return f"vintage {self.vintage} #{self.pk}{' (active)' if self.active else ''}"


class Layer(models.Model):
    generation = models.ForeignKey(Generation, related_name="layers", on_delete=models.CASCADE)
    name = models.CharField(max_length=30)
    label_fr = models.CharField(max_length=100)
    label_nl = models.CharField(max_length=100)
    feature_count = models.PositiveIntegerField()
    has_geometry = models.BooleanField(default=True)
    source = models.TextField(blank=True)
    note = models.TextField(blank=True)

    class Meta:
        unique_together = [("generation", "name")]

    def __str__(self):
        return f"{self.name} ({self.generation})"


class Area(models.Model):
    layer = models.ForeignKey(Layer, related_name="areas", on_delete=models.CASCADE)
    code = models.CharField(max_length=20)
    name_fr = models.CharField(max_length=200)
    name_nl = models.CharField(max_length=200)
    name_de = models.CharField(max_length=200, blank=True)
    parents = models.JSONField(default=dict, help_text="Codes of the areas holding it, by layer")
    attributes = models.JSONField(default=dict)
    area_km2 = models.FloatField(null=True)
    n_sectors = models.PositiveIntegerField(null=True)
    geometry_wkb = models.BinaryField(
        null=True, help_text="Geometry in EPSG:31370 (Belgian Lambert 72)"
    )
    geojson = models.TextField(blank=True, help_text="Geometry in WGS84, simplified for maps")

    class Meta:
        unique_together = [("layer", "code")]
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name_fr}"


class SectorLink(models.Model):
    """A link between a sector code of one vintage and of another (see crosswalk.vintage_crosswalk)."""

    old_vintage = models.CharField(max_length=20)
    old_code = models.CharField(max_length=20)
    new_vintage = models.CharField(max_length=20)
    new_code = models.CharField(max_length=20, blank=True)
    relation = models.CharField(max_length=30)
    same_quartier = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["old_vintage", "old_code"]),
            models.Index(fields=["new_vintage", "new_code"]),
        ]


class Postcode(models.Model):
    """Statbel's postcode → commune(s) table (all Belgium), for addresses without coordinates."""

    postcode = models.CharField(max_length=4, unique=True)
    communes = models.JSONField(default=list)


class AddressSet(models.Model):
    """One load of the official address points (BeST, `bassins territories load-addresses`)."""

    loaded_at = models.DateTimeField(auto_now_add=True)
    source = models.TextField(help_text="File read (path or download address)")
    sha256 = models.CharField(max_length=64, blank=True)
    counts = models.JSONField(default=dict, help_text="Rows read, kept, dropped by reason")

    class Meta:
        ordering = ["-loaded_at", "-id"]


class AddressPoint(models.Model):
    """An official address point: postcode + street (FR/NL) + house number -> point in EPSG:31370."""

    address_set = models.ForeignKey(AddressSet, related_name="points", on_delete=models.CASCADE)
    postcode = models.CharField(max_length=4)
    street_fr = models.CharField(max_length=200, blank=True)
    street_nl = models.CharField(max_length=200, blank=True)
    house_number = models.CharField(max_length=20)
    commune = models.CharField(max_length=5, blank=True, help_text="BeST municipality_id")
    x = models.FloatField(help_text="EPSG:31370 (Belgian Lambert 72)")
    y = models.FloatField(help_text="EPSG:31370 (Belgian Lambert 72)")

    class Meta:
        indexes = [models.Index(fields=["address_set", "postcode"])]
