"""The annual report as a shared-exporter `Document`: HTML page, DOCX, PDF and XLSX alike.

The text is the composer's sections (edited or drafted), the tables the official ones of the
report's format (engine.tables); nothing here knows a file format.
"""

from __future__ import annotations

from datetime import date

from gongkai.lib.exporters import Document, Heading, Paragraph, Signature, render

from . import composer
from .engine.tables import official_tables

EXPORT_FORMATS = ("html", "docx", "pdf", "xlsx")


def report_document(
    document: dict, sections: dict[str, str] | None = None, *, on: date | None = None
) -> Document:
    """The report of `document` with `sections` (missing ones are drafted from the figures)."""
    texts = composer.drafts(document) | {k: v for k, v in (sections or {}).items() if v}
    tables = official_tables(document)
    org, year = document.get("organization", ""), document.get("year")
    blocks: list = [Paragraph(composer.intro(document))]
    for section in composer.SECTIONS[document["format"]]:
        blocks.append(Heading(section.heading))
        for line in texts.get(section.key, "").splitlines():
            if line.strip():
                blocks.append(Paragraph(line.strip()))
        if section.table:
            blocks.append(tables[section.table])
    return Document(
        title=f"{org}{year}年政府信息公开工作年度报告",
        blocks=blocks,
        signature=Signature(org, on) if org else None,
        subject=f"{org}{year}年政府信息公开工作年度报告",
    )


def export(document: dict, sections: dict[str, str] | None, fmt: str, **kwargs) -> bytes:
    """The report as a file of `fmt` (html, docx, pdf, xlsx)."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format: {fmt}")
    return render(report_document(document, sections, **kwargs), fmt)
