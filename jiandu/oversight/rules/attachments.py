"""What an uploaded file may be (complaint attachments, rectification evidence).

The type is read from the file's first bytes (its signature), not from the name or the browser's
declared type, and the name's extension must agree with it: a script renamed ``photo.jpg`` is
refused. The limits are technical, not policy: they protect storage, so they are constants here.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 10 * 1024 * 1024  # 10 MB a file
MAX_FILES = 5  # per submission

# extension → (content type, label, signature check on the head bytes)
_KINDS: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "PDF"),
    "jpg": ("image/jpeg", "JPEG 图片"),
    "jpeg": ("image/jpeg", "JPEG 图片"),
    "png": ("image/png", "PNG 图片"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档"),
}
ALLOWED_LABEL = "PDF、JPG、PNG 图片或 Word（.docx）文档"


def _signature_kind(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    # A .docx is a zip whose first entry is normally [Content_Types].xml or _rels/.
    if head.startswith(b"PK\x03\x04") and (b"[Content_Types].xml" in head or b"word/" in head or b"_rels/" in head):
        return "docx"
    return None


@dataclass(frozen=True)
class AttachmentCheck:
    ok: bool
    content_type: str = ""
    reason: str = ""


def check(name: str, head: bytes, size: int, *, max_bytes: int = MAX_BYTES) -> AttachmentCheck:
    """Whether a file named ``name`` starting with ``head`` and ``size`` bytes long is accepted."""
    display = (name or "").strip() or "未命名文件"
    if size <= 0:
        return AttachmentCheck(False, reason=f"文件“{display}”是空文件。")
    if size > max_bytes:
        return AttachmentCheck(False, reason=f"文件“{display}”超过 {max_bytes // (1024 * 1024)} MB 的大小上限。")
    extension = display.rsplit(".", 1)[-1].lower() if "." in display else ""
    if extension not in _KINDS:
        return AttachmentCheck(False, reason=f"文件“{display}”的类型不受支持，仅接受{ALLOWED_LABEL}。")
    actual = _signature_kind(head)
    expected = "jpg" if extension == "jpeg" else extension
    if actual != expected:
        return AttachmentCheck(False, reason=f"文件“{display}”的内容与扩展名不符，仅接受{ALLOWED_LABEL}。")
    return AttachmentCheck(True, content_type=_KINDS[extension][0])


def check_count(count: int, *, max_files: int = MAX_FILES) -> str | None:
    if count > max_files:
        return f"附件最多 {max_files} 个。"
    return None
