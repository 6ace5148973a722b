"""The items behind a count: the job orders, referrals, hires, company contacts, agreements
or inquiries a KPI's figure counts, for the same period and filters (and, from a split, one
group), as rows for the drill-down page and its exports.

The items are the KPI's own rows: its source's `rows` (selectors and sources decide what
counts), narrowed as the KPI's aggregate narrows them, so the list and the figure cannot
drift apart (tests/kpis/test_drilldown.py holds every drillable KPI to it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobbro.companies.models import Company, InteractionKind
from jobbro.joborders.models import JobOrder, Placement, Referral
from jobbro.organisations.models import Cooperation

from .periods import Period
from .selectors import (
    KEY,
    KPIS,
    AgreementKpi,
    Context,
    agreement_groups,
    applies,
)
from .sources import YOUTH, Dimension, Filters


class Items(StrEnum):
    """What a drillable KPI counts."""

    JOB_ORDERS = "job_orders"
    REFERRALS = "referrals"
    HIRES = "hires"
    CONTACTS = "contacts"
    COMPANIES = "companies"
    AGREEMENTS = "agreements"
    INQUIRIES = "inquiries"


# The count KPIs and what each counts; `positions` lists the job orders and sums them.
DRILLABLE: dict[str, Items] = {
    "job_orders": Items.JOB_ORDERS,
    "positions": Items.JOB_ORDERS,
    "referrals": Items.REFERRALS,
    "hires": Items.HIRES,
    "visits": Items.CONTACTS,
    "contacts": Items.CONTACTS,
    "companies_contacted": Items.COMPANIES,
    "agreements_new": Items.AGREEMENTS,
    "agreements_running": Items.AGREEMENTS,
    "inquiries": Items.INQUIRIES,
}
ITEM_LABELS: dict[Items, Promise] = {
    Items.JOB_ORDERS: gettext_lazy("Job orders"),
    Items.REFERRALS: gettext_lazy("Referrals"),
    Items.HIRES: gettext_lazy("Hires"),
    Items.CONTACTS: gettext_lazy("Company contacts"),
    Items.COMPANIES: gettext_lazy("Companies"),
    Items.AGREEMENTS: gettext_lazy("Recruitment agreements"),
    Items.INQUIRIES: gettext_lazy("Inquiries"),
}


@dataclass(frozen=True)
class Group:
    """One group of a split: a job centre, industry, occupation or project id (None: the
    secretariat, no project, …) or a target-group code (None: no target group)."""

    dimension: Dimension
    key: int | str | None


def items(
    key: str,
    cooperation: Cooperation,
    period: Period,
    filters: Filters | None = None,
    group: Group | None = None,
    *,
    now: dt.datetime | None = None,
) -> list[Any] | None:
    """The items the KPI's figure counts, newest first; None when the KPI is not a count or
    has no figure for these filters (and group)."""
    if key not in DRILLABLE:
        return None
    kpi = KPIS[key]
    chosen = filters or Filters()
    if not applies(kpi, chosen, group.dimension if group else None):
        return None
    ctx = Context(cooperation, period, chosen, now or timezone.now())
    if isinstance(kpi, AgreementKpi):
        running = [p.agreement for p in kpi.running(ctx)]
        if group is not None:
            running = [a for a in running if group.key in agreement_groups(a, group.dimension)]
        return sorted(running, key=lambda a: (a.start_date, a.pk), reverse=True)
    source = kpi.source
    rows: QuerySet[Any] = source.rows(cooperation, period, chosen)
    if group is not None:
        rows = _in_group(rows, source, group)
    if key == "visits":  # the one count narrowed by its aggregate
        rows = rows.filter(kind=InteractionKind.VISIT)
    if DRILLABLE[key] is Items.COMPANIES:
        return list(Company.objects.filter(pk__in=rows.values("company")).order_by("name", "pk"))
    return list(_related(rows, DRILLABLE[key]).order_by(f"-{source.date}", "-pk"))


def _in_group(rows: QuerySet[Any], source: Any, group: Group) -> QuerySet[Any]:
    """The rows the split's grouped query puts in this group (youth: by age on the day)."""
    if group.dimension is Dimension.TARGET_GROUP and group.key == YOUTH:
        return rows.filter(source.youth())
    keyed = rows.annotate(**{KEY: source.key(group.dimension)})
    if group.key is None:
        return keyed.filter(**{f"{KEY}__isnull": True})
    return keyed.filter(**{KEY: group.key})


