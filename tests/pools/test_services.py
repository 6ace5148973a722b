"""Pools and members as the services write them: who may, which candidates, stale edits,
and the mail to a pool's owners when a job order in its field is created."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobbro.candidates.models import CandidateStatus
from jobbro.joborders.services import job_order_create
from jobbro.notifications.models import Notification, NotificationKind
from jobbro.notifications.services import settings_update
from jobbro.organisations.models import Role
from jobbro.pools import selectors, services
from jobbro.pools.models import Pool, PoolKind, PoolMember
from tests.factories import CompanyFactory, IndustryFactory, OccupationFactory, staff

from .conftest import candidate

pytestmark = pytest.mark.django_db


# --- creating and editing ------------------------------------------------------------


def test_a_consultant_creates_a_pool_for_their_own_job_centre(owner, herlev, construction):
    pool = services.pool_create(
        actor=owner,
        job_centre=herlev,
        name=" Byggeri ",
        kind=PoolKind.INDUSTRY,
        industries=[construction],
    )
    assert (pool.name, pool.cooperation_id, pool.version) == ("Byggeri", herlev.cooperation_id, 1)
    assert list(pool.industries.all()) == [construction]
    assert pool.shared


def test_no_one_creates_a_pool_for_another_job_centre(neighbour, herlev, construction):
    with pytest.raises(PermissionDenied):
        services.pool_create(
            actor=neighbour,
            job_centre=herlev,
            name="Byggeri",
            kind=PoolKind.INDUSTRY,
            industries=[construction],
        )


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.MANAGER, Role.STEERING_GROUP])
def test_leaders_and_the_secretariat_create_no_pools(role, herlev, construction):
    with pytest.raises(PermissionDenied):
        services.pool_create(
            actor=staff(role, herlev),
            job_centre=herlev,
            name="Byggeri",
            kind=PoolKind.INDUSTRY,
            industries=[construction],
        )


def test_a_pool_needs_its_field(owner, herlev, vejle):
    with pytest.raises(ValidationError) as industry:
        services.pool_create(actor=owner, job_centre=herlev, name="x", kind=PoolKind.INDUSTRY)
    assert "industries" in industry.value.message_dict
    with pytest.raises(ValidationError) as company:
        services.pool_create(actor=owner, job_centre=herlev, name="x", kind=PoolKind.COMPANY)
    assert "company" in company.value.message_dict
    elsewhere = CompanyFactory(cooperation=vejle.cooperation)
    with pytest.raises(ValidationError) as foreign:
        services.pool_create(
            actor=owner, job_centre=herlev, name="x", kind=PoolKind.COMPANY, company=elsewhere
        )
    assert "company" in foreign.value.message_dict


def _fields(pool: Pool, **changes):
    fields = {
        "name": pool.name,
        "kind": pool.kind,
        "industries": list(pool.industries.all()),
        "company": pool.company,
        "occupations": list(pool.occupations.all()),
        "shared": pool.shared,
    }
    return {**fields, **changes}


def test_an_unchanged_save_writes_nothing(owner, industry_pool):
    with CaptureQueriesContext(connection) as queries:
        pool, changed = services.pool_update(
            actor=owner, pool=industry_pool, expected_version=1, **_fields(industry_pool)
        )
    assert not changed and pool.version == 1
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"UPDATE", "INSERT", "DELETE"}]
    assert writes == []


def test_an_edit_counts_up_the_version_and_a_stale_one_is_refused(owner, herlev, industry_pool):
    colleague = staff(Role.BUSINESS_CONSULTANT, herlev)
    metal = IndustryFactory(version="DB25", code="251100", label_da="Metal")
    pool, changed = services.pool_update(
        actor=owner,
        pool=industry_pool,
        expected_version=1,
        **_fields(industry_pool, industries=[metal]),
    )
    assert changed and pool.version == 2 and list(pool.industries.all()) == [metal]
    with pytest.raises(ValidationError) as stale:
        services.pool_update(
            actor=colleague,
            pool=industry_pool,
            expected_version=1,
            **_fields(industry_pool, name="Metal"),
        )
    assert stale.value.code == "stale_version"
    assert Pool.objects.get(pk=industry_pool.pk).name == "Byggeri"


def test_only_the_owning_job_centres_consultants_edit(neighbour, industry_pool):
    with pytest.raises(PermissionDenied):
        services.pool_update(
            actor=neighbour, pool=industry_pool, **_fields(industry_pool, name="Mit")
        )


# --- members -------------------------------------------------------------------------


def test_members_from_every_job_centre_who_consent(owner, neighbour, industry_pool, gladsaxe):
    own = candidate(industry_pool.job_centre, "Anders")
    theirs = candidate(gladsaxe, "Bente")
    services.member_add(actor=owner, pool=industry_pool, candidate=own, note="Murer, svend")
    member = services.member_add(actor=neighbour, pool=industry_pool, candidate=theirs)
    assert member.added_by == neighbour
    assert industry_pool.members.count() == 2


def test_a_shared_pool_takes_no_candidate_without_consent(owner, industry_pool, herlev):
    # Not even the owner's own: the pool is seen in the whole cooperation.
    private = candidate(herlev, "Carl", consent=False)
    with pytest.raises(ValidationError) as refused:
        services.member_add(actor=owner, pool=industry_pool, candidate=private)
    assert "candidate" in refused.value.message_dict
    industry_pool.shared = False
    industry_pool.save()
    services.member_add(actor=owner, pool=industry_pool, candidate=private)


def test_no_one_adds_a_candidate_they_may_not_see(owner, industry_pool, gladsaxe, vejle):
    industry_pool.shared = False
    industry_pool.save()
    for unseen in (
        candidate(gladsaxe, "Dorte", consent=False),  # another centre's, no consent
        candidate(vejle, "Erik"),  # another cooperation's
        candidate(industry_pool.job_centre, "Finn", status=CandidateStatus.HIRED),
    ):
        with pytest.raises(ValidationError):
            services.member_add(actor=owner, pool=industry_pool, candidate=unseen)
    assert not industry_pool.members.exists()


def test_twice_in_a_pool_is_refused(owner, industry_pool):
    person = candidate(industry_pool.job_centre, "Anders")
    services.member_add(actor=owner, pool=industry_pool, candidate=person)
    with pytest.raises(ValidationError) as twice:
        services.member_add(actor=owner, pool=industry_pool, candidate=person)
    assert twice.value.error_dict["candidate"][0].code == "duplicate"


@pytest.mark.parametrize("role", [Role.MANAGER, Role.STEERING_GROUP, Role.DATA_PROTECTION_OFFICER])
def test_leaders_add_no_one(role, industry_pool):
    person = candidate(industry_pool.job_centre, "Anders")
    with pytest.raises(PermissionDenied):
        services.member_add(
            actor=staff(role, industry_pool.job_centre), pool=industry_pool, candidate=person
        )


def test_another_cooperation_writes_nothing_to_a_pool(industry_pool, vejle):
    stranger = staff(Role.JOB_CONSULTANT, vejle)
    person = candidate(vejle, "Erik")
    with pytest.raises(PermissionDenied):
        services.member_add(actor=stranger, pool=industry_pool, candidate=person)
    with pytest.raises(PermissionDenied):
        services.pool_update(actor=stranger, pool=industry_pool, **_fields(industry_pool))


def test_owners_or_the_adder_take_a_member_out(owner, neighbour, industry_pool, gladsaxe):
    third = staff(Role.JOB_CONSULTANT, gladsaxe)
    added_by_neighbour = services.member_add(
        actor=neighbour, pool=industry_pool, candidate=candidate(gladsaxe, "Bente")
    )
    added_by_owner = services.member_add(
        actor=owner, pool=industry_pool, candidate=candidate(gladsaxe, "Gitte")
    )
    with pytest.raises(PermissionDenied):
        services.member_remove(actor=third, member=added_by_neighbour)
    with pytest.raises(PermissionDenied):
        services.member_remove(actor=neighbour, member=added_by_owner)
    services.member_remove(actor=neighbour, member=added_by_neighbour)
    services.member_remove(actor=owner, member=added_by_owner)
    assert not PoolMember.objects.exists()


def test_names_only_where_the_candidate_page_would_show_them(
    owner, neighbour, industry_pool, herlev, gladsaxe
):
    shared = candidate(gladsaxe, "Bente")
    services.member_add(actor=neighbour, pool=industry_pool, candidate=shared)
    services.member_add(actor=owner, pool=industry_pool, candidate=candidate(herlev, "Anders"))
    # Herlev's candidate withdraws consent after joining: Gladsaxe no longer sees the name.
    own = industry_pool.members.exclude(candidate=shared).get().candidate
    own.consent_scope = "none"
    own.save()
    seen_by_neighbour = selectors.members_for(neighbour, industry_pool)
    assert [m.candidate.first_name for m in seen_by_neighbour.named] == ["Bente"]
    assert seen_by_neighbour.hidden == 1
    assert len(selectors.members_for(owner, industry_pool).named) == 2
    manager = selectors.members_for(staff(Role.MANAGER, herlev), industry_pool)
    assert (manager.named, manager.hidden) == ([], 2)


def test_a_pool_kept_to_its_job_centre_is_not_seen_elsewhere(owner, neighbour, industry_pool):
    industry_pool.shared = False
    industry_pool.save()
    assert list(selectors.pools_visible_to(owner)) == [industry_pool]
    assert not selectors.pools_visible_to(neighbour).exists()


# --- the mail on a new job order -----------------------------------------------------


def _new_job_order(actor, company, occupation):
    return job_order_create(
        actor=actor,
        company=company,
        title="Tømrer til nybyggeri",
        occupation=occupation,
        workplace_address="Byvej 1",
        workplace_municipality=company.municipality,
        start_date=timezone.localdate() + dt.timedelta(days=30),
        deadline=timezone.localdate() + dt.timedelta(days=14),
        job_centre=company.cooperation.job_centres.order_by("pk").first(),
    )


def test_a_new_job_order_in_a_pools_field_tells_its_owners(
    owner, neighbour, industry_pool, company_pool, company, herlev, carpenter_occupation
):
    colleague = staff(Role.BUSINESS_CONSULTANT, herlev, email="bc@herlev.dk")
    staff(Role.MANAGER, herlev, email="leder@herlev.dk")  # not an owner
    mail.outbox.clear()

    job_order = _new_job_order(colleague, company, carpenter_occupation)

    notes = Notification.objects.filter(kind=NotificationKind.POOL_JOB_ORDER)
    # Both pools (the company's, and its industry's), each to Herlev's consultants.
    assert sorted((n.user.email, n.context["pool"]) for n in notes) == sorted(
        (email, pool)
        for email in ("rikke@herlev.dk", "bc@herlev.dk")
        for pool in ("Byggeri", "Byggeselskabet Nord")
    )
    message = next(m for m in mail.outbox if m.to == ["rikke@herlev.dk"])
    assert "Tømrer til nybyggeri" in message.subject
    assert f"/job-orders/{job_order.pk}/candidates/?among=" in message.body


def test_the_pool_mail_writes_the_deadline_the_readers_way(
    owner, industry_pool, company, herlev, carpenter_occupation
):
    colleague = staff(Role.BUSINESS_CONSULTANT, herlev, email="bc@herlev.dk")
    settings_update(user=colleague, language="en", kinds=[NotificationKind.POOL_JOB_ORDER])
    mail.outbox.clear()
    job_order_create(
        actor=owner,
        company=company,
        title="Tømrer til nybyggeri",
        occupation=carpenter_occupation,
        workplace_address="Byvej 1",
        workplace_municipality=company.municipality,
        start_date=dt.date(2027, 2, 1),
        deadline=dt.date(2027, 1, 10),
        job_centre=herlev,
    )
    danish = next(m for m in mail.outbox if m.to == ["rikke@herlev.dk"])
    english = next(m for m in mail.outbox if m.to == ["bc@herlev.dk"])
    assert "(ansøgningsfrist 10.01.2027)" in danish.body
    assert "(application deadline 10/01/2027)" in english.body
    assert "2027-01-10" not in danish.body + english.body


def test_an_industry_pool_hears_of_its_occupations_and_no_one_else_is_told(
    owner, herlev, construction, carpenter_occupation, vejle
):
    other_industry = IndustryFactory(version="DB25", code="561000", label_da="Restauranter")
    restaurant = CompanyFactory(
        cooperation=herlev.cooperation,
        municipality=herlev.municipalities.get(),
        industry=other_industry,
    )
    services.pool_create(
        actor=owner,
        job_centre=herlev,
        name="Tømrere",
        kind=PoolKind.INDUSTRY,
        industries=[construction],
        occupations=[carpenter_occupation],
    )
    _new_job_order(owner, restaurant, OccupationFactory(label_da="kok"))
    assert not Notification.objects.filter(kind=NotificationKind.POOL_JOB_ORDER).exists()
    _new_job_order(owner, restaurant, carpenter_occupation)
    assert Notification.objects.filter(kind=NotificationKind.POOL_JOB_ORDER).count() == 1
    # Another cooperation's company in the same industry is nothing to Herlev's pool.
    staff(Role.BUSINESS_CONSULTANT, vejle)
    _new_job_order(
        staff(Role.BUSINESS_CONSULTANT, vejle),
        CompanyFactory(
            cooperation=vejle.cooperation,
            municipality=vejle.municipalities.get(),
            industry=construction,
        ),
        carpenter_occupation,
    )
    assert Notification.objects.filter(kind=NotificationKind.POOL_JOB_ORDER).count() == 1


def test_a_pool_with_members_without_consent_is_not_shared(owner, industry_pool, herlev):
    industry_pool.shared = False
    industry_pool.save()
    private = candidate(herlev, "Carl", consent=False)
    services.member_add(actor=owner, pool=industry_pool, candidate=private)
    with pytest.raises(ValidationError) as refused:
        services.pool_update(actor=owner, pool=industry_pool, **_fields(industry_pool, shared=True))
    assert "shared" in refused.value.message_dict
    assert not Pool.objects.get(pk=industry_pool.pk).shared


def test_the_secretariat_sees_shared_pools_but_not_one_kept_to_its_host(industry_pool, herlev):
    secretariat = staff(Role.SECRETARIAT, herlev)
    assert list(selectors.pools_visible_to(secretariat)) == [industry_pool]
    industry_pool.shared = False
    industry_pool.save()
    assert not selectors.pools_visible_to(secretariat).exists()
