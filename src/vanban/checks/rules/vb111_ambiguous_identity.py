"""VB111 ambiguous-identity: a TU/HU symbol with no issuer phrase saying which committee's."""

from __future__ import annotations

from vanban.checks.context import Context
from vanban.checks.rule import Rule, RuleDoc


def _check(context: Context) -> None:
    for source, reference in context.references():
        if reference.issuer_code in ("TU", "HU") and not reference.level:
            node = context.view.documents.get(reference.target)
            if node is not None and node.level:
                continue  # the same document is attributed elsewhere
            message = context.say("VB111", symbol=reference.symbol)
            context.report_reference(message, source, reference)


RULE = Rule(
    code="VB111",
    name="ambiguous-identity",
    severity="info",
    summary="a TU/HU symbol without Tỉnh ủy or Thị ủy",
    doc=RuleDoc(
        "A TU (or HU) symbol with no issuer phrase anywhere in the archive saying whether "
        "it is the Tỉnh ủy's or the Thị ủy's.",
        "TU is the code of both committees, and their numbers overlap: the issuer decides.",
        "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/7/2023.",
        "Thực hiện Kế hoạch số 158-KH/TU, ngày 21/7/2023 của Ban Thường vụ Thị ủy.",
    ),
    messages={
        "VB111": (
            "{symbol}: TU is the code of both Tỉnh ủy and Thị ủy, and no issuer phrase says which"
        ),
        "VB111.fix": 'add the issuer: "của Ban Thường vụ Tỉnh ủy" or "của Ban Thường vụ Thị ủy"',
    },
    check=_check,
)
