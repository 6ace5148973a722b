"""The key-figures page: who may open it, the chosen period beside the previous one, both
languages, and a job centre's own figures."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from jobbro.candidates.models import TargetGroup
from jobbro.kpis.models import Target, TargetPart
from jobbro.organisations.models import Role
from tests.factories import staff

pytestmark = pytest.mark.django_db

READERS = [Role.TEAM_LEADER, Role.MANAGER, Role.STEERING_GROUP, Role.SECRETARIAT]
OTHERS = [r for r in Role if r not in READERS]


def row(html: str, key: str) -> str:
    start = html.index(f'data-kpi="{key}"')
    return html[start : html.index("</tr>", start)]


def cell(html: str, key: str, testid: str) -> str:
    """The text of a row's cell, without the drill-down's link."""
    found = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</td>', row(html, key))
    assert found is not None
    return re.sub(r"<[^>]+>", "", found.group(1))


@pytest.mark.parametrize("role", READERS)
def test_leaders_and_the_secretariat_read_the_quarter_beside_the_one_before(
    world, client_for, role
):
    client = client_for(staff(role, world.herlev))
    page = client.get(reverse("kpis:dashboard"), {"kind": "quarter", "day": "2027-02-15"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nøgletal" in html
    assert cell(html, "positions", "current") == "7"
    assert cell(html, "positions", "previous") == "5"
    assert "43 % (3 af 7)" in row(html, "fill_rate")
    assert "median 14, 90. percentil 30 dage (3 ansættelser)" in row(html, "time_to_fill")


@pytest.mark.parametrize("role", OTHERS)
def test_no_one_else_opens_it(world, client_for, role):
    assert client_for(staff(role, world.herlev)).get(reverse("kpis:dashboard")).status_code == 403


def test_in_english_for_one_job_centre(world, client_for):
    client = client_for(staff(Role.MANAGER, world.gladsaxe))
    client.cookies["django_language"] = "en"
    page = client.get(
        reverse("kpis:dashboard"),
        {"kind": "quarter", "day": "2027-01-01", "job_centre": world.gladsaxe.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = page.content.decode()
    assert "Key figures" in html
    assert cell(html, "positions", "current") == "3"
    assert "33 % (1 of 3)" in row(html, "fill_rate")


def test_a_custom_period_ending_before_it_starts_is_refused(world, client_for):
    client = client_for(staff(Role.SECRETARIAT, world.herlev))
    page = client.get(
        reverse("kpis:dashboard"), {"kind": "custom", "start": "2027-03-01", "end": "2027-02-01"}
    )
    assert page.status_code == 200
    assert "Perioden slutter, før den begynder." in page.content.decode()
    assert 'data-testid="kpis"' not in page.content.decode()


def test_a_figure_split_by_job_centre_and_target_group(world, client_for):
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    query = {"kind": "quarter", "day": "2027-03-31", "figure": "hires", "split": "job_centre"}
    html = client.get(reverse("kpis:dashboard"), query).content.decode()
    table = html[html.index('data-testid="split"') :]
    assert table.index("Jobcenter Gladsaxe") < table.index("Jobcenter Herlev")
    assert "Ansættelser fordelt på jobcenter" in html
    query["split"] = "target_group"
    html = client.get(reverse("kpis:dashboard"), query).content.decode()
    table = html[html.index('data-testid="split"') :]
    for label in ("Seniorer", "Unge under 30 år", "Ingen målgruppe"):
        assert label in table


def test_a_figure_that_cannot_split_so_says_so(world, client_for):
    client = client_for(staff(Role.TEAM_LEADER, world.herlev))
    query = {"kind": "quarter", "day": "2027-03-31", "figure": "visits", "split": "project"}
    html = client.get(reverse("kpis:dashboard"), query).content.decode()
    assert 'data-testid="no-split"' in html


def test_the_charts_read_their_numbers_from_the_table_and_counts_link_to_their_items(
    world, client_for
):
    client = client_for(staff(Role.MANAGER, world.herlev))
    html = client.get(reverse("kpis:dashboard"), {"kind": "quarter", "day": "2027-02-15"})
    html = html.content.decode()
    assert 'data-value="7"' in row(html, "positions")
    assert 'data-value="43"' in row(html, "fill_rate")  # a share draws its per cent
    assert 'data-value="14"' in row(html, "time_to_fill")  # durations their median
    # One chart per family and unit: counts, per cents, days, scores.
    assert html.count('data-chart="family"') == 2 + 2 + 3 + 1 + 2 + 3
    assert 'data-rows="#family-3 tr[data-unit=days]"' in html
    drill = "/kpis/positions/items/?kind=custom&amp;start=2027-01-01&amp;end=2027-03-31"
    assert drill in row(html, "positions")
    assert "/kpis/fill_rate/items/" not in html  # a share lists nothing


def test_the_targets_running_in_the_period_show_their_progress(world, client_for):
    target = Target.objects.create(
        cooperation=world.coop,
        kpi="hires",
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 3, 31),
        value=Decimal(4),
    )
    TargetPart.objects.create(target=target, job_centre=world.herlev, value=Decimal(4))
    client = client_for(staff(Role.MANAGER, world.herlev))
    html = client.get(reverse("kpis:dashboard"), {"kind": "quarter", "day": "2027-02-01"}).content
    page = html.decode()
    assert 'data-testid="target" data-kpi="hires"' in page
    assert "Mål pr. 01.01.2027" in page  # the quarter has not begun: its first day
    earlier = client.get(reverse("kpis:dashboard"), {"kind": "quarter", "day": "2026-11-01"})
    assert 'data-testid="target"' not in earlier.content.decode()
    assert 'data-testid="no-targets"' in earlier.content.decode()


def _errors(html: str) -> list[str]:
    return re.findall(r'<span class="form-error-message" role="alert">([^<]*)<', html)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("job_centre=99999", "Ukendt jobcenter: vælg et af samarbejdets jobcentre."),
        ("job_centre=abc", "Ukendt jobcenter: vælg et af samarbejdets jobcentre."),
        ("kind=fortnight", "Ukendt periode: vælg uge, måned, kvartal, år eller to datoer."),
        ("kind=week&day=31-02-2027", "Ikke en dato: skriv den som år-måned-dag, fx 2027-03-31."),
        ("kind=year&day=1989-12-31", "Vælg en dag fra 01.01.1990 og frem."),
        ("kind=quarter&day=9999-12-31", "Vælg en dag højst ti år frem (til "),
        ("kind=custom&start=0001-01-01&end=2027-01-01", "Vælg en dag fra 01.01.1990 og frem."),
        ("kind=custom&start=2027-01-01&end=9999-12-31", "Vælg en dag højst ti år frem"),
        ("split=industry&figure=nope", "Ukendt nøgletal: vælg et fra listen."),
        ("split=colour", "Ukendt opdeling: vælg en fra listen."),
    ],
)
def test_a_bad_filter_is_said_plainly_at_its_field(world, client_for, query, message):
    client = client_for(staff(Role.SECRETARIAT, world.herlev))
    page = client.get(f"{reverse('kpis:dashboard')}?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    errors = _errors(html)
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert "Feltet skal udfyldes" not in html
    assert 'data-testid="kpis"' not in html


@pytest.mark.parametrize(
    "query",
    [
        "job_centre=",
        "day=",
        "figure=&split=",
        "split=job_centre",
        "kind=",
        "unknown=1",
        "kind=%00&job_centre=%00&day=%00",
        "job_centre=1e99&job_centre=-1",
        "kind=custom&start=2027-01-01",
        "day=2027-02-15&day=x%27%3B--",
        "start[]=1&end=%ff%fe",
    ],
)
def test_no_query_string_breaks_the_page(world, client_for, query):
    client = client_for(staff(Role.SECRETARIAT, world.herlev))
    assert client.get(f"{reverse('kpis:dashboard')}?{query}").status_code == 200
    drill = client.get(f"{reverse('kpis:items', args=['hires'])}?{query}")
    assert drill.status_code in (200, 400)


def test_the_period_is_optional_and_the_boxes_say_what_is_counted(world, client_for):
    """A query without a period counts this quarter, and the boxes show it; a split without
    its key figure splits the hires, and the figure box says so."""
    client = client_for(staff(Role.SECRETARIAT, world.herlev))
    query = {"job_centre": world.herlev.pk, "split": "project"}
    html = client.get(reverse("kpis:dashboard"), query).content.decode()
    assert _errors(html) == []
    assert 'data-testid="kpis"' in html
    assert '<option value="quarter" selected>' in html
    assert '<option value="hires" selected>' in html
    assert "Ansættelser fordelt på projekt" in html


def _split_rows(html: str) -> list[tuple[str, str]]:
    """(label, this period's figure) of each row of the split table."""
    table = html[
        html.index('data-testid="split"') : html.index(
            "</tbody>", html.index('data-testid="split"')
        )
    ]
    return re.findall(
        r'<span class="weight-normal">([^<]*)</span></th>\s*<td[^>]*data-value="([^"]*)"', table
    )


def _total(html: str) -> str:
    found = re.search(r'data-testid="split-total">.*?<td[^>]*>([^<]*)</td>', html, re.S)
    assert found is not None
    return found.group(1)


def test_the_split_has_a_total_equal_to_the_figure(world, client_for):
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    query = {"kind": "quarter", "day": "2027-03-31", "figure": "positions", "split": "job_centre"}
    html = client.get(reverse("kpis:dashboard"), query).content.decode()
    rows = _split_rows(html)
    assert sum(int(value) for _label, value in rows) == 7
    assert _total(html) == cell(html, "positions", "current") == "7"
    assert 'data-testid="split-overlap"' not in html  # a job order has one job centre
    assert "I alt" in html


def test_the_secretariats_line_is_explained_as_no_job_centre(world, client_for):
    """o4 is run by the secretariat: its line in the split by job centre says what it is
    and that a target's job-centre parts leave it out (docs/kpis.md)."""
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    query = {"kind": "quarter", "day": "2027-03-31", "figure": "job_orders", "split": "job_centre"}
    html = client.get(reverse("kpis:dashboard"), query).content.decode()
    assert 'data-group="none"' in html
    assert 'data-testid="split-secretariat"' in html
    # Hires have no line of the secretariat in the quarter: no note.
    query["figure"] = "hires"
    html = client.get(reverse("kpis:dashboard"), query).content.decode()
    assert 'data-testid="split-secretariat"' not in html


def test_target_groups_may_overlap_and_the_page_says_so(world, client_for):
    """c2, hired, is a senior and (here) an academic too: she counts in both rows, so the
    rows add up to more than the hires, whose total stays the headline figure."""
    world.c2.target_groups.add(TargetGroup.objects.get(code="academic"))
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    query = {"kind": "quarter", "day": "2027-03-31", "figure": "hires", "split": "target_group"}
    html = client.get(reverse("kpis:dashboard"), query).content.decode()
    rows = dict(_split_rows(html))
    assert rows["Seniorer"] == rows["Akademikere"] == "1"
    assert _total(html) == cell(html, "hires", "current") == "3"
    # c1 is young by age and has no mark: "Unge" and "Ingen målgruppe" both count her.
    assert rows == {
        "Akademikere": "1",
        "Seniorer": "1",
        "Unge under 30 år": "1",
        "Ingen målgruppe": "2",
    }
    assert 'data-testid="split-overlap"' in html
    assert "kan være i flere grupper" in html
