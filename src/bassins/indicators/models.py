"""Indicator values in tidy form (see `bassins.indicators.tidy`), and the loads that wrote them."""

from django.db import models


class IndicatorLoad(models.Model):
    """One load: the built-in sources of the data directory ("builtin") or one tidy CSV file."""

    origin = models.CharField(max_length=255, unique=True, help_text='"builtin" or "tidy:<file>"')
    loaded_at = models.DateTimeField(auto_now=True)
    files = models.JSONField(default=list)
    rows = models.PositiveIntegerField(default=0)
    vintage = models.CharField(max_length=20, default="2022")

    def __str__(self):
        return f"{self.origin} ({self.rows} rows)"


class Definition(models.Model):
    """An indicator defined by a tidy load (its registry row as JSON), beside the package's registry."""

    load = models.ForeignKey(IndicatorLoad, related_name="definitions", on_delete=models.CASCADE)
    indicator = models.CharField(max_length=80, unique=True)
    fields = models.JSONField(default=dict)


class IndicatorValue(models.Model):
    load = models.ForeignKey(IndicatorLoad, related_name="values", on_delete=models.CASCADE)
    indicator = models.CharField(max_length=80)
    layer = models.CharField(max_length=20)
    area_code = models.CharField(max_length=20)
    period = models.CharField(max_length=20)
    sex = models.CharField(max_length=10, default="all")
    age_band = models.CharField(max_length=10, default="all")
    category = models.CharField(max_length=60, blank=True, default="")
    count = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    value = models.FloatField(null=True)
    lower95 = models.FloatField(null=True)
    upper95 = models.FloatField(null=True)
    lower998 = models.FloatField(null=True)
    upper998 = models.FloatField(null=True)
    value_note = models.TextField(blank=True, default="")
    comparison95 = models.CharField(max_length=20, blank=True, default="")
    comparison998 = models.CharField(max_length=20, blank=True, default="")
    estimated = models.BooleanField(default=False)
    source_file = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "layer", "area_code", "period", "sex", "age_band", "category"],
                name="indicator_value_unique_key",
            )
        ]
        indexes = [models.Index(fields=["indicator", "layer"]), models.Index(fields=["layer"])]

    def __str__(self):
        return f"{self.indicator} {self.layer} {self.area_code} {self.period}: {self.value}"
