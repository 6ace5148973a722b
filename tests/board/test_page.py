"""The board's page: who may open it, the week and job centre chosen, both languages, bad
input said plainly, and no candidate on it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobbro.board.forms import earliest_week, week_value
from jobbro.board.roles import BOARD_READERS
from jobbro.organisations.models import Role
from tests.factories import staff

pytestmark = pytest.mark.django_db

OTHERS = [r for r in Role if r not in BOARD_READERS]
WEEK_10 = {"week": "2026-W10"}


def section(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</table>", start)]


@pytest.mark.parametrize("role", BOARD_READERS)
def test_those_at_the_meeting_open_the_week(world, client_for, role):
    page = client_for(staff(role, world.herlev)).get(reverse("board:board"), WEEK_10)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tavlemøde, uge 10 2026" in html
    assert 'data-testid="figure-positions">4<' in html
    assert 'data-testid="figure-hires">2<' in html
    new = section(html, "new-positions")
    assert f'data-order="{world.o1.pk}"' in new and f'data-order="{world.o5.pk}"' in new
    subsidised = section(html, "subsidised")
    assert "Løntilskud" in subsidised and "Småjob" in subsidised
    assert "Sekretariatet" in subsidised  # o4 is run by the secretariat, not its host
    assert "1 af 3" in section(html, "filled")
    assert "tømrer" in section(html, "easy")
    assert "rengøringsassistent" in section(html, "hard")
    stuck = section(html, "stuck")
    assert "Fristen udløb for 9 dage siden" in stuck
    assert "Ingen visitation i 16 dage" in stuck
    # Another cooperation's orders, hires and events are not there.
    assert "Nord A/S" not in html and "Nordmessen" not in html


def test_the_steering_group_reads_the_board(world, client_for):
    # Counts and job orders, no citizen named: the steering group may read the meeting.
    page = client_for(staff(Role.STEERING_GROUP, world.herlev)).get(reverse("board:board"), WEEK_10)
    assert page.status_code == 200
    assert "Tavlemøde, uge 10 2026" in page.content.decode()


@pytest.mark.parametrize("role", OTHERS)
def test_no_one_else_opens_it(world, client_for, role):
    assert client_for(staff(role, world.herlev)).get(reverse("board:board")).status_code == 403


def test_no_candidate_is_named(world, client_for):
    html = (
        client_for(staff(Role.BUSINESS_CONSULTANT, world.herlev))
        .get(reverse("board:board"), WEEK_10)
        .content.decode()
    )
    for referral in world.old_c.referrals.select_related("candidate"):
        assert referral.candidate.last_name not in html


def test_one_job_centre_in_english(world, client_for):
    client = client_for(staff(Role.TEAM_LEADER, world.gladsaxe))
    client.cookies["django_language"] = "en"
    page = client.get(
        reverse("board:board"),
        {**WEEK_10, "job_centre": world.gladsaxe.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = page.content.decode()
    assert "Board meeting, week 10 2026" in html
    assert 'data-testid="board-scope">Jobcenter Gladsaxe' in html
    assert 'data-testid="no-filled"' in html
    assert "Deadline passed 9 days ago" in section(html, "stuck")
    assert f'data-order="{world.o4.pk}"' not in html  # the secretariat's


def test_another_cooperations_job_centre_is_refused(world, client_for):
    from jobbro.organisations.models import JobCentre

    other = JobCentre.objects.get(name="Jobcenter Helsingør")
    page = client_for(staff(Role.MANAGER, world.herlev)).get(
        reverse("board:board"), {**WEEK_10, "job_centre": other.pk}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ukendt jobcenter: vælg et af samarbejdets jobcentre." in html
    assert 'data-testid="figures"' not in html


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("uge 10", "Skriv ugen som år og ugenummer, fx 2026-W49."),
        ("2026-W54", "Det år har ikke den uge."),
        ("2099-W01", "Vælg denne uge eller en tidligere."),
        ("1800-W01", "Vælg en uge højst ti år tilbage: "),
        ("0000-W01", "Det år har ikke den uge."),
    ],
)
def test_a_bad_week_is_said_plainly(world, client_for, week, message):
    page = client_for(staff(Role.SECRETARIAT, world.herlev)).get(
        reverse("board:board"), {"week": week}
    )
    html = page.content.decode()
    assert message in html
    assert 'data-testid="figures"' not in html


def test_the_board_goes_back_ten_years_and_no_further(world, client_for):
    client = client_for(staff(Role.SECRETARIAT, world.herlev))
    first = earliest_week()
    html = client.get(reverse("board:board"), {"week": week_value(first)}).content.decode()
    assert 'data-testid="figures"' in html
    assert 'data-testid="previous-week"' not in html  # the week before is refused
    assert f'min="{week_value(first)}"' in html
    before = week_value(first.previous())
    html = client.get(reverse("board:board"), {"week": before}).content.decode()
    assert f"Vælg en uge højst ti år tilbage: {week_value(first)} eller senere." in html
    assert 'data-testid="figures"' not in html


def test_an_unknown_job_centre_is_said_plainly(world, client_for):
    client = client_for(staff(Role.SECRETARIAT, world.herlev))
    page = client.get(reverse("board:board"), {"job_centre": "99999"})
    assert page.status_code == 200
    assert "Ukendt jobcenter: vælg et af samarbejdets jobcentre." in page.content.decode()


def test_without_a_week_it_is_this_week_with_links_to_the_one_before(world, client_for):
    html = (
        client_for(staff(Role.JOB_CONSULTANT, world.herlev))
        .get(reverse("board:board"))
        .content.decode()
    )
    assert 'data-testid="figures"' in html
    assert 'data-testid="previous-week"' in html
    assert 'data-testid="next-week"' not in html  # no board of a week to come


def test_the_menu_leads_to_it(world, client_for):
    html = client_for(staff(Role.RECRUITMENT_CONSULTANT, world.herlev)).get("/").content.decode()
    assert f'href="{reverse("board:board")}"' in html
    html = client_for(staff(Role.STEERING_GROUP, world.herlev)).get("/").content.decode()
    assert f'href="{reverse("board:board")}"' in html
    html = client_for(staff(Role.ONBOARDING_CONSULTANT, world.herlev)).get("/").content.decode()
    assert f'href="{reverse("board:board")}"' not in html


def test_a_long_stuck_list_shows_the_longest_stuck_and_says_how_many(
    world, client_for, monkeypatch
):
    monkeypatch.setattr("jobbro.board.selectors.STUCK_LISTED", 2)
    html = client_for(staff(Role.MANAGER, world.herlev)).get(reverse("board:board"), WEEK_10)
    html = html.content.decode()
    assert 'data-testid="figure-stuck">4<' in html  # all four are counted
    stuck = section(html, "stuck")
    assert stuck.count("data-order=") == 2
    assert (
        f'data-order="{world.historic.pk}"' in stuck and f'data-order="{world.quiet.pk}"' in stuck
    )
    assert (
        "De 2, der har stået længst fast, af 4 er vist. Vælg et jobcenter for at se dets egne."
        in html
    )
    # One job centre's board is its own already: no advice to choose one.
    own = client_for(staff(Role.MANAGER, world.gladsaxe)).get(
        reverse("board:board"), {**WEEK_10, "job_centre": world.gladsaxe.pk}
    )
    own_html = own.content.decode()
    assert "af 3 er vist." in own_html and "Vælg et jobcenter" not in own_html
