"""Small builders for the supervision tests: they go through the services, as users would."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from jiandu.oversight.services import complaints as cs

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name: str = "材料.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def public_complaint(world, **overrides):
    fields = dict(kind="complaint", anonymous=False, filer_name="张三", filer_phone="13912345678",
                  subject_unit=world.unit("scjg"), title="执法人员未出示证件", content="2026年9月在某超市检查时，执法人员未出示执法证件。",
                  request="请依法调查处理")
    fields.update(overrides)
    return cs.complaint_submit_public(**fields)


def handled_complaint(world, *, on: date | None = None, finding: str = "substantiated"):
    """A complaint about 区市场监管局 taken through accept, assign and handle on ``on``."""
    complaint, code = public_complaint(world)
    cs.complaint_accept(complaint=complaint, actor=world.agency, on=on)
    cs.complaint_assign(complaint=complaint, actor=world.agency, unit=world.unit("scjg"), on=on)
    complaint = cs.complaint_handle(complaint=complaint, actor=world.scjg_legal, finding=finding,
                                    result="经核查，执法人员确未出示证件，已批评教育。", on=on)
    return complaint, code
