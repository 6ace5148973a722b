"""The pool pages for every role, the form's Danish messages, and the ranked list's
"among pool" facet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobbro.accesslog.models import AccessLogEntry
from jobbro.matching.engine import FacetRequest
from jobbro.matching.selectors import SearchFilters
from jobbro.organisations.models import Role
from jobbro.pools.models import Pool, PoolMember
from jobbro.sharing import selectors as sharing
from tests.factories import ExperienceFactory, PoolMemberFactory, staff

from .conftest import candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(industry_pool, owner, neighbour, herlev, gladsaxe):
    """Herlev's Anders (consenting), Gladsaxe's Bente (consenting) and Gladsaxe's Dorte,
    who withdrew her consent after joining."""
    people = [
        candidate(herlev, "Anders"),
        candidate(gladsaxe, "Bente"),
        candidate(gladsaxe, "Dorte", consent=False),
    ]
    for person in people:
        PoolMemberFactory(pool=industry_pool, candidate=person, added_by=neighbour)
    return people


def test_names_by_the_candidate_pages_rule_each_logged(
    client_for, industry_pool, members, owner, neighbour
):
    page = client_for(owner).get(reverse("pools:detail", args=[industry_pool.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Anders Jensen" in text and "Bente Jensen" in text and "Dorte" not in text
    logged = AccessLogEntry.objects.filter(user=owner).values_list("candidate_ref", flat=True)
    assert sorted(logged) == sorted([members[0].pk, members[1].pk])
    # Gladsaxe's consultant sees Dorte: she is their own.
    text = client_for(neighbour).get(reverse("pools:detail", args=[industry_pool.pk])).content
    assert b"Dorte Jensen" in text


@pytest.mark.parametrize("role", [Role.TEAM_LEADER, Role.MANAGER, Role.STEERING_GROUP])
def test_leaders_see_counts_only(role, client_for, industry_pool, members, herlev):
    leader = staff(role, herlev)
    listing = client_for(leader).get(reverse("pools:list"))
    assert listing.status_code == 200 and b"Byggeri" in listing.content
    page = client_for(leader).get(reverse("pools:detail", args=[industry_pool.pk]))
    assert page.status_code == 200
    assert b"Jensen" not in page.content and b'data-testid="hidden-members"' in page.content
    assert not AccessLogEntry.objects.filter(user=leader).exists()
    for url in (reverse("pools:edit", args=[industry_pool.pk]), reverse("pools:create")):
        assert client_for(leader).get(url).status_code == 403


def test_the_data_protection_officer_is_refused(client_for, industry_pool, herlev):
    dpo = staff(Role.DATA_PROTECTION_OFFICER, herlev)
    assert client_for(dpo).get(reverse("pools:list")).status_code == 403


def test_another_cooperation_finds_no_pool(client_for, industry_pool, members, vejle):
    stranger = staff(Role.JOB_CONSULTANT, vejle)
    client = client_for(stranger)
    assert b"Byggeri" not in client.get(reverse("pools:list")).content
    member = industry_pool.members.first()
    for url, method in [
        (reverse("pools:detail", args=[industry_pool.pk]), "get"),
        (reverse("pools:edit", args=[industry_pool.pk]), "get"),
        (reverse("pools:edit", args=[industry_pool.pk]), "post"),
        (reverse("pools:member_add", args=[industry_pool.pk]), "post"),
        (reverse("pools:member_remove", args=[industry_pool.pk, member.pk]), "post"),
    ]:
        assert getattr(client, method)(url, {"candidate": members[0].pk}).status_code == 404
    assert industry_pool.members.count() == 3


def test_a_job_centre_with_nothing_to_do_with_the_pool_writes_nothing(
    client_for, industry_pool, members, owner, gladsaxe
):
    outsider = staff(Role.BUSINESS_CONSULTANT, gladsaxe)  # added no one; owns nothing
    client = client_for(outsider)
    edit = reverse("pools:edit", args=[industry_pool.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"name": "Mit", "kind": "industry"}).status_code == 403
    member = industry_pool.members.first()
    remove = reverse("pools:member_remove", args=[industry_pool.pk, member.pk])
    assert client.post(remove).status_code == 403
    assert Pool.objects.get(pk=industry_pool.pk).name == "Byggeri"
    assert industry_pool.members.count() == 3
    # Kept to Herlev, the pool is not there for Gladsaxe at all.
    industry_pool.shared = False
    industry_pool.save()
    assert client.get(reverse("pools:detail", args=[industry_pool.pk])).status_code == 404
    assert client.post(remove).status_code == 404


def test_finding_and_adding_a_candidate(client_for, industry_pool, owner, herlev, gladsaxe):
    own = candidate(herlev, "Karen", last_name="Holm")
    candidate(gladsaxe, "Kasper", last_name="Holm", consent=False)  # not to be found
    client = client_for(owner)
    page = client.get(reverse("pools:detail", args=[industry_pool.pk]), {"q": "Holm"})
    assert b"Karen Holm" in page.content and b"Kasper" not in page.content
    assert AccessLogEntry.objects.filter(user=owner, candidate_ref=own.pk).exists()
    answer = client.post(
        reverse("pools:member_add", args=[industry_pool.pk]),
        {"candidate": own.pk, "note": "Svendebrev 2019"},
    )
    assert answer.status_code == 302
    member = PoolMember.objects.get(pool=industry_pool)
    assert (member.candidate, member.added_by, member.note) == (own, owner, "Svendebrev 2019")


def test_the_form_in_danish_and_an_unchanged_save(client_for, industry_pool, owner):
    client = client_for(owner)
    blank = client.post(reverse("pools:create"), {"kind": "industry", "shared": "on"})
    text = blank.content.decode()
    assert "Giv puljen et navn." in text
    edit = reverse("pools:edit", args=[industry_pool.pk])
    form = client.get(edit).context["form"]
    data = {
        "name": "Byggeri",
        "kind": "industry",
        "industries": [i.pk for i in form.initial["industries"]],
        "shared": "on",
        "version": "1",
    }
    answer = client.post(edit, data, follow=True)
    assert "Intet blev ændret." in answer.content.decode()
    assert Pool.objects.get(pk=industry_pool.pk).version == 1
    stale = client.post(edit, {**data, "name": "Byggeri og anlæg", "version": "0"})
    assert stale.status_code == 200  # refused: version 0 is no version
    Pool.objects.filter(pk=industry_pool.pk).update(version=2)  # someone saved meanwhile
    stale = client.post(edit, {**data, "name": "Byggeri og anlæg"})
    assert "En anden har ændret puljen" in stale.content.decode()


# --- the facet in the ranked list ------------------------------------------------------


def _carpenter(centre, name, occupation, **kwargs):
    person = candidate(centre, name, **kwargs)
    ExperienceFactory(cv=person.cv, occupation=occupation, title="Tømrer")
    return person


def test_the_ranked_list_narrows_to_a_pool_and_counts_each(
    owner, industry_pool, company_pool, job_order, herlev, gladsaxe, carpenter_occupation
):
    anders = _carpenter(herlev, "Anders", carpenter_occupation)
    bente = _carpenter(gladsaxe, "Bente", carpenter_occupation)
    _carpenter(herlev, "Carl", carpenter_occupation)
    PoolMemberFactory(pool=industry_pool, candidate=anders)
    PoolMemberFactory(pool=industry_pool, candidate=bente)
    PoolMemberFactory(pool=company_pool, candidate=bente)

    facets = FacetRequest(
        among=(
            (industry_pool.pk, frozenset({anders.pk, bente.pk})),
            (company_pool.pk, frozenset({bente.pk})),
        )
    )
    everyone = sharing.ranked_for_job_order(job_order, searcher=owner, facets=facets)
    assert everyone.total == 3
    assert everyone.facets.among == {industry_pool.pk: 2, company_pool.pk: 1}
    assert everyone.facets.any_among == 3
    pooled = sharing.ranked_for_job_order(
        job_order,
        searcher=owner,
        filters=SearchFilters(among=frozenset({bente.pk})),
        facets=facets,
    )
    assert [hit.candidate.first_name for hit in pooled.hits] == ["Bente"]
    assert pooled.facets.among == {industry_pool.pk: 2, company_pool.pk: 1}


def test_the_ranked_list_page_offers_the_pools_as_a_facet(
    client_for,
    owner,
    neighbour,
    industry_pool,
    company_pool,
    job_order,
    herlev,
    carpenter_occupation,
):
    anders = _carpenter(herlev, "Anders", carpenter_occupation)
    _carpenter(herlev, "Carl", carpenter_occupation)
    PoolMemberFactory(pool=industry_pool, candidate=anders)
    url = reverse("sharing:ranked", args=[job_order.pk])
    client = client_for(owner)
    page = client.get(url)
    facet = page.context["facets"]["among"]
    assert [(c.choice_label, c.count) for c in facet] == [
        ("alle kandidater", 2),
        ("Byggeri", 1),
        ("Byggeselskabet Nord", 0),
    ]
    narrowed = client.get(url, {"among": industry_pool.pk})
    assert [hit.candidate.first_name for hit in narrowed.context["ranked"].hits] == ["Anders"]
    # A pool the user does not see is no choice, and does not narrow the list.
    industry_pool.shared = False
    industry_pool.save()
    other = client_for(neighbour).get(url, {"among": industry_pool.pk})
    assert [c.choice_label for c in other.context["facets"]["among"]] == [
        "alle kandidater",
        "Byggeselskabet Nord",
    ]
    assert other.context["ranked"].total == 2


def test_the_company_page_lists_its_pools_and_starts_one(
    client_for, owner, company_pool, company, herlev
):
    page = client_for(owner).get(reverse("companies:detail", args=[company.pk]))
    assert b"Byggeselskabet Nord" in page.content
    start = reverse("pools:create") + f"?company={company.pk}"
    assert start.encode() in page.content.replace(b"&amp;", b"&")
    form = client_for(owner).get(start).context["form"]
    assert (form.initial["kind"], form.initial["company"]) == ("company", company.pk)
    leader = staff(Role.TEAM_LEADER, herlev)
    page = client_for(leader).get(reverse("companies:detail", args=[company.pk]))
    assert b"Byggeselskabet Nord" in page.content and start.encode() not in page.content
