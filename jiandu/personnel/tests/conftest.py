"""Fixtures for personnel tests: a factory of officers (with valid, well-formed ID numbers)
built through the services, and a snapshot of the database to prove refusals write nothing."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from jiandu.personnel import rules, services

_serial = itertools.count(1)


def id_number(born: date | None = None, region: str = "420703") -> str:
    """A well-formed, fictitious identity number: unique per call within a test run."""
    n = next(_serial)
    born = born or date(1975 + n % 25, 1 + n % 12, 1 + n % 28)
    first17 = f"{region}{born:%Y%m%d}{n % 1000:03d}"
    if n >= 1000:  # keep numbers unique past the sequence digits by moving the birth day
        first17 = f"{region}{date(1960 + n // 1000, 1 + n % 12, 1 + n % 28):%Y%m%d}{n % 1000:03d}"
    return first17 + rules.id_check_char(first17)


class People:
    """Officers for tests, created by the agency through the services (so the audit is real)."""

    def __init__(self, world):
        self.world = world

    def officer(self, unit: str = "scjg", *, name: str = "张三", actor=None, **fields):
        fields.setdefault("post", "执法队员")
        fields.setdefault("joined_on", date(2010, 9, 1))
        return services.officer_create(actor=actor or self.world.agency, unit=self.world.unit(unit), name=name,
                                       id_number=fields.pop("id_number", None) or id_number(), **fields)

    def certified(self, unit: str = "scjg", *, issued_on: date = date(2024, 3, 1), number: str | None = None, **fields):
        officer = self.officer(unit, **fields)
        services.certificate_register(actor=self.world.agency, officer=officer, issued_on=issued_on,
                                      number=number or f"T{officer.id_number[-10:]}")
        officer.refresh_from_db()
        return officer


@pytest.fixture
def people(world) -> People:
    return People(world)


def db_state() -> dict:
    """Counts and statuses of everything a personnel service may write, plus the audit chain,
    documents (and their number sequences) and notifications."""
    from django.apps import apps

    from jiandu.core.models import AuditEvent, DocumentSequence, Notification, OfficialDocument
    from jiandu.personnel.models import Certificate, CertificateApplication, Officer

    state: dict = {m.__name__: m.objects.count() for m in apps.get_app_config("personnel").get_models()}
    state.update(audit=AuditEvent.objects.count(), documents=OfficialDocument.objects.count(),
                 notifications=Notification.objects.count(),
                 sequences=sorted(DocumentSequence.objects.values_list("prefix", "year", "last_number")))
    state["certificates"] = sorted(Certificate.objects.values_list("id", "status"))
    state["applications"] = sorted(CertificateApplication.objects.values_list("id", "status"))
    state["officers"] = sorted(Officer.objects.values_list("id", "status", "unit_id", "post", "qualification_cancelled_on"))
    return state


@pytest.fixture
def unchanged():
    """``with unchanged(): call()`` asserts the call changed nothing in the database."""
    from contextlib import contextmanager

    @contextmanager
    def check():
        before = db_state()
        yield
        assert db_state() == before

    return check


def text_of(document) -> str:
    """The paragraphs of a generated .docx, for asserting what a document says."""
    import io

    from docx import Document

    with document.file.open("rb") as fh:
        return "\n".join(p.text for p in Document(io.BytesIO(fh.read())).paragraphs)
