"""Content of the bassins' websites, edited by each bassin's coordination team in the admin.

- `BassinSite`: one per bassin, the helpdesk line (phone, hours, what it is for, how to reach it) in
  French and Dutch; an empty phone means the published number of the territory data
  (`reference/bassins_2024_facts.csv`, loaded with the bassins).
- `TeamMember`: the coordination team.
- `Page` and `News`: rich text (sanitised with nh3 on save and on render, `bassins.sites.richtext`),
  an optional image whose alternative text is then required, FR and NL versions side by side, a
  publication date and a status. Drafts and items dated in the future are never public.

Every model has a `bassin` field: who may edit it is `bassins.web.editors` (groups editors-<code>).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bassins import codes, richtext

BASSIN_CHOICES = [
    (
        code,
        f"{code} · {codes.bassin_slug(code, 'fr').title()} / {codes.bassin_slug(code, 'nl').title()}",
    )
    for code in codes.BASSIN_CODES
]


def bassin_field():
    return models.CharField(_("bassin"), max_length=2, choices=BASSIN_CHOICES, db_index=True)


class BassinSite(models.Model):
    bassin = models.CharField(_("bassin"), max_length=2, choices=BASSIN_CHOICES, unique=True)
    helpdesk_phone = models.CharField(
        _("helpdesk phone"),
        max_length=30,
        blank=True,
        help_text=_("Empty: the published number of the territory data."),
    )
    helpdesk_hours_fr = models.CharField(_("hours (FR)"), max_length=200, blank=True)
    helpdesk_hours_nl = models.CharField(_("hours (NL)"), max_length=200, blank=True)
    helpdesk_purpose_fr = models.TextField(_("what the line is for (FR)"), blank=True)
    helpdesk_purpose_nl = models.TextField(_("what the line is for (NL)"), blank=True)
    helpdesk_reach_fr = models.TextField(_("how to reach it (FR)"), blank=True)
    helpdesk_reach_nl = models.TextField(_("how to reach it (NL)"), blank=True)
    helpdesk_email = models.EmailField(_("helpdesk e-mail"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bassin site")
        verbose_name_plural = _("bassin sites")
        ordering = ["bassin"]

    def __str__(self):
        return self.get_bassin_display()


class TeamMember(models.Model):
    bassin = bassin_field()
    name = models.CharField(_("name"), max_length=200)
    role_fr = models.CharField(_("role (FR)"), max_length=200)
    role_nl = models.CharField(_("role (NL)"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("coordination team member")
        verbose_name_plural = _("coordination team")
        ordering = ["bassin", "order", "name"]

    def __str__(self):
        return f"{self.name} ({self.bassin})"

    def role(self, lang: str) -> str:
        return self.role_nl if lang == "nl" else self.role_fr


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class PublishedQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: published, and not dated in the future."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


class Content(models.Model):
    """What pages and news share: FR and NL versions, rich text, an image with its alt text."""

    bassin = bassin_field()
    title_fr = models.CharField(_("title (FR)"), max_length=200, blank=True)
    title_nl = models.CharField(_("title (NL)"), max_length=200, blank=True)
    body_fr = models.TextField(_("text (FR)"), blank=True)
    body_nl = models.TextField(_("text (NL)"), blank=True)
    image = models.ImageField(_("image"), upload_to="sites/%Y/", blank=True)
    image_alt_fr = models.CharField(_("image description (FR)"), max_length=300, blank=True)
    image_alt_nl = models.CharField(_("image description (NL)"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("publication date"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        errors = {}
        if not (self.title_fr or self.title_nl):
            errors["title_fr"] = _("Give a title, in French or Dutch.")
        if self.status == Status.PUBLISHED:
            for lang in ("fr", "nl"):
                if not getattr(self, f"title_{lang}"):
                    errors[f"title_{lang}"] = _(
                        "A published item needs its title in both languages."
                    )
                if not richtext.plain_text(getattr(self, f"body_{lang}")):
                    errors[f"body_{lang}"] = _("A published item needs its text in both languages.")
        if self.image:
            for lang in ("fr", "nl"):
                if not getattr(self, f"image_alt_{lang}").strip():
                    errors[f"image_alt_{lang}"] = _(
                        "Describe the image for readers who cannot see it (both languages)."
                    )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.body_fr = richtext.clean(self.body_fr)
        self.body_nl = richtext.clean(self.body_nl)
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()

    def title(self, lang: str) -> str:
        first, other = ("nl", "fr") if lang == "nl" else ("fr", "nl")
        return getattr(self, f"title_{first}") or getattr(self, f"title_{other}")

    def version_language(self, lang: str) -> str:
        """The language the reader gets: theirs when written, else the other one."""
        first, other = ("nl", "fr") if lang == "nl" else ("fr", "nl")
        return first if getattr(self, f"body_{first}") or getattr(self, f"title_{first}") else other

    def body(self, lang: str) -> str:
        return getattr(self, f"body_{self.version_language(lang)}")

    def image_alt(self, lang: str) -> str:
        return getattr(self, f"image_alt_{self.version_language(lang)}")

    def __str__(self):
        return f"{self.bassin} · {self.title('fr')}"


class Page(Content):
    slug = models.SlugField(_("URL slug"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order in the menu"), default=0)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["bassin", "order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["bassin", "slug"], name="one_page_slug_per_bassin")
        ]


class News(Content):
    summary_fr = models.CharField(_("summary (FR)"), max_length=300, blank=True)
    summary_nl = models.CharField(_("summary (NL)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-id"]

    def summary(self, lang: str) -> str:
        written = getattr(self, f"summary_{self.version_language(lang)}")
        return written or richtext.plain_text(self.body(lang))[:280]
