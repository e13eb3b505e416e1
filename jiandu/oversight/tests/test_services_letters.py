"""R-SUP-2: opinion letters are numbered .docx documents; the unit replies by a working-day
deadline (a dated parameter); the agency follows up until it closes the letter."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from jiandu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiandu.core.models import Notification
from jiandu.oversight import selectors
from jiandu.oversight.services import letters as ls
from jiandu.oversight.tests.factories import handled_complaint


def _issue(world, **kw):
    fields = dict(actor=world.agency, unit=world.unit("scjg"), kind="supervision_opinion", source_type="reconsideration",
                  source_label="华容区人民政府行政复议决定书 华政复〔2026〕8号", title="关于规范行政处罚裁量的监督意见书",
                  problems="处罚裁量未适用裁量基准", requirements="严格执行裁量基准，对相关案件开展自查")
    fields.update(kw)
    return ls.letter_issue(**fields)


def test_a_letter_is_a_numbered_docx_sent_to_the_unit_with_a_reply_deadline(world, fixed_today):
    """20 working days from Wed 2026-09-16 (unverified parameter): Sep 17–18 (2), Sun 20 make-up (3),
    21–24 (7), 28–30 (10), Oct 8–10 with the make-up Sat 10 (13), 12–16 (18), 19–20 (20) → Tue Oct 20."""
    fixed_today(date(2026, 9, 16))
    letter = _issue(world)
    assert letter.reply_due_on == date(2026, 10, 20) and letter.status == "issued"
    assert letter.document.number.startswith("华司执监〔2026〕") and letter.document.recipient_unit == world.unit("scjg")
    text = "\n".join(p.text for p in Document(io.BytesIO(letter.document.file.read())).paragraphs)
    assert "关于规范行政处罚裁量的监督意见书" in text and "处罚裁量未适用裁量基准" in text and "2026年10月20日前" in text
    assert Notification.objects.filter(recipient=world.scjg_legal, title__contains="行政执法监督意见书").exists()


def test_a_letter_from_a_complaint_needs_the_complaint_verified(world):
    """Plan §二(五)4: letters answer problems 查实 in complaints."""
    unverified, _ = handled_complaint(world, finding="unsubstantiated")
    with pytest.raises(Conflict) as exc:
        _issue(world, source_type="complaint", source_id=str(unverified.pk), source_label="")
    assert exc.value.code == "complaint_not_verified"
    verified, _ = handled_complaint(world)
    letter = _issue(world, source_type="complaint", source_id=str(verified.pk), source_label="")
    assert letter.source_label == f"投诉举报 {verified.number}"


def test_a_free_source_needs_a_description(world):
    with pytest.raises(InvalidInput) as exc:
        _issue(world, source_type="reconsideration", source_label="")
    assert "source_label" in exc.value.details


def test_reply_follow_up_and_close(world, fixed_today):
    fixed_today(date(2026, 9, 16))
    letter = _issue(world)
    with pytest.raises(Forbidden):
        ls.letter_reply(letter=letter, actor=world.agency, reply="代为回复")  # the unit replies, not the agency
    fixed_today(date(2026, 10, 21))
    letter = ls.letter_reply(letter=letter, actor=world.scjg_legal, reply="已对相关案件开展自查")
    assert letter.status == "replied" and letter.reply_overdue  # due Oct 20, replied Oct 21
    with pytest.raises(Forbidden):
        ls.letter_close(letter=letter, actor=world.scjg_legal)
    letter = ls.letter_follow_up(letter=letter, actor=world.agency, note="请补充自查的案件清单")
    # 10 working days from Wed Oct 21: Oct 22–23, Oct 26–30, Nov 2–4.
    assert letter.status == "issued" and letter.reply_due_on == date(2026, 11, 4) and not letter.reply_overdue
    assert letter.follow_up_count == 1
    letter = ls.letter_reply(letter=letter, actor=world.scjg_legal, reply="补充清单：共 12 件")
    letter = ls.letter_close(letter=letter, actor=world.agency, note="回复到位")
    assert letter.status == "closed" and letter.closed_on == date(2026, 10, 21)


def test_a_unit_sees_only_the_letters_sent_to_it(world):
    """Issue #5 point 6."""
    mine, theirs = _issue(world), _issue(world, unit=world.unit("cgj"))
    assert list(selectors.letters_visible(world.scjg_legal)) == [mine]
    with pytest.raises(NotFound):
        selectors.letter_get(world.scjg_legal, theirs.pk)
    with pytest.raises(NotFound):
        ls.letter_reply(letter=theirs, actor=world.scjg_legal, reply="越权回复")
    assert client_download(world, theirs, "scjg_legal") == 404
    assert client_download(world, mine, "scjg_legal") == 200


def client_download(world, letter, username):
    from django.test import Client

    c = Client()
    c.force_login(world.user(username))
    return c.get(f"/documents/{letter.document_id}/download/").status_code


def test_letters_and_their_rectification_share_the_deadline(world):
    letter = _issue(world, open_rectification=True)
    item = selectors.rectifications_from(world.agency, "letter", letter.pk).get()
    assert item.deadline == letter.reply_due_on and item.unit == letter.unit
    assert item.source_label.startswith("行政执法监督意见书 华司执监〔2026〕")
