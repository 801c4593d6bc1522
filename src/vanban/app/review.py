"""A Word draft reviewed: a copy with every finding as a Word comment anchored on the text of
its reference, as offices review drafts (``vanban check draft.docx --comments reviewed.docx``)."""

from __future__ import annotations

import io
from pathlib import Path

from vanban.app.fixes import word_paragraphs
from vanban.checks.findings import Finding
from vanban.core.i18n import translator
from vanban.storage.files import write_atomic

AUTHOR = "vanban"


def write_review(draft: Path, findings: list[Finding], out: Path, language: str = "en") -> int:
    """Write a copy of ``draft`` to ``out`` with one comment per finding that can be anchored
    (its reference found once in a paragraph of the body); return how many were written."""
    import docx

    _ = translator(language)
    document = docx.Document(str(draft))
    paragraphs = word_paragraphs(document)
    written = 0
    for finding in findings:
        if not finding.text:
            continue
        holding = [p for p in paragraphs if finding.text in p.text]
        if len(holding) != 1:
            continue
        paragraph = holding[0]
        start = paragraph.text.index(finding.text)
        end = start + len(finding.text)
        runs, position = [], 0
        for run in paragraph.runs:
            if position < end and position + len(run.text) > start:
                runs.append(run)
            position += len(run.text)
        if not runs:
            continue
        lines = [f"{finding.code} {finding.message}"]
        if finding.suggestion:
            lines.append(f"→ {finding.suggestion}")
        if finding.fix:
            lines.append(_("fix: {fix}").format(fix=finding.fix))
        document.add_comment(runs, "\n".join(lines), author=AUTHOR, initials="VB")
        written += 1
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomic(out, buffer.getvalue())
    return written
