"""A constructed scheme: HRS with two job centres serving three municipalities, and NRS.

    Jobcenter Herlev    serves Herlev             manager Hanne (also team leader Tom)
    Jobcenter Gladsaxe  serves Gladsaxe, Lyngby   team leader Gitte, steering group Gert
    the secretariat at Herlev: Sara; a business consultant at Herlev: Bo
    NRS: Jobcenter Aalborg serves Aalborg         manager Ole

Recommendations of HRS: 1.1 (SKAL, from 2015), 1.2 (KAN, from 2015), 1.3 (SKAL, 2015–2016);
NRS has its own 1.1.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from jobbro.kkr.models import Obligation
from jobbro.organisations.models import Role
from tests.factories import (
    CooperationFactory,
    JobCentreFactory,
    MunicipalityFactory,
    RecommendationFactory,
    staff,
)


@pytest.fixture
def scheme(db: object) -> SimpleNamespace:
    hrs = CooperationFactory(name="Hovedstadens Rekrutteringsservice", short_name="HRS")
    nrs = CooperationFactory(name="Nordjysk Rekrutteringsservice", short_name="NRS")
    herlev = MunicipalityFactory(code="163", name="Herlev")
    gladsaxe = MunicipalityFactory(code="159", name="Gladsaxe")
    lyngby = MunicipalityFactory(code="173", name="Lyngby-Taarbæk")
    aalborg = MunicipalityFactory(code="851", name="Aalborg")
    centre_h = JobCentreFactory(cooperation=hrs, name="Jobcenter Herlev", municipalities=[herlev])
    centre_g = JobCentreFactory(
        cooperation=hrs, name="Jobcenter Gladsaxe", municipalities=[gladsaxe, lyngby]
    )
    centre_a = JobCentreFactory(cooperation=nrs, name="Jobcenter Aalborg", municipalities=[aalborg])
    manager = staff(Role.MANAGER, centre_h, first_name="Hanne", last_name="Holm")
    return SimpleNamespace(
        hrs=hrs,
        nrs=nrs,
        herlev=herlev,
        gladsaxe=gladsaxe,
        lyngby=lyngby,
        aalborg=aalborg,
        centre_h=centre_h,
        centre_g=centre_g,
        centre_a=centre_a,
        manager=manager,
        team_leader_h=staff(Role.TEAM_LEADER, centre_h, first_name="Tom"),
        team_leader=staff(Role.TEAM_LEADER, centre_g, first_name="Gitte", last_name="Gram"),
        steering=staff(Role.STEERING_GROUP, centre_g, first_name="Gert"),
        secretariat=staff(Role.SECRETARIAT, centre_h, first_name="Sara"),
        consultant=staff(Role.BUSINESS_CONSULTANT, centre_h, first_name="Bo"),
        dpo=staff(Role.DATA_PROTECTION_OFFICER, centre_h),
        other_manager=staff(Role.MANAGER, centre_a, first_name="Ole"),
        r1=RecommendationFactory(
            cooperation=hrs,
            number="1.1",
            order=1,
            text="Alle kommuner skal være en del af et formaliseret virksomhedsberedskab.",
        ),
        r2=RecommendationFactory(
            cooperation=hrs,
            number="1.2",
            order=2,
            obligation=Obligation.MAY,
            text="Fælles overblik over og brug af virksomhedscentre på tværs af kommunegrænser.",
        ),
        r_old=RecommendationFactory(
            cooperation=hrs, number="1.3", order=3, first_year=2015, last_year=2016
        ),
        r_nrs=RecommendationFactory(cooperation=nrs, number="1.1", order=1),
    )
