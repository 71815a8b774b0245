"""Signals of unmet needs: searches that found nothing, or nothing serving the person's area.

No personal data: a row is a day, a territory (the commune or bassin the search was made for), a
category (the one asked for, or the one the query named) and a count. The words of queries are kept only
when a steward opts in (setting BASSINS_SEARCH_KEEP_QUERIES_DAYS > 0), and only for that many days.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

KIND_CHOICES = [
    ("no_result", _("no result")),
    ("none_serving", _("nothing serving the area")),
]


class UnmetNeed(models.Model):
    day = models.DateField(_("day"), db_index=True)
    layer = models.CharField(_("territory layer"), max_length=20, blank=True)
    code = models.CharField(_("territory code"), max_length=20, blank=True)
    category = models.CharField(_("category"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    count = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("unmet need signal")
        verbose_name_plural = _("unmet need signals")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "layer", "code", "category", "kind"], name="search_unmet_need_key"
            )
        ]


class KeptQuery(models.Model):
    """A query's words, kept only when a steward opted in, deleted after the retention period."""

    day = models.DateField(_("day"), db_index=True)
    text = models.CharField(_("query"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)

    class Meta:
        verbose_name = _("kept query")
        verbose_name_plural = _("kept queries")
