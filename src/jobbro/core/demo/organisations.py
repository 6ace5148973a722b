"""HRS: the cooperation, its 16 job centres, demo staff and partner organisations."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password

from jobbro.organisations.models import (
    Cooperation,
    JobCentre,
    Membership,
    Municipality,
    PartnerKind,
    PartnerOrganisation,
    Role,
    SteeringGroupTerm,
    User,
)

from .context import DEMO_PASSWORD, Demo
from .names import ascii_slug, danish_name, phone

COOPERATION_NAME = "Hovedstadens Rekrutteringsservice"
COOPERATION_SHORT = "HRS"
COOPERATION_PHONE = "70 20 28 28"

# Job centre → municipality codes it serves (Tårnby also Dragør, Vallensbæk also Ishøj).
HRS_JOB_CENTRES = {
    "Albertslund": ("165",),
    "Ballerup": ("151",),
    "Brøndby": ("153",),
    "Frederiksberg": ("147",),
    "Furesø": ("190",),
    "Gentofte": ("157",),
    "Gladsaxe": ("159",),
    "Glostrup": ("161",),
    "Herlev": ("163",),
    "Hvidovre": ("167",),
    "Høje-Taastrup": ("169",),
    "København": ("101",),
    "Lyngby-Taarbæk": ("173",),
    "Rødovre": ("175",),
    "Tårnby": ("185", "155"),
    "Vallensbæk": ("187", "183"),
}
SECRETARIAT_HOST = "Ballerup"
# The steering group: each job centre's head; Gladsaxe's chairs this term, Hvidovre's did.
CHAIR, FORMER_CHAIR = "Gladsaxe", "Hvidovre"

# username, first, last, role, job centre (town), superuser
NAMED_USERS = (
    ("konsulent", "Karen", "Kofoed", Role.BUSINESS_CONSULTANT, "København", False),
    ("jobkonsulent", "Peter", "Holm", Role.JOB_CONSULTANT, "Herlev", False),
    ("rekruttering", "Rikke", "Dahl", Role.RECRUITMENT_CONSULTANT, "Frederiksberg", False),
    ("indslusning", "Ida", "Sørensen", Role.ONBOARDING_CONSULTANT, "Ballerup", False),
    ("sekretariat", "Sofie", "Lund", Role.SECRETARIAT, "Ballerup", False),
    ("teamleder", "Tina", "Juhl", Role.TEAM_LEADER, "København", False),
    ("leder", "Henrik", "Mortensen", Role.MANAGER, "København", False),
    ("styregruppe", "Jens", "Vestergaard", Role.STEERING_GROUP, "Gladsaxe", False),
    ("dpo", "Lene", "Bach", Role.DATA_PROTECTION_OFFICER, "København", False),
    ("admin", "Admin", "Jobbro", Role.SECRETARIAT, "Ballerup", True),
)

PARTNERS = (
    ("3F A-kasse", PartnerKind.UNEMPLOYMENT_FUND, True, "3f.dk"),
    ("Dansk Metals A-kasse", PartnerKind.UNEMPLOYMENT_FUND, True, "danskmetal.dk"),
    ("FOA A-kasse", PartnerKind.UNEMPLOYMENT_FUND, True, "foa.dk"),
    ("HK A-kasse", PartnerKind.UNEMPLOYMENT_FUND, True, "hk.dk"),
    ("Ase", PartnerKind.UNEMPLOYMENT_FUND, True, "ase.dk"),
    ("Krifa A-kasse", PartnerKind.UNEMPLOYMENT_FUND, True, "krifa.dk"),
    ("Det Faglige Hus A-kasse", PartnerKind.UNEMPLOYMENT_FUND, False, "detfagligehus.dk"),
    ("TEC – Technical Education Copenhagen", PartnerKind.VOCATIONAL_SCHOOL, False, "tec.dk"),
    ("NEXT – Uddannelse København", PartnerKind.VOCATIONAL_SCHOOL, False, "nextkbh.dk"),
    ("SOSU H", PartnerKind.VOCATIONAL_SCHOOL, False, "sosuh.dk"),
    ("Hotel- og Restaurantskolen", PartnerKind.VOCATIONAL_SCHOOL, False, "hrs.dk"),
    ("VEU-center Hovedstaden", PartnerKind.ADULT_EDUCATION, False, "veu-hovedstaden.dk"),
    ("AMU Hovedstaden", PartnerKind.ADULT_EDUCATION, False, "amu-hovedstaden.dk"),
    ("3F København", PartnerKind.UNION, False, "3f.dk"),
    ("Dansk Metal Storkøbenhavn", PartnerKind.UNION, False, "danskmetal.dk"),
    ("Dansk Byggeri Hovedstaden", PartnerKind.EMPLOYERS, False, "danskbyggeri.dk"),
)


def seed_organisations(demo: Demo) -> None:
    demo.municipalities = {m.code: m for m in Municipality.objects.all()}
    cooperation = Cooperation.objects.create(
        name=COOPERATION_NAME, short_name=COOPERATION_SHORT, phone=COOPERATION_PHONE
    )
    demo.cooperation = cooperation
    centres = JobCentre.objects.bulk_create(
        JobCentre(
            cooperation=cooperation,
            name=f"Jobcenter {town}",
            email=f"jobcenter@{ascii_slug(town)}.dk",
            phone=phone(demo.rng),
        )
        for town in HRS_JOB_CENTRES
    )
    links = []
    for centre, (town, codes) in zip(centres, HRS_JOB_CENTRES.items(), strict=True):
        demo.job_centres[town] = centre
        for code in codes:
            demo.centre_of_municipality[code] = centre
            links.append(
                JobCentre.municipalities.through(
                    jobcentre_id=centre.pk, municipality_id=demo.municipalities[code].pk
                )
            )
    JobCentre.municipalities.through.objects.bulk_create(links)
    cooperation.secretariat = demo.job_centres[SECRETARIAT_HOST]
    cooperation.save(update_fields=["secretariat"])
    _seed_users(demo)
    _seed_steering_group(demo)
    _seed_partners(demo)


def _seed_users(demo: Demo) -> None:
    # One slow hash, shared: hashing thousands of times would dominate the run.
    password = make_password(DEMO_PASSWORD)
    specs: list[tuple[str, str, str, Role, str, bool]] = list(NAMED_USERS)
    for town in HRS_JOB_CENTRES:
        slug = ascii_slug(town)
        roles = [("vk", Role.BUSINESS_CONSULTANT), ("jk", Role.JOB_CONSULTANT)]
        if town != CHAIR:  # the chair's head is the named login `styregruppe`
            roles.append(("chef", Role.STEERING_GROUP))
        for prefix, role in roles:
            first, last = danish_name(demo.rng)
            specs.append((f"{prefix}-{slug}", first, last, role, town, False))
    users = User.objects.bulk_create(
        User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@jobbro.example",
            password=password,
            is_staff=superuser,
            is_superuser=superuser,
        )
        for username, first, last, _role, _town, superuser in specs
    )
    memberships = []
    for user, (username, _f, _l, role, town, _s) in zip(users, specs, strict=True):
        centre = demo.job_centres[town]
        demo.users[username] = user
        memberships.append(Membership(user=user, job_centre=centre, role=role))
        if role == Role.BUSINESS_CONSULTANT:
            demo.consultants.setdefault(centre.pk, []).append(user)
        elif role == Role.JOB_CONSULTANT:
            demo.job_consultants.setdefault(centre.pk, []).append(user)
    Membership.objects.bulk_create(memberships)


def _seed_steering_group(demo: Demo) -> None:
    """Two-year terms: the current one and the one before, with the chair rotating."""
    today = demo.today
    start = dt.date(today.year - 1 if today.year % 2 == 0 else today.year, 1, 1)
    terms = [
        (start, dt.date(start.year + 1, 12, 31), CHAIR),
        (dt.date(start.year - 2, 1, 1), dt.date(start.year - 1, 12, 31), FORMER_CHAIR),
    ]
    rows = []
    for membership in Membership.objects.filter(
        role=Role.STEERING_GROUP, job_centre__cooperation=demo.cooperation
    ).select_related("job_centre"):
        town = membership.job_centre.name.removeprefix("Jobcenter ")
        for starts_on, ends_on, chair in terms:
            rows.append(
                SteeringGroupTerm(
                    cooperation=demo.cooperation,
                    member_id=membership.user_id,
                    job_centre=membership.job_centre,
                    is_chair=town == chair,
                    starts_on=starts_on,
                    ends_on=ends_on,
                )
            )
    SteeringGroupTerm.objects.bulk_create(rows)


def _seed_partners(demo: Demo) -> None:
    assert demo.cooperation is not None
    partners = PartnerOrganisation.objects.bulk_create(
        PartnerOrganisation(
            cooperation=demo.cooperation,
            name=name,
            kind=kind,
            is_recruitment_partner=recruitment_partner,
            email=f"samarbejde@{domain}",
            phone=phone(demo.rng),
        )
        for name, kind, recruitment_partner, domain in PARTNERS
    )
    demo.unemployment_funds = [p for p in partners if p.kind == PartnerKind.UNEMPLOYMENT_FUND]
