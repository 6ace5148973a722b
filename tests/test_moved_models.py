"""Models moved between apps keep their tables and every row.

Job orders' requests and screening moved to `candidate_requests` and `screening`, the
access log to `accesslog`, each with state-only migrations and their old table names. The
test migrates the database back to the schema before the move, fills it with the demo
data (and some access-log rows, which the demo does not write), migrates forward, and
finds every row of every table through the moved models.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jobbro.accesslog.models import AccessLogEntry
from jobbro.accesslog.services import log_access
from jobbro.candidate_requests.models import CandidateRequest, RequestOffer, RequestRecipient
from jobbro.candidates.models import Candidate
from jobbro.core.demo.occupations import TRADES
from jobbro.core.demo.seed import GENERATORS, new_demo
from jobbro.organisations.models import User
from jobbro.screening.models import ScreeningAnswer, ScreeningItem
from tests.taxonomy.esco_subset import write_subset

# The last migrations before the move; the new apps did not exist.
BEFORE_THE_MOVE = [
    ("joborders", "0005_secretariat"),
    ("privacy", "0002_append_only_triggers"),
    ("accesslog", None),
    ("screening", None),
    ("candidate_requests", None),
]
MOVED = {
    "joborders": [CandidateRequest, RequestRecipient, RequestOffer, ScreeningItem, ScreeningAnswer],
    "privacy": [AccessLogEntry],
}

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _rows_of_every_table() -> dict[str, set[object]]:
    with connection.cursor() as cursor:
        tables = [
            t for t in connection.introspection.table_names(cursor) if t != "django_migrations"
        ]
        rows = {}
        for table in tables:
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            key = "id" if "id" in columns else columns[0]
            cursor.execute(f'SELECT "{key}" FROM "{table}"')  # noqa: S608 - introspected names
            rows[table] = {row[0] for row in cursor.fetchall()}
    return rows


def test_the_demo_data_of_the_previous_schema_survives_the_move(tmp_path: Path) -> None:
    _migrate(BEFORE_THE_MOVE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM django_migrations WHERE app = 'screening'")
        assert cursor.fetchall() == []

    # The previous schema, holding the demo data: the moved models' tables are the old ones.
    call_command(
        "load_taxonomy",
        "--dir",
        str(write_subset(tmp_path, [t.label_en for t in TRADES])),
        stdout=StringIO(),
    )
    demo = new_demo(scale=0.05, seed_value=7)
    for generate in GENERATORS:
        generate(demo)
    reader = User.objects.filter(memberships__isnull=False).first()
    assert reader is not None
    log_access(user=reader, candidates=list(Candidate.objects.all()[:20]), purpose="view")
    before = _rows_of_every_table()

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert _rows_of_every_table() == before
    for old_app, models in MOVED.items():
        for model in models:
            table = model._meta.db_table
            assert table.startswith(f"{old_app}_")
            assert before[table], f"the demo left {table} empty: the test would prove nothing"
            assert set(model.objects.values_list("pk", flat=True)) == before[table]
    # Permissions and admin history follow the models: their content types moved too.
    for old_app, models in MOVED.items():
        for model in models:
            assert ContentType.objects.get_for_model(model).app_label == model._meta.app_label
            name = model._meta.model_name
            assert not ContentType.objects.filter(app_label=old_app, model=name).exists()
