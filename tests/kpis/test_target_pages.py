"""The targets' pages: who reads and who sets them, the form's messages in Danish (and
English), nothing half written, an unchanged save and two editors at once."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from jobbro.kpis import targets
from jobbro.kpis.models import Target, TargetPart
from jobbro.organisations.models import JobCentre, Role
from tests.candidates.pdf_pages import text_of
from tests.factories import staff

pytestmark = pytest.mark.django_db

READERS = [Role.TEAM_LEADER, Role.MANAGER, Role.STEERING_GROUP, Role.SECRETARIAT]


@pytest.fixture
def target(world) -> Target:
    found = Target.objects.create(
        cooperation=world.coop,
        kpi="hires",
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 3, 31),
        value=Decimal(4),
    )
    TargetPart.objects.create(target=found, job_centre=world.herlev, value=Decimal(2))
    TargetPart.objects.create(target=found, job_centre=world.gladsaxe, value=Decimal(2))
    return found


def form_data(world, **changes) -> dict:
    data = {
        "kpi": "hires",
        "start": "2027-01-01",
        "end": "2027-03-31",
        "industry": "",
        "project": "",
        "value": "4",
        "note": "",
        f"part_{world.herlev.pk}": "2",
        f"part_{world.gladsaxe.pk}": "2",
    }
    return data | changes


@pytest.mark.parametrize("role", list(Role))
def test_leaders_and_the_secretariat_read_the_progress(world, target, client_for, role):
    page = client_for(staff(role, world.gladsaxe)).get(
        reverse("kpis:targets"), {"on": "2027-04-10"}
    )
    if role not in READERS:
        assert page.status_code == 403
        return
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ansættelser" in html
    # The quarter is over: 3 of 4 hires.
    assert "3 af 4 (75 %)" in html
    assert "Ikke nået" in html
    assert '<progress max="100" value="75"' in html
    may_set = reverse("kpis:target_edit", args=[target.pk]) in html
    assert may_set == (role is Role.STEERING_GROUP)


@pytest.mark.parametrize("role", list(Role))
def test_only_the_steering_group_opens_the_forms(world, target, client_for, role):
    client = client_for(staff(role, world.herlev))
    expected = 200 if role is Role.STEERING_GROUP else 403
    assert client.get(reverse("kpis:target_create")).status_code == expected
    assert client.get(reverse("kpis:target_edit", args=[target.pk])).status_code == expected
    assert client.get(reverse("kpis:target_delete", args=[target.pk])).status_code == expected


def test_another_cooperations_steering_group_finds_no_target(world, target, client_for):
    client = client_for(
        staff(Role.STEERING_GROUP, JobCentre.objects.get(name="Jobcenter Helsingør"))
    )
    assert client.get(reverse("kpis:target_edit", args=[target.pk])).status_code == 404
    assert client.post(reverse("kpis:target_delete", args=[target.pk])).status_code == 404
    assert (
        client.post(
            reverse("kpis:target_edit", args=[target.pk]), form_data(world, value="9")
        ).status_code
        == 404
    )
    assert Target.objects.get().value == 4
    assert "Ansættelser" not in client.get(reverse("kpis:targets")).content.decode()


def test_a_target_split_by_job_centre_is_saved(world, client_for):
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    page = client.post(
        reverse("kpis:target_create"),
        form_data(
            world,
            value="500",
            **{
                f"part_{world.herlev.pk}": "300",
                f"part_{world.gladsaxe.pk}": "200",
            },
            project=str(world.project.pk),
            note="Metroen",
        ),
    )
    assert page.status_code == 302
    saved = Target.objects.get()
    assert (saved.kpi, saved.value, saved.project) == ("hires", 500, world.project)
    assert {p.job_centre_id: p.value for p in saved.parts.all()} == {
        world.herlev.pk: 300,
        world.gladsaxe.pk: 200,
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": "2026-12-31"}, "Perioden slutter, før den begynder."),
        (
            {"value": "-5", "part_herlev": "", "part_gladsaxe": ""},
            "Et mål for et antal er mindst 1.",
        ),
        (
            {"value": "0", "part_herlev": "", "part_gladsaxe": ""},
            "Et mål for et antal er mindst 1.",
        ),
        (
            {"kpi": "survey_overall", "value": "0", "part_herlev": "", "part_gladsaxe": ""},
            "Tilfredshed gives som en score fra 1 til 5.",
        ),
        (
            {"kpi": "time_to_fill", "value": "0", "part_herlev": "", "part_gladsaxe": ""},
            "Tid til besættelse er mindst 1 dag.",
        ),
        (
            {"value": "5", "part_herlev": "-1", "part_gladsaxe": "6"},
            "Et mål kan ikke være negativt.",
        ),
        (
            {"kpi": "match_rate", "value": "120", "part_herlev": "", "part_gladsaxe": ""},
            "En andel er fra 1 til 100 %.",
        ),
        (
            {"kpi": "match_rate", "value": "45", "part_herlev": "101"},
            "En andel er fra 1 til 100 %.",
        ),
        (
            {"value": "500", "part_herlev": "300", "part_gladsaxe": "150"},
            "Jobcentrenes dele giver tilsammen 450, ikke målet på 500.",
        ),
        ({"start": "2015-01-01", "end": "2025-01-01"}, "Vælg en periode på højst 10 år."),
        # The dashboard's bound (periods.FIRST_DAY): a target it could not show.
        ({"start": "1980-01-01", "end": "1980-12-31"}, "Vælg en dag fra 01.01.1990 og frem."),
        ({"value": "2.5", "part_herlev": "", "part_gladsaxe": ""}, "Angiv et helt tal."),
    ],
)
def test_bad_input_is_refused_in_danish_and_nothing_is_written(world, client_for, changes, message):
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    names = {"part_herlev": f"part_{world.herlev.pk}", "part_gladsaxe": f"part_{world.gladsaxe.pk}"}
    data = form_data(world, **{names.get(k, k): v for k, v in changes.items()})
    page = client.post(reverse("kpis:target_create"), data)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not Target.objects.exists()
    assert not TargetPart.objects.exists()


def test_the_secretariat_has_no_part_and_its_line_is_not_split(world, client_for):
    """The secretariat is no job centre: the form offers no part for it and says so; its
    job order (o4) counts in the total and shows on a line "not split"."""
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    form = client.get(reverse("kpis:target_create")).content.decode()
    assert 'data-testid="secretariat-rule"' in form
    assert "Sekretariatet har ingen del" in form
    Target.objects.create(
        cooperation=world.coop,
        kpi="job_orders",
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 3, 31),
        value=Decimal(4),
    )
    html = client.get(reverse("kpis:targets"), {"on": "2027-04-10"}).content.decode()
    assert 'data-testid="secretariat-not-split"' in html
    assert "Ikke fordelt: tæller kun med i samarbejdets samlede tal" in html


def test_a_progress_day_outside_the_bound_is_refused(world, target, client_for):
    client = client_for(staff(Role.MANAGER, world.herlev))
    page = client.get(reverse("kpis:targets"), {"on": "1800-01-01"})
    assert page.status_code == 200
    assert "Vælg en dag fra 01.01.1990 og frem." in page.content.decode()


def test_the_parts_message_in_english(world, client_for):
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    client.cookies["django_language"] = "en"
    page = client.post(
        reverse("kpis:target_create"),
        form_data(world, value="500", **{f"part_{world.herlev.pk}": "300"}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "The job centres&#x27; parts add up to 302, not to the target of 500." in (
        page.content.decode()
    )


def test_saving_the_edit_form_unchanged_changes_nothing(world, target, client_for):
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    stamp = target.updated_at
    page = client.post(
        reverse("kpis:target_edit", args=[target.pk]), form_data(world, version="1"), follow=True
    )
    assert "Intet blev ændret." in page.content.decode()
    target.refresh_from_db()
    assert (target.version, target.updated_at) == (1, stamp)


def test_the_second_of_two_editors_is_refused(world, target, client_for):
    first = client_for(staff(Role.STEERING_GROUP, world.herlev))
    second = client_for(staff(Role.STEERING_GROUP, world.gladsaxe))
    url = reverse("kpis:target_edit", args=[target.pk])
    # Both opened the form at version 1.
    assert 'name="version" value="1"' in second.get(url).content.decode()
    assert (
        first.post(
            url,
            form_data(
                world,
                version="1",
                value="6",
                **{f"part_{world.herlev.pk}": "3", f"part_{world.gladsaxe.pk}": "3"},
            ),
        ).status_code
        == 302
    )
    page = second.post(
        url,
        form_data(
            world,
            version="1",
            value="8",
            **{f"part_{world.herlev.pk}": "4", f"part_{world.gladsaxe.pk}": "4"},
        ),
    )
    assert page.status_code == 200
    assert "En anden har ændret dette mål, mens du redigerede det." in page.content.decode()
    target.refresh_from_db()
    assert (target.value, target.version) == (6, 2)


def test_the_steering_group_deletes_a_target_with_its_parts(world, target, client_for):
    client = client_for(staff(Role.STEERING_GROUP, world.gladsaxe))
    url = reverse("kpis:target_delete", args=[target.pk])
    page = client.get(url).content.decode()
    assert "Slet mål" in page
    assert 'name="version" value="1"' in page  # the version it was opened at
    assert client.post(url, {"version": "1"}).status_code == 302
    assert not Target.objects.exists() and not TargetPart.objects.exists()


def test_a_delete_begun_before_another_s_edit_is_refused(world, target, client_for):
    first = client_for(staff(Role.STEERING_GROUP, world.herlev))
    second = client_for(staff(Role.STEERING_GROUP, world.gladsaxe))
    url = reverse("kpis:target_delete", args=[target.pk])
    assert 'name="version" value="1"' in first.get(url).content.decode()
    changed = second.post(
        reverse("kpis:target_edit", args=[target.pk]),
        form_data(
            world,
            version="1",
            value="6",
            **{f"part_{world.herlev.pk}": "3", f"part_{world.gladsaxe.pk}": "3"},
        ),
    )
    assert changed.status_code == 302
    page = first.post(url, {"version": "1"})
    assert page.status_code == 409
    html = page.content.decode()
    assert "En anden har ændret dette mål, efter du åbnede siden." in html
    assert 'name="version" value="2"' in html  # the target as it is now, to confirm again
    target.refresh_from_db()
    assert (target.value, target.version) == (6, 2)
    # Without a version (a form from before), nothing is deleted either.
    assert first.post(url).status_code == 409
    assert Target.objects.filter(pk=target.pk).exists()
    assert first.post(url, {"version": "2"}).status_code == 302
    assert not Target.objects.exists()


def test_the_delete_question_is_all_in_the_pages_language(world, client_for):
    """The confirmation names the target's figure, goal, scope and period in the page's
    language: no Danish left on the English page (nor English on the Danish one)."""
    import re

    Target.objects.create(
        cooperation=world.coop,
        kpi="time_to_fill",
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 3, 31),
        value=Decimal(20),
        industry_section="F",
    )
    found = Target.objects.get(kpi="time_to_fill")
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    url = reverse("kpis:target_delete", args=[found.pk])

    def question(html: str) -> str:
        match = re.search(r'data-testid="delete-question">(.*?)</p>', html, re.S)
        assert match is not None
        return match.group(1)

    danish = question(client.get(url).content.decode())
    assert danish == (
        "Slet målet højst 20 dage for “Tid til besættelse (dage)” (F · Bygge- og "
        "anlægsvirksomhed, koder 41–43) fra 01.01.2027 til 31.03.2027 med jobcentrenes dele? "
        "Det kan ikke fortrydes."
    )
    client.cookies["django_language"] = "en"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert question(html) == (
        "Delete the target at most 20 days for “Time to fill (days)” (F · Construction, codes "
        "41–43) from 01/01/2027 to 31/03/2027, with the job centres' parts? This cannot "
        "be undone."
    )
    main = html[html.index("<main") : html.index("</main>")]
    for word in ("Slet", "målet", "dage", "Annuller", "fortrydes"):
        assert word not in main


def _cells(content: bytes) -> list[list[str]]:
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    assert sheet is not None
    return [[str(c) for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]


def test_the_progress_leaves_as_excel_with_small_counts_hidden(world, target, client_for):
    Target.objects.create(
        cooperation=world.coop,
        kpi="visits",
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 3, 31),
        value=Decimal(6),
    ).parts.create(job_centre=world.gladsaxe, value=Decimal(6))
    client = client_for(staff(Role.MANAGER, world.herlev))
    page = client.get(reverse("kpis:targets"), {"on": "2027-04-10"})
    assert "export=xlsx" in page.content.decode()
    download = client.get(reverse("kpis:targets"), {"on": "2027-04-10", "export": "xlsx"})
    assert download["Content-Disposition"] == 'attachment; filename="maal-2027-04-10.xlsx"'
    rows = _cells(download.content)
    assert rows[0] == ["Mål for Hovedstadens Rekrutteringsservice"]
    assert rows[1] == ["Status pr. 10.04.2027."]
    hires = rows.index(["Ansættelser, 01.01.2027 – 31.03.2027 (100 % af perioden gået)"])
    assert rows[hires + 1] == ["Jobcenter", "Mål", "Indtil nu", "Mod målet", "Status"]
    # 3 hires of 4, Herlev's 2 of 2, Gladsaxe's 1 of 2: all under 5, so is what they give.
    assert rows[hires + 2] == ["Hovedstadens Rekrutteringsservice", "4", "<5", "<5", "Ikke nået"]
    assert rows[hires + 3] == ["Jobcenter Gladsaxe", "2", "<5", "<5", "Ikke nået"]
    assert rows[hires + 4] == ["Jobcenter Herlev", "2", "<5", "<5", "Nået"]
    visits = next(i for i, row in enumerate(rows) if row and row[0].startswith("Virksomhedsbesøg"))
    # Gladsaxe made none: nought is shown, as nobody can be recognised among none.
    assert rows[visits + 3] == ["Jobcenter Gladsaxe", "6", "0", "0", "Ikke nået"]
    assert rows[visits + 4] == ["Jobcenter Herlev", "–", "<5", "–"]
    # The target and the figures are numbers the spreadsheet sums, "<5" is text.
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert sheet is not None
    gladsaxe = [r for r in sheet.iter_rows() if r[0].value == "Jobcenter Gladsaxe"][-1]
    assert [(c.value, c.number_format) for c in gladsaxe[1:4]] == [
        (6, "0"),
        (0, "0"),
        (0, "0%"),
    ]


@pytest.mark.pdf
def test_the_progress_leaves_as_pdf(world, target, client_for):
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    download = client.get(reverse("kpis:targets"), {"on": "2027-04-10", "export": "pdf"})
    assert download["Content-Type"] == "application/pdf"
    text = text_of(download.content)
    assert "Mål for Hovedstadens Rekrutteringsservice" in text
    assert "Ansættelser" in text


def test_a_second_target_of_the_same_figure_period_and_scope_is_refused(world, target, client_for):
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    page = client.post(reverse("kpis:target_create"), form_data(world))
    assert page.status_code == 200
    html = page.content.decode()
    assert (
        "Styregruppen har allerede sat et mål for Ansættelser fra 01.01.2027 til 31.03.2027 "
        "(alle jobordrer): 4. Ret det mål i stedet for at sætte et nyt."
    ) in html
    link = f'href="{reverse("kpis:target_edit", args=[target.pk])}"'
    assert link in html and "Ret det mål, der allerede er sat" in html
    assert Target.objects.count() == 1
    # Another scope (a project), a period after it or another figure is another target.
    for changes in (
        {"project": str(world.project.pk)},
        {"start": "2027-04-01", "end": "2027-06-30"},
        {"kpi": "job_orders"},
    ):
        page = client.post(reverse("kpis:target_create"), form_data(world, **changes))
        assert page.status_code == 302, changes
    assert Target.objects.count() == 4


def test_an_overlapping_period_of_the_same_figure_and_scope_is_refused(world, target, client_for):
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    # The whole year 2027 holds the first quarter's target.
    page = client.post(
        reverse("kpis:target_create"), form_data(world, start="2027-01-01", end="2027-12-31")
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert (
        "Styregruppen har allerede sat et mål for Ansættelser fra 01.01.2027 til 31.03.2027 "
        "(alle jobordrer): 4, og denne periode overlapper det."
    ) in html
    assert f'href="{reverse("kpis:target_edit", args=[target.pk])}"' in html
    assert Target.objects.count() == 1
    # The service refuses it too, and changing a target into an overlapping one.
    later = Target.objects.create(
        cooperation=world.coop,
        kpi="hires",
        start=dt.date(2027, 4, 1),
        end=dt.date(2027, 6, 30),
        value=Decimal(4),
    )
    steering = staff(Role.STEERING_GROUP, world.gladsaxe)
    with pytest.raises(ValidationError) as refused:
        targets.target_update(
            actor=steering,
            target=later,
            parts={},
            kpi="hires",
            start=dt.date(2027, 3, 1),
            end=dt.date(2027, 6, 30),
            industry=None,
            industry_section="",
            project=None,
            value=Decimal(4),
            note="",
        )
    assert refused.value.messages[0].startswith("Styregruppen har allerede sat et mål")
    # The same period for another project is another scope.
    page = client.post(
        reverse("kpis:target_create"),
        form_data(world, start="2027-01-01", end="2027-12-31", project=str(world.project.pk)),
    )
    assert page.status_code == 302


def test_a_target_cannot_be_changed_into_another_one(world, target, client_for):
    other = Target.objects.create(
        cooperation=world.coop,
        kpi="hires",
        start=dt.date(2027, 4, 1),
        end=dt.date(2027, 6, 30),
        value=Decimal(4),
    )
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    url = reverse("kpis:target_edit", args=[other.pk])
    page = client.post(url, form_data(world, version="1"))
    assert page.status_code == 200
    assert "Styregruppen har allerede sat et mål for Ansættelser" in page.content.decode()
    other.refresh_from_db()
    assert other.start == dt.date(2027, 4, 1)
    # Saving a target as it is is no duplicate of itself.
    url = reverse("kpis:target_edit", args=[target.pk])
    assert client.post(url, form_data(world, version="1")).status_code == 302


def test_the_database_keeps_one_target_per_scope(world, target):
    """Two saved at once both pass the form's check; the database keeps one. No industry and
    no project is one scope, although both are NULL."""
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(
            cooperation=world.coop, kpi="hires", start=target.start, end=target.end, value=9
        )


def test_a_target_for_an_industry_group_is_chosen_by_searching(world, client_for):
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    suggest = reverse("kpis:target_industries")
    html = client.get(suggest, {"field": "industry", "q": "bygge", "industry": ""}).content
    options = html.decode()
    assert 'type="radio"' in options and 'name="industry" value="F"' in options
    assert "F · Bygge- og anlægsvirksomhed, koder 41–43" in options
    assert 'value="" id="industry_" checked' in options  # all industries, until another
    # The choice sent along stays ticked, and "all industries" is offered to go back.
    options = client.get(suggest, {"field": "industry", "q": "", "industry": "F"}).content.decode()
    assert 'value="F" id="industry_F" checked' in options
    assert 'value="" id="industry_">' in options
    assert client.get(suggest, {"field": "other", "q": "bygge"}).content == b""

    page = client.post(reverse("kpis:target_create"), form_data(world, industry="F"))
    assert page.status_code == 302
    saved = Target.objects.get()
    assert (saved.industry, saved.industry_section) == (None, "F")
    edit = client.get(reverse("kpis:target_edit", args=[saved.pk])).content.decode()
    assert 'value="F" id="industry_F" checked' in edit
    listed = client.get(reverse("kpis:targets")).content.decode()
    assert "Ansættelser – F · Bygge- og anlægsvirksomhed, koder 41–43" in listed
    page = client.post(reverse("kpis:target_create"), form_data(world, industry="XX"))
    assert "Vælg en branche eller en branchegruppe på listen." in page.content.decode()


def test_only_the_steering_group_searches_the_industries(world, client_for):
    url = reverse("kpis:target_industries")
    for role in (Role.MANAGER, Role.SECRETARIAT):
        assert (
            client_for(staff(role, world.herlev)).get(url, {"field": "industry"}).status_code == 403
        )


@pytest.mark.parametrize(
    ("kpi", "centre_line"),
    [
        ("match_rate", "%"),  # a share: "43,4 % (intet eget mål)", as the cooperation's line
        ("time_to_fill", "Median "),  # "Median 29 dage (intet eget mål)"
    ],
)
def test_a_centre_without_its_own_target_shows_its_figure_with_its_unit(
    world, client_for, kpi, centre_line
):
    import re

    Target.objects.create(
        cooperation=world.coop,
        kpi=kpi,
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 3, 31),
        value=Decimal(40 if kpi == "match_rate" else 20),
    )
    client = client_for(staff(Role.MANAGER, world.herlev))
    html = client.get(reverse("kpis:targets"), {"on": "2027-04-10"}).content.decode()
    rows = re.findall(r"<td>([^<]*) \(intet eget mål\)", html)
    figures = [r for r in rows if r != "–"]
    assert figures, rows
    for figure in figures:
        assert centre_line in figure, figure
        if kpi == "time_to_fill":
            assert figure.endswith(" dage"), figure
