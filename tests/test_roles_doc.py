"""docs/roles.md stays true: every role described, the page table as the views declare."""

from pathlib import Path

from django.utils import translation

from jobbro.organisations.models import Role
from tests.roles_table import DOC, SHORT, app_pages, render, table_in_doc
from tests.urls_world import APP_PATTERNS


def test_the_table_covers_the_pages_the_matrix_test_checks() -> None:
    assert [name for name, _, _ in app_pages()] == [name for name, _ in APP_PATTERNS]


def test_the_page_table_is_what_the_views_declare() -> None:
    assert table_in_doc() == render(), (
        f"{Path(DOC).name} is out of date: run `python -m tests.roles_table`"
    )


def test_every_role_is_described() -> None:
    text = DOC.read_text(encoding="utf-8")
    for role in Role:
        with translation.override("en"):
            label = str(role.label)
        assert f"| **{label}** (`{SHORT[role]}`)" in text, f"{role} missing from the roles"
