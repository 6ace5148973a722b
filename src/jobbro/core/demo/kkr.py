"""The KKR progress scheme of KKR Hovedstaden (seed 003's appendix): the sixteen
recommendations in their four areas, and two past years of the municipalities' reports,
some changed after they were first saved. This year is left for the job centres to report."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jobbro.kkr.models import Assessment, AssessmentChange, Obligation, Recommendation, Status
from jobbro.organisations.models import Membership, Role

from .context import Demo

MUST, MAY = Obligation.MUST, Obligation.MAY
# (area, [(obligation, text)]) in the order of the scheme's appendix, wording as in seed 003.
SCHEME: tuple[tuple[str, tuple[tuple[Obligation, str], ...]], ...] = (
    (
        "Virksomhedsrettede indsatser",
        (
            (
                MUST,
                "Alle kommuner skal være en del af et formaliseret virksomhedsberedskab, så "
                "kommunen kan imødekomme den enkelte virksomheds efterspørgsel efter arbejdskraft.",
            ),
            (
                MUST,
                "Alle kommuner skal indgå i et formaliseret samarbejde vedr. koordination af "
                "arbejdskraft til de store infrastrukturprojekter, som i disse år igangsættes "
                "(hospitalsbyggeri, metro, letbanebyggeri mv.).",
            ),
            (
                MUST,
                "Alle kommuner skal være en del af et formaliseret samarbejde vedr. jobrotation.",
            ),
            (MAY, "Fælles overblik over og brug af virksomhedscentre på tværs af kommunegrænser."),
        ),
    ),
    (
        "Borgerrettede indsatser",
        (
            (
                MUST,
                "Alle kommuner skal være en del af et formaliseret samarbejde vedr. "
                "opkvalificering af ledige til de store infrastrukturprojekter, som i disse år "
                "igangsættes.",
            ),
            (
                MUST,
                "Alle kommuner skal som en del af indsatsen for de unge ledige (under 30 år) "
                "være en del af et formaliseret samarbejde med en eller flere kommuner og en eller "
                "flere uddannelsesinstitutioner.",
            ),
            (
                MAY,
                "Etablerer nye samarbejdsformer med en eller flere uddannelsesinstitutioner for "
                "derved bedre at kunne imødekomme den enkelte lediges opkvalificeringsbehov.",
            ),
            (
                MAY,
                "Særlige indsatser for små målgrupper med andre udfordringer end ledighed, hvor "
                "det tværkommunale samarbejde muliggør etablering af skræddersyede forløb.",
            ),
            (
                MAY,
                "Særlige indsatser for akademikere, hvor det tværkommunale samarbejde muliggør "
                "etablering af skræddersyede forløb.",
            ),
        ),
    ),
    (
        "Opkvalificering af medarbejdere",
        (
            (
                MUST,
                "Alle kommuner skal have udarbejdet en strategi for opkvalificeringen af "
                "medarbejderne i jobcenteret.",
            ),
            (
                MUST,
                "Alle kommuner skal have særlig fokus på, at medarbejderne har kompetencer til "
                "at servicere virksomhederne og levere effektiv jobformidling.",
            ),
            (
                MAY,
                "Medvirker til at der skabes et overblik over efter- og "
                "videreuddannelsesmuligheder og -tiltag i kommunerne i regionen.",
            ),
            (
                MAY,
                "Indgår i fælleskommunale kompetenceudviklingsprojekter, hvor medarbejdere på "
                "tværs af kommunerne deltager. Dette kunne fx indebære udveksling af medarbejdere "
                "mellem kommunerne.",
            ),
        ),
    ),
    (
        "Dokumentation af effekt af indsats",
        (
            (
                MUST,
                "Alle kommuner skal medvirke til, at der udarbejdes en kortlægning af det "
                "eksisterende vidensgrundlag vedr. effekten af de redskaber og indsatser "
                "som bruges på beskæftigelsesområdet.",
            ),
            (
                MAY,
                "Indgå i fælleskommunale dokumentationsprojekter, hvor data for effekten af "
                "indsatser samles og analyseres.",
            ),
            (
                MAY,
                "Indgå i fælleskommunale projekter med fokus på best practice på "
                "beskæftigelsesområdet for at fremme læring på tværs af kommunerne.",
            ),
        ),
    ),
)
REMARKS = {
    Status.GREEN: ("", "", "Aftale indgået og i drift.", "Deltager i det fælles beredskab."),
    Status.YELLOW: (
        "Påbegyndt; aftalen forventes underskrevet i løbet af året.",
        "Drøftet med nabokommunerne, men endnu ikke formaliseret.",
        "Pilotforløb i gang med én uddannelsesinstitution.",
    ),
    Status.RED: (
        "Ikke påbegyndt; prioriteres i næste års plan.",
        "Sat i bero på grund af manglende ressourcer.",
    ),
}


def seed_kkr(demo: Demo) -> None:
    assert demo.cooperation is not None
    recommendations = []
    order = 0
    for area_number, (area, items) in enumerate(SCHEME, start=1):
        for item_number, (obligation, text) in enumerate(items, start=1):
            order += 1
            recommendations.append(
                Recommendation(
                    cooperation=demo.cooperation,
                    number=f"{area_number}.{item_number}",
                    area=area,
                    text=text,
                    obligation=obligation,
                    order=order,
                    first_year=2015,
                )
            )
    Recommendation.objects.bulk_create(recommendations)
    _seed_reports(demo, recommendations)


def _seed_reports(demo: Demo, recommendations: list[Recommendation]) -> None:
    """Two past years for every municipality: most SKAL green, the rest mixed; the later
    year a little better; a few first reports corrected a week later (version 2)."""
    rng = demo.rng
    this_year = demo.today.year
    # The job centre's head reported (the demo has one manager, København's).
    heads = {
        m.job_centre_id: m.user
        for m in Membership.objects.filter(
            job_centre__cooperation=demo.cooperation, role__in=[Role.MANAGER, Role.STEERING_GROUP]
        )
        .select_related("user")
        .order_by("-role")
    }
    assessments: list[Assessment] = []
    firsts: list[tuple[Status, str]] = []
    for year in (this_year - 2, this_year - 1):
        reported_on = timezone.make_aware(dt.datetime(year + 1, 1, 20, 10, 0))
        for code, centre in sorted(demo.centre_of_municipality.items()):
            municipality = demo.municipalities[code]
            reporter = heads.get(centre.pk) or demo.consultants[centre.pk][0]
            for rec in recommendations:
                green = (0.75 if rec.obligation == MUST else 0.45) + (year == this_year - 1) * 0.1
                draw = rng.random()
                status = (
                    Status.GREEN
                    if draw < green
                    else (Status.YELLOW if draw < green + (1 - green) * 0.65 else Status.RED)
                )
                remark = rng.choice(REMARKS[status])
                corrected = rng.random() < 0.05
                firsts.append((Status.RED, "Ikke påbegyndt.") if corrected else (status, remark))
                assessments.append(
                    Assessment(
                        recommendation=rec,
                        municipality=municipality,
                        year=year,
                        status=status,
                        remark=remark,
                        version=2 if corrected else 1,
                        job_centre=centre,
                        updated_by=reporter,
                        updated_at=reported_on + dt.timedelta(days=7 if corrected else 0),
                    )
                )
    Assessment.objects.bulk_create(assessments)
    changes: list[AssessmentChange] = []
    for assessment, (first_status, first_remark) in zip(assessments, firsts, strict=True):
        first_at = assessment.updated_at - dt.timedelta(days=7 if assessment.version == 2 else 0)
        changes.append(
            AssessmentChange(
                assessment=assessment,
                version=1,
                status=first_status,
                remark=first_remark,
                job_centre=assessment.job_centre,
                changed_by=assessment.updated_by,
                changed_at=first_at,
            )
        )
        if assessment.version == 2:
            changes.append(
                AssessmentChange(
                    assessment=assessment,
                    version=2,
                    status=assessment.status,
                    remark=assessment.remark,
                    job_centre=assessment.job_centre,
                    changed_by=assessment.updated_by,
                    changed_at=assessment.updated_at,
                )
            )
    AssessmentChange.objects.bulk_create(changes)
