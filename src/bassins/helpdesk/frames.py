"""Frames of the helpdesk's cases for the statistics and the exports (Django side).

The statistics scope (`access.statistics_scope`) says which bassins; the cases are read here straight
by bassin, since an analyst sees no case but does see the (suppressed) counts of every bassin.
"""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import override as translation_override

from bassins.helpdesk import statistics
from bassins.helpdesk.models import (
    AgeBand,
    Case,
    Channel,
    OrganisationType,
    Orientation,
    Outcome,
    Profession,
    Term,
    UnmetNeed,
    UnmetReason,
)

CASE_COLUMNS = ["case_id", "bassin", "month", *statistics.CASE_DIMENSIONS[1:], "minutes"]


def case_frames(bassins) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """The cases of `bassins` (drafts left out) and the long frames of their terms and orientations."""
    cases = Case.objects.filter(bassin__in=list(bassins)).exclude(status="draft")
    rows = cases.values_list(
        "id",
        "bassin",
        "opened_on",
        "channel",
        "caller_profession",
        "caller_organisation_type",
        "age_band",
        "outcome",
        "minutes_spent",
    )
    frame = pd.DataFrame(
        [(i, b, f"{d:%Y-%m}", *rest) for i, b, d, *rest in rows], columns=CASE_COLUMNS
    )
    ids = cases.values("id")
    terms = Case.situations.through.objects.filter(case_id__in=ids)
    long = {
        "situations": pd.DataFrame(
            list(terms.values_list("case_id", "case__bassin", "term__code")),
            columns=["case_id", "bassin", "term"],
        ),
        "needs": pd.DataFrame(
            list(
                Case.needs.through.objects.filter(case_id__in=ids).values_list(
                    "case_id", "case__bassin", "term__code"
                )
            ),
            columns=["case_id", "bassin", "term"],
        ),
        "orientations": pd.DataFrame(
            list(
                Orientation.objects.filter(case_id__in=ids).values_list(
                    "case_id", "case__bassin", "category"
                )
            ),
            columns=["case_id", "bassin", "category"],
        ),
        "unmet_needs": pd.DataFrame(
            [
                (c, b, n, f"{layer}:{code}" if code else "", r)
                for c, b, n, layer, code, r in UnmetNeed.objects.filter(
                    case_id__in=ids
                ).values_list(
                    "case_id",
                    "case__bassin",
                    "need__code",
                    "territory_layer",
                    "territory_code",
                    "reason",
                )
            ],
            columns=["case_id", "bassin", "need", "territory", "reason"],
        ),
    }
    return frame, long


def categories() -> dict[str, list[str]]:
    """The fixed rows of each table (every choice shown, even at 0)."""
    codes = list(Term.objects.values_list("code", flat=True))
    return {
        "channel": list(Channel.values),
        "caller_profession": list(Profession.values),
        "caller_organisation_type": list(OrganisationType.values),
        "age_band": list(AgeBand.values),
        "outcome": list(Outcome.values),
        "situations": codes,
        "needs": codes,
        "unmet_needs": codes,
        "unmet_reasons": list(UnmetReason.values),
    }


def labels(lang: str) -> dict[str, dict[str, str]]:
    """code -> label in `lang`, per table key, for display."""
    terms = {t.code: t.label(lang) for t in Term.objects.all()}
    from django.utils import translation

    with translation.override(lang):
        choice = {
            "channel": dict(Channel.choices),
            "caller_profession": dict(Profession.choices),
            "caller_organisation_type": dict(OrganisationType.choices),
            "age_band": dict(AgeBand.choices),
            "outcome": dict(Outcome.choices),
            "unmet_reasons": dict(UnmetReason.choices),
        }
        choice = {k: {c: str(v) for c, v in d.items()} for k, d in choice.items()}
        no_category = _("no category")
    from bassins.directory.frames import category_frame

    frame = category_frame()
    column = f"label_{lang}" if f"label_{lang}" in frame.columns else "label_fr"
    orientations = {"": no_category, **dict(zip(frame["slug"], frame[column], strict=True))}
    return {
        **choice,
        "situations": terms,
        "needs": terms,
        "unmet_needs": terms,
        "unmet_by_territory": terms,
        "orientations": orientations,
    }


