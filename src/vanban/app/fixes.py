"""Applying the checks' fixes to the files they were found in, as ``vanban check --fix`` does.

A finding with a fix carries the reference as written (``text``) and the text that replaces it
(``fix``). A plain text file (.txt, .md) is edited where the reference stands; a Word file
(.docx) inside the runs of its paragraph, so that its formatting stays. Files are written
atomically and only when their bytes are those that were checked (SHA-256). A PDF or a .doc is
never modified.
"""

from __future__ import annotations

import difflib
import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from vanban.checks.findings import Finding
from vanban.storage.files import write_atomic

TEXT_SUFFIXES = (".txt", ".md")
WORD_SUFFIXES = (".docx",)
NEVER_CHANGED = (".pdf", ".doc")


@dataclass
class FixResult:
    """What fixing one file did."""

    path: str
    fixed: list[Finding] = field(default_factory=list)
    """The findings whose fix was applied (or, with ``write=False``, would be)."""
    diff: str = ""
    """The change as a unified diff of the text."""
    refused: str | None = None
    """Why the file was not changed: a PDF or .doc, changed since it was read."""


def fixable(finding: Finding, unsafe: bool) -> bool:
    """Whether ``--fix`` applies the finding's fix (a guess only with ``--unsafe-fixes``)."""
    return bool(finding.fix and finding.text and (finding.safe_fix or unsafe))


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fix_files(
    findings: Iterable[Finding], hashes: dict[str, str], unsafe: bool = False, write: bool = True
) -> list[FixResult]:
    """Apply the fixes of ``findings`` to their files, each only if its SHA-256 is still the
    one in ``hashes`` (taken before it was checked). With ``write=False`` nothing is written:
    the results say what would change."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.path and fixable(finding, unsafe):
            by_path.setdefault(finding.path, []).append(finding)
    results = []
    for name, found in sorted(by_path.items()):
        path = Path(name)
        suffix = path.suffix.lower()
        result = FixResult(name)
        results.append(result)
        if suffix in NEVER_CHANGED or suffix not in TEXT_SUFFIXES + WORD_SUFFIXES:
            result.refused = "not-editable"
            continue
        if not path.is_file() or hashes.get(name) != file_hash(path):
            result.refused = "changed"
            continue
        if suffix in TEXT_SUFFIXES:
            _fix_text(path, found, result, write)
        else:
            _fix_word(path, found, result, write)
    return results


MAX_PASSES = 4
"""A fix can reveal another (two on one reference): ``check --fix`` checks and fixes again until
a pass fixes nothing, at most this many times."""


def file_hashes(paths: Iterable[Path]) -> dict[str, str]:
    """The SHA-256 of each file named and each file under the folders named, taken before they
    are checked: a file whose bytes then differ is not changed."""
    hashes = {}
    for given in paths:
        for path in [given] if given.is_file() else sorted(given.rglob("*")):
            if path.is_file():
                hashes[str(path)] = file_hash(path)
    return hashes


def fix_pass(
    paths: list[Path], findings_of: Callable[[], list[Finding]], unsafe: bool, write: bool
) -> list[FixResult]:
    """One check of ``paths`` (``findings_of`` runs it) and the fixes of its findings applied,
    or, without ``write``, shown."""
    hashes = file_hashes(paths)
    return fix_files(findings_of(), hashes, unsafe, write)


def fix_until_done(
    paths: list[Path],
    findings_of: Callable[[], list[Finding]],
    unsafe: bool,
    said: Callable[[list[FixResult]], None],
) -> int:
    """Check and fix ``paths`` until a pass fixes nothing (at most :data:`MAX_PASSES`); each
    pass's results are given to ``said``. The number of fixes applied."""
    total = 0
    for _pass in range(MAX_PASSES):
        results = fix_pass(paths, findings_of, unsafe, write=True)
        said(results)
        fixed = sum(len(result.fixed) for result in results)
        total += fixed
        if not fixed:
            break
    return total


# --- plain text -----------------------------------------------------------------------------


def _fix_text(path: Path, found: list[Finding], result: FixResult, write: bool) -> None:
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    before = raw.decode("utf-8-sig")
    spans: list[tuple[int, int, str, Finding]] = []
    for finding in found:
        at = _locate_in_text(before, finding)
        if at is not None:
            spans.append((at, at + len(str(finding.text)), str(finding.fix), finding))
    after = _apply(before, spans, result)
    if after == before:
        return
    result.diff = _diff(result.path, before, after)
    if write:
        write_atomic(path, (b"\xef\xbb\xbf" if bom else b"") + after.encode("utf-8"))


