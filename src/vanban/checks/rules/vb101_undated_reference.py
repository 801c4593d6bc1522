"""VB101 undated-reference: a document cited without its date at its first mention in a file."""

from __future__ import annotations

import regex

from vanban.checks.context import Context, what
from vanban.checks.rule import Rule, RuleDoc
from vanban.core.dates import as_cited, date_glue, with_date
from vanban.core.records import Citation
from vanban.core.symbols import DATE, LEGISLATURE, parse_date
from vanban.core.vocabulary import fold_words

# The subject line of a công văn ("V/v", về việc), which names what it is about in brief: "Số:
# 2150/UBND-VX V/v triển khai thực hiện Kế hoạch số 103/KH-UBND của UBND tỉnh". Matched on the
# text before a reference in its sentence; the date of what it names belongs to the body.
SUBJECT_LINE = regex.compile(r"(?:^|[\s|(])(?:V/v|v/v|V/V)[ ]+[^.;:|\n]*\Z")

# A date standing before the reference, in the sentence that issues it: "Ngày 08/10/2024, Chính
# phủ ban hành Nghị định số 126/2024/NĐ-CP quy định ...". Matched on the folded text before the
# reference; the reference is dated, though no date follows it.
DATED_BEFORE = regex.compile(
    r"(?:^|[ (])(?:" + DATE.pattern + r")[ ]*,?[ ]*[^.;:,()]{0,80}?"
    r"(?:da[ ])?(?:ky[ ])?ban hanh[ ]*\Z"
)


def _check(context: Context) -> None:
    """Once per document per file, at its first undated mention; not at all when the file
    dates it before (the drafting convention: date the first mention, cite it bare after)."""
    documents = context.view.documents
    for source in context.view.sources:
        dated_at: dict[str, Citation] = {}
        first_undated: dict[str, Citation] = {}
        for reference in source.references:
            if reference.date or reference.date_written or _dated_before(reference):
                dated_at.setdefault(reference.target, reference)
            elif (
                reference.target not in dated_at
                and not _in_subject_line(reference)
                and not _law_with_its_year(reference)
            ):
                first_undated.setdefault(reference.target, reference)
        for target, reference in first_undated.items():
            later = dated_at.get(target)
            node = documents.get(target)
            known: str | None = None
            family = context.family(reference)
            if later is not None and later.date:
                known = later.date
                suggestion = context.say(
                    "VB101.later",
                    line=later.line,
                    dated=with_date(reference.text, later.date, family),
                )
            elif node is not None and node.date:
                known = node.date
                places = [o for o in context.view.occurrences.get(target, []) if o.date]
                where = f"{places[0].path}:{places[0].line}" if places else str(node.path)
                suggestion = context.say(
                    "VB101.suggest",
                    where=where,
                    dmy=as_cited(node.date),
                    dated=with_date(reference.text, node.date, family),
                )
            else:
                known, registered = _registered_date(context, reference, family)
                suggestion = registered or context.say(
                    "VB101.plain", written=f"{reference.text}{date_glue(family)}ngày dd/mm/yyyy"
                )
            message = context.say("VB101", what=what(reference))
            fix = None
            if known is not None:
                fix = with_date(reference.text, known, family)
            context.report_reference(message, source, reference, suggestion, fix, safe_fix=True)


def _in_subject_line(reference: Citation) -> bool:
    """Whether a reference stands in a công văn's "V/v" subject line, which names what the
    letter is about in brief; the date belongs to the first mention in the body."""
    at = reference.context.find(reference.text)
    return at >= 0 and SUBJECT_LINE.search(reference.context[:at]) is not None


def _dated_before(reference: Citation) -> bool:
    """Whether the sentence dates the reference before it: "Ngày 08/10/2024, Chính phủ ban
    hành Nghị định số 126/2024/NĐ-CP". Asked only of a reference the parser left undated."""
    at = reference.context.find(reference.text)
    if at < 0:
        return False
    found = DATED_BEFORE.search(fold_words(reference.context[:at]) + " ")
    return found is not None and parse_date(found)[0] is not None


def _law_with_its_year(reference: Citation) -> bool:
    """Whether it is a law or a resolution of the Quốc hội or its Standing Committee whose
    symbol carries its year and term ("Luật số 37/2009/QH12"): its numbers run over the term
    and the symbol says the year, so it names one document; laws are cited by name and year."""
    return (
        reference.year is not None
        and reference.issuer_code is not None
        and LEGISLATURE.fullmatch(reference.issuer_code) is not None
    )


def _registered_date(
    context: Context, reference: Citation, family: str | None
) -> tuple[str | None, str | None]:
    """The date of the one register row that can be the document meant, and the undated
    warning's advice from the register: that date, or the rows to choose from."""
    register = context.view.register
    if register is None:
        return None, None
    rows = register.candidates(
        reference.symbol, reference.kind, reference.kind_code, reference.level
    )
    dated = sorted((r for r in rows if r.date), key=lambda r: str(r.date))
    if len(dated) == 1:
        row = dated[0]
        return row.date, context.say(
            "VB101.register",
            dmy=as_cited(str(row.date)),
            where=row.place,
            dated=with_date(reference.text, str(row.date), family),
        )
    if dated:
        listed = ", ".join(f"{as_cited(str(r.date))} ({r.place})" for r in dated[:4])
        return None, context.say(
            "VB101.registers", count=len(dated), symbol=reference.symbol, rows=listed
        )
    return None, None


RULE = Rule(
    code="VB101",
    name="undated-reference",
    severity="warning",
    summary="a reference has no date after it",
    doc=RuleDoc(
        "A document cited without its date at its first mention in a file. It fires once "
        "per document per file, at that first mention, and not at all when the file dated "
        "it earlier; a công văn's V/v subject line, which names what it is about in brief, "
        "does not count as a mention, and a date standing before it in the sentence that "
        "issues it ('Ngày 08/10/2024, Chính phủ ban hành Nghị định số 126/2024/NĐ-CP') dates "
        "it. A law or resolution of the Quốc hội whose symbol carries its year and term "
        "('Luật số 37/2009/QH12') is not reported: its number runs over the term and the "
        "symbol gives the year, so it names one document. The suggestion gives the date when "
        "the file, the archive or the register has it.",
        "Numbers restart every year (State) or every term (Party): without its date a "
        "reference can name two documents, and a reader cannot find the right one.",
        "Tiếp tục thực hiện Kế hoạch số 155-KH/TU của Ban Thường vụ Thị ủy.",
        "Tiếp tục thực hiện Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy.",
    ),
    messages={
        "VB101": "undated reference to {what}",
        "VB101.suggest": 'it is dated {dmy} in {where}: write "{dated}"',
        "VB101.later": (
            'this file dates it at line {line}: date this first mention, "{dated}", '
            "and cite it bare after"
        ),
        "VB101.register": 'the register dates it {dmy} ({where}): write "{dated}"',
        "VB101.registers": (
            "the register has {count} documents {symbol}: {rows}; write the date of the one meant"
        ),
        "VB101.plain": 'add the date after the symbol: "{written}"',
    },
    check=_check,
)
