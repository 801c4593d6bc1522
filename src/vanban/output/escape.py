"""Text from documents and graphs made safe for where it is written: a terminal line, a
spreadsheet cell, an XML file.

A file name, a title, a kind or a relation comes from files anyone can write. Printed as it is,
a newline in it forges a line of its own (``ok.txt:9:9: VB999 error: ...`` in a check's
report), U+202E turns the rest of the line around on screen, an escape sequence drives the
terminal, a cell beginning ``=`` is a formula Excel runs, and a control character makes an XML
file that no program opens. Each output passes what it writes through one of these functions.
"""

from __future__ import annotations

import regex

_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters but tab and newline (terminal escapes among them), and the marks that
change the direction of text: LRM, RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI."""

_CONTROL_OR_BREAK = regex.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""The same, and whatever breaks a line: newline, carriage return, tab, the line and paragraph
separators U+2028, U+2029."""

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(character: str) -> str:
    code = ord(character)
    if character in _SHORT:
        return _SHORT[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters and direction marks written as ``\\x1b``,
    ``\\u202e``: a document cannot drive the terminal it is printed on, nor reverse what is
    shown. Tabs and line breaks stay (for text laid out in lines; see :func:`one_line`)."""
    if not _CONTROL.search(text):
        return text
    return str(_CONTROL.sub(lambda m: _visible(m.group()), text))


def one_line(text: str) -> str:
    """A name (a file, a title, a kind, a relation) as it is printed in a line: line breaks
    and tabs as ``\\n``, ``\\r``, ``\\t``, other control characters and direction marks as
    :func:`printable` writes them. ``a.txt\\nok.txt:9:9: VB999 error`` stays one line."""
    if not _CONTROL_OR_BREAK.search(text):
        return text
    return str(_CONTROL_OR_BREAK.sub(lambda m: _visible(m.group()), text))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: one beginning ``=``, ``+``, ``-``, ``@``,
    a tab or a carriage return gets a single quote before it, as OWASP advises
    (``=HYPERLINK(...)`` is written ``'=HYPERLINK(...)``). Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


_NOT_XML = regex.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What XML 1.0 cannot hold, even escaped: control characters but tab and line breaks,
surrogates, U+FFFE and U+FFFF."""


def xml_text(text: str) -> str:
    """``text`` that XML 1.0 can hold (GraphML, the sheets of a workbook): a character it
    cannot is written visibly, as ``\\x01``."""
    if not _NOT_XML.search(text):
        return text
    return str(_NOT_XML.sub(lambda m: _visible(m.group()), text))
