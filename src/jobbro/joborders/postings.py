"""Job postings: the open job orders a job centre publishes, and their schema.org JSON-LD.

The public reads only what is written for it (`public_description`, `how_to_apply`, the
salary) with the company's name and industry, the workplace and the responsible job
centre's (or the secretariat's) contact details. Nothing about candidates, contact persons
or the consultant who wrote the order goes out. docs/job-postings.md describes the feed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from jobbro.candidates.validators import cpr_birth_date
from jobbro.companies.models import Company

from .models import JobOrder, JobOrderKind, JobOrderStatus

# Google's employment types; the hours decide full or part time, some kinds add one.
FULL_TIME_HOURS = 37
KIND_EMPLOYMENT_TYPES = {
    JobOrderKind.INTERNSHIP: "INTERN",
    JobOrderKind.WAGE_SUBSIDY: "TEMPORARY",
    JobOrderKind.JOB_ROTATION: "TEMPORARY",
    JobOrderKind.APPRENTICESHIP: "OTHER",
    JobOrderKind.FLEX_JOB: "OTHER",
}
ISCO_CODE_SET = (
    "https://ilostat.ilo.org/methods/concepts-and-definitions/classification-occupation/"
)
ESCO_CODE_SET = "https://esco.ec.europa.eu/en/classification/occupation_main"
# Ten digits, with or without the dash after the birth date; not part of a longer number.
CPR_SHAPE = re.compile(r"(?<!\d)(\d{6})[- ]?(\d{4})(?!\d)")
# "Vej 1, 2750 Ballerup": the postcode and town at the end of a Danish address.
POSTCODE_TOWN = re.compile(r"^(?P<street>.*?),?\s*(?P<postcode>\d{4})\s+(?P<town>[^,\d][^,]*)$")


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def personal_data_in(text: str, company: Company) -> list[str]:
    """What in a text for the public is personal data that must not be published: a CPR
    number (ten digits whose first six are a date), or the name, e-mail address or phone
    number of one of the company's contact persons. The job centre's contact details go
    out by themselves; a company's shared address (job@firma.dk) is no one's."""
    found = []
    if any(cpr_birth_date(a + b) for a, b in CPR_SHAPE.findall(text)):
        found.append(_("a CPR number"))
    lowered, digits = text.casefold(), _digits(text)
    for contact in company.contacts.all():
        named = [
            bool(contact.name.strip()) and contact.name.strip().casefold() in lowered,
            bool(contact.email) and contact.email.casefold() in lowered,
            len(_digits(contact.phone)) >= 8 and _digits(contact.phone)[-8:] in digits,
        ]
        if any(named):
            found.append(_("the contact details of %(name)s") % {"name": contact.name})
    return found


def _postings() -> QuerySet[JobOrder]:
    return JobOrder.objects.select_related(
        "company__cooperation",
        "company__industry",
        "job_centre",
        "occupation__isco_group",
        "workplace_municipality",
    )


def open_postings(today: dt.date | None = None) -> QuerySet[JobOrder]:
    """Published job orders still open for applications, newest posting first."""
    return (
        _postings()
        .filter(
            published=True,
            status=JobOrderStatus.OPEN,
            deadline__gte=today or timezone.localdate(),
        )
        .order_by("-published_at", "-pk")
    )


def posting_by_key(key: str) -> JobOrder | None:
    """The job order once published under this key, whether or not it is still open."""
    return _postings().filter(posting_key=key, published_at__isnull=False).first()


def is_open(job_order: JobOrder, today: dt.date | None = None) -> bool:
    return (
        job_order.published
        and job_order.status == JobOrderStatus.OPEN
        and job_order.deadline >= (today or timezone.localdate())
    )


def employment_types(job_order: JobOrder) -> list[str]:
    hours = "FULL_TIME" if job_order.hours_per_week >= FULL_TIME_HOURS else "PART_TIME"
    extra = KIND_EMPLOYMENT_TYPES.get(JobOrderKind(job_order.kind))
    return [hours, extra] if extra else [hours]


def _address(job_order: JobOrder) -> dict[str, Any]:
    """The workplace as a postal address; the company's postcode and town when the
    workplace address names none."""
    company = job_order.company
    found = POSTCODE_TOWN.match(job_order.workplace_address.strip())
    if found:
        street, postcode, town = found["street"], found["postcode"], found["town"].strip()
    else:
        street, postcode, town = job_order.workplace_address, company.postcode, company.city
    return {
        "@type": "PostalAddress",
        "streetAddress": street.strip(" ,"),
        "postalCode": postcode,
        "addressLocality": town,
        "addressRegion": job_order.workplace_municipality.name,
        "addressCountry": "DK",
    }


def _contact(job_order: JobOrder) -> dict[str, Any]:
    """The job centre's contact point (the secretariat's shared line for its own orders):
    never a person's."""
    cooperation = job_order.company.cooperation
    contact: dict[str, Any] = {"@type": "ContactPoint", "contactType": "jobcenter"}
    if job_order.by_secretariat and cooperation.phone:
        contact.update(name=cooperation.name, telephone=cooperation.phone)
        return contact
    centre = job_order.job_centre
    contact["name"] = centre.name
    if centre.email:
        contact["email"] = centre.email
    if centre.phone:
        contact["telephone"] = centre.phone
    return contact


