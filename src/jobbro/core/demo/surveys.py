"""Three past quarters of answered satisfaction surveys, attributed to job centres and
consultants; the current quarter is left for the secretariat to send. And the job
barometer: last half-year's round answered, this half-year's partly answered, so the
results show titles growing and shrinking."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.utils import timezone

from jobbro.companies.models import Company, ContactPerson
from jobbro.surveys.models import (
    BarometerAnswer,
    BarometerLine,
    BarometerRound,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
)
from jobbro.surveys.quarters import Quarter
from jobbro.surveys.selectors import half_of

from .context import Demo

QUARTERS = 3
PRAISE = (
    "Hurtig respons og kandidater, der passede til opgaven. Tak!",
    "Vores kontaktkonsulent kender vores virksomhed og ringer, før vi når at spørge.",
    "Rigtig godt samarbejde om lærlingene – det fortsætter vi gerne med.",
    "Det var let at komme igennem på det fælles nummer, og vi fik svar samme dag.",
    "God forberedelse af kandidaterne inden samtalerne.",
)
MIXED = (
    "Fine kandidater, men der gik lidt for lang tid, før vi hørte noget.",
    "Samarbejdet er godt, men vi savner en fast kontaktperson i sommerferien.",
    "Kandidaterne var motiverede, men manglede truckcertifikat.",
    "Vi vil gerne have en kort status hver uge, mens stillingerne er åbne.",
)
CRITICISM = (
    "Vi ventede over en uge på svar og fandt selv en medarbejder i mellemtiden.",
    "Kandidaterne matchede ikke de krav, vi havde beskrevet i jobordren.",
    "Flere forskellige konsulenter ringede om det samme – det var forvirrende.",
)


def _score(demo: Demo, base: float) -> int:
    return max(1, min(5, round(base + demo.rng.gauss(0, 0.8))))


def _comment(demo: Demo, overall: int) -> str:
    if demo.rng.random() > 0.45:
        return ""
    pool = PRAISE if overall >= 4 else MIXED if overall == 3 else CRITICISM
    return demo.rng.choice(pool)


def _mail_addresses(demo: Demo) -> dict[int, str]:
    """Company id → where its survey mail goes (the primary contact's first)."""
    emails: dict[int, str] = {}
    contacts = ContactPerson.objects.filter(company__in=demo.companies).exclude(email="")
    for company_id, email in contacts.order_by("company_id", "-is_primary", "name").values_list(
        "company_id", "email"
    ):
        emails.setdefault(company_id, email)
    for company in demo.companies:
        if company.email:
            emails.setdefault(company.pk, company.email)
    return emails


def seed_surveys(demo: Demo) -> None:
    assert demo.cooperation is not None
    rng = demo.rng
    code_of = {m.pk: code for code, m in demo.municipalities.items()}
    emails = _mail_addresses(demo)
    reachable = [c for c in demo.companies if emails.get(c.pk)]
    # Some job centres do better than others; all improve a little each quarter.
    bias = {centre.pk: rng.uniform(-0.7, 0.5) for centre in demo.job_centres.values()}

    quarters = [Quarter.of(demo.today)]
    for _ in range(QUARTERS):
        quarters.insert(0, quarters[0].previous)
    invitations: list[SurveyInvitation] = []
    answers: list[tuple[int, dict[str, int], str, dt.datetime]] = []
    for index, quarter in enumerate(quarters[:-1]):
        sent_at = demo.at(quarter.first_day + dt.timedelta(days=14), hour=9)
        survey_round = SurveyRound.objects.create(
            cooperation=demo.cooperation,
            year=quarter.year,
            quarter=quarter.number,
            created_at=sent_at,
        )
        size = min(len(reachable), demo.count(140, minimum=8))
        for company in rng.sample(reachable, size):
            centre = demo.centre_of_municipality.get(code_of[company.municipality_id])
            invitations.append(
                SurveyInvitation(
                    survey_round=survey_round,
                    company=company,
                    email=emails[company.pk],
                    job_centre=centre,
                    consultant_id=company.contact_consultant_id,
                    token=f"demo{rng.getrandbits(160):040x}",
                    sent_at=sent_at,
                )
            )
            if rng.random() > 0.48 + 0.07 * index:
                continue
            base = 3.6 + 0.2 * index + (bias[centre.pk] if centre else 0)
            scores = {
                "response_time": _score(demo, base - 0.3),
                "communication": _score(demo, base),
                "guidance": _score(demo, base - 0.1),
                "understanding": _score(demo, base + 0.1),
                "overall": _score(demo, base),
            }
            answered = sent_at + dt.timedelta(days=rng.randint(0, 20), hours=rng.randint(1, 6))
            answers.append(
                (len(invitations) - 1, scores, _comment(demo, scores["overall"]), answered)
            )
    SurveyInvitation.objects.bulk_create(invitations, batch_size=500)
    responses = []
    for position, scores, comment, answered in answers:
        invitation = invitations[position]
        invitation.answered_at = answered
        responses.append(
            SurveyResponse(invitation=invitation, comment=comment, created_at=answered, **scores)
        )
    SurveyInvitation.objects.bulk_update(
        [invitations[position] for position, *_rest in answers], ["answered_at"], batch_size=500
    )
    SurveyResponse.objects.bulk_create(responses, batch_size=500)
    seed_barometer(demo, reachable, emails)


BAROMETER_OCCUPATIONS = 12  # the demo job orders' commonest occupations


def _nine(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def seed_barometer(demo: Demo, reachable: list[Company], emails: dict[int, str]) -> None:
    """Last half-year's job barometer, answered, and this half-year's, partly answered. Each
    occupation has a trend of its own, so some titles grow and some shrink."""
    assert demo.cooperation is not None
    # A random source of its own: the generators after this one draw what they drew before.
    rng = random.Random(len(reachable))  # noqa: S311 - synthetic data
    code_of = {m.pk: code for code, m in demo.municipalities.items()}
    common = Counter(order.occupation_id for order in demo.job_orders).most_common(
        BAROMETER_OCCUPATIONS
    )
    occupations = [pk for pk, _count in common]
    if not occupations:
        return
    trend = {pk: rng.choice((0.5, 0.8, 1.0, 1.3, 1.8)) for pk in occupations}
    year, half = half_of(demo.today)
    half_start = dt.date(year, 1 if half == BarometerRound.SPRING else 7, 1)
    before = (year - 1, BarometerRound.AUTUMN) if half == BarometerRound.SPRING else (year, 1)
    before_start = dt.date(before[0], 1 if before[1] == BarometerRound.SPRING else 7, 1)
    now = timezone.now()
    rounds = [
        (before, _nine(before_start + dt.timedelta(days=20)), 0.6, False),
        (
            (year, half),
            _nine(max(half_start, demo.today - dt.timedelta(days=12))),
            0.45,
            True,
        ),
    ]
    for (round_year, round_half), sent_at, answer_rate, current in rounds:
        barometer_round = BarometerRound.objects.create(
            cooperation=demo.cooperation, year=round_year, half=round_half, created_at=sent_at
        )
        size = min(len(reachable), demo.count(120, minimum=10))
        invitations = []
        for company in rng.sample(reachable, size):
            invitations.append(
                SurveyInvitation(
                    barometer_round=barometer_round,
                    company=company,
                    email=emails[company.pk],
                    job_centre=demo.centre_of_municipality.get(code_of[company.municipality_id]),
                    consultant_id=company.contact_consultant_id,
                    token=f"demo{rng.getrandbits(160):040x}",
                    sent_at=sent_at,
                )
            )
        SurveyInvitation.objects.bulk_create(invitations, batch_size=500)
        answered = [i for i in invitations if rng.random() < answer_rate]
        answers = []
        for invitation in answered:
            latest = max(0, (now - sent_at).days - 1) if current else 30
            invitation.answered_at = min(
                now, sent_at + dt.timedelta(days=rng.randint(0, latest), hours=rng.randint(1, 6))
            )
            answers.append(
                BarometerAnswer(
                    invitation=invitation,
                    small_jobs=rng.choice((0, 0, 0, 1, 2, 3)),
                    apprentices=rng.choice((0, 0, 1, 1, 2)),
                    created_at=invitation.answered_at,
                )
            )
        SurveyInvitation.objects.bulk_update(answered, ["answered_at"], batch_size=500)
        BarometerAnswer.objects.bulk_create(answers, batch_size=500)
        lines = []
        for answer in answers:
            for pk in rng.sample(occupations, rng.randint(1, 3)):
                factor = trend[pk] if current else 1.0
                in_3 = round(rng.randint(0, 3) * factor)
                in_6 = in_3 + round(rng.randint(0, 2) * factor)
                lines.append(
                    BarometerLine(
                        answer=answer,
                        occupation_id=pk,
                        hires_3m=in_3,
                        hires_6m=in_6,
                        hires_12m=in_6 + round(rng.randint(0, 4) * factor),
                        hard_to_fill=rng.random() < 0.3 * factor,
                    )
                )
        BarometerLine.objects.bulk_create(lines, batch_size=500)
