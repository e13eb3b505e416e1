"""Regenerate the generic official-letter template (jiandu/core/doc_templates/official_letter.docx).

Layout after GB/T 9704-2012 党政机关公文格式: red issuer header, red rule, document number,
title in 小标宋 style, recipient, body paragraphs, issuer and date. The placeholders are docxtpl
(Jinja) tags filled by ``jiandu.core.documents.issue``. Run: ``.venv/bin/python scripts/make_doc_templates.py``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

RED = RGBColor(0xC0, 0x00, 0x00)
OUT = Path(__file__).resolve().parent.parent / "jiandu" / "core" / "doc_templates" / "official_letter.docx"


def _font(run, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color


def _paragraph(doc, text: str, *, align=WD_ALIGN_PARAGRAPH.LEFT, font="仿宋_GB2312", size=16.0,
               bold=False, color=None, indent=False, space_after=0):
    p = doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.line_spacing = Pt(28)
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _font(p.add_run(text), font, size, bold=bold, color=color)
    return p


def build() -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    _paragraph(doc, "{{ issuer_name }}", align=WD_ALIGN_PARAGRAPH.CENTER, font="方正小标宋简体", size=30,
               color=RED, space_after=12)
    _paragraph(doc, "{{ number }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=16)
    rule = _paragraph(doc, "━" * 22, align=WD_ALIGN_PARAGRAPH.CENTER, size=12, color=RED, space_after=12)
    rule.paragraph_format.line_spacing = Pt(16)
    _paragraph(doc, "{{ title }}", align=WD_ALIGN_PARAGRAPH.CENTER, font="方正小标宋简体", size=22, space_after=12)
    _paragraph(doc, "{% if recipient %}{{ recipient }}：{% endif %}", size=16)
    _paragraph(doc, "{%p for text in paragraphs %}", size=16)
    _paragraph(doc, "{{ text }}", size=16, indent=True)
    _paragraph(doc, "{%p endfor %}", size=16)
    _paragraph(doc, "", size=16)
    _paragraph(doc, "{{ signature }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=16)
    _paragraph(doc, "{{ date }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=16)
    _paragraph(doc, "（本文书由行政执法协调监督平台生成，文号：{{ number }}）", align=WD_ALIGN_PARAGRAPH.LEFT,
               size=10.5)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    build()
