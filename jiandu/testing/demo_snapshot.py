"""The full 华容区 demo for tests, loaded once per test database and restored before each test.

``manage.py load_demo`` goes through the services (audit chain, documents), so it takes tens of
seconds; some twenty browser and demo tests need it. The first such test loads it into the flushed
database and keeps a copy; every later one gets the copy back:

- SQLite: the whole database is copied page by page with SQLite's backup API (milliseconds);
- PostgreSQL: each table is copied into the schema ``demo_snapshot`` of the test database, and
  restored by emptying the tables and inserting the copies back in one transaction (foreign keys
  are deferred), then resetting the id sequences.

Files the demo wrote (documents, evidence) stay in the session's media directory, so the restored
rows still find them. Caches are cleared on restore.
"""

from __future__ import annotations

import sqlite3
from io import StringIO

from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "demo_snapshot"
_snapshots: dict[str, object] = {}


def load() -> None:
    """Leave the database holding exactly the demo, whatever the previous test left in it."""
    key = str(connection.settings_dict["NAME"])
    if key in _snapshots:
        _restore(_snapshots[key])
    else:
        call_command("flush", interactive=False, verbosity=0)
        call_command("load_demo", stdout=StringIO())
        _snapshots[key] = _take()
    cache.clear()
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _take():
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return copy
    tables = _tables()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for table in tables:
            cursor.execute(f'CREATE TABLE {SCHEMA}."{table}" AS TABLE public."{table}"')
    return tables


def _restore(snapshot) -> None:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        snapshot.backup(connection.connection)
        return
    tables = snapshot
    qn = connection.ops.quote_name
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE " + ", ".join(qn(t) for t in _tables()) + " RESTART IDENTITY CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in tables:
                cursor.execute(f'INSERT INTO public.{qn(table)} SELECT * FROM {SCHEMA}.{qn(table)}')
            models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in set(tables)]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
