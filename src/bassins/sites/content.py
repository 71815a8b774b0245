"""The editable content of a bassin's site, read for the public pages: the helpdesk line (edited, or
the territory data's published number), the coordination team, the published pages and news."""

from __future__ import annotations

from bassins.sites.models import BassinSite, News, Page, TeamMember


def helpdesk_line(code: str, lang: str, territory_phone: str = "") -> dict:
    """The helpdesk line of bassin `code` in `lang`: phone (its tel: form too), hours, purpose, how
    to reach it, e-mail; the phone of the territory data when the team has not set one."""
    site = BassinSite.objects.filter(bassin=code).first()
    suffix = "nl" if lang == "nl" else "fr"

    def text(name: str) -> str:
        if site is None:
            return ""
        return getattr(site, f"{name}_{suffix}") or getattr(
            site, f"{name}_{'fr' if suffix == 'nl' else 'nl'}"
        )

    phone = (site.helpdesk_phone if site else "") or territory_phone or ""
    return {
        "phone": phone,
        "tel": "".join(ch for ch in phone if ch.isdigit() or ch == "+"),
        "hours": text("helpdesk_hours"),
        "purpose": text("helpdesk_purpose"),
        "reach": text("helpdesk_reach"),
        "email": site.helpdesk_email if site else "",
        "edited": site is not None,
    }


def team(code: str, lang: str) -> list[dict]:
    """The coordination team of bassin `code`, in the team's order."""
    return [
        {"name": m.name, "role": m.role(lang), "email": m.email, "phone": m.phone}
        for m in TeamMember.objects.filter(bassin=code)
    ]


def news(code: str, limit: int | None = None):
    """The published news of bassin `code`, newest first."""
    queryset = News.objects.published().filter(bassin=code)
    return queryset[:limit] if limit else queryset


def pages(code: str):
    """The published pages of bassin `code`, in menu order."""
    return Page.objects.published().filter(bassin=code)
