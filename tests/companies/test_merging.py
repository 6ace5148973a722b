"""Likely duplicates and the generic merge."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from jobbro.companies import merging
from jobbro.companies.models import (
    AllianceCommitment,
    Company,
    CompanyMerge,
    ContactPerson,
    Interaction,
    RecruitmentAgreement,
)
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import JobCentre, Membership, Role
from tests.factories import (
    AllianceCommitmentFactory,
    CompanyFactory,
    CompanyMergeFactory,
    ContactPersonFactory,
    InteractionFactory,
    JobCentreFactory,
    JobOrderFactory,
    MembershipFactory,
    MunicipalityFactory,
    RecruitmentAgreementFactory,
    SurveyInvitationFactory,
    SurveyRoundFactory,
    staff,
    valid_cvrs,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hansen Byg ApS", "HANSEN BYG A/S"),
        ("Hansen & Søn", "Hansen og Søn ApS"),
        ("Café Nord I/S", "cafe-nord"),  # accents stay: "café" is not "cafe"
    ],
)
def test_normalised_names(a, b) -> None:
    same = merging.normalised_name(a) == merging.normalised_name(b)
    assert same is (a != "Café Nord I/S")


@pytest.fixture
def pair(job_centre):
    cvrs = valid_cvrs(3)
    municipality = job_centre.municipalities.get()
    kept = CompanyFactory(
        cooperation=job_centre.cooperation,
        cvr=cvrs[0],
        name="Hansen Byg ApS",
        street="Industrivej 4",
        postcode="2730",
        municipality=municipality,
        phone="",
    )
    duplicate = CompanyFactory(
        cooperation=job_centre.cooperation,
        cvr=cvrs[1],
        name="Hansen Byg A/S",
        street="Ringvejen 9",
        postcode="2730",
        municipality=municipality,
        phone="44556677",
        is_ambassador=True,
    )
    return kept, duplicate


def test_likely_duplicates_by_name_and_by_address(job_centre, pair) -> None:
    kept, duplicate = pair
    same_place = CompanyFactory(
        cooperation=job_centre.cooperation,
        cvr=valid_cvrs(3)[2],
        name="Helt Andet Firma",
        street="industrivej  4",
        postcode="2730",
    )
    CompanyFactory(cooperation=job_centre.cooperation, name="Ene ApS", street="Alene 1")

    pairs = merging.likely_duplicates(job_centre.cooperation)

    found = {(p.first.pk, p.second.pk, p.same_name, p.same_address) for p in pairs}
    assert found == {(kept.pk, duplicate.pk, True, False), (kept.pk, same_place.pk, False, True)}


def test_other_cooperations_are_not_compared(job_centre, pair, foreign_job_centre) -> None:
    CompanyFactory(cooperation=foreign_job_centre.cooperation, name="Hansen Byg")

    assert len(merging.likely_duplicates(job_centre.cooperation)) == 1


def _fill(kept, duplicate, consultant, job_centre):
    """Something of every kind on both companies."""
    ContactPersonFactory(company=kept, is_primary=True, name="Kept Primær")
    ContactPersonFactory(company=duplicate, is_primary=True, name="Dublet Primær")
    InteractionFactory(company=duplicate, consultant=consultant, job_centre=job_centre)
    InteractionFactory(company=duplicate, consultant=consultant, job_centre=job_centre)
    RecruitmentAgreementFactory(
        company=duplicate,
        job_centre=job_centre,
        signed_by=consultant,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    AllianceCommitmentFactory(
        company=duplicate,
        alliance="Byggeriets Joballiance",
        commitment="To lærlinge om året",
        start_date=dt.date(2026, 1, 1),
        recorded_by=consultant,
    )
    JobOrderFactory(company=duplicate, job_centre=job_centre)


def test_preview_counts_what_moves_and_writes_nothing(pair, consultant, job_centre) -> None:
    kept, duplicate = pair
    _fill(kept, duplicate, consultant, job_centre)

    moves = merging.merge_preview(actor=consultant, kept=kept, duplicate=duplicate)

    counts = {m.model: (m.moved, m.deleted) for m in moves}
    assert counts["companies.contactperson"] == (1, 0)
    assert counts["companies.interaction"] == (2, 0)
    assert counts["companies.recruitmentagreement"] == (1, 0)
    assert counts["companies.alliancecommitment"] == (1, 0)
    assert counts["joborders.joborder"] == (1, 0)
    assert Interaction.objects.filter(company=duplicate).count() == 2


def test_merge_moves_everything_logs_and_deletes_the_duplicate(
    pair, consultant, job_centre
) -> None:
    kept, duplicate = pair
    _fill(kept, duplicate, consultant, job_centre)
    earlier = CompanyMergeFactory(
        company=duplicate,
        merged_name="Endnu ældre dublet",
        merged_cvr="10000009",
        merged_p_number="",
        merged_by=consultant,
        merged_at=timezone.now(),
    )

    log = merging.company_merge(actor=consultant, kept=kept, duplicate=duplicate)

    assert not Company.objects.filter(pk=duplicate.pk).exists()
    assert ContactPerson.objects.filter(company=kept).count() == 2
    assert ContactPerson.objects.filter(company=kept, is_primary=True).get().name == "Kept Primær"
    assert Interaction.objects.filter(company=kept).count() == 2
    assert RecruitmentAgreement.objects.filter(company=kept).count() == 1
    assert AllianceCommitment.objects.filter(company=kept).count() == 1
    assert JobOrder.objects.filter(company=kept).count() == 1
    earlier.refresh_from_db()
    assert earlier.company == kept  # the log of older merges moves too
    assert (log.merged_name, log.merged_cvr, log.merged_by) == (
        "Hansen Byg A/S",
        duplicate.cvr,
        consultant,
    )
    assert log.moved["companies.interaction"] == {"moved": 2, "deleted": 0}
    kept.refresh_from_db()
    assert kept.phone == "44556677"  # a blank field took the duplicate's value
    assert kept.is_ambassador


def test_a_failing_merge_leaves_everything_as_it_was(
    pair, consultant, job_centre, monkeypatch
) -> None:
    kept, duplicate = pair
    _fill(kept, duplicate, consultant, job_centre)
    before = {
        model: sorted(model.objects.values_list("pk", "company_id"))
        for model in (
            ContactPerson,
            Interaction,
            RecruitmentAgreement,
            AllianceCommitment,
            JobOrder,
        )
    }

    def fail(*args, **kwargs):
        raise IntegrityError("the disk is full")

    monkeypatch.setattr(Company, "delete", fail)  # the last step of the merge

    with pytest.raises(IntegrityError):
        merging.company_merge(actor=consultant, kept=kept, duplicate=duplicate)

    assert Company.objects.filter(pk=duplicate.pk).exists()
    assert not CompanyMerge.objects.exists()
    for model, rows in before.items():
        assert sorted(model.objects.values_list("pk", "company_id")) == rows, model
    kept.refresh_from_db()
    assert (kept.phone, kept.is_ambassador) == ("", False)
    assert ContactPerson.objects.filter(company=duplicate, is_primary=True).exists()


def test_only_the_home_centre_or_the_secretariat_merges(pair, other_job_centre) -> None:
    kept, duplicate = pair
    outsider = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    secretariat = staff(Role.SECRETARIAT, other_job_centre)

    with pytest.raises(ValidationError):
        merging.company_merge(actor=outsider, kept=kept, duplicate=duplicate)
    assert Company.objects.filter(pk=duplicate.pk).exists()

    merging.company_merge(actor=secretariat, kept=kept, duplicate=duplicate)
    assert not Company.objects.filter(pk=duplicate.pk).exists()


def test_a_company_is_not_merged_into_itself(pair, consultant) -> None:
    kept, _ = pair

    with pytest.raises(ValidationError):
        merging.company_merge(actor=consultant, kept=kept, duplicate=kept)


# The generic move, on relations the companies app does not own.


def test_a_clash_in_a_model_not_known_to_carry_data_is_a_conflict(job_centre) -> None:
    """Memberships are unique per user, job centre and role; merging cannot tell which of
    two rows matters, so it reports the clash and writes nothing of that relation."""
    source = JobCentreFactory(cooperation=job_centre.cooperation)
    both = staff(Role.BUSINESS_CONSULTANT, job_centre)
    MembershipFactory(user=both, job_centre=source, role=Role.BUSINESS_CONSULTANT)
    staff(Role.MANAGER, source)

    moves = merging.repoint_related(source=source, target=job_centre)

    [membership] = [m for m in moves if m.model == "organisations.membership"]
    assert len(membership.conflicts) == 1
    assert Membership.objects.filter(job_centre=source).count() == 2


def test_many_to_many_links_move_without_doubling(job_centre) -> None:
    """Job centres serve municipalities (M2M): a centre serving both keeps one link."""
    target, source = MunicipalityFactory(), MunicipalityFactory()
    both = JobCentreFactory(cooperation=job_centre.cooperation, municipalities=[target, source])
    only_source = JobCentreFactory(cooperation=job_centre.cooperation, municipalities=[source])

    preview = merging.repoint_related(source=source, target=target, dry_run=True)
    merging.repoint_related(source=source, target=target)

    assert [(m.moved, m.deleted) for m in preview if m.model == "organisations.jobcentre"] == [
        (1, 1)
    ]
    assert set(target.job_centres.all()) == {both, only_source}
    assert not source.job_centres.exists()
    assert JobCentre.municipalities.through.objects.filter(municipality=target).count() == 2


# The pages.


def test_the_duplicates_page_links_to_the_merge(pair, consultant, client_for) -> None:
    kept, duplicate = pair

    html = client_for(consultant).get(reverse("companies:duplicates")).content.decode()

    assert f"{reverse('companies:merge', args=[kept.pk])}?other={duplicate.pk}" in html


def test_merge_page_previews_and_merges(pair, consultant, job_centre, client_for) -> None:
    kept, duplicate = pair
    _fill(kept, duplicate, consultant, job_centre)
    client = client_for(consultant)
    url = reverse("companies:merge", args=[kept.pk])

    preview = client.get(url, {"other": duplicate.pk, "keep": duplicate.pk})
    html = preview.content.decode()
    assert 'data-testid="move-row"' in html
    assert Company.objects.filter(pk=duplicate.pk).exists()

    response = client.post(url, {"other": duplicate.pk, "keep": duplicate.pk})

    assert response.status_code == 302
    assert response["Location"] == reverse("companies:detail", args=[duplicate.pk])
    assert not Company.objects.filter(pk=kept.pk).exists()
    assert CompanyMerge.objects.get().company == duplicate


def test_merge_page_refuses_outsiders(pair, other_job_centre, client_for) -> None:
    kept, duplicate = pair
    client = client_for(staff(Role.BUSINESS_CONSULTANT, other_job_centre))
    url = reverse("companies:merge", args=[kept.pk])

    assert client.get(url, {"other": duplicate.pk}).status_code == 403
    assert client.post(url, {"other": duplicate.pk, "keep": kept.pk}).status_code == 403
    assert Company.objects.count() == 2


def test_merge_page_without_a_second_company_goes_to_the_list(pair, consultant, client_for):
    kept, _ = pair
    response = client_for(consultant).get(reverse("companies:merge", args=[kept.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("companies:duplicates")


# Clashing rows: the one with data stays; two with data refuse the merge.


def _invite(company, survey_round, *, answered: bool):
    return SurveyInvitationFactory(
        survey_round=survey_round,
        company=company,
        email="kontakt@firma.dk",
        token=f"t-{company.pk}-{survey_round.pk}",
        answered_at=timezone.now() if answered else None,
    )


@pytest.fixture
def survey_round(job_centre):
    return SurveyRoundFactory(cooperation=job_centre.cooperation, year=2026, quarter=1)


@pytest.mark.parametrize(("kept_answered", "duplicate_answered"), [(False, True), (True, False)])
def test_a_clash_keeps_the_answered_invitation(
    pair, consultant, survey_round, kept_answered, duplicate_answered
) -> None:
    kept, duplicate = pair
    _invite(kept, survey_round, answered=kept_answered)
    _invite(duplicate, survey_round, answered=duplicate_answered)

    preview = merging.merge_preview(actor=consultant, kept=kept, duplicate=duplicate)
    merging.company_merge(actor=consultant, kept=kept, duplicate=duplicate)

    assert [(m.moved, m.deleted) for m in preview if m.model == "surveys.surveyinvitation"] == [
        (int(duplicate_answered), 1)
    ]
    [invitation] = kept.survey_invitations.all()
    assert invitation.answered_at is not None


def test_two_answered_invitations_refuse_the_merge_and_say_why(
    pair, consultant, survey_round, client_for
) -> None:
    kept, duplicate = pair
    _invite(kept, survey_round, answered=True)
    _invite(duplicate, survey_round, answered=True)
    url = reverse("companies:merge", args=[kept.pk])

    with pytest.raises(ValidationError) as refused:
        merging.company_merge(actor=consultant, kept=kept, duplicate=duplicate)
    assert [e.code for e in refused.value.error_list] == ["conflict"]
    page = client_for(consultant).get(url, {"other": duplicate.pk, "keep": kept.pk})
    response = client_for(consultant).post(url, {"other": duplicate.pk, "keep": kept.pk})

    assert Company.objects.filter(pk=duplicate.pk).exists()
    assert duplicate.survey_invitations.count() == 1
    assert 'data-testid="merge-conflicts"' in page.content.decode()
    assert 'data-testid="confirm-merge"' not in page.content.decode()
    assert response.status_code == 200


def test_only_pairs_the_user_may_merge_link_to_the_merge(
    pair, job_centre, other_job_centre, client_for
) -> None:
    kept, duplicate = pair
    stranger = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    secretariat = staff(Role.SECRETARIAT, other_job_centre)
    link = f"{reverse('companies:merge', args=[kept.pk])}?other={duplicate.pk}"

    assert link not in client_for(stranger).get(reverse("companies:duplicates")).content.decode()
    assert link in client_for(secretariat).get(reverse("companies:duplicates")).content.decode()
