"""VB102 broken-reference: a kind word and "số" followed by an incomplete symbol, or none."""

from __future__ import annotations

from vanban.checks.context import Context
from vanban.checks.rule import Rule, RuleDoc


def _check(context: Context) -> None:
    for source in context.view.sources:
        for item in source.malformed:
            symbol = item.text.split()[-1] if item.reason != "no-number" else None
            message = context.say(f"VB102.{item.reason}", symbol=symbol, text=item.text)
            context.report(
                message,
                source.path,
                item.line,
                symbol,
                item.footnote,
                context.say("VB102.fix"),
                item.text,
                column=item.column,
                end=(item.end_line, item.end_column),
            )


RULE = Rule(
    code="VB102",
    name="broken-reference",
    severity="error",
    summary="a symbol is incomplete or missing",
    doc=RuleDoc(
        "A kind word and 'số' followed by an incomplete symbol, or by none: no issuer code "
        "('157-KH'), nothing after the slash ('155-KH/'), no number ('Công văn số /UBND-VX', "
        "'Kế hoạch số -KH/TU': the codes written, the number left blank). A kind and a bare "
        "number ('Chỉ thị số 35') is a short reference, not a broken one.",
        "A symbol without its issuer code does not identify a document; it is usually a "
        "typing slip that the signed copy would keep.",
        "Thực hiện Kế hoạch số 157-KH, ngày 12/7/2023 của Thị ủy.",
        "Thực hiện Kế hoạch số 157-KH/TU, ngày 12/7/2023 của Thị ủy.",
    ),
    messages={
        # one per reason the parser gives a malformed reference
        "VB102.no-issuer-code": (
            'symbol {symbol!r} has no issuer code after the kind code (e.g. "-KH/TU")'
        ),
        "VB102.no-code-after-slash": (
            "symbol {symbol!r} ends at the slash: the issuer code is missing"
        ),
        "VB102.no-number": '"{text}" has no number and symbol after it',
        "VB102.no-number-before-code": '"{text}" has no number before {symbol}',
        "VB102.fix": "complete the number and symbol",
    },
    check=_check,
)
