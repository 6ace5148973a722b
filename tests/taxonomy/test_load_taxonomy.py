import csv
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from jobbro.taxonomy.models import IscoGroup, Occupation, OccupationSkill, Skill
from jobbro.taxonomy.selectors import suggest_skills

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


def _csv_text(columns: list[str], rows: list[list[str]]) -> str:
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


SKILL_COLUMNS = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "description",
]


def test_official_danish_zip_as_served_adds_danish_skill_labels(subset_dir, tmp_path):
    """ESCO's portal serves a zip per language, its CSVs in a folder; the zip is read as is."""
    load("--dir", str(subset_dir))
    skill = Skill.objects.filter(occupations__label_en="carpenter").order_by("uri").first()
    carpenter = Occupation.objects.get(label_en="carpenter")
    archive = tmp_path / "ESCO dataset - v1.2.0 - classification - da - csv.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(
            "ESCO dataset - v1.2.0 - classification - da - csv/skills_da.csv",
            "\ufeff"
            + _csv_text(
                SKILL_COLUMNS,
                [
                    [
                        "KnowledgeSkillCompetence",
                        skill.uri,
                        "skill/competence",
                        "sector-specific",
                        "opmåle byggematerialer",
                        "måle materialer\nopmåle træ",
                        "",
                        "released",
                        "…",
                    ]
                ],
            ),
        )
        zf.writestr(
            "ESCO dataset - v1.2.0 - classification - da - csv/occupations_da.csv",
            _csv_text(
                ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "code"],
                [
                    [
                        "Occupation",
                        carpenter.uri,
                        "7115",
                        "tømrer",
                        "tømrersvend\nbygningstømrer",
                        "",
                    ]
                ],
            ),
        )
    before = counts()
    output = load("--esco-dir", str(archive), "--language", "da")
    skill.refresh_from_db()
    assert skill.label_da == "opmåle byggematerialer"
    assert skill.alt_labels_da == "måle materialer|opmåle træ"
    assert skill.label_en  # the English label stays
    assert counts() == before
    assert "skills: 0 new, 1 updated" in output
    # The Danish skill label is found by the suggestions at once.
    assert suggest_skills("opmåle byggematerialer", limit=1)[0].uri == skill.uri
    # A second run changes nothing.
    assert "skills: 0 new, 0 updated" in load("--esco-dir", str(archive), "--language", "da")


def test_official_english_zips_in_a_folder(tmp_path):
    """The classification and the relations come as two zips; a folder holding both works."""
    with zipfile.ZipFile(tmp_path / "classification-en.zip", "w") as zf:
        zf.writestr(
            "ISCOGroups_en.csv",
            _csv_text(
                ["conceptType", "conceptUri", "code", "preferredLabel"],
                [["ISCOGroup", "http://data.europa.eu/esco/isco/C9", "9", "Elementary"]],
            ),
        )
        zf.writestr(
            "occupations_en.csv",
            _csv_text(
                ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "code"],
                [["Occupation", "urn:occ:9", "9", "helper", "", "9.1"]],
            ),
        )
        zf.writestr(
            "skills_en.csv",
            _csv_text(
                SKILL_COLUMNS,
                [
                    [
                        "KnowledgeSkillCompetence",
                        "urn:skill:9",
                        "knowledge",
                        "",
                        "safety rules",
                        "",
                        "",
                        "released",
                        "",
                    ]
                ],
            ),
        )
    with zipfile.ZipFile(tmp_path / "relations.zip", "w") as zf:
        zf.writestr(
            "occupationSkillRelations_en.csv",
            _csv_text(
                ["occupationUri", "relationType", "skillType", "skillUri"],
                [["urn:occ:9", "optional", "knowledge", "urn:skill:9"]],
            ),
        )
    load("--esco-dir", str(tmp_path), "--language", "en")
    relation = OccupationSkill.objects.get(occupation__uri="urn:occ:9")
    assert (relation.skill.label_en, relation.relation) == ("safety rules", "optional")


def test_a_missing_download_is_reported(tmp_path):
    with pytest.raises(CommandError, match="No ESCO download"):
        load("--esco-dir", str(tmp_path / "nothing.zip"), "--language", "da")
