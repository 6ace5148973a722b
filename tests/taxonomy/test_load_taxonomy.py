import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from jobbro.taxonomy.models import IscoGroup, Occupation, OccupationSkill, Skill

from .esco_subset import write_subset

pytestmark = pytest.mark.django_db

LABELS = ("carpenter", "bricklayer", "forklift operator")


@pytest.fixture(scope="module")
def subset_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_subset(tmp_path_factory.mktemp("esco"), LABELS)


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_taxonomy", *args, stdout=out)
    return out.getvalue()


def counts() -> tuple[int, int, int, int]:
    return (
        IscoGroup.objects.count(),
        Occupation.objects.count(),
        Skill.objects.count(),
        OccupationSkill.objects.count(),
    )


def test_load_compact_subset(subset_dir):
    load("--dir", str(subset_dir))
    carpenter = Occupation.objects.get(label_en="carpenter")
    assert carpenter.label_da == "tømrer"
    assert carpenter.isco_group.code == "7115"
    # The ISCO hierarchy is linked up to the major group.
    assert carpenter.isco_group.parent.parent.parent.code == "7"
    assert carpenter.isco_group.parent.parent.parent.parent is None
    assert carpenter.skills.count() > 10
    assert OccupationSkill.objects.filter(occupation=carpenter, relation="essential").exists()
    assert Occupation.objects.count() == len(LABELS)


def test_load_is_idempotent(subset_dir):
    load("--dir", str(subset_dir))
    before = counts()
    output = load("--dir", str(subset_dir))
    assert counts() == before
    assert "occupations: 0 new, 0 updated" in output


def test_reload_updates_changed_labels(subset_dir):
    load("--dir", str(subset_dir))
    Occupation.objects.filter(label_en="carpenter").update(label_da="forkert")
    load("--dir", str(subset_dir))
    assert Occupation.objects.get(label_en="carpenter").label_da == "tømrer"


def write_official(directory: Path, name: str, columns: list[str], rows: list[list[str]]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)


def test_official_csv_in_danish_sets_danish_labels(subset_dir, tmp_path):
    load("--dir", str(subset_dir))
    carpenter = Occupation.objects.get(label_en="carpenter")
    skill = carpenter.skills.first()
    write_official(
        tmp_path,
        "occupations_da.csv",
        ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "code"],
        [
            ["Occupation", carpenter.uri, "7115", "tømrer (ny)", "tømrersvend\nbygningstømrer", ""],
            ["Occupation", "http://data.europa.eu/esco/occupation/unknown", "7115", "x", "", ""],
        ],
    )
    write_official(
        tmp_path,
        "skills_da.csv",
        ["conceptType", "conceptUri", "skillType", "preferredLabel", "altLabels"],
        [["KnowledgeSkillCompetence", skill.uri, "skill/competence", "måle materialer", "måle"]],
    )
    before = counts()
    load("--esco-dir", str(tmp_path), "--language", "da")
    carpenter.refresh_from_db()
    skill.refresh_from_db()
    assert carpenter.label_da == "tømrer (ny)"
    assert carpenter.alt_labels_da == "tømrersvend|bygningstømrer"
    assert carpenter.label_en == "carpenter"
    assert skill.label_da == "måle materialer"
    # Danish labels never create concepts: the unknown occupation is skipped.
    assert counts() == before


def test_official_csv_in_english_creates_concepts_and_relations(tmp_path):
    write_official(
        tmp_path,
        "ISCOGroups_en.csv",
        ["conceptType", "conceptUri", "code", "preferredLabel"],
        [
            ["ISCOGroup", "http://data.europa.eu/esco/isco/C9", "9", "Elementary occupations"],
            ["ISCOGroup", "http://data.europa.eu/esco/isco/C93", "93", "Labourers"],
        ],
    )
    write_official(
        tmp_path,
        "occupations_en.csv",
        ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "code"],
        [["Occupation", "urn:occ:1", "93", "labourer", "helper\nhand", "93.1"]],
    )
    write_official(
        tmp_path,
        "skills_en.csv",
        ["conceptType", "conceptUri", "skillType", "preferredLabel", "altLabels"],
        [["KnowledgeSkillCompetence", "urn:skill:1", "knowledge", "building codes", ""]],
    )
    write_official(
        tmp_path,
        "occupationSkillRelations_en.csv",
        ["occupationUri", "relationType", "skillType", "skillUri"],
        [["urn:occ:1", "essential", "knowledge", "urn:skill:1"]],
    )
    load("--esco-dir", str(tmp_path), "--language", "en")
    load("--esco-dir", str(tmp_path), "--language", "en")
    occupation = Occupation.objects.get(uri="urn:occ:1")
    assert occupation.isco_group.parent.code == "9"
    assert occupation.alt_labels_en == "helper|hand"
    assert Skill.objects.get(uri="urn:skill:1").kind == "knowledge"
    assert OccupationSkill.objects.get(occupation=occupation).relation == "essential"


def test_unsupported_language_is_refused(tmp_path):
    with pytest.raises(CommandError, match="da, en"):
        load("--esco-dir", str(tmp_path), "--language", "de")


def test_missing_compact_files_are_reported(tmp_path):
    with pytest.raises(CommandError, match="Missing compact ESCO file"):
        load("--dir", str(tmp_path))
