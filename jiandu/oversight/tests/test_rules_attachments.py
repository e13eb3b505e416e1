"""R-SUP-1: attachments are checked by content (signature), extension and size."""

from __future__ import annotations

import pytest

from jiandu.oversight.rules import attachments

PDF = b"%PDF-1.7\n..."
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00"
DOCX = b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"


@pytest.mark.parametrize(("name", "head", "content_type"), [
    ("现场照片.jpg", JPG, "image/jpeg"),
    ("现场照片.JPEG", JPG, "image/jpeg"),
    ("截图.png", PNG, "image/png"),
    ("处罚决定书.pdf", PDF, "application/pdf"),
    ("情况说明.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_a_file_whose_content_matches_its_extension_is_accepted(name, head, content_type):
    result = attachments.check(name, head, 2048)
    assert result.ok and result.content_type == content_type


@pytest.mark.parametrize(("name", "head"), [
    ("照片.jpg", b"#!/bin/sh\nrm -rf /"),  # a script renamed
    ("照片.jpg", PNG),  # a PNG named .jpg: content and name disagree
    ("文件.pdf", JPG),
    ("压缩包.docx", b"PK\x03\x04\x14\x00evil.exe"),  # a zip that is not a Word document
])
def test_content_that_does_not_match_the_extension_is_refused(name, head):
    result = attachments.check(name, head, 2048)
    assert not result.ok and "内容与扩展名不符" in result.reason


@pytest.mark.parametrize("name", ["病毒.exe", "网页.html", "无扩展名", "脚本.js"])
def test_unsupported_types_are_refused_with_the_accepted_list(name):
    result = attachments.check(name, PDF, 2048)
    assert not result.ok and "仅接受" in result.reason


def test_size_limits_refuse_empty_and_oversized_files():
    assert not attachments.check("a.pdf", PDF, 0).ok
    assert attachments.check("a.pdf", PDF, attachments.MAX_BYTES).ok
    too_big = attachments.check("a.pdf", PDF, attachments.MAX_BYTES + 1)
    assert not too_big.ok and "10 MB" in too_big.reason


def test_at_most_five_files_per_submission():
    assert attachments.check_count(5) is None
    assert "最多 5 个" in attachments.check_count(6)