def _related(rows: QuerySet[Any], kind: Items) -> QuerySet[Any]:
    match kind:
        case Items.JOB_ORDERS:
            return rows.select_related("company", "job_centre")
        case Items.REFERRALS:
            return rows.select_related(
                "job_order__company", "job_order__job_centre", "candidate__job_centre"
            )
        case Items.HIRES:
            return rows.select_related(
                "referral__job_order__company",
                "referral__job_order__job_centre",
                "referral__candidate__job_centre",
            )
        case Items.CONTACTS | Items.INQUIRIES:
            return rows.select_related(
                "company", "job_centre" if kind is Items.CONTACTS else "routed_to"
            )
    return rows


def total(key: str, found: list[Any]) -> int:
    """What the figure is of these items: their number (positions: their sum)."""
    if key == "positions":
        return sum(order.positions for order in found)
    return len(found)


def candidate_ids(found: list[Any]) -> list[int]:
    """The candidates behind the items (referrals and hires), to name or not."""
    ids = []
    for item in found:
        if isinstance(item, Referral):
            ids.append(item.candidate_id)
        elif isinstance(item, Placement):
            ids.append(item.referral.candidate_id)
    return ids


# --- the items as a table, for the page and the exports ------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""
    numeric: bool = False


@dataclass(frozen=True)
class Listing:
    columns: list[str]
    rows: list[list[Cell]]


def listing(key: str, found: list[Any], named: set[int]) -> Listing:
    """The items as rows of linked cells, in the current language; a candidate is named only
    when in `named` (the user may read them), else "A candidate at <job centre>"."""
    match DRILLABLE[key]:
        case Items.JOB_ORDERS:
            return Listing(
                [_("Received"), _("Job order"), _("Company"), _("Job centre"), _("Positions")],
                [
                    [
                        Cell(_datetime(o.created_at)),
                        _order(o),
                        _company(o.company),
                        Cell(_centre(o)),
                        Cell(str(o.positions), numeric=True),
                    ]
                    for o in found
                ],
            )
        case Items.REFERRALS:
            return Listing(
                [_("Proposed"), _("Job order"), _("Company"), _("Candidate"), _("State")],
                [
                    [
                        Cell(_datetime(r.created_at)),
                        _order(r.job_order),
                        _company(r.job_order.company),
                        _candidate(r, named),
                        Cell(str(r.get_state_display())),
                    ]
                    for r in found
                ],
            )
        case Items.HIRES:
            return Listing(
                [_("First working day"), _("Job order"), _("Company"), _("Candidate")],
                [
                    [
                        Cell(formats.date_format(p.start_date, "SHORT_DATE_FORMAT")),
                        _order(p.referral.job_order),
                        _company(p.referral.job_order.company),
                        _candidate(p.referral, named),
                    ]
                    for p in found
                ],
            )
        case Items.CONTACTS:
            return Listing(
                [_("When"), _("Company"), _("Kind of contact"), _("Job centre")],
                [
                    [
                        Cell(_datetime(i.occurred_at)),
                        _company(i.company),
                        Cell(str(i.get_kind_display())),
                        Cell(_centre(i)),
                    ]
                    for i in found
                ],
            )
        case Items.COMPANIES:
            return Listing([_("Company")], [[_company(c)] for c in found])
        case Items.AGREEMENTS:
            return Listing(
                [_("Company"), _("From"), _("To"), _("Job centre"), _("Expected hires")],
                [
                    [
                        _company(a.company),
                        Cell(formats.date_format(a.start_date, "SHORT_DATE_FORMAT")),
                        Cell(formats.date_format(a.end_date, "SHORT_DATE_FORMAT")),
                        Cell(_centre(a)),
                        Cell(str(a.expected_hires), numeric=True),
                    ]
                    for a in found
                ],
            )
    return Listing(
        [_("Received"), _("Reference number"), _("Company"), _("Routed to")],
        [
            [
                Cell(_datetime(i.received_at)),
                Cell(i.reference, reverse("intake:detail", args=[i.pk])),
                Cell(i.company_name),
                Cell(_("The secretariat") if i.at_secretariat else str(i.routed_to or "–")),
            ]
            for i in found
        ],
    )


def _datetime(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _order(job_order: JobOrder) -> Cell:
    return Cell(job_order.title, reverse("joborders:detail", args=[job_order.pk]))


def _company(company: Company | None) -> Cell:
    if company is None:
        return Cell("–")
    return Cell(company.name, reverse("companies:detail", args=[company.pk]))


def _centre(row: Model) -> str:
    """The job centre a row belongs to, or the secretariat."""
    if getattr(row, "by_secretariat", False):
        return _("The secretariat")
    centre = getattr(row, "job_centre", None)
    return str(centre) if centre else "–"


def _candidate(referral: Referral, named: set[int]) -> Cell:
    candidate = referral.candidate
    if candidate.pk in named:
        return Cell(candidate.full_name, reverse("candidates:detail", args=[candidate.pk]))
    return Cell(_("A candidate at %(centre)s") % {"centre": candidate.job_centre})
