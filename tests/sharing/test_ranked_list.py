"""The job order's ranked list a page at a time: order, pages, facet counts, anonymous hits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobbro.candidates.models import Candidate
from jobbro.joborders.models import JobOrderTask
from jobbro.matching.engine import FacetRequest, Order
from jobbro.matching.selectors import SearchFilters
from jobbro.organisations.models import Municipality
from jobbro.sharing import selectors
from tests.factories import ExperienceFactory, QualificationFactory, SkillFactory

from .conftest import make_candidate

pytestmark = pytest.mark.django_db


def municipality(name: str) -> Municipality:
    """A real one (reference data). From København's town hall, the workplace, Hvidovre is
    about 6 km away, Roskilde about 31 km."""
    return Municipality.objects.get(name=name)


@pytest.fixture(autouse=True)
def _workplace_in_copenhagen(job_order):
    """Distances from a real town hall (the factories' municipalities may be anywhere)."""
    job_order.workplace_municipality = municipality("København")
    job_order.save()


def carpenter(job_centre, occupation, years: int, **kwargs) -> Candidate:
    """A carpenter with `years` of experience (more years, higher score), living in
    København unless told otherwise."""
    kwargs.setdefault("municipality", municipality("København"))
    candidate = make_candidate(job_centre, first_name=f"Tømrer{years}", **kwargs)
    ExperienceFactory(
        cv=candidate.cv,
        occupation=occupation,
        title="Tømrer",
        start_date=dt.date(2025 - years, 1, 1),
        end_date=dt.date(2025, 1, 1),
    )
    return candidate


def who(ranked) -> list[tuple[int, str]]:
    """(rank, first name or "anonymous") of each hit, in the order listed."""
    return [
        (hit.rank, "anonymous" if hit.candidate is None else hit.candidate.first_name)
        for hit in ranked.hits
    ]


def test_anonymous_hits_are_placed_by_score_among_the_named(
    partner, job_order, job_centre, other_job_centre, occupation
):
    carpenter(job_centre, occupation, 10)
    carpenter(other_job_centre, occupation, 6, consent=False)  # another centre's, no consent
    carpenter(other_job_centre, occupation, 3)

    ranked = selectors.ranked_for_job_order(job_order, searcher=partner)

    assert who(ranked) == [(1, "Tømrer10"), (2, "anonymous"), (3, "Tømrer3")]
    assert [c.first_name for c in ranked.named] == ["Tømrer10", "Tømrer3"]


def test_pages_of_the_list(partner, job_order, job_centre, other_job_centre, occupation):
    for years in (9, 8, 7, 6, 5):
        carpenter(job_centre if years % 2 else other_job_centre, occupation, years)
    carpenter(other_job_centre, occupation, 4, consent=False)

    pages = [
        selectors.ranked_for_job_order(job_order, searcher=partner, page=page, per_page=2)
        for page in (1, 2, 3)
    ]

    assert [who(ranked) for ranked in pages] == [
        [(1, "Tømrer9"), (2, "Tømrer8")],
        [(3, "Tømrer7"), (4, "Tømrer6")],
        [(5, "Tømrer5"), (6, "anonymous")],
    ]
    assert {ranked.total for ranked in pages} == {6}
    assert [ranked.page for ranked in pages] == [1, 2, 3]
    # Only the page's named candidates are handed to the access log.
    assert [c.first_name for c in pages[2].named] == ["Tømrer5"]
    # A link past the end (the list shrank since) shows the last page.
    late = selectors.ranked_for_job_order(job_order, searcher=partner, page=9, per_page=2)
    assert (late.page, who(late)) == (3, who(pages[2]))


def test_sorted_by_distance_or_availability_keeps_the_rank_by_score(
    partner, job_order, job_centre, other_job_centre, occupation
):
    far, near = municipality("Roskilde"), municipality("Hvidovre")
    start = job_order.start_date
    carpenter(job_centre, occupation, 9, municipality=far, available_from=start)
    carpenter(
        other_job_centre,
        occupation,
        5,
        consent=False,
        municipality=near,
        available_from=start - dt.timedelta(days=90),
    )
    carpenter(job_centre, occupation, 2, available_from=start - dt.timedelta(days=60))

    def listed(order: Order) -> list[tuple[int, str]]:
        return who(selectors.ranked_for_job_order(job_order, searcher=partner, order=order))

    rank_of = {name: rank for rank, name in listed(Order.SCORE)}
    # The workplace's municipality (0 km), Hvidovre, Roskilde; then by the date available.
    by_distance, by_date = listed(Order.DISTANCE), listed(Order.AVAILABLE)
    assert [name for _rank, name in by_distance] == ["Tømrer2", "anonymous", "Tømrer9"]
    assert [name for _rank, name in by_date] == ["anonymous", "Tømrer2", "Tømrer9"]
    # Each keeps its place by score as its rank.
    assert all(rank == rank_of[name] for rank, name in by_distance + by_date)
    assert sorted(rank_of.values()) == [1, 2, 3]


def test_facet_counts_cover_the_whole_list(
    partner, job_order, job_centre, other_job_centre, occupation
):
    truck = QualificationFactory()
    far = municipality("Roskilde")
    carpenter(job_centre, occupation, 9, municipality=far)
    holder = carpenter(job_centre, occupation, 8)
    holder.cv.qualifications.create(qualification=truck)
    carpenter(other_job_centre, occupation, 7, consent=False)
    carpenter(other_job_centre, occupation, 6)
    facets = FacetRequest(distances_km=(10.0, 50.0), licences=(truck.pk,))

    ranked = selectors.ranked_for_job_order(job_order, searcher=partner, per_page=1, facets=facets)

    assert len(ranked.hits) == 1 and ranked.total == 4
    assert ranked.facets is not None
    assert ranked.facets.job_centres == {job_centre.pk: 2, other_job_centre.pk: 2}
    assert ranked.facets.within_km == {10.0: 3, 50.0: 4}
    assert ranked.facets.any_distance == 4
    assert ranked.facets.licences == {truck.pk: 1}

    # A ticked job centre narrows the list, not that facet's own counts; the others follow.
    narrowed = selectors.ranked_for_job_order(
        job_order,
        searcher=partner,
        filters=SearchFilters(job_centres=[other_job_centre], max_distance_km=10),
        facets=facets,
    )
    assert narrowed.total == 2
    assert narrowed.facets is not None
    assert narrowed.facets.job_centres == {job_centre.pk: 1, other_job_centre.pk: 2}
    assert narrowed.facets.within_km == {10.0: 2, 50.0: 2}
    assert narrowed.facets.any_distance == 2
    assert narrowed.facets.licences == {truck.pk: 0}


# --- the search for the tasks without the trade (substitution labour) ---------------------


def test_the_list_ranks_for_the_tasks_without_the_trade(
    client_for, partner, job_order, job_centre, other_job_centre, occupation
):
    """The choice shows only for an order with such tasks; the candidate without the trade
    is listed for the tasks alone, explained task by task in Danish and English, and
    another job centre's candidate without consent is anonymous but counted."""
    url = reverse("sharing:ranked", args=[job_order.pk])
    client = client_for(partner)
    assert "search_for" not in client.get(url).content.decode()
    # Without such tasks the choice is not there, and asking for it gives the whole job.
    assert "Ranked for the tasks" not in client.get(url, {"search_for": "tasks"}).content.decode()
    cleaning = SkillFactory(label_da="rengøre byggepladser", label_en="clean building sites")
    carrying = SkillFactory(label_da="bære materialer", label_en="carry materials")
    tidy = JobOrderTask.objects.create(job_order=job_order, title="Oprydning", position=0)
    tidy.skills.set([cleaning, carrying])
    trade = JobOrderTask.objects.create(
        job_order=job_order, title="Forskalling", needs_trade=True, position=1
    )
    trade.skills.set([SkillFactory()])
    substitute = make_candidate(job_centre, first_name="Bo", last_name="Uden")
    substitute.cv.skills.set([cleaning])
    hidden = make_candidate(other_job_centre, consent=False, first_name="Skjult")
    hidden.cv.skills.set([cleaning, carrying])
    carpenter(job_centre, occupation, years=5)

    ordinary = client.get(url).content.decode()
    assert 'name="search_for"' in ordinary
    assert "Bo Uden" not in ordinary and "Tømrer5" in ordinary

    english = client.get(url, {"search_for": "tasks"}).content.decode()
    assert "Bo Uden" in english and "Tømrer5" not in english
    assert "Ranked for the tasks without the trade" in english
    assert "Task “Oprydning”:" in english
    assert "✓ clean building sites" in english and "✗ carry materials" in english
    assert "Forskalling" not in english.split('data-testid="hits"')[1]
    assert "matches 2 of 2 requirements" in english  # the anonymous hit: both task skills
    assert "Skjult" not in english

    client.cookies["django_language"] = "da"
    danish = client.get(url, {"search_for": "tasks"}).content.decode()
    assert "Rangeret til opgaverne uden faguddannelse" in danish
    assert "Opgaven “Oprydning”:" in danish
    assert "✓ rengøre byggepladser" in danish and "✗ bære materialer" in danish
    assert "Faguddannelsen kræves ikke" in danish


def test_the_task_search_reads_as_many_queries_for_one_hit_as_for_three(
    client_for, partner, job_order, job_centre, other_job_centre
):
    """The page in the task search runs no query per hit or per task (the query-count
    world opens the list for the whole job)."""
    url = reverse("sharing:ranked", args=[job_order.pk])
    client = client_for(partner)

    def add(n: int) -> None:
        skill = SkillFactory(label_da=f"opgave {n}")
        made = JobOrderTask.objects.create(job_order=job_order, title=f"Opgave {n}", position=n)
        made.skills.set([skill])
        for centre, consent in ((job_centre, True), (other_job_centre, False)):
            candidate = make_candidate(centre, consent=consent, first_name=f"Vikar{n}")
            candidate.cv.skills.set([skill])

    def count(named: str) -> int:
        client.get(url, {"search_for": "tasks"})  # the index and the session, once
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url, {"search_for": "tasks"}).content.decode()
        assert named in page and "Task “Opgave 0”:" in page
        return len(queries)

    add(0)
    one = count("Vikar0")
    add(1)
    add(2)
    assert count("Vikar2") == one
