"""VB115 superseded-reference: a document cited after the archive knows it was replaced,
repealed or amended."""

from __future__ import annotations

import datetime

from vanban.checks.context import Context, what
from vanban.checks.rule import Rule, RuleDoc
from vanban.core.dates import as_cited
from vanban.core.records import DocumentNode, Edge

RELATIONS = ("replaces", "repeals", "amends")
"""The relations by which a newer document ends or changes an older one, in the order a
finding names them when there are several."""


def _check(context: Context) -> None:
    documents = context.view.documents
    newer: dict[str, list[tuple[Edge, DocumentNode]]] = {}
    for edge in context.view.edges:
        node = documents.get(edge.source)
        if edge.relation in RELATIONS and node is not None and node.date:
            newer.setdefault(edge.target, []).append((edge, node))
    if not newer:
        return
    today = datetime.date.today().isoformat()
    for source in context.view.sources:
        own = source.date or today
        cited = {reference.target for reference in source.references}
        reported: set[str] = set()
        for reference in source.references:
            if reference.target in reported:
                continue
            later = [
                (edge, node)
                for edge, node in newer.get(reference.target, [])
                if node.id != source.id
                and node.id not in cited
                and str(node.date) < own
                and (reference.date is None or reference.date < str(node.date))
            ]
            if not later:
                continue
            edge, node = min(
                later, key=lambda pair: (RELATIONS.index(pair[0].relation), str(pair[1].date))
            )
            dmy = as_cited(str(node.date))
            name = f"{node.kind} {node.symbol}" if node.kind else str(node.symbol or node.id)
            where = f"{edge.path}:{edge.line}" if edge.path else str(node.path)
            message = context.say(
                f"VB115.{edge.relation}", what=what(reference), newer=name, dmy=dmy, where=where
            )
            written = f"{node.kind} số {node.symbol}" if node.kind else name
            advice = context.say(f"VB115.{edge.relation}-fix", written=written, dmy=dmy)
            fix = None
            if edge.relation == "replaces" and node.kind and node.symbol:
                fix = f"{written} ngày {dmy}"  # a change of substance: only --unsafe-fixes
            context.report_reference(message, source, reference, advice, fix)
            reported.add(reference.target)


RULE = Rule(
    code="VB115",
    name="superseded-reference",
    severity="warning",
    summary="cites a document replaced, repealed or amended before",
    doc=RuleDoc(
        "A document cited by a file dated after the archive's documents say it was replaced, "
        "repealed or amended (the 'thay thế', 'bãi bỏ', 'sửa đổi, bổ sung' relations of the "
        "graph), by a file that does not cite the newer document itself. A file without a "
        "date is taken as written today. The finding names the newer document, its date and "
        "where the archive says so.",
        "A replaced or repealed document no longer applies, and an amended one is read with "
        "its amendment: the draft may rest on rules that have changed.",
        "(a draft of 2025) Căn cứ Nghị định số 45/2010/NĐ-CP ngày 21/4/2010 của Chính phủ "
        "(replaced by Nghị định số 126/2024/NĐ-CP ngày 08/10/2024)",
        "(a draft of 2025) Căn cứ Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 của Chính phủ",
    ),
    messages={
        "VB115.replaces": "{what} was replaced by {newer} of {dmy} ({where})",
        "VB115.repeals": "{what} was repealed by {newer} of {dmy} ({where})",
        "VB115.amends": "{what} was amended by {newer} of {dmy} ({where})",
        "VB115.replaces-fix": 'cite the document in force: "{written} ngày {dmy}"',
        "VB115.repeals-fix": "remove the reference, or cite what applies now",
        "VB115.amends-fix": (
            'cite the amendment too: "được sửa đổi, bổ sung bởi {written} ngày {dmy}"'
        ),
    },
    check=_check,
)
