"""The picker widget's own rules: one choice among skills and certificates, marked."""

import pytest
from django import forms
from django.utils import translation

from jobbro.taxonomy.forms import PickedSkillField, TaxonomyPicker
from jobbro.taxonomy.models import Qualification, Skill
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


class OneSkill(forms.Form):
    skill = PickedSkillField(
        queryset=Skill.objects.all(),
        required=False,
        widget=TaxonomyPicker(kind="skills", multiple=False, qualification_field="skill"),
    )


def test_a_marked_value_is_the_certificate_and_a_plain_one_the_skill() -> None:
    truck = Qualification.objects.get(code="truck-b")
    weld = SkillFactory(label_en="weld")

    picked = OneSkill({"skill": f"q{truck.pk}"})
    plain = OneSkill({"skill": str(weld.pk)})

    assert picked.is_valid() and picked.cleaned_data["skill"] == truck
    assert plain.is_valid() and plain.cleaned_data["skill"] == weld


@pytest.mark.parametrize("value", ["q", "q999999", "qx"])
def test_an_unknown_certificate_is_an_invalid_choice(value: str) -> None:
    form = OneSkill({"skill": value})

    assert not form.is_valid()
    assert form.errors.as_data()["skill"][0].code == "invalid_choice"


def test_a_chosen_certificate_renders_ticked_in_the_one_radio_group() -> None:
    truck = Qualification.objects.get(code="truck-b")

    html = str(OneSkill({"skill": f"q{truck.pk}"})["skill"])

    assert f'type="radio" class="form-radio" name="skill" value="q{truck.pk}"' in html
    assert "checked" in html and "qualification_field=skill" in html


def test_another_input_searches_into_the_picker() -> None:
    picker = TaxonomyPicker(kind="occupations", multiple=False, include="[name='x']")

    attrs = picker.search_attrs("occupation", "id_occupation", limit=5)

    assert attrs["hx-get"].endswith("?field=occupation&multiple=0&limit=5")
    assert attrs["hx-target"] == "#id_occupation_options"
    assert attrs["hx-include"] == "#id_occupation_options, [name='x']"


def test_a_danish_page_names_the_choice_in_danish_only_an_english_one_adds_the_danish() -> None:
    weld = SkillFactory(label_da="svejse", label_en="weld")
    form = OneSkill(initial={"skill": weld.pk})

    with translation.override("da"):
        danish = str(form["skill"])
    with translation.override("en"):
        english = str(form["skill"])

    assert "svejse" in danish and "weld" not in danish
    assert "weld" in english and "svejse" in english
