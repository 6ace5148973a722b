"""Job postings: who publishes, what the public sees (and never sees), the feed, 410 for a
posting no longer open, and the JSON-LD against the schema.org vocabulary."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobbro.joborders import postings, services
from jobbro.joborders.models import JobOrder, JobOrderKind, JobOrderStatus
from jobbro.organisations.models import Role
from tests.factories import (
    ContactPersonFactory,
    JobOrderFactory,
    PlacementFactory,
    ReferralFactory,
    staff,
)
from tests.html_forms import form_data, form_index

from .conftest import future, make_candidate
from .schemaorg_check import (
    GOOGLE_EMPLOYMENT_TYPES,
    GOOGLE_RECOMMENDED,
    GOOGLE_REQUIRED,
    errors_in,
    properties_of,
    vocabulary,
)

pytestmark = pytest.mark.django_db

DESCRIPTION = "Vi søger en tømrer til forskalling på metrobyggeriet.\n\nGod løn og gode kolleger."


def publish(job_order: JobOrder, actor: Any, **fields: Any) -> JobOrder:
    return services.job_order_update(
        actor=actor,
        job_order=job_order,
        published=True,
        public_description=fields.pop("public_description", DESCRIPTION),
        **fields,
    )


@pytest.fixture
def published(job_order: JobOrder, consultant: Any) -> JobOrder:
    job_order.company.website = "https://byg.example.dk"
    job_order.company.save()
    job_order.job_centre.email = "job@herlev.dk"
    job_order.job_centre.phone = "44520000"
    job_order.job_centre.save()
    return publish(
        job_order,
        consultant,
        how_to_apply="Send din ansøgning til jobcentret, mærket »Tømrer«.",
        salary_min=Decimal("210"),
        salary_max=Decimal("245.50"),
        salary_unit="HOUR",
    )


def _json_ld(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, "no JSON-LD on the page"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


# --- publishing ------------------------------------------------------------------------------


def test_publishing_gives_an_unguessable_key_and_a_date(
    published: JobOrder, consultant: Any
) -> None:
    assert published.published
    assert published.published_at is not None
    assert published.posting_key and len(published.posting_key) >= 20
    # Random, not counted: the next order's key shares no prefix with it.
    other = publish(
        JobOrderFactory(company=published.company, job_centre=published.job_centre), consultant
    )
    assert other.posting_key[:8] != published.posting_key[:8]


def test_the_key_stays_when_published_again(published: JobOrder, consultant: Any) -> None:
    key = published.posting_key
    services.job_order_update(actor=consultant, job_order=published, published=False)
    publish(published, consultant)
    published.refresh_from_db()
    assert published.posting_key == key


def test_publishing_from_the_edit_page(job_order: JobOrder, consultant: Any, client_for) -> None:
    client = client_for(consultant)
    url = reverse("joborders:edit", args=[job_order.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="publication"' in page
    data = form_data(page, form_index(page, url))
    data.update(
        published=["on"],
        public_description=[DESCRIPTION],
        salary_min=["32000"],
        salary_max=["36000"],
        salary_unit=["MONTH"],
    )
    assert client.post(url, data).status_code == 302
    job_order.refresh_from_db()
    assert job_order.published and job_order.salary_max == 36000
    # Saved again unchanged: the publication and its key stay as they were.
    key, posted = job_order.posting_key, job_order.published_at
    page = client.get(url).content.decode()
    assert client.post(url, form_data(page, form_index(page, url))).status_code == 302
    job_order.refresh_from_db()
    assert (job_order.published, job_order.posting_key, job_order.published_at) == (
        True,
        key,
        posted,
    )
    assert job_order.salary_min == 32000 and job_order.salary_unit == "MONTH"


def test_publishing_needs_a_description_for_the_public(
    job_order: JobOrder, consultant: Any, client_for
) -> None:
    client = client_for(consultant)
    url = reverse("joborders:edit", args=[job_order.pk])
    page = client.get(url).content.decode()
    data = form_data(page, form_index(page, url))
    data.update(published=["on"], public_description=[""])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Skriv en beskrivelse til opslaget" in response.content.decode()
    job_order.refresh_from_db()
    assert not job_order.published and job_order.posting_key is None


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Kontakt Mette Hansen, CPR 150385-1233, for at høre mere.", "et CPR-nummer"),
        ("Spørgsmål: ring til 1503851233.", "et CPR-nummer"),
        ("Skriv til lone.berg@byg.dk om jobbet.", "kontaktoplysningerne for Lone Berg"),
        ("Ring til Lone Berg.", "kontaktoplysningerne for Lone Berg"),
        ("Ring på 20 30 40 50 mellem 8 og 16.", "kontaktoplysningerne for Lone Berg"),
        ("Send ansøgningen til job@byg.dk; løn 32.000-36.000 kr.", ""),
        ("Varenummer 9999999999 i lageret.", ""),  # ten digits, but no date
    ],
)
def test_nothing_personal_can_be_published(
    job_order: JobOrder, consultant: Any, client_for, text: str, refused: str
) -> None:
    ContactPersonFactory(
        company=job_order.company, name="Lone Berg", email="lone.berg@byg.dk", phone="20304050"
    )
    client = client_for(consultant)
    url = reverse("joborders:edit", args=[job_order.pk])
    page = client.get(url).content.decode()
    data = form_data(page, form_index(page, url))
    data.update(published=["on"], public_description=[DESCRIPTION], how_to_apply=[text])
    response = client.post(url, data)
    job_order.refresh_from_db()
    if refused:
        assert response.status_code == 200
        page = response.content.decode()
        assert "Intet personligt bliver offentliggjort" in page and refused in page
        assert text in page  # what was written is kept to correct
        assert not job_order.published
    else:
        assert response.status_code == 302
        assert job_order.published


def test_a_closed_order_cannot_be_published(job_order: JobOrder, consultant: Any) -> None:
    job_order.status = JobOrderStatus.CLOSED
    job_order.save()
    with pytest.raises(ValidationError, match="Only an open job order"):
        publish(job_order, consultant)


def test_a_new_order_can_be_published_at_once(company, consultant: Any, occupation) -> None:
    job_order = services.job_order_create(
        actor=consultant,
        company=company,
        title="Stilladsarbejder",
        occupation=occupation,
        workplace_address="Herlev Ringvej 75, 2730 Herlev",
        workplace_municipality=company.municipality,
        start_date=future(30),
        deadline=future(14),
        published=True,
        public_description="Stilladsarbejde på det nye hospital.",
    )
    assert job_order.published and job_order.posting_key
    assert postings.open_postings().filter(pk=job_order.pk).exists()


# --- who may publish ---------------------------------------------------------------------------


def test_a_third_job_centre_cannot_publish_another_centres_order(
    job_order: JobOrder, other_job_centre, client_for
) -> None:
    third = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    url = reverse("joborders:edit", args=[job_order.pk])
    response = client_for(third).post(url, {"published": "on", "public_description": "x"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        publish(job_order, third)
    job_order.refresh_from_db()
    assert not job_order.published


def test_another_cooperation_does_not_see_the_order(
    job_order: JobOrder, foreign_job_centre, client_for
) -> None:
    foreign = staff(Role.BUSINESS_CONSULTANT, foreign_job_centre)
    url = reverse("joborders:edit", args=[job_order.pk])
    assert client_for(foreign).get(url).status_code == 404


@pytest.mark.parametrize("role", [Role.MANAGER, Role.JOB_CONSULTANT, Role.ONBOARDING_CONSULTANT])
def test_roles_that_do_not_edit_orders_cannot_publish(
    role: Role, job_order: JobOrder, job_centre, client_for
) -> None:
    user = staff(role, job_centre)
    url = reverse("joborders:edit", args=[job_order.pk])
    assert client_for(user).get(url).status_code == 403


# --- the salary ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "unit", "message"),
    [
        ("40000", "30000", "MONTH", "Den laveste løn kan ikke være højere end den højeste."),
        ("-5", "", "HOUR", "En løn kan ikke være negativ."),
        ("200", "", "", "Angiv både en løn og hvilken periode den gælder for."),
        ("", "", "HOUR", "Angiv både en løn og hvilken periode den gælder for."),
    ],
)
def test_a_salary_that_makes_no_sense_is_refused(
    low: str, high: str, unit: str, message: str, job_order: JobOrder, consultant, client_for
) -> None:
    client = client_for(consultant)
    url = reverse("joborders:edit", args=[job_order.pk])
    page = client.get(url).content.decode()
    data = form_data(page, form_index(page, url))
    data.update(salary_min=[low], salary_max=[high], salary_unit=[unit])
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    job_order.refresh_from_db()
    assert job_order.salary_min is None and job_order.salary_unit == ""


def test_the_database_refuses_a_salary_range_upside_down(job_order: JobOrder) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        JobOrder.objects.filter(pk=job_order.pk).update(
            salary_min=500, salary_max=100, salary_unit="HOUR"
        )


# --- the public pages ----------------------------------------------------------------------------


def test_the_posting_is_public_with_its_json_ld(published: JobOrder) -> None:
    response = Client().get(reverse("postings:detail", args=[published.posting_key]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tømrer til metrobyggeri" in html
    assert "forskalling på metrobyggeriet" in html
    data = _json_ld(html)
    assert data["@type"] == "JobPosting"
    assert data["identifier"]["value"] == published.posting_key


def test_the_list_and_the_feed_hold_open_postings(published: JobOrder) -> None:
    hidden = JobOrderFactory(company=published.company, job_centre=published.job_centre)
    listing = Client().get(reverse("postings:list")).content.decode()
    assert reverse("postings:detail", args=[published.posting_key]) in listing
    assert reverse("postings:feed") in listing  # announced to boards
    response = Client().get(reverse("postings:feed"))
    assert response["Content-Type"].startswith("application/ld+json")
    feed = response.json()
    assert feed["@type"] == "ItemList"
    assert feed["numberOfItems"] == 1
    (item,) = feed["itemListElement"]
    assert item["position"] == 1
    assert item["item"]["title"] == published.title
    assert item["url"].startswith("http") and published.posting_key in item["url"]
    assert hidden.posting_key is None and len(feed["itemListElement"]) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"status": JobOrderStatus.CLOSED},
        {"status": JobOrderStatus.CANCELLED},
        {"status": JobOrderStatus.FILLED},
        {"deadline": dt.date.today() - dt.timedelta(days=1)},
        {"published": False},
    ],
    ids=["closed", "cancelled", "filled", "past deadline", "withdrawn"],
)
def test_a_posting_no_longer_open_leaves_the_feed_and_answers_410(
    change: dict[str, Any], published: JobOrder
) -> None:
    if "deadline" in change:
        change["deadline"] = timezone.localdate() - dt.timedelta(days=1)
        change["start_date"] = timezone.localdate()
    JobOrder.objects.filter(pk=published.pk).update(**change)
    response = Client().get(reverse("postings:detail", args=[published.posting_key]))
    assert response.status_code == 410
    assert "modtager ikke længere ansøgninger" in response.content.decode()
    assert "application/ld+json" not in response.content.decode()
    assert Client().get(reverse("postings:feed")).json()["itemListElement"] == []
    assert published.title not in Client().get(reverse("postings:list")).content.decode()


def test_an_unknown_key_is_404(published: JobOrder) -> None:
    assert Client().get(reverse("postings:detail", args=["gaet-ikke-noget"])).status_code == 404


def test_an_order_never_published_has_no_page(job_order: JobOrder) -> None:
    assert job_order.posting_key is None
    assert 'data-testid="no-postings"' in Client().get(reverse("postings:list")).content.decode()
    assert Client().get(reverse("postings:feed")).json()["itemListElement"] == []


def test_danish_and_english(published: JobOrder) -> None:
    url = reverse("postings:detail", args=[published.posting_key])
    danish = Client().get(url).content.decode()
    assert "Sådan søger du" in danish and 'lang="da"' in danish
    english = Client()
    english.cookies["django_language"] = "en"
    page = english.get(url).content.decode()
    assert "How to apply" in page and 'lang="en"' in page
    listing = english.get(reverse("postings:list")).content.decode()
    assert "Open jobs" in listing


def test_the_deadline_reads_as_each_language_writes_dates(published: JobOrder) -> None:
    published.deadline = dt.date(2027, 1, 5)
    published.save(update_fields=["deadline"])
    url = reverse("postings:detail", args=[published.posting_key])
    assert "5. januar 2027" in Client().get(url).content.decode()
    english = Client()
    english.cookies["django_language"] = "en"
    page = english.get(url).content.decode()
    assert "5 January 2027" in page and "5. January" not in page


# --- nothing personal ---------------------------------------------------------------------------


def test_nothing_personal_goes_out(published: JobOrder, job_centre, consultant) -> None:
    published.tasks = "Internt: ring til Bente Hansen på 20304050"
    published.save()
    company = published.company
    company.phone, company.email = "70707070", "hr@byg.example.dk"
    company.save()
    ContactPersonFactory(company=company, name="Søren Kontaktsen", phone="51515151")
    candidate = make_candidate(job_centre, first_name="Anders", last_name="Ansatsen")
    referral = ReferralFactory(job_order=published, candidate=candidate)
    PlacementFactory(
        referral=referral,
        start_date=future(30),
        hours_per_week=37,
        recorded_by=consultant,
        created_at=timezone.now(),
    )
    page = Client().get(reverse("postings:detail", args=[published.posting_key]))
    feed = Client().get(reverse("postings:feed")).content.decode()
    for text in (page.content.decode(), feed):
        for secret in (
            "Bente",
            "20304050",
            "Søren Kontaktsen",
            "51515151",
            "70707070",
            "hr@byg.example.dk",
            "Anders",
            "Ansatsen",
            candidate.cpr_hash,
            consultant.username,
            consultant.get_full_name(),
        ):
            assert secret not in text, secret
    contact = _json_ld(page.content.decode())["applicationContact"]
    assert contact == {
        "@type": "ContactPoint",
        "contactType": "jobcenter",
        "name": job_centre.name,
        "email": "job@herlev.dk",
        "telephone": "44520000",
    }


def test_the_secretariats_order_gives_the_shared_line(published: JobOrder) -> None:
    cooperation = published.company.cooperation
    cooperation.phone = "70 20 30 40"
    cooperation.save()
    JobOrder.objects.filter(pk=published.pk).update(by_secretariat=True)
    published.refresh_from_db()
    contact = postings.job_posting(published, url="https://x")["applicationContact"]
    assert contact["name"] == cooperation.name and contact["telephone"] == "70 20 30 40"


# --- the JSON-LD against schema.org ---------------------------------------------------------------


def test_the_vocabulary_copy_is_schema_org_30() -> None:
    assert vocabulary()["release"] == "30.0"
    # Spot checks against schema.org's own pages.
    assert properties_of("JobPosting")["hiringOrganization"]["range"] == [
        "Organization",
        "Person",
    ]
    assert "name" in properties_of("JobPosting")  # from Thing


def test_the_posting_fits_the_schema_org_vocabulary(published: JobOrder) -> None:
    html = Client().get(reverse("postings:detail", args=[published.posting_key])).content
    data = _json_ld(html.decode())
    assert data["@context"] == "https://schema.org"
    assert errors_in(data) == []


def test_the_feed_fits_the_schema_org_vocabulary(published: JobOrder, consultant) -> None:
    second = JobOrderFactory(
        company=published.company,
        job_centre=published.job_centre,
        kind=JobOrderKind.INTERNSHIP,
        hours_per_week=20,
        workplace_address="Et sted uden postnummer",
    )
    publish(second, consultant)
    feed = Client().get(reverse("postings:feed")).json()
    assert feed["numberOfItems"] == 2
    assert errors_in(feed) == []


def test_the_check_finds_what_does_not_fit(published: JobOrder) -> None:
    data = postings.job_posting(published, url="https://example.dk/jobs/x/")
    data["salary"] = 5
    data["hiringOrganization"] = {"@type": "Place", "name": "x"}
    data["directApply"] = "yes"
    assert len(errors_in(data)) == 3


def test_googles_required_and_recommended_properties(published: JobOrder) -> None:
    data = postings.job_posting(published, url="https://example.dk/jobs/x/")
    for name in (*GOOGLE_REQUIRED, *GOOGLE_RECOMMENDED):
        assert data.get(name) not in (None, "", []), name
    assert set(data["employmentType"]) <= GOOGLE_EMPLOYMENT_TYPES
    assert data["hiringOrganization"]["name"] == published.company.name
    address = data["jobLocation"]["address"]
    assert address["addressCountry"] == "DK"
    assert address["postalCode"] and address["addressLocality"]
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "DKK",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 210,
            "maxValue": 245.5,
            "unitText": "HOUR",
        },
    }
    assert data["validThrough"].startswith(published.deadline.isoformat() + "T23:59:59")
    codes = {c["inCodeSet"]: c["codeValue"] for c in data["occupationalCategory"]}
    assert codes[postings.ISCO_CODE_SET] == published.occupation.isco_group.code
    assert codes[postings.ESCO_CODE_SET] == published.occupation.code
    assert data["industry"] == published.company.industry.label


def test_the_workplace_address_is_split_into_postcode_and_town(published: JobOrder) -> None:
    published.workplace_address = "Metrovej 12, 2450 København SV"
    address = postings.job_posting(published, url="https://x")["jobLocation"]["address"]
    assert (address["streetAddress"], address["postalCode"], address["addressLocality"]) == (
        "Metrovej 12",
        "2450",
        "København SV",
    )


def test_the_description_is_escaped(published: JobOrder, consultant) -> None:
    publish(published, consultant, public_description="<script>alert(1)</script> & mere")
    response = Client().get(reverse("postings:detail", args=[published.posting_key]))
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "alert(1)" in _json_ld(html)["description"]
