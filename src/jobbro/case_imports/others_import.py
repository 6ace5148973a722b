"""Companies (keyed by CVR in the cooperation) and job orders (keyed by the job centre's own
job-order id, `JobOrderCaseId`) from a case system's export. Their files are small: they
are read and compared row by row, through the owning apps' services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from jobbro.companies.models import Company, Industry
from jobbro.companies.services import company_create
from jobbro.companies.validators import cvr_problem
from jobbro.joborders.models import JobOrder, JobOrderKind
from jobbro.joborders.services import job_order_create, job_order_update
from jobbro.organisations.models import JobCentre, Municipality, User
from jobbro.taxonomy.selectors import link_title

from .columns import COMPANY_COLUMNS, JOB_ORDER_COLUMNS, Column, column_lookup, header_key
from .models import JobOrderCaseId
from .reading import Table
from .report import Report
from .values import bad_date_message, parse_date


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _v(value: str) -> dict[str, str]:
    return {"value": value[:100]}


@dataclass
class OtherPlan:
    report: Report
    rows: list[tuple[int, str, Model | None, dict[str, Any]]] = field(default_factory=list)


def _headers(
    table: Table, columns: tuple[Column, ...], report: Report
) -> tuple[dict[str, str], dict[str, int]]:
    lookup = column_lookup(columns)
    headers: dict[str, str] = {}
    positions: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        column = lookup.get(header_key(header))
        if column is None:
            report.problem(0, header, _("Unknown column: %(value)s") % _v(header))
        elif column.key in headers:
            report.problem(0, header, _("The column is there twice."))
        else:
            headers[column.key] = header
            positions[column.key] = index
    for column in columns:
        if column.required and column.key not in headers:
            report.problem(
                0, column.danish, _("The column %(value)s is missing.") % _v(column.danish)
            )
    report.counts["rows"] = len(table.rows)
    return headers, positions


def _municipalities() -> dict[str, Municipality]:
    found: dict[str, Municipality] = {}
    for municipality in Municipality.objects.all():
        for name in (municipality.code, municipality.name, f"{municipality.name} kommune"):
            found[_fold(name)] = municipality
    return found


def _diff(instance: Model | None, values: dict[str, Any]) -> list[str]:
    if instance is None:
        return []
    return [
        str(getattr(instance._meta.get_field(name), "verbose_name", name))
        for name, value in values.items()
        if getattr(instance, name) != value
    ]


def plan_companies(table: Table, *, job_centre: JobCentre) -> OtherPlan:
    report = Report()
    plan = OtherPlan(report)
    headers, positions = _headers(table, COMPANY_COLUMNS, report)
    if not report.ok:
        return plan
    municipalities = _municipalities()
    industries = {i.code: i for i in Industry.objects.order_by("version")}  # DB25 wins
    existing = {c.cvr: c for c in Company.objects.filter(cooperation=job_centre.cooperation)}
    seen: dict[str, int] = {}
    for line, cells_list in table.numbered():
        cells = {key: cells_list[i] for key, i in positions.items()}

        def problem(key: str, message: str, line: int = line) -> None:
            report.problem(line, headers.get(key, key), message)

        before = len(report.issues)
        for column in COMPANY_COLUMNS:
            if column.required and not cells.get(column.key):
                problem(column.key, _("This column must be filled in."))
        cvr = cells.get("cvr", "").replace(" ", "")
        if cvr and (error := cvr_problem(cvr)) is not None:
            problem("cvr", " ".join(error.messages))
        if cvr in seen:
            problem("cvr", _("The same company as in row %(row)s.") % {"row": seen[cvr]})
        seen.setdefault(cvr, line)
        municipality = municipalities.get(_fold(cells.get("municipality", "")))
        if cells.get("municipality") and municipality is None:
            problem(
                "municipality", _("Unknown municipality: %(value)s") % _v(cells["municipality"])
            )
        industry = industries.get(cells.get("industry", "").replace(".", ""))
        if cells.get("industry") and industry is None:
            problem("industry", _("Unknown industry code: %(value)s") % _v(cells["industry"]))
        if len(report.issues) > before:
            continue
        values: dict[str, Any] = {
            key: cells[key]
            for key in (
                "name",
                "p_number",
                "street",
                "postcode",
                "city",
                "phone",
                "email",
                "website",
            )
            if key in cells
        }
        values["municipality"] = municipality
        values["industry"] = industry
        current = existing.get(cvr)
        candidate = Company(cooperation=job_centre.cooperation, cvr=cvr, **values)
        try:
            candidate.full_clean(exclude=["cooperation"], validate_unique=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                problem(name, " ".join(messages))
            continue
        _record(plan, line, cvr, current, values)
    return plan


def _record(
    plan: OtherPlan, line: int, key: str, current: Model | None, values: dict[str, Any]
) -> None:
    changed = _diff(current, values)
    if current is None:
        plan.report.change(line, key, "created", [])
    elif changed:
        plan.report.change(line, key, "updated", changed)
    else:
        plan.report.change(line, key, "unchanged", [])
    if current is None or changed:
        plan.rows.append((line, key, current, values))


def apply_companies(plan: OtherPlan, *, job_centre: JobCentre, user: User) -> None:
    for _line, cvr, current, values in plan.rows:
        if current is None:
            company_create(actor=user, cooperation=job_centre.cooperation, cvr=cvr, **values)
        else:
            for name, value in values.items():
                setattr(current, name, value)
            current.full_clean()
            current.save()


def plan_job_orders(table: Table, *, job_centre: JobCentre) -> OtherPlan:
    report = Report()
    plan = OtherPlan(report)
    headers, positions = _headers(table, JOB_ORDER_COLUMNS, report)
    if not report.ok:
        return plan
    municipalities = _municipalities()
    companies = {c.cvr: c for c in Company.objects.filter(cooperation=job_centre.cooperation)}
    mapped = {
        m.case_id: m.job_order
        for m in JobOrderCaseId.objects.filter(job_centre=job_centre).select_related("job_order")
    }
    kinds = {_fold(str(k.label)): k.value for k in JobOrderKind}
    kinds.update({_fold(k.value): k.value for k in JobOrderKind})
    kinds.update({"ordinær": "ordinary", "praktik": "internship", "løntilskud": "wage_subsidy"})
    links: dict[str, Any] = {}
    seen: dict[str, int] = {}
    for line, cells_list in table.numbered():
        cells = {key: cells_list[i] for key, i in positions.items()}

        def problem(key: str, message: str, line: int = line) -> None:
            report.problem(line, headers.get(key, key), message)

        before = len(report.issues)
        for column in JOB_ORDER_COLUMNS:
            if column.required and not cells.get(column.key):
                problem(column.key, _("This column must be filled in."))
        case_id = cells.get("case_id", "")
        if case_id in seen:
            problem("case_id", _("The same job order as in row %(row)s.") % {"row": seen[case_id]})
        seen.setdefault(case_id, line)
        company = companies.get(cells.get("cvr", "").replace(" ", ""))
        if cells.get("cvr") and company is None:
            problem(
                "cvr", _("No company with this CVR number in Jobbro: %(value)s") % _v(cells["cvr"])
            )
        title = cells.get("title", "")
        occupation_id = None
        if title:
            if _fold(title) not in links:
                links[_fold(title)] = link_title(title, "da")
            link = links[_fold(title)]
            occupation_id = link.occupation_id
            if occupation_id is None:
                offered = ", ".join(c.label for c in link.candidates[:3])
                problem(
                    "title",
                    _(
                        "The title cannot be linked to an occupation with confidence "
                        "(%(confidence)s %%, %(threshold)s %% needed); write the occupation's "
                        "name as the title. Closest: %(offered)s"
                    )
                    % {
                        "confidence": round(link.confidence * 100),
                        "threshold": 60,
                        "offered": offered or "–",
                    },
                )
        dates: dict[str, dt.date | None] = {}
        for key in ("start_date", "deadline"):
            if cells.get(key):
                dates[key] = parse_date(cells[key])
                if dates[key] is None:
                    problem(key, bad_date_message(cells[key]))
        kind = JobOrderKind.ORDINARY.value
        if cells.get("kind"):
            kind = kinds.get(_fold(cells["kind"]), "")
            if not kind:
                problem("kind", _("Unknown kind of job order: %(value)s") % _v(cells["kind"]))
        numbers: dict[str, int] = {}
        for key, default in (("positions", 1), ("hours_per_week", 37)):
            text = cells.get(key) or str(default)
            if not text.isdigit():
                problem(key, _("Write a whole number: %(value)s") % _v(text))
            else:
                numbers[key] = int(text)
        workplace = company.municipality if company is not None else None
        if cells.get("workplace_municipality"):
            workplace = municipalities.get(_fold(cells["workplace_municipality"]))
            if workplace is None:
                problem(
                    "workplace_municipality",
                    _("Unknown municipality: %(value)s") % _v(cells["workplace_municipality"]),
                )
        if len(report.issues) > before:
            continue
        values: dict[str, Any] = {
            "title": title,
            "occupation_id": occupation_id,
            "workplace_address": cells.get("workplace_address", ""),
            "workplace_municipality": workplace,
            "start_date": dates["start_date"],
            "deadline": dates["deadline"],
            "kind": kind,
            **numbers,
        }
        if "tasks" in cells:
            values["tasks"] = cells["tasks"]
        current = mapped.get(case_id)
        if current is None:
            values["company"] = company
        elif current.company_id != company.pk:  # type: ignore[union-attr]
            problem("cvr", _("The job order belongs to another company in Jobbro."))
            continue
        _record(plan, line, case_id, current, values)
    return plan


def apply_job_orders(plan: OtherPlan, *, job_centre: JobCentre, user: User) -> None:
    for _line, case_id, current, values in plan.rows:
        if current is None:
            occupation_id = values.pop("occupation_id")
            from jobbro.taxonomy.models import Occupation

            job_order = job_order_create(
                actor=user,
                occupation=Occupation.objects.get(pk=occupation_id),
                job_centre=job_centre,
                **values,
            )
            JobOrderCaseId.objects.create(
                job_centre=job_centre, case_id=case_id, job_order=job_order
            )
        else:
            assert isinstance(current, JobOrder)
            job_order_update(actor=user, job_order=current, **values)
