"""Recruitment events: companies and candidates invited, outcome, names only where allowed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobbro.accesslog.models import AccessLogEntry
from jobbro.candidates.models import CandidateStatus as PersonStatus
from jobbro.candidates.models import ConsentScope
from jobbro.candidates.selectors import candidates_visible_to
from jobbro.events import selectors, services
from jobbro.events.models import (
    CandidateStatus,
    CompanyStatus,
    Event,
    EventCandidate,
    EventCompany,
)
from jobbro.notifications.models import Notification
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ContactPersonFactory,
    CooperationFactory,
    ExperienceFactory,
    JobCentreFactory,
    OccupationFactory,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def herlev():
    return JobCentreFactory(name="Jobcenter Herlev")


@pytest.fixture
def gladsaxe(herlev):
    return JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)


@pytest.fixture
def consultant(herlev):
    return staff(Role.BUSINESS_CONSULTANT, herlev, first_name="Bo", last_name="Berg")


@pytest.fixture
def partner(gladsaxe):
    return staff(Role.JOB_CONSULTANT, gladsaxe)


@pytest.fixture
def event(consultant, herlev):
    start = timezone.now() + dt.timedelta(days=7)
    return services.event_create(
        actor=consultant,
        job_centre=herlev,
        title="Byggeriets jobdag",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=5),
        location="Herlev Rådhus",
    )


def client_for(user, language="en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def private(centre, **fields):
    return CandidateFactory(
        job_centre=centre, consent_scope=ConsentScope.NONE, consent_given_on=None, **fields
    )


def test_event_must_end_after_it_starts(consultant, herlev):
    start = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.event_create(
            actor=consultant,
            job_centre=herlev,
            title="Omvendt",
            starts_at=start,
            ends_at=start - dt.timedelta(hours=1),
            location="Et sted",
        )
    assert "must not end before it starts" in str(error.value)


def test_only_company_editors_of_the_cooperation_create(herlev):
    foreign = staff(
        Role.BUSINESS_CONSULTANT,
        JobCentreFactory(cooperation=CooperationFactory(name="Job7", short_name="J7")),
    )
    start = timezone.now()
    with pytest.raises(PermissionDenied):
        services.event_create(
            actor=foreign,
            job_centre=herlev,
            title="X",
            starts_at=start,
            ends_at=start,
            location="Y",
        )


def test_company_outcome_only_when_attended(event, consultant, herlev):
    entry = services.event_company_add(
        actor=consultant, event=event, company=CompanyFactory(cooperation=herlev.cooperation)
    )
    with pytest.raises(ValidationError):
        services.event_company_add(actor=consultant, event=event, company=entry.company)
    with pytest.raises(ValidationError) as error:
        services.event_company_update(
            actor=consultant, entry=entry, status=CompanyStatus.REGISTERED, interviews=2, hires=0
        )
    assert "companies that attended" in str(error.value)
    services.event_company_update(
        actor=consultant, entry=entry, status=CompanyStatus.ATTENDED, interviews=3, hires=1
    )
    entry.refresh_from_db()
    assert (entry.status, entry.interviews, entry.hires, entry.changed_by) == (
        "attended",
        3,
        1,
        consultant,
    )


def test_candidates_only_from_own_job_centre(event, partner, gladsaxe, herlev):
    own = private(gladsaxe)
    services.event_candidate_add(actor=partner, event=event, candidate=own)
    with pytest.raises(PermissionDenied):
        services.event_candidate_add(
            actor=partner, event=event, candidate=CandidateFactory(job_centre=herlev)
        )
    with pytest.raises(ValidationError):
        services.event_candidate_add(
            actor=partner, event=event, candidate=private(gladsaxe, status=PersonStatus.INACTIVE)
        )
    assert EventCandidate.objects.get().invited_by == partner


def test_names_only_where_allowed_and_every_name_logged(
    event, consultant, partner, herlev, gladsaxe
):
    gl_private = private(gladsaxe, first_name="Sigrid", last_name="Hemmelig")
    gl_shared = CandidateFactory(job_centre=gladsaxe, first_name="Dorte", last_name="Delt")
    services.event_candidate_add(actor=partner, event=event, candidate=gl_private)
    services.event_candidate_add(actor=partner, event=event, candidate=gl_shared)
    herlev_partner = staff(Role.JOB_CONSULTANT, herlev)
    hl_own = private(herlev, first_name="Karl", last_name="Holm")
    services.event_candidate_add(actor=herlev_partner, event=event, candidate=hl_own)

    page = selectors.event_page(consultant, event)
    assert {e.candidate.first_name for e in page.named} == {"Dorte", "Karl"}
    (count,) = page.counted
    assert (count.job_centre, count.invited) == (gladsaxe, 1)
    assert not AccessLogEntry.objects.exists()  # the selector reads; the page logs

    html = client_for(consultant).get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Dorte Delt" in html and "Karl Holm" in html
    assert "Hemmelig" not in html
    logged = set(
        AccessLogEntry.objects.filter(user=consultant).values_list("candidate_id", flat=True)
    )
    assert logged == {gl_shared.pk, hl_own.pk}

    manager = staff(Role.MANAGER, herlev)
    html = client_for(manager).get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Delt" not in html and "Holm" not in html
    assert "Jobcenter Gladsaxe" in html
    assert not AccessLogEntry.objects.filter(user=manager).exists()


def test_candidate_status_only_by_own_job_centre(event, partner, consultant, herlev, gladsaxe):
    hidden = private(gladsaxe)
    entry = services.event_candidate_add(actor=partner, event=event, candidate=hidden)
    with pytest.raises(PermissionDenied):
        services.event_candidate_update(
            actor=consultant,
            entry=entry,
            status=CandidateStatus.ATTENDED,
            interviewed=True,
            hired=False,
        )
    # Consent lets a Herlev job consultant see a shared candidate, not record for Gladsaxe.
    herlev_partner = staff(Role.JOB_CONSULTANT, herlev)
    shared = services.event_candidate_add(
        actor=partner, event=event, candidate=CandidateFactory(job_centre=gladsaxe)
    )
    assert candidates_visible_to(herlev_partner).filter(pk=shared.candidate_id).exists()
    for outsider in (consultant, herlev_partner):
        with pytest.raises(PermissionDenied):
            services.event_candidate_update(
                actor=outsider,
                entry=shared,
                status=CandidateStatus.REGISTERED,
                interviewed=False,
                hired=False,
            )
    answer = client_for(herlev_partner).post(
        reverse("events:candidate_update", args=[shared.pk]),
        {"status": "registered"},
        follow=True,
    )
    assert "Only the candidate&#x27;s own job centre records this." in answer.content.decode()
    # The business consultant who runs the event records companies, not candidates.
    refused = client_for(consultant).post(
        reverse("events:candidate_update", args=[shared.pk]), {"status": "registered"}
    )
    assert refused.status_code == 403
    shared.refresh_from_db()
    assert shared.status == CandidateStatus.INVITED
    with pytest.raises(ValidationError):
        services.event_candidate_update(
            actor=partner,
            entry=entry,
            status=CandidateStatus.REGISTERED,
            interviewed=True,
            hired=False,
        )
    services.event_candidate_update(
        actor=partner, entry=entry, status=CandidateStatus.ATTENDED, interviewed=True, hired=True
    )
    summary = selectors.event_page(partner, event).summary
    assert summary is not None
    assert (summary.candidates_registered, summary.candidates_attended) == (1, 1)
    assert (summary.candidates_interviewed, summary.candidates_hired) == (1, 1)


def test_pages_create_invite_and_record(consultant, partner, herlev, gladsaxe):
    client = client_for(consultant)
    assert client.get(reverse("events:create")).status_code == 200
    bad = client.post(
        reverse("events:create"), {"title": "", "job_centre": herlev.pk, "starts_at": "nonsense"}
    )
    assert bad.status_code == 200
    assert "Give the date and time" in bad.content.decode()
    assert not Event.objects.exists()
    created = client.post(
        reverse("events:create"),
        {
            "title": "Jobdag i Herlev",
            "job_centre": herlev.pk,
            "starts_at": "2030-03-12T10:00",
            "ends_at": "2030-03-12T14:00",
            "location": "Herlev Bymidte",
            "description": "",
        },
    )
    event = Event.objects.get()
    assert created["Location"] == reverse("events:detail", args=[event.pk])
    assert event.created_by == consultant

    company = CompanyFactory(cooperation=herlev.cooperation, name="Herlev Tømrer ApS")
    hits = client.get(reverse("events:company_search", args=[event.pk]), {"company_q": "tømrer"})
    assert "Herlev Tømrer ApS" in hits.content.decode()
    client.post(reverse("events:company_add", args=[event.pk]), {"pk": company.pk})
    entry = event.companies.get()
    client.post(
        reverse("events:company_update", args=[entry.pk]),
        {"status": "attended", "interviews": "4", "hires": "2"},
    )
    entry.refresh_from_db()
    assert (entry.interviews, entry.hires) == (4, 2)

    ole = private(gladsaxe, first_name="Ole", last_name="Olsen")
    partner_client = client_for(partner, "da")
    found = partner_client.get(
        reverse("events:candidate_search", args=[event.pk]), {"candidate_q": "ole"}
    )
    assert "Ole Olsen" in found.content.decode()
    assert AccessLogEntry.objects.filter(user=partner, candidate_id=ole.pk).exists()
    partner_client.post(reverse("events:candidate_add", args=[event.pk]), {"pk": ole.pk})
    assert event.candidates.get().candidate == ole

    listing = client.get(reverse("events:list")).content.decode()
    assert "Jobdag i Herlev" in listing
    edit = client.post(
        reverse("events:edit", args=[event.pk]),
        {
            "title": "Jobdag i Herlev 2030",
            "job_centre": herlev.pk,
            "starts_at": "2030-03-12T10:00",
            "ends_at": "2030-03-12T15:00",
            "location": "Herlev Bymidte",
        },
    )
    assert edit.status_code == 302
    event.refresh_from_db()
    assert event.title == "Jobdag i Herlev 2030"


def test_other_cooperations_events_do_not_exist(event):
    outsider = staff(
        Role.BUSINESS_CONSULTANT,
        JobCentreFactory(cooperation=CooperationFactory(name="Job7", short_name="J7")),
    )
    assert client_for(outsider).get(reverse("events:detail", args=[event.pk])).status_code == 404


def test_invitation_mail_goes_to_the_primary_contact(event, consultant, herlev):
    company = CompanyFactory(cooperation=herlev.cooperation, email="info@firma.dk")
    ContactPersonFactory(company=company, name="Anna", email="anna@firma.dk")
    ContactPersonFactory(company=company, name="Peter", email="peter@firma.dk", is_primary=True)
    entry = services.event_company_add(actor=consultant, event=event, company=company)
    (sent,) = mail.outbox
    assert sent.to == ["peter@firma.dk"] and entry.email == "peter@firma.dk"
    assert "Byggeriets jobdag" in sent.subject
    assert reverse("events:company_answer", args=[entry.token]) in sent.body
    assert "Herlev Rådhus" in sent.body and "Jobcenter Herlev inviterer" in sent.body
    assert "&quot;" not in sent.body and "&amp;" not in sent.body
    assert len(entry.token) >= 40


def test_company_without_address_is_invited_without_mail(event, consultant, herlev):
    company = CompanyFactory(cooperation=herlev.cooperation, email="", name="Uden Mail ApS")
    ContactPersonFactory(company=company, email="")
    page = client_for(consultant).post(
        reverse("events:company_add", args=[event.pk]), {"pk": company.pk}, follow=True
    )
    assert not mail.outbox
    assert "no e-mail address is known" in page.content.decode()
    assert event.companies.get().email == ""


def answer_url(entry: EventCompany) -> str:
    return reverse("events:company_answer", args=[entry.token])


def test_company_registers_and_changes_its_answer_by_link(event, consultant, herlev):
    company = CompanyFactory(cooperation=herlev.cooperation, name="Herlev Lager A/S")
    entry = services.event_company_add(actor=consultant, event=event, company=company)
    public = Client()  # no login: the token is the key
    page = public.get(answer_url(entry))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Byggeriets jobdag" in html and "Herlev Rådhus" in html and "Kommer I?" in html

    bad = public.post(answer_url(entry), {"coming": "yes", "participants": "0"})
    assert "Angiv antallet af personer fra 1 til 50." in bad.content.decode()
    missing = public.post(answer_url(entry), {})
    assert "Vælg, om I kommer." in missing.content.decode()
    entry.refresh_from_db()
    assert entry.status == CompanyStatus.INVITED and entry.answered_at is None

    sent = public.post(
        answer_url(entry), {"coming": "yes", "participants": "3", "recruiting_for": "Truckførere"}
    )
    assert sent["Location"] == answer_url(entry) + "?sent=1"
    entry.refresh_from_db()
    assert (entry.status, entry.participants, entry.recruiting_for) == (
        "registered",
        3,
        "Truckførere",
    )
    assert entry.changed_by is None and entry.answered_at is not None
    shown = public.get(sent["Location"]).content.decode()
    assert "Tak, jeres svar er gemt" in shown and "3 personer fra jeres virksomhed." in shown

    public.post(answer_url(entry), {"coming": "no", "participants": "3"})
    entry.refresh_from_db()
    assert (entry.status, entry.coming, entry.participants, entry.recruiting_for) == (
        "declined",
        False,
        None,
        "",
    )
    staff_page = client_for(consultant).get(reverse("events:detail", args=[event.pk]))
    assert "the company itself, by its link" in staff_page.content.decode()


def test_the_company_answer_stays_its_own_and_stops_once_it_attended(event, consultant, herlev):
    entry = services.event_company_add(
        actor=consultant, event=event, company=CompanyFactory(cooperation=herlev.cooperation)
    )
    services.event_company_answer(entry=entry, coming=True, participants=2)
    # Staff record a phone call: the company cannot come after all.
    services.event_company_update(
        actor=consultant, entry=entry, status=CompanyStatus.DECLINED, interviews=0, hires=0
    )
    shown = Client().get(answer_url(entry)).content.decode()
    assert "Jeres svar: I kommer" in shown and "2 personer" in shown
    services.event_company_update(
        actor=consultant, entry=entry, status=CompanyStatus.ATTENDED, interviews=3, hires=1
    )
    with pytest.raises(ValidationError) as error:
        services.event_company_answer(entry=entry, coming=False)
    assert error.value.code == "attended"
    public = Client()
    page = public.get(answer_url(entry)).content.decode()
    assert "Jobcentret har registreret, at jeres virksomhed deltog." in page
    assert "invitation-form" not in page
    public.post(answer_url(entry), {"coming": "no"})
    entry.refresh_from_db()
    assert (entry.status, entry.interviews, entry.hires, entry.coming) == ("attended", 3, 1, True)


def test_staff_get_the_link_to_copy_and_cannot_answer_as_the_company(event, consultant, herlev):
    entry = services.event_company_add(
        actor=consultant, event=event, company=CompanyFactory(cooperation=herlev.cooperation)
    )
    client = client_for(consultant)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert f'value="{settings.JOBBRO_BASE_URL}{answer_url(entry)}"' in page
    assert f'href="{answer_url(entry)}"' not in page
    shown = client.get(answer_url(entry)).content.decode()
    assert "invitation-staff" in shown and "invitation-form" not in shown
    client.post(answer_url(entry), {"coming": "yes", "participants": "2"})
    entry.refresh_from_db()
    assert (entry.status, entry.coming, entry.answered_at) == ("invited", None, None)


def test_staff_see_the_invitation_mail_as_it_went(
    event, consultant, herlev, django_assert_num_queries
):
    company = CompanyFactory(cooperation=herlev.cooperation, email="info@firma.dk")
    entry = services.event_company_add(actor=consultant, event=event, company=company)
    mail_of = Notification.objects.get(key=f"event-invitation:{entry.pk}")
    url = reverse("events:detail", args=[event.pk])
    client = client_for(consultant)
    assert "Invitation sent to info@firma.dk on" in client.get(url).content.decode()
    Notification.objects.filter(pk=mail_of.pk).update(sent_at=None, error="SMTPError: refused")
    assert "The invitation to info@firma.dk could not be sent" in client.get(url).content.decode()
    Notification.objects.filter(pk=mail_of.pk).update(error="")
    assert "Invitation to info@firma.dk is waiting to be sent" in client.get(url).content.decode()
    other = services.event_company_add(
        actor=consultant, event=event, company=CompanyFactory(cooperation=herlev.cooperation)
    )
    with django_assert_num_queries(1):
        mails = selectors.invitation_mails([entry, other])
    assert mails[entry.pk].state == selectors.MailState.QUEUED


def test_answer_is_closed_once_the_event_starts(event, consultant, herlev):
    entry = services.event_company_add(
        actor=consultant, event=event, company=CompanyFactory(cooperation=herlev.cooperation)
    )
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError) as error:
        services.event_company_answer(entry=entry, coming=True)
    assert "can no longer be changed" in str(error.value)
    public = Client()
    public.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = public.get(answer_url(entry)).content.decode()
    assert "The event has started" in page and "invitation-form" not in page
    public.post(answer_url(entry), {"coming": "yes"})
    entry.refresh_from_db()
    assert entry.status == CompanyStatus.INVITED


def test_unknown_invitation_link(db):
    page = Client().get(reverse("events:company_answer", args=["not-a-token"]))
    assert page.status_code == 404
    assert "Linket er ikke gyldigt." in page.content.decode()


def test_two_candidates_of_the_same_name_can_be_told_apart(event, herlev) -> None:
    """Two 'Mads Knudsen, Jobcenter Herlev': the birth year, the CV's occupation and the
    candidate's number tell them apart, for the job centre that may see them."""
    partner = staff(Role.JOB_CONSULTANT, herlev)
    older = CandidateFactory(
        job_centre=herlev, first_name="Mads", last_name="Knudsen", birth_date=dt.date(1968, 5, 2)
    )
    younger = CandidateFactory(
        job_centre=herlev, first_name="Mads", last_name="Knudsen", birth_date=dt.date(1999, 9, 9)
    )
    ExperienceFactory(
        cv=older.cv,
        occupation=OccupationFactory(label_da="murer", label_en="bricklayer"),
        title="Murersvend",
        start_date=dt.date(1990, 8, 1),
    )
    younger.cv.wished_occupations.add(OccupationFactory(label_da="lagerarbejder", label_en="x"))

    page = (
        client_for(partner, "da")
        .get(reverse("events:candidate_search", args=[event.pk]), {"candidate_q": "mads knudsen"})
        .content.decode()
    )

    hits = page.split('data-testid="candidate-hit"')[1:]
    assert len(hits) == 2
    texts = {
        pk: next(hit for hit in hits if f'value="{pk}"' in hit) for pk in (older.pk, younger.pk)
    }
    assert "født 1968" in texts[older.pk] and "murer" in texts[older.pk]
    assert f"kandidatnr. {older.pk}" in texts[older.pk]
    assert "født 1999" in texts[younger.pk] and "lagerarbejder" in texts[younger.pk]
    assert f"kandidatnr. {younger.pk}" in texts[younger.pk]


def test_before_inviting_the_page_shows_where_the_mail_goes_and_what_it_says(
    event, consultant, herlev
) -> None:
    with_mail = CompanyFactory(cooperation=herlev.cooperation, name="Herlev Tømrer ApS")
    ContactPersonFactory(company=with_mail, email="mette@herlevtomrer.dk", is_primary=True)
    CompanyFactory(cooperation=herlev.cooperation, name="Tømrer Uden Mail ApS", email="")
    client = client_for(consultant)

    hits = client.get(
        reverse("events:company_search", args=[event.pk]), {"company_q": "tømrer"}
    ).content.decode()
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()

    assert "the mail goes to mette@herlevtomrer.dk" in hits
    assert "no e-mail address: you give the company its link" in hits
    assert 'data-testid="invitation-preview"' in page
    assert "[virksomhedens personlige link]" in page  # the mail in Danish, as sent
    assert not mail.outbox
