"""The drill-down: the items behind every count are exactly the rows the figure counts, for
each filter and each group of each split, on the constructed quarter; who may list them,
whose names show, and that every name shown is logged."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from jobbro.accesslog.models import AccessLogEntry
from jobbro.candidates.models import ConsentScope, TargetGroup
from jobbro.kpis.drilldown import DRILLABLE, Group, items, total
from jobbro.kpis.measures import Count
from jobbro.kpis.selectors import breakdown, figure
from jobbro.kpis.sources import Dimension, Filters
from jobbro.organisations.models import JobCentre, Role
from tests.factories import JobCentreFactory, staff

pytestmark = pytest.mark.django_db

QUARTER = {"kind": "quarter", "day": "2027-02-15"}


def _value(found: object) -> int:
    assert isinstance(found, Count)
    return found.value


@pytest.mark.parametrize("key", sorted(DRILLABLE))
def test_the_items_are_what_each_count_counts(world, key):
    every = [Filters(), Filters(job_centre=world.herlev.pk), Filters(job_centre=world.gladsaxe.pk)]
    for filters in every:
        counted = figure(key, world.coop, world.period, filters, now=world.now)
        found = items(key, world.coop, world.period, filters, now=world.now)
        if counted is None:
            assert found is None
            continue
        assert found is not None
        assert total(key, found) == _value(counted), (key, filters)


@pytest.mark.parametrize("key", sorted(DRILLABLE))
@pytest.mark.parametrize("dimension", list(Dimension))
def test_a_split_group_lists_what_its_row_counts(world, key, dimension):
    groups = breakdown(key, world.coop, world.period, dimension, now=world.now)
    if groups is None:
        assert items(key, world.coop, world.period, group=Group(dimension, None)) is None
        return
    for group_key, counted in groups.items():
        found = items(key, world.coop, world.period, group=Group(dimension, group_key))
        assert found is not None
        assert total(key, found) == _value(counted), (key, dimension, group_key)


def test_known_answers_in_the_quarter(world):
    hires = items("hires", world.coop, world.period)
    assert hires == [world.p3, world.p2, world.p1]  # newest first day first
    assert total("positions", items("positions", world.coop, world.period) or []) == 7
    visits = items("visits", world.coop, world.period, Filters(job_centre=world.herlev.pk))
    assert visits is not None and len(visits) == 1  # the secretariat's visit is not Herlev's
    young = items("hires", world.coop, world.period, group=Group(Dimension.TARGET_GROUP, "youth"))
    assert young == [world.p1]  # c5 turned 30 on his first day: no longer young
    assert items("time_to_fill", world.coop, world.period) is None  # not a count


def _listed(html: str) -> str:
    start = html.index('data-testid="items"')
    return html[start : html.index("</table>", start)]


@pytest.mark.parametrize("role", [Role.TEAM_LEADER, Role.MANAGER, Role.STEERING_GROUP])
def test_leaders_list_the_hires_without_names(world, client_for, role):
    user = staff(role, world.herlev)
    page = client_for(user).get(reverse("kpis:items", args=["hires"]), QUARTER)
    assert page.status_code == 200
    table = _listed(page.content.decode())
    assert table.count("<tr>") == 4  # the header and three hires
    assert world.o1.title in table and f"/job-orders/{world.o1.pk}/" in table
    for candidate in (world.c1, world.c2, world.c5):
        assert f">{candidate.full_name}<" not in table
    assert "En kandidat i Jobcenter Gladsaxe" in table
    assert not AccessLogEntry.objects.filter(user=user).exists()


def test_the_secretariat_sees_the_consenting_candidates_and_the_reads_are_logged(world, client_for):
    world.c2.consent_scope = ConsentScope.NONE
    world.c2.save()
    user = staff(Role.SECRETARIAT, world.herlev)
    page = client_for(user).get(reverse("kpis:items", args=["hires"]), QUARTER)
    table = _listed(page.content.decode())
    assert f">{world.c1.full_name}<" in table and f">{world.c5.full_name}<" in table
    assert f">{world.c2.full_name}<" not in table
    assert "En kandidat i Jobcenter Gladsaxe" in table
    logged = AccessLogEntry.objects.filter(user=user)
    assert set(logged.values_list("candidate_id", flat=True)) == {world.c1.pk, world.c5.pk}
    assert set(logged.values_list("purpose", flat=True)) == {"list"}


@pytest.mark.parametrize(
    "role",
    [
        Role.BUSINESS_CONSULTANT,
        Role.JOB_CONSULTANT,
        Role.RECRUITMENT_CONSULTANT,
        Role.ONBOARDING_CONSULTANT,
    ],
)
def test_consultants_may_not(world, client_for, role):
    page = client_for(staff(role, world.herlev)).get(reverse("kpis:items", args=["hires"]))
    assert page.status_code == 403


def test_a_manager_of_another_cooperation_sees_none_of_it(world, client_for):
    from jobbro.organisations.models import JobCentre

    helsingor = JobCentre.objects.get(name="Jobcenter Helsingør")
    client = client_for(staff(Role.MANAGER, helsingor))
    page = client.get(reverse("kpis:items", args=["hires"]), QUARTER)
    table = _listed(page.content.decode())
    assert table.count("<tr>") == 2  # NRS's one hire, none of HRS's three
    assert f"/job-orders/{world.o1.pk}/" not in table
    # Nor by naming a job centre or a group of HRS.
    page = client.get(
        reverse("kpis:items", args=["hires"]), {**QUARTER, "job_centre": world.herlev.pk}
    )
    assert page.status_code == 400
    query = {**QUARTER, "by": "job_centre", "group": world.herlev.pk}
    # Another cooperation's job centre is no group of its own: not found.
    assert client.get(reverse("kpis:items", args=["hires"]), query).status_code == 404


def test_a_split_row_and_the_previous_period_link_to_their_items(world, client_for):
    client = client_for(staff(Role.MANAGER, world.herlev))
    query = {**QUARTER, "figure": "hires", "split": "job_centre"}
    html = client.get(reverse("kpis:dashboard"), query).content.decode()
    links = re.findall(r'href="(/kpis/hires/items/\?[^"]+)"', html)
    herlev = [link for link in links if f"group={world.herlev.pk}" in link]
    assert herlev, links
    page = client.get(herlev[0].replace("&amp;", "&"))
    table = _listed(page.content.decode())
    assert table.count("<tr>") == 3  # o1's two hires are Herlev's job order
    assert "Jobcenter Herlev" in page.content.decode()


def test_a_figure_that_is_not_a_count_and_a_bad_group_are_not_found(world, client_for):
    client = client_for(staff(Role.MANAGER, world.herlev))
    assert client.get(reverse("kpis:items", args=["fill_rate"])).status_code == 404
    url = reverse("kpis:items", args=["hires"])
    assert client.get(url, {"by": "colour", "group": "1"}).status_code == 404
    assert client.get(url, {"by": "project", "group": "x"}).status_code == 404
    assert client.get(url, {"by": "target_group", "group": "x"}).status_code == 404
    # A job centre or project the cooperation has not: not found, rather than no items.
    other = JobCentre.objects.exclude(cooperation=world.coop).first() or JobCentreFactory()
    assert client.get(url, {"by": "job_centre", "group": str(other.pk)}).status_code == 404
    assert client.get(url, {"by": "job_centre", "group": "999999"}).status_code == 404
    assert client.get(url, {"by": "project", "group": "999999"}).status_code == 404
    assert client.get(url, {"by": "job_centre", "group": str(world.herlev.pk)}).status_code == 200
    # Visits cannot split by project: no figure, so no items either.
    assert (
        client.get(
            reverse("kpis:items", args=["visits"]), {"by": "project", "group": "none"}
        ).status_code
        == 404
    )


def test_a_bad_period_says_why(world, client_for):
    client = client_for(staff(Role.MANAGER, world.herlev))
    query = {"kind": "custom", "start": "2027-03-01", "end": "2027-02-01"}
    page = client.get(reverse("kpis:items", args=["hires"]), query)
    assert page.status_code == 400
    assert "Perioden slutter, før den begynder." in page.content.decode()


def test_back_from_a_split_row_keeps_the_dashboard_as_it_was(world, client_for):
    client = client_for(staff(Role.MANAGER, world.herlev))
    query = {
        "kind": "quarter",
        "day": "2027-02-15",
        "job_centre": world.herlev.pk,
        "figure": "hires",
        "split": "target_group",
    }
    html = client.get(reverse("kpis:dashboard"), query).content.decode()
    links = re.findall(r'href="(/kpis/hires/items/\?[^"]+)"', html)
    assert links
    for link in links:  # the headline figure's, the split rows', this and the period before
        page = client.get(link.replace("&amp;", "&")).content.decode()
        back = re.search(r'href="([^"]+)" data-testid="back"', page)
        assert back is not None
        assert back.group(1).replace("&amp;", "&") == (
            f"/kpis/?kind=quarter&day=2027-02-15&job_centre={world.herlev.pk}"
            "&figure=hires&split=target_group#split"
        )


def test_back_without_the_dashboard_query_goes_to_the_period_and_only_to_the_dashboard(
    world, client_for
):
    client = client_for(staff(Role.MANAGER, world.herlev))
    url = reverse("kpis:items", args=["hires"])
    page = client.get(url, QUARTER).content.decode()
    assert 'href="/kpis/?kind=custom&amp;start=2027-01-01&amp;end=2027-03-31"' in page
    # Whatever `back` holds, the link goes to the dashboard with its own fields only.
    page = client.get(url, {**QUARTER, "back": "//evil.example/?x=1&kind=year&next=/x"})
    assert 'href="/kpis/?kind=year" data-testid="back"' in page.content.decode()


@pytest.mark.parametrize("key", ["hires", "referrals"])
def test_every_target_group_of_the_split_drills_down_to_its_count(world, client_for, key):
    # Every group of the taxonomy (long_term too, which the split has as any other code).
    codes = list(TargetGroup.objects.values_list("code", flat=True))
    assert "long_term" in codes
    for candidate in (world.c1, world.c2, world.c3, world.c5):
        candidate.target_groups.set(TargetGroup.objects.all())
    groups = breakdown(key, world.coop, world.period, Dimension.TARGET_GROUP, now=world.now)
    assert groups is not None and "long_term" in groups
    client = client_for(staff(Role.MANAGER, world.herlev))
    url = reverse("kpis:items", args=[key])
    for group_key, counted in groups.items():
        group = "none" if group_key is None else group_key
        page = client.get(url, {**QUARTER, "by": "target_group", "group": group})
        assert page.status_code == 200, group
        assert page.context["total"] == _value(counted), group


def test_back_from_the_default_dashboard_returns_to_the_quarter_shown(world, client_for):
    client = client_for(staff(Role.MANAGER, world.herlev))
    html = client.get(reverse("kpis:dashboard")).content.decode()  # no choice: this quarter
    links = re.findall(r'href="(/kpis/hires/items/\?[^"]+)"', html)
    assert links
    today = timezone.localdate().isoformat()
    for link in links:
        assert "back=" in link, link
        page = client.get(link.replace("&amp;", "&")).content.decode()
        back = re.search(r'href="([^"]+)" data-testid="back"', page)
        assert back is not None
        assert back.group(1).replace("&amp;", "&") == f"/kpis/?kind=quarter&day={today}"
    shown = client.get(f"/kpis/?kind=quarter&day={today}").context["period"]
    assert shown == client.get(reverse("kpis:dashboard")).context["period"]
