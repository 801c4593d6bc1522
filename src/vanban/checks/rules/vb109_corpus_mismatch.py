"""VB109 corpus-mismatch: a reference that names another committee than the document read."""

from __future__ import annotations

from vanban.checks.context import Context, what
from vanban.checks.rule import Rule, RuleDoc
from vanban.core.identity import levels_agree


def _check(context: Context) -> None:
    documents = context.view.documents
    for source, reference in context.references():
        target = documents.get(reference.target)
        if target is not None and target.in_corpus:
            continue
        for node in context.read.get(reference.symbol.upper(), []):
            if reference.date and node.date and reference.date != node.date:
                continue  # another document (a reused number), or a wrong date: VB112
            if levels_agree(reference.level, node.level):
                continue
            message = context.say(
                "VB109.issuer",
                what=what(reference),
                level=reference.level,
                corpus_level=node.level,
                path=node.path,
            )
            context.report_reference(message, source, reference)
            break


RULE = Rule(
    code="VB109",
    name="corpus-mismatch",
    severity="warning",
    summary="a reference names another committee than the document read",
    doc=RuleDoc(
        "A reference that matches a document of the archive by symbol and date but "
        "attributes it to another committee (Tỉnh ủy / Thị ủy). A date that disagrees with "
        "the document is VB112.",
        "The archive holds the document itself: what the draft says of it should agree.",
        "Kế hoạch số 66-KH/TU, ngày 28/3/2022 của Ban Thường vụ Thị ủy (the archive holds "
        "66-KH/TU of 28/3/2022 of the Tỉnh ủy)",
        "Kế hoạch số 66-KH/TU, ngày 28/3/2022 của Ban Thường vụ Tỉnh ủy",
    ),
    messages={
        "VB109.issuer": (
            "{what} is attributed to the {level} here, but {path} is of the {corpus_level}"
        ),
        "VB109.fix": "match the document in the archive",
    },
    check=_check,
)
