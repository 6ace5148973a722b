"""Recruitment agreements: the job guarantee's terms, editing, progress and the overview."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from jobbro.companies import services
from jobbro.companies.models import AllianceCommitment, RecruitmentAgreement
from jobbro.joborders import agreement_progress as progress
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import Role
from tests.factories import (
    AllianceCommitmentFactory,
    CompanyFactory,
    JobOrderFactory,
    OccupationFactory,
    PlacementFactory,
    ReferralFactory,
    staff,
    valid_cvrs,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)


def _agreement(company, consultant, **fields):
    values = {
        "start_date": dt.date(2026, 1, 1),
        "end_date": dt.date(2026, 12, 31),
        "expected_hires": 4,
    }
    return services.agreement_create(actor=consultant, company=company, **{**values, **fields})


def _order(company, job_centre, occupation, created: dt.date, positions: int = 2) -> JobOrder:
    order = JobOrderFactory(
        company=company, job_centre=job_centre, occupation=occupation, positions=positions
    )
    JobOrder.objects.filter(pk=order.pk).update(
        created_at=timezone.make_aware(dt.datetime.combine(created, dt.time(10)))
    )
    return order


def _hire(order: JobOrder, start: dt.date) -> None:
    referral = ReferralFactory(job_order=order)
    PlacementFactory(
        referral=referral,
        start_date=start,
        hours_per_week=37,
        recorded_by=referral.proposed_by,
        created_at=timezone.now(),
    )


def test_a_job_guarantee_needs_its_terms(company, consultant) -> None:
    with pytest.raises(ValidationError) as refused:
        _agreement(company, consultant, job_guarantee=True)
    assert "guarantee_terms" in refused.value.message_dict

    agreement = _agreement(company, consultant, guarantee_terms="overflødigt")
    assert agreement.guarantee_terms == ""  # no guarantee, no terms


def test_the_database_refuses_a_guarantee_without_terms(company, consultant, job_centre) -> None:
    with pytest.raises(IntegrityError):
        # Straight to the database, no factory: the refusal of the row is the test.
        RecruitmentAgreement.objects.create(
            company=company,
            job_centre=job_centre,
            signed_by=consultant,
            start_date=TODAY,
            end_date=TODAY,
            job_guarantee=True,
        )


def test_progress_counts_orders_positions_and_hires_in_period_and_occupations(
    company, consultant, job_centre
) -> None:
    carpenter = OccupationFactory(label_da="tømrer")
    mason = OccupationFactory(label_da="murer")
    named = _agreement(company, consultant, occupations=[carpenter])
    every = _agreement(company, consultant, expected_hires=0)
    in_period = _order(company, job_centre, carpenter, dt.date(2026, 2, 1), positions=3)
    _hire(in_period, dt.date(2026, 3, 1))
    _hire(in_period, dt.date(2027, 2, 1))  # after the period
    masons = _order(company, job_centre, mason, dt.date(2026, 2, 1))
    _hire(masons, dt.date(2026, 2, 15))
    _order(company, job_centre, carpenter, dt.date(2025, 6, 1))  # before the period
    _order(
        CompanyFactory(cooperation=company.cooperation, cvr=valid_cvrs(1, 3_000_000)[0]),
        job_centre,
        carpenter,
        dt.date(2026, 2, 1),
    )

    rows = {row.agreement.pk: row for row in progress.progress_of([named, every])}

    assert (rows[named.pk].job_orders, rows[named.pk].positions, rows[named.pk].hires) == (1, 3, 1)
    assert rows[named.pk].percent == 25
    assert not rows[named.pk].reached
    assert (rows[every.pk].job_orders, rows[every.pk].positions, rows[every.pk].hires) == (2, 5, 2)
    # Zero expected hires is no target, not one reached.
    assert not rows[every.pk].has_target
    assert not rows[every.pk].reached


def test_progress_of_a_page_costs_three_queries(
    company, consultant, job_centre, django_assert_num_queries
) -> None:
    for _ in range(5):
        _agreement(company, consultant)
    agreements = RecruitmentAgreement.objects.prefetch_related("occupations")

    with django_assert_num_queries(4):  # agreements + occupations, orders, placements
        progress.progress_of(agreements)


def test_edit_agreement(company, consultant, client_for) -> None:
    agreement = _agreement(company, consultant)
    carpenter = OccupationFactory()

    response = client_for(consultant).post(
        reverse("companies:agreement_edit", args=[agreement.pk]),
        {
            "start_date": "2026-01-01",
            "end_date": "2027-06-30",
            "occupations": [carpenter.pk],
            "expected_hires": "6",
            "job_guarantee": "on",
            "guarantee_terms": "Svendebrev efter forløbet",
        },
    )

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.expected_hires, agreement.end_date) == (6, dt.date(2027, 6, 30))
    assert agreement.updated_by == consultant
    assert list(agreement.occupations.all()) == [carpenter]


def test_only_the_signing_centre_edits(company, consultant, other_job_centre, client_for):
    agreement = _agreement(company, consultant)
    stranger = staff(Role.BUSINESS_CONSULTANT, other_job_centre)

    assert (
        client_for(stranger)
        .get(reverse("companies:agreement_edit", args=[agreement.pk]))
        .status_code
        == 403
    )


def test_overview_shows_running_agreements_with_progress_by_job_centre(
    company, consultant, job_centre, other_job_centre, client_for
) -> None:
    today = timezone.localdate()
    running = _agreement(
        company,
        consultant,
        start_date=today - dt.timedelta(days=10),
        end_date=today + dt.timedelta(days=100),
    )
    _agreement(company, consultant, start_date=dt.date(2020, 1, 1), end_date=dt.date(2020, 12, 31))
    manager = staff(Role.MANAGER, job_centre)
    client = client_for(manager)

    page = client.get(reverse("companies:agreements")).content.decode()
    other = client.get(
        reverse("companies:agreements"), {"job_centre": other_job_centre.pk}, HTTP_HX_REQUEST="true"
    ).content.decode()

    assert page.count('data-testid="agreement-row"') == 1
    assert f'id="progress-{running.pk}"' in page
    assert "<progress" in page
    assert 'data-testid="agreement-row"' not in other
    assert "<html" not in other


def test_agreement_form_uses_the_taxonomy_picker(company, consultant, client_for) -> None:
    html = (
        client_for(consultant)
        .get(reverse("companies:agreement_create", args=[company.pk]))
        .content.decode()
    )

    assert 'data-testid="picker-occupations"' in html


# Alliance commitments.


def test_commitments_mark_the_company_and_filter_the_list(
    company, consultant, job_centre, client_for
) -> None:
    other = CompanyFactory(
        cooperation=company.cooperation, cvr=valid_cvrs(1, 3_000_000)[0], name="Uden Alliance"
    )
    client = client_for(consultant)

    response = client.post(
        reverse("companies:commitment_create", args=[company.pk]),
        {
            "alliance": "  Byggeriets   Joballiance ",
            "commitment": "To lærlinge om året",
            "start_date": str(timezone.localdate()),
        },
    )
    AllianceCommitmentFactory(
        company=other,
        alliance="Gammel Alliance",
        commitment="Udløbet",
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2020, 12, 31),
        recorded_by=consultant,
    )

    assert response.status_code == 302
    mark = AllianceCommitment.objects.get(company=company)
    assert (mark.alliance, mark.recorded_by) == ("Byggeriets Joballiance", consultant)
    listing = client.get(reverse("companies:list")).content.decode()
    assert listing.count('data-testid="alliance-mark"') == 1
    assert "Gammel Alliance" not in listing  # ended: no mark, no filter choice
    filtered = client.get(reverse("companies:list"), {"alliance": "Byggeriets Joballiance"})
    assert company.name in filtered.content.decode()
    assert "Uden Alliance" not in filtered.content.decode()
    page = client.get(reverse("companies:detail", args=[company.pk])).content.decode()
    assert 'data-testid="alliance-mark"' in page


def test_ambassador_filter(company, consultant, client_for) -> None:
    company.is_ambassador = True
    company.save()
    CompanyFactory(
        cooperation=company.cooperation, cvr=valid_cvrs(1, 3_000_000)[0], name="Almindelig"
    )

    html = client_for(consultant).get(reverse("companies:list"), {"ambassadors": "on"}).content
    html = html.decode()

    assert company.name in html
    assert "Almindelig" not in html


def test_commitment_end_before_start_is_refused(company, consultant) -> None:
    with pytest.raises(ValidationError):
        services.alliance_commitment_create(
            actor=consultant,
            company=company,
            alliance="X",
            commitment="Y",
            start_date=dt.date(2026, 2, 1),
            end_date=dt.date(2026, 1, 1),
        )
    assert not AllianceCommitment.objects.exists()


def test_the_edit_link_shows_only_on_agreements_the_user_may_edit(
    company, consultant, other_job_centre, client_for
) -> None:
    own = _agreement(company, consultant)
    gladsaxe_consultant = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    theirs = _agreement(company, gladsaxe_consultant)

    page = client_for(consultant).get(reverse("companies:detail", args=[company.pk]))

    html = page.content.decode()
    assert reverse("companies:agreement_edit", args=[own.pk]) in html
    assert reverse("companies:agreement_edit", args=[theirs.pk]) not in html


def test_an_agreement_without_a_target_says_so(company, consultant, client_for) -> None:
    _agreement(company, consultant, expected_hires=0)

    html = client_for(consultant).get(reverse("companies:detail", args=[company.pk])).content
    assert "0 ansættelser, intet mål" in html.decode()
    assert "badge-success" not in html.decode()


# Ending an alliance commitment.


def _commitment(company, consultant) -> AllianceCommitment:
    return services.alliance_commitment_create(
        actor=consultant,
        company=company,
        alliance="Byggeriets Joballiance",
        commitment="To lærlinge om året",
        start_date=timezone.localdate() - dt.timedelta(days=100),
    )


def test_ending_a_commitment_says_who_and_when(company, consultant, client_for) -> None:
    mark = _commitment(company, consultant)
    url = reverse("companies:commitment_end", args=[mark.pk])
    assert (
        url
        in client_for(consultant)
        .get(reverse("companies:detail", args=[company.pk]))
        .content.decode()
    )

    response = client_for(consultant).post(url, {"end_date": timezone.localdate().isoformat()})

    assert response.status_code == 302
    mark.refresh_from_db()
    assert (mark.end_date, mark.ended_by) == (timezone.localdate(), consultant)
    assert mark.ended_at is not None
    with pytest.raises(ValidationError):
        services.alliance_commitment_end(
            actor=consultant, commitment=mark, end_date=timezone.localdate()
        )


def test_only_those_who_manage_the_company_end_its_commitments(
    company, consultant, other_job_centre, client_for
) -> None:
    mark = _commitment(company, consultant)
    gladsaxe_consultant = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    url = reverse("companies:commitment_end", args=[mark.pk])

    assert client_for(gladsaxe_consultant).post(url, {"end_date": "2026-01-01"}).status_code == 403
    with pytest.raises(ValidationError):
        services.alliance_commitment_end(
            actor=gladsaxe_consultant, commitment=mark, end_date=timezone.localdate()
        )
    page = client_for(gladsaxe_consultant).get(reverse("companies:detail", args=[company.pk]))
    assert url not in page.content.decode()


def test_a_commitment_cannot_end_before_it_starts(company, consultant) -> None:
    mark = _commitment(company, consultant)

    with pytest.raises(ValidationError):
        services.alliance_commitment_end(
            actor=consultant, commitment=mark, end_date=mark.start_date - dt.timedelta(days=1)
        )
    mark.refresh_from_db()
    assert mark.ended_at is None
    with pytest.raises(IntegrityError):
        AllianceCommitment.objects.filter(pk=mark.pk).update(ended_at=timezone.now())


def test_an_end_date_can_only_shorten_a_commitment(company, consultant, client_for) -> None:
    today = timezone.localdate()
    mark = _commitment(company, consultant)
    AllianceCommitment.objects.filter(pk=mark.pk).update(end_date=today + dt.timedelta(days=30))

    with pytest.raises(ValidationError) as refused:
        services.alliance_commitment_end(
            actor=consultant, commitment=mark, end_date=today + dt.timedelta(days=31)
        )
    assert refused.value.error_dict["end_date"][0].code == "later_end"
    url = reverse("companies:commitment_end", args=[mark.pk])
    form = client_for(consultant).get(url).content.decode()
    assert f'max="{(today + dt.timedelta(days=30)).isoformat()}"' in form

    services.alliance_commitment_end(actor=consultant, commitment=mark, end_date=today)
    mark.refresh_from_db()
    assert mark.end_date == today


def test_a_commitment_that_has_run_out_cannot_be_ended_or_revived(
    company, consultant, client_for
) -> None:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    mark = _commitment(company, consultant)
    AllianceCommitment.objects.filter(pk=mark.pk).update(end_date=yesterday)
    url = reverse("companies:commitment_end", args=[mark.pk])

    with pytest.raises(ValidationError) as refused:
        services.alliance_commitment_end(
            actor=consultant, commitment=mark, end_date=timezone.localdate()
        )
    assert refused.value.code == "ended"
    assert client_for(consultant).get(url).status_code == 404
    response = client_for(consultant).post(url, {"end_date": timezone.localdate().isoformat()})
    assert response.status_code == 404
    mark.refresh_from_db()
    assert (mark.end_date, mark.ended_at) == (yesterday, None)


def test_the_danish_hire_count_has_both_forms() -> None:
    text = "%(counter)s hire, no target"
    plural = "%(counter)s hires, no target"
    with translation.override("da"):
        assert ngettext(text, plural, 1) % {"counter": 1} == "1 ansættelse, intet mål"
        assert ngettext(text, plural, 3) % {"counter": 3} == "3 ansættelser, intet mål"
