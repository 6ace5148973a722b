"""Models moved between apps keep their tables and every row.

Job orders' requests and screening moved to `candidate_requests` and `screening`, the
access log to `accesslog`, each with state-only migrations and their old table names. The
test migrates the database back to the schema before the move, fills it with the demo
data (and some access-log rows, which the demo does not write), migrates forward, and
finds every row of every table through the moved models. The demo is written with today's
classes, so columns added to those apps since (job order publication) are made first and
their migrations recorded rather than run.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations import Migration
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import AddField, AddIndex
from django.db.models import Field, Model

from jobbro.accesslog.models import AccessLogEntry
from jobbro.accesslog.services import log_access
from jobbro.candidate_requests.models import CandidateRequest, RequestOffer, RequestRecipient
from jobbro.candidates.models import Candidate
from jobbro.core.demo.guarantees import seed_guarantees
from jobbro.core.demo.job_tasks import seed_job_tasks
from jobbro.core.demo.kpis import seed_targets
from jobbro.core.demo.occupations import TRADES
from jobbro.core.demo.pools import seed_pools
from jobbro.core.demo.seed import GENERATORS, new_demo
from jobbro.core.demo.upskilling import seed_upskilling
from jobbro.kpis import refresh
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
# The demo of apps whose tables the schema before the move does not have (their migrations
# depend on later ones of joborders or companies), and the upskilling demo, whose
# completions reach the job guarantees' receiver.
NEWER = (seed_targets, seed_upskilling, seed_guarantees, seed_pools, seed_job_tasks)
MOVED = {
    "joborders": [CandidateRequest, RequestRecipient, RequestOffer, ScreeningItem, ScreeningAnswer],
    "privacy": [AccessLogEntry],
}

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _columns_added_since(targets: list[tuple[str, str | None]]) -> list[tuple[type[Model], Field]]:
    """Fields today's models have that the old schema lacks (e.g. job order publication):
    the demo is written with today's classes, so those columns must exist while it is."""
    old = MigrationExecutor(connection).loader.project_state(
        [(app, name) for app, name in targets if name is not None]
    )
    migrated_back = {app for app, _ in targets}
    added = []
    for model in django_apps.get_models():
        key = (model._meta.app_label, model._meta.model_name)
        if model._meta.app_label not in migrated_back or key not in old.models:
            continue
        old_columns = {
            field.db_column or name
            for name, field in old.models[key].fields.items()
            if not field.many_to_many
        }
        old_columns |= {f"{name}_id" for name in old_columns}
        added += [
            (model, field)
            for field in model._meta.local_concrete_fields
            if field.column not in old_columns and field.name not in old_columns
        ]
    return added


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def _drop_indexes_made_early(plan: list[tuple[Migration, bool]]) -> None:
    """SQLite's rebuild of a table (for a column added above) makes today's indexes, some
    of which later migrations add: drop those, so that their migrations make them."""
    for migration, _backwards in plan:
        for op in migration.operations:
            if not isinstance(op, AddIndex):
                continue
            model = django_apps.get_model(migration.app_label, op.model_name)
            with connection.cursor() as cursor:
                made = connection.introspection.get_constraints(cursor, model._meta.db_table)
            if op.index.name in made:
                with connection.schema_editor() as editor:
                    editor.remove_index(model, op.index)


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


def test_the_demo_data_of_the_previous_schema_survives_the_move(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    added = _columns_added_since(BEFORE_THE_MOVE)
    for model, field in added:
        # SQLite rebuilds the table from today's model at the first one: it may be there.
        if field.column not in _columns(model._meta.db_table):
            with connection.schema_editor() as editor:
                editor.add_field(model, field)
    demo = new_demo(scale=0.05, seed_value=7)
    # The key figures' summary is newer too: its marks of stale days have no table yet.
    monkeypatch.setattr(refresh, "touch", lambda *rows: None)
    monkeypatch.setattr(refresh, "touch_all", lambda cooperation_id: None)
    for generate in GENERATORS:
        if generate not in NEWER:
            generate(demo)
    monkeypatch.undo()
    reader = User.objects.filter(memberships__isnull=False).first()
    assert reader is not None
    log_access(user=reader, candidates=list(Candidate.objects.all()[:20]), purpose="view")
    before = _rows_of_every_table()

    # Forward; the migrations that add the columns made above are recorded, not run again.
    made = {(model._meta.app_label, model._meta.model_name, field.name) for model, field in added}
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    _drop_indexes_made_early(plan)
    for migration, _ in plan:
        adds = {
            (migration.app_label, op.model_name.lower(), op.name)
            for op in migration.operations
            if isinstance(op, AddField)
        }
        step = MigrationExecutor(connection)
        step.migrate(
            [(migration.app_label, migration.name)],
            fake=bool(adds & made),
        )

    after = _rows_of_every_table()
    # Apps newer than the move whose tables went back with it (case_imports) come back empty.
    assert {table: rows for table, rows in after.items() if table in before} == before
    assert not any(after[table] for table in set(after) - set(before))
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
