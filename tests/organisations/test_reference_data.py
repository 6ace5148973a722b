import pytest

from jobbro.candidates.models import TargetGroup
from jobbro.organisations.models import Municipality, Region

pytestmark = pytest.mark.django_db

HRS_CODES = {
    "København": "101", "Frederiksberg": "147", "Ballerup": "151", "Brøndby": "153",
    "Dragør": "155", "Gentofte": "157", "Gladsaxe": "159", "Glostrup": "161", "Herlev": "163",
    "Albertslund": "165", "Hvidovre": "167", "Høje-Taastrup": "169", "Lyngby-Taarbæk": "173",
    "Rødovre": "175", "Ishøj": "183", "Tårnby": "185", "Vallensbæk": "187", "Furesø": "190",
}  # fmt: skip


def test_all_98_municipalities_are_loaded():
    assert Municipality.objects.count() == 98
    assert Municipality.objects.values("code").distinct().count() == 98
    assert not Municipality.objects.filter(code="411").exists()  # Christiansø is no municipality


def test_hrs_municipality_codes():
    codes = dict(Municipality.objects.filter(name__in=HRS_CODES).values_list("name", "code"))
    assert codes == HRS_CODES
    assert Municipality.objects.get(code="860").name == "Hjørring"


def test_municipalities_per_region():
    per_region = {r: Municipality.objects.filter(region=r).count() for r in Region.values}
    assert per_region == {
        "hovedstaden": 29,
        "sjaelland": 17,
        "syddanmark": 22,
        "midtjylland": 19,
        "nordjylland": 11,
    }


def test_coordinates_lie_in_denmark():
    for municipality in Municipality.objects.all():
        assert 54.5 < municipality.latitude < 57.8, municipality
        assert 8.0 < municipality.longitude < 15.2, municipality


def test_target_groups_are_loaded():
    codes = set(TargetGroup.objects.values_list("code", flat=True))
    assert codes == {
        "youth", "senior", "academic", "refugee", "flex_job", "sick_listed", "long_term",
    }  # fmt: skip
    assert TargetGroup.objects.get(code="youth").label_da == "Unge under 30 år"
