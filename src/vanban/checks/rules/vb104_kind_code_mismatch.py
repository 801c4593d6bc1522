"""VB104 kind-code-mismatch: the kind word contradicts the kind code."""

from __future__ import annotations

import regex

from vanban.checks.context import Context
from vanban.checks.rule import Rule, RuleDoc
from vanban.core.vocabulary import PARTY_KIND_CODES, STATE_KIND_CODES

GENERIC_KIND = "Văn bản"
"""'Văn bản số 59-CV/BCĐ' names a document of any kind: it contradicts no code."""
# A Party symbol: number, dash, kind code ("73-TB/TU", "59-CV/BCĐ").
PARTY_FORM = regex.compile(r"[0-9]{1,5}[a-z]?-\p{Lu}")


def _check(context: Context) -> None:
    documents = context.view.documents
    for source, reference in context.references():
        kind, code = reference.kind, reference.kind_code
        if not kind or not code or kind == GENERIC_KIND:
            continue
        node = documents.get(reference.target)
        family = node.family if node and node.family else None
        if family is None:  # "73-TB/TU": a dash before the kind code is the Party's form
            family = "party" if PARTY_FORM.match(reference.symbol) else "state"
        table = PARTY_KIND_CODES if family == "party" else STATE_KIND_CODES
        expected = table.get(code.upper())
        if expected is None or kind in expected:
            continue
        message = context.say(
            "VB104", kind=kind, code=code, symbol=reference.symbol, expected=" / ".join(expected)
        )
        context.report_reference(message, source, reference)


RULE = Rule(
    code="VB104",
    name="kind-code-mismatch",
    severity="warning",
    summary="the kind word contradicts the kind code",
    doc=RuleDoc(
        "The kind word contradicts the kind code ('Kế hoạch số 65-Ctr/TU'). A Party Quy "
        "định is coded QĐ like a Quyết định; a State Quy định is coded QyĐ; a State công "
        "văn has no kind code.",
        "One of the two is wrong, and the reader cannot tell which document is meant.",
        "Thực hiện Kế hoạch số 65-Ctr/TU, ngày 12/3/2022 của Tỉnh ủy.",
        "Thực hiện Chương trình số 65-Ctr/TU, ngày 12/3/2022 của Tỉnh ủy.",
    ),
    messages={
        "VB104": (
            'kind word "{kind}" contradicts kind code {code} in {symbol} '
            "(code {code} is {expected})"
        ),
        "VB104.fix": "check the kind word or the symbol",
    },
    check=_check,
)
