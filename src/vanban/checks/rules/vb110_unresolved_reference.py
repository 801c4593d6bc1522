"""VB110 unresolved-reference: a reference to an issuer whose own documents are in the archive
that finds none of them. Off unless selected or asked for with ``--require-resolved``."""

from __future__ import annotations

from collections import Counter

from vanban.checks.context import Context, what
from vanban.checks.rule import Rule, RuleDoc


def _check(context: Context) -> None:
    documents = context.view.documents
    series: Counter[tuple[str, str | None]] = Counter(
        (node.issuer_code, node.level)
        for node in documents.values()
        if node.in_corpus and node.issuer_code
    )
    for source, reference in context.references():
        target = documents.get(reference.target)
        if target is not None and target.in_corpus:
            continue
        if context.read.get(reference.symbol.upper()):
            continue  # the archive has this symbol, of another date or committee
        key = (str(reference.issuer_code), reference.level)
        if series.get(key):
            issuer = key[0] + (f" ({key[1]})" if key[1] else "")
            message = context.say("VB110", what=what(reference), count=series[key], issuer=issuer)
            context.report_reference(message, source, reference)


RULE = Rule(
    code="VB110",
    name="unresolved-reference",
    severity="error",
    summary="a reference to the archive finds no document",
    doc=RuleDoc(
        "With --require-resolved: a reference to an issuer whose own documents are in the "
        "archive that resolves to none of them.",
        "It is a broken link in the archive: the document is missing, or the number is wrong.",
        "Kế hoạch số 135-KH/TU, ngày 05/5/2023 (the archive holds 153-KH/TU of 05/5/2023)",
        "Kế hoạch số 153-KH/TU, ngày 05/5/2023",
    ),
    messages={
        "VB110": "{what} is not among the {count} documents of {issuer} in the archive",
        "VB110.fix": "add the document to the archive or correct the reference",
    },
    check=_check,
    on_by_default=False,
    with_require_resolved=True,
)
