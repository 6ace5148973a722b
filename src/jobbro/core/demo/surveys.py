"""Three past quarters of answered satisfaction surveys, attributed to job centres and
consultants; the current quarter is left for the secretariat to send."""

from __future__ import annotations

import datetime as dt

from jobbro.companies.models import ContactPerson
from jobbro.surveys.models import SurveyInvitation, SurveyResponse, SurveyRound
from jobbro.surveys.quarters import Quarter

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


def seed_surveys(demo: Demo) -> None:
    assert demo.cooperation is not None
    rng = demo.rng
    code_of = {m.pk: code for code, m in demo.municipalities.items()}
    emails: dict[int, str] = {}
    contacts = ContactPerson.objects.filter(company__in=demo.companies).exclude(email="")
    for company_id, email in contacts.order_by("company_id", "-is_primary", "name").values_list(
        "company_id", "email"
    ):
        emails.setdefault(company_id, email)
    reachable = [c for c in demo.companies if emails.get(c.pk) or c.email]
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
                    email=emails.get(company.pk) or company.email,
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