def statistics_tables(scope, lang: str) -> list[statistics.Table]:
    cases, long = case_frames(scope.bassins)
    return statistics.build_tables(
        cases, long, scope.bassins, suppressed=scope.suppressed, categories=categories()
    )


def export_frame(cases, lang: str, *, free_text: bool) -> pd.DataFrame:
    """One row per case for a coordinator's export: codes and dates, free text only if asked."""
    rows = []
    prefetched = (
        Case.objects.filter(id__in=[c.id for c in cases])
        .select_related("caller_partner")
        .prefetch_related(
            "situations", "needs", "orientations", "unmet_needs__need", "follow_ups", "contacts"
        )
        .order_by("bassin", "opened_on", "id")
    )
    for case in prefetched:
        row = {
            "case": str(case.uid),
            "bassin": case.bassin,
            "status": case.status,
            "opened_on": case.opened_on.isoformat(),
            "closed_on": case.closed_on.isoformat() if case.closed_on else "",
            "channel": case.channel,
            "caller_profession": case.caller_profession,
            "caller_organisation_type": case.caller_organisation_type,
            "age_band": case.age_band,
            "territory": f"{case.territory_layer}:{case.territory_code}"
            if case.territory_code
            else "",
            "situations": " ".join(t.code for t in case.situations.all()),
            "needs": " ".join(t.code for t in case.needs.all()),
            "orientations": len(case.orientations.all()),
            "orientation_categories": " ".join(
                sorted({o.category for o in case.orientations.all() if o.category})
            ),
            "unmet_needs": " ".join(f"{u.need.code}/{u.reason}" for u in case.unmet_needs.all()),
            "outcome": case.outcome,
            "minutes_spent": case.minutes_spent,
        }
        if free_text:
            row["caller_partner"] = str(case.caller_partner) if case.caller_partner_id else ""
            row["summary"] = case.summary
            row["orientations_free_text"] = " | ".join(
                o.free_text for o in case.orientations.all() if o.free_text
            )
            row["follow_ups"] = " | ".join(f.action for f in case.follow_ups.all())
            row["contacts"] = " | ".join(f"{c.with_whom}: {c.note}" for c in case.contacts.all())
        rows.append(row)
    return pd.DataFrame(rows)


def display_tables(tables: list[statistics.Table], lang: str) -> list[dict]:
    """The tables as the page shows them: row labels in `lang`, hidden cells marked."""
    names = labels(lang)
    out = []
    for table in tables:
        shown = table.published()
        rows = []
        for index, values in shown.iterrows():
            label = names.get(table.key, {}).get(str(index), str(index)) or str(index)
            rows.append(
                {
                    "label": label,
                    "total": str(index) == statistics.TOTAL,
                    "cells": [
                        {"value": v, "hidden": table.hidden.loc[index, c]}
                        for c, v in values.items()
                    ],
                }
            )
        out.append(
            {
                "key": table.key,
                "unit": table.unit,
                "columns": [str(c) for c in shown.columns],
                "rows": rows,
            }
        )
    return out


def territory_labels(lang: str) -> dict[str, str]:
    """ "layer:code" -> "code name" of the communes and Monitoring quartiers (unmet needs' places)."""
    from bassins.helpdesk import territories

    with translation_override(lang):
        unknown = _("territory not given")
    out = {statistics.UNKNOWN_TERRITORY: unknown}
    for layer in ("commune", "monitoring"):
        out.update({f"{layer}:{code}": label for code, label in territories.choices(layer, lang)})
    return out


def display_charts(tables: list[statistics.Table], lang: str, titles) -> dict[str, dict]:
    """table key -> its chart (`charts.table_chart`), words and labels in `lang`."""
    from django.utils.formats import number_format

    from bassins.helpdesk import charts

    names = labels(lang)
    places = territory_labels(lang)
    with translation_override(lang):
        words = charts.Words(
            hidden=_("hidden (%(mark)s)") % {"mark": statistics.HIDDEN},
            same_as_table=_("Same figures as the table below: "),
            total=_("total"),
        )
        out = {}
        for table in tables:
            table_names = places if table.key == "unmet_by_territory" else names.get(table.key, {})
            out[table.key] = charts.table_chart(
                table,
                table_names,
                title=str(titles.get(table.key, table.key)),
                words=words,
                fmt=lambda v: number_format(v, decimal_pos=0 if float(v).is_integer() else 1),
            )
    return out
