"""Fixtures shared by every test: the named world (``world``), API clients, the browser harness."""

from __future__ import annotations

import pytest

from jiandu.testing import world as world_module


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Built once per test database; every test runs in a transaction rolled back afterwards.
    with django_db_blocker.unblock():
        from jiandu.organization.models import Unit

        if not Unit.objects.filter(code="t-42").exists():
            world_module.build()


@pytest.fixture
def world(db) -> world_module.World:
    return world_module.World()


@pytest.fixture
def client_for(client, world):
    """``client_for("hrz_legal")``: a Django test client logged in as that persona."""

    def make(username: str):
        from django.test import Client

        c = Client()
        c.force_login(world.user(username))
        return c

    return make


pytest_plugins = ["jiandu.testing.browser"]


@pytest.fixture
def demo(transactional_db):
    """The full 华容区 demo in the database of a transactional/browser test (loaded once per test
    database, restored from a copy for every later test: ``jiandu.testing.demo_snapshot``)."""
    from jiandu.organization.demo import PASSWORD
    from jiandu.testing import demo_snapshot

    demo_snapshot.load()
    return PASSWORD