def _amount(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _salary(job_order: JobOrder) -> dict[str, Any] | None:
    if not job_order.salary_unit:
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": job_order.salary_unit}
    low, high = _amount(job_order.salary_min), _amount(job_order.salary_max)
    if low is not None and high is not None and low != high:
        value.update(minValue=low, maxValue=high)
    else:
        value["value"] = low if low is not None else high
    return {"@type": "MonetaryAmount", "currency": "DKK", "value": value}


def _description(job_order: JobOrder) -> str:
    """The public text as HTML paragraphs (escaped), how to apply after it."""
    parts = [job_order.public_description, job_order.how_to_apply]
    return "\n".join(linebreaks(part, autoescape=True) for part in parts if part.strip())


def _valid_through(deadline: dt.date) -> str:
    """The end of the deadline's day, Danish time."""
    end = dt.datetime.combine(deadline, dt.time(23, 59, 59))
    return timezone.make_aware(end).isoformat()


def job_posting(job_order: JobOrder, *, url: str) -> dict[str, Any]:
    """The order as a schema.org JobPosting with Google's required and recommended
    properties (https://developers.google.com/search/docs/appearance/structured-data/job-posting)."""
    company = job_order.company
    occupation = job_order.occupation
    organisation: dict[str, Any] = {"@type": "Organization", "name": company.name}
    if company.website:
        organisation["sameAs"] = company.website
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "url": url,
        "title": job_order.title,
        "description": _description(job_order),
        "datePosted": timezone.localdate(job_order.published_at or timezone.now()).isoformat(),
        "validThrough": _valid_through(job_order.deadline),
        "jobStartDate": job_order.start_date.isoformat(),
        "employmentType": employment_types(job_order),
        "hiringOrganization": organisation,
        "jobLocation": {"@type": "Place", "address": _address(job_order)},
        "identifier": {
            "@type": "PropertyValue",
            "name": company.cooperation.name,
            "value": job_order.posting_key,
        },
        "directApply": False,
        "applicationContact": _contact(job_order),
        "occupationalCategory": [
            {
                "@type": "CategoryCode",
                "codeValue": occupation.isco_group.code,
                "name": occupation.isco_group.label,
                "inCodeSet": ISCO_CODE_SET,
            },
            {
                "@type": "CategoryCode",
                "codeValue": occupation.code,
                "name": occupation.label,
                "url": occupation.uri,
                "inCodeSet": ESCO_CODE_SET,
            },
        ],
        "industry": company.industry.label,
        "totalJobOpenings": job_order.open_positions,
        "workHours": f"{job_order.hours_per_week} h/week",
    }
    salary = _salary(job_order)
    if salary is not None:
        posting["baseSalary"] = salary
    return posting


def item_list(
    job_orders: Iterable[JobOrder], *, url_of: Callable[[JobOrder], str], feed_url: str
) -> dict[str, Any]:
    """All the postings as one schema.org ItemList, each a ListItem holding its JobPosting."""
    items = []
    for position, job_order in enumerate(job_orders, start=1):
        posting = job_posting(job_order, url=url_of(job_order))
        posting.pop("@context")
        items.append(
            {"@type": "ListItem", "position": position, "url": posting["url"], "item": posting}
        )
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "url": feed_url,
        "numberOfItems": len(items),
        "itemListElement": items,
    }
