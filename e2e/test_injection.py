"""HTML injection: payloads stored in every free-text field render as inert text.

The payloads go straight into the database (as an import or an old bug could put them
there), then a real browser opens every page that shows them. The test fails if a dialog
opens, if the payload's script ran, or if the payload became an element in the page; and it
expects the payload shown as text. The CSP would stop inline script anyway, so the DOM
checks (no injected <img>/<script>) are what prove the escaping.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Dialog, Page

from e2e.helpers import PASSWORD
from jobbro.candidates.models import EducationLevel
from jobbro.companies.models import InteractionKind
from jobbro.joborders.models import FollowUpStep
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ContactPersonFactory,
    EducationFactory,
    ExperienceFactory,
    FollowUpFactory,
    InteractionFactory,
    JobCentreFactory,
    JobOrderFactory,
    MembershipFactory,
    OccupationFactory,
    PlacementFactory,
    ProjectFactory,
    ReferralFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCRIPT = "<script>window.__xss=1;alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror="window.__xss=2;alert(2)">'


def payload(field: str, n: int) -> str:
    return f"{field}{SCRIPT if n % 2 else ATTRIBUTE}"


def _store_payloads() -> dict[str, str]:
    """One payload in every free-text field of candidates, companies and job orders."""
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    user = staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD)
    # The candidate's pages are the job consultant's: this user holds both roles.
    MembershipFactory(user=user, job_centre=herlev, role=Role.JOB_CONSULTANT)
    fields = iter(range(1, 100))
    company = CompanyFactory(
        cooperation=herlev.cooperation,
        municipality=herlev.municipalities.get(),  # Herlev's own: its consultant edits it
        name=payload("Firma", next(fields)),
        street=payload("Gade", next(fields)),
        city=payload("By", next(fields))[:100],
        notes=payload("Noter", next(fields)),
    )
    ContactPersonFactory(
        company=company, name=payload("Kontakt", next(fields)), title=payload("Titel", next(fields))
    )
    InteractionFactory(
        company=company,
        kind=InteractionKind.VISIT
        if hasattr(InteractionKind, "VISIT")
        else InteractionKind.values[0],
        consultant=user,
        job_centre=herlev,
        summary=payload("Resume", next(fields)),
        outcome=payload("Udfald", next(fields)),
    )
    project = ProjectFactory(
        cooperation=herlev.cooperation,
        name=payload("Projekt", next(fields)),
        description=payload("Beskrivelse", next(fields)),
    )
    occupation = OccupationFactory(label_da="tømrer", label_en="carpenter")
    job_order = JobOrderFactory(
        company=company,
        job_centre=herlev,
        created_by=user,
        occupation=occupation,
        project=project,
        title=payload("Jobtitel", next(fields)),
        tasks=payload("Opgaver", next(fields)),
        workplace_address=payload("Arbejdssted", next(fields)),
    )
    candidate = CandidateFactory(
        job_centre=herlev,
        first_name=payload("Fornavn", next(fields)),
        last_name=payload("Efternavn", next(fields)),
        street=payload("Vej", next(fields)),
    )
    cv = candidate.cv
    cv.profile_da = payload("ProfilDa", next(fields))
    cv.profile_en = payload("ProfilEn", next(fields))
    cv.save()
    ExperienceFactory(
        cv=cv,
        occupation=occupation,
        title=payload("Stilling", next(fields)),
        employer=payload("Arbejdsgiver", next(fields)),
        description=payload("Erfaring", next(fields)),
        start_date=dt.date(2015, 1, 1),
    )
    EducationFactory(
        cv=cv,
        title=payload("Uddannelse", next(fields)),
        institution=payload("Skole", next(fields)),
        level=EducationLevel.VOCATIONAL,
    )
    searchable = CandidateFactory(job_centre=herlev, first_name=payload("Søgbar", next(fields)))
    ExperienceFactory(
        cv=searchable.cv, occupation=occupation, title="Tømrer", start_date=dt.date(2016, 1, 1)
    )
    referral = ReferralFactory(
        job_order=job_order,
        candidate=candidate,
        proposed_by=user,
        motivation=payload("Begrundelse", next(fields)),
    )
    hired = CandidateFactory(job_centre=herlev, first_name=payload("Ansat", next(fields)))
    hired_referral = ReferralFactory(job_order=job_order, candidate=hired, proposed_by=user)
    placement = PlacementFactory(
        referral=hired_referral,
        start_date=timezone.localdate(),
        hours_per_week=37,
        recorded_by=user,
        created_at=timezone.now(),
    )
    follow_up = FollowUpFactory(
        placement=placement,
        step=FollowUpStep.WEEK,
        due_on=timezone.localdate(),
        note=payload("Opfølgning", next(fields)),
    )
    return {
        "home": reverse("core:home"),
        "companies": reverse("companies:list"),
        "company": reverse("companies:detail", args=[company.pk]),
        "company_edit": reverse("companies:edit", args=[company.pk]),
        "job_orders": reverse("joborders:list"),
        "job_order": reverse("joborders:detail", args=[job_order.pk]),
        "job_order_edit": reverse("joborders:edit", args=[job_order.pk]),
        "search": reverse("sharing:ranked", args=[job_order.pk]),
        "hire": reverse("joborders:hire", args=[referral.pk]),
        "candidates": reverse("candidates:list"),
        "candidate": reverse("candidates:detail", args=[candidate.pk]),
        "candidate_edit": reverse("candidates:edit", args=[candidate.pk]),
        "cv_edit": reverse("candidates:cv_edit", args=[candidate.pk]),
        "follow_ups": reverse("joborders:follow_ups") + "?show=all",
        "follow_up": reverse("joborders:follow_up", args=[follow_up.pk]),
    }


def test_payloads_render_inert(page: Page) -> None:
    urls = _store_payloads()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto("/login/")
    page.fill("#id_username", "bc")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].button-primary")
    page.wait_for_url("**/")

    for name, url in urls.items():
        response = page.goto(url)
        assert response is not None and response.ok, f"{name}: {response and response.status}"
        page.wait_for_load_state("networkidle")
        assert not dialogs, f"{name}: a dialog opened: {dialogs}"
        assert page.evaluate("() => window.__xss === undefined"), f"{name}: the payload ran"
        assert page.locator('img[src="x"]').count() == 0, f"{name}: an <img> was injected"
        injected = page.evaluate(
            "() => [...document.scripts].some(s => s.textContent.includes('__xss'))"
        )
        assert not injected, f"{name}: a <script> was injected"
        # Shown as text (in the page or in a form field), not swallowed.
        text = page.inner_text("main") if page.locator("main").count() else page.inner_text("body")
        values = page.evaluate(
            "() => [...document.querySelectorAll('input, textarea')].map(e => e.value).join(' ')"
        )
        assert "window.__xss" in text + values, f"{name}: the payload is not shown as text"