def _locate_in_text(text: str, finding: Finding) -> int | None:
    """Where the reference of ``finding`` starts in ``text``: at its line and column, else in
    its line, else its only occurrence in the file."""
    old = str(finding.text)
    lines = text.splitlines(keepends=True)
    if finding.line and 0 < finding.line <= len(lines):
        start = sum(len(line) for line in lines[: finding.line - 1])
        line = lines[finding.line - 1]
        if finding.column and line.startswith(old, finding.column - 1):
            return start + finding.column - 1
        if line.count(old) == 1:
            return start + line.index(old)
    return text.index(old) if text.count(old) == 1 else None


def _apply(text: str, spans: list[tuple[int, int, str, Finding]], result: FixResult) -> str:
    """``text`` with the spans replaced, the first of overlapping ones only (the others are
    found again by the next check, on the fixed text)."""
    taken: list[tuple[int, int, str, Finding]] = []
    for span in sorted(spans, key=lambda s: (s[0], s[1])):
        if taken and span[0] < taken[-1][1]:
            continue
        taken.append(span)
    for start, end, new, finding in reversed(taken):
        text = text[:start] + new + text[end:]
        result.fixed.append(finding)
    result.fixed.reverse()
    return text


def _diff(name: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
    )


# --- Word -----------------------------------------------------------------------------------


def word_paragraphs(document: Any) -> list[Any]:
    """The paragraphs of a Word document in reading order: the body's, those of its tables
    (nested ones too), and those of its footnotes when the file has them."""
    found: list[Any] = []

    def walk(container: Any) -> None:
        for block in container.iter_inner_content():
            if hasattr(block, "runs"):
                found.append(block)
            else:
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)

    walk(document)
    return found


_NOTE_PARTS = ("footnotes", "endnotes")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _note_paragraphs(document: Any) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """The paragraphs of the footnotes and endnotes (python-docx reads them as plain parts),
    and each such part with the XML tree to write back into it."""
    from docx.oxml import parse_xml
    from docx.text.paragraph import Paragraph

    paragraphs: list[Any] = []
    trees: list[tuple[Any, Any]] = []
    for relation in document.part.rels.values():
        if relation.is_external or relation.reltype.rsplit("/", 1)[-1] not in _NOTE_PARTS:
            continue
        part = relation.target_part
        tree = parse_xml(part.blob)
        trees.append((part, tree))
        paragraphs.extend(Paragraph(p, cast(Any, None)) for p in tree.iter(f"{_W}p"))
    return paragraphs, trees


def _fix_word(path: Path, found: list[Finding], result: FixResult, write: bool) -> None:
    import docx
    from docx.opc.oxml import serialize_part_xml

    document = docx.Document(str(path))
    notes, trees = _note_paragraphs(document)
    paragraphs = word_paragraphs(document) + notes
    texts = [p.text for p in paragraphs]
    before = "\n".join(texts)
    edits: dict[int, list[tuple[int, int, str, Finding]]] = {}
    for finding in found:
        old = str(finding.text)
        holding = [i for i, t in enumerate(texts) if old in t]
        if len(holding) != 1 or texts[holding[0]].count(old) != 1:
            continue  # not found once: left for the drafter
        at = texts[holding[0]].index(old)
        edits.setdefault(holding[0], []).append((at, at + len(old), str(finding.fix), finding))
    for index, spans in sorted(edits.items()):
        taken: list[tuple[int, int, str, Finding]] = []
        for span in sorted(spans, key=lambda s: (s[0], s[1])):
            if not taken or span[0] >= taken[-1][1]:
                taken.append(span)
        for start, end, new, finding in reversed(taken):
            edit_runs(paragraphs[index], start, end, new)
            result.fixed.append(finding)
    after = "\n".join(p.text for p in paragraphs)
    if after == before:
        return
    result.diff = _diff(result.path, before + "\n", after + "\n")
    if write:
        for part, tree in trees:
            part._blob = serialize_part_xml(tree)
        buffer = io.BytesIO()
        document.save(buffer)
        write_atomic(path, buffer.getvalue())


def edit_runs(paragraph: Any, start: int, end: int, new: str) -> None:
    """Replace the characters ``start:end`` of a paragraph's text by ``new``, inside its runs:
    only what differs is changed, in the run that holds it, so the formatting of the rest
    stays (a date added after a symbol takes the symbol's run)."""
    old = paragraph.text[start:end]
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(old), len(new)) - head
        and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]
    ):
        tail += 1
    start, end = start + head, end - tail
    insert = new[head : len(new) - tail]
    position = 0
    placed = False
    for run in paragraph.runs:
        text = run.text
        run_start, run_end = position, position + len(text)
        position = run_end
        if run_end < start or run_start > end or (run_end == start and start != end):
            continue
        if run_start == end and placed:
            break
        cut_from = max(start, run_start) - run_start
        cut_to = min(end, run_end) - run_start
        if not placed and (run_start <= start <= run_end):
            run.text = text[:cut_from] + insert + text[cut_to:]
            placed = True
        else:
            run.text = text[:cut_from] + text[cut_to:]
