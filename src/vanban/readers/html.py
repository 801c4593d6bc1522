"""HTML pages saved from portals (vbpl.vn, thuvienphapluat.vn, a province's site): the text of
the document, without the page's navigation, scripts and furniture.

The text comes with paragraphs separated by blank lines and footnote markers written as ``[n]``,
the form the footnote step reads; so a page read here gives the same references as the same
text typed out.
"""

from __future__ import annotations

import codecs
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import regex

from vanban.core.errors import InputError
from vanban.core.records import SourceText
from vanban.core.vocabulary import fold_words
from vanban.readers import legacy
from vanban.readers.format import Format
from vanban.readers.patterns import (
    DIGIT_TO_SUPERSCRIPT,
    DOCUMENT_CONTAINER,
    DOCUMENT_CONTAINER_IN_PAGE,
    HTML_SPACE,
    MEASURE_UNIT_END,
    PAGE_PART,
    RELATED_HEADING,
)
from vanban.readers.source import ReadOptions, decode, read_bytes

# Elements whose text is not the document's: navigation, scripts, page furniture.
_SKIPPED = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "button",
    "select",
    "textarea",
    "svg",
    "iframe",
    "template",
    "head",
    "title",
    "menu",
}
_PARAGRAPHS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "center",
    "main",
}
_CELLS = {"td", "th"}
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", regex.I)
_SPACES = regex.compile(r"[ \t\u00a0]+")


_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source"}
_HEADING_LIKE = {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "p", "div", "li", "a"}


def _names(attrs: list[tuple[str, str | None]]) -> str:
    """An element's class, id and role, as one text to search for what it is."""
    return " ".join(value or "" for name, value in attrs if name in ("class", "id", "role"))


# Elements inside a line of text: never a container of a document (vbpl.vn's tab label
# <b class="fulltext">Toàn văn</b> is named like one).
_PHRASING = {"a", "b", "i", "u", "em", "strong", "font", "label", "small", "big", "sup", "sub"}


def _is_container(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Whether an element is a portal's container of the document's text (DOCUMENT_CONTAINER)."""
    return tag not in _PHRASING and DOCUMENT_CONTAINER.search(_names(attrs)) is not None


def _is_furniture(attrs: list[tuple[str, str | None]]) -> bool:
    """Whether an element's class, id or role names page furniture ("sidebar", "menu")."""
    return PAGE_PART.search(_names(attrs)) is not None


@dataclass
class _Open:
    """An element the parser is inside."""

    tag: str
    skipped: bool
    text_before: int
    """How many pieces of text the page had when it opened: whether a heading opened it."""
    inside: bool = False
    """Whether it is, or is in, the portal's container of the document's text."""


class _PageText(HTMLParser):
    """Collects the text of a page, paragraph by paragraph, with the source line of each piece.

    Elements are kept on a stack, each with whether it is skipped: scripts and styles,
    navigation, headers, footers and asides, elements whose class or id names furniture
    (PAGE_PART), and the rest of a box that a heading such as "Văn bản liên quan" opens
    (RELATED_HEADING): lists of other documents are not the document's text.
    """

    def __init__(self, contained: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.contained = contained
        """The page has a container of the document's text (DOCUMENT_CONTAINER): only what
        is inside it is read."""
        self.parts: list[tuple[str, int]] = []
        self.stack: list[_Open] = []
        self.open_tags: Counter[str] = Counter()
        """How many elements of each tag are on the stack: an end tag with no open element is
        passed over without searching the stack (100,000 unclosed tags are read in one pass)."""
        self.pieces = 0
        """Pieces of text (not blank) added so far."""
        self.in_superscript = 0
        self.superscript: list[str] = []
        self.skip_next_list = False
        self.in_pre = 0
        """How many <pre> the parser is inside: there, line breaks are the text's own."""

    @property
    def skipping(self) -> bool:
        if self.contained and not (self.stack and self.stack[-1].inside):
            return True
        return bool(self.stack) and self.stack[-1].skipped

    def _add(self, text: str, line: int | None = None) -> None:
        if text.strip():
            self.pieces += 1
        self.parts.append((text, self.getpos()[0] if line is None else line))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parent = self.stack[-1] if self.stack else None
        inside = parent is not None and parent.inside or _is_container(tag, attrs)
        skipped = parent is not None and parent.skipped or tag in _SKIPPED or _is_furniture(attrs)
        if self.skip_next_list and tag in ("ul", "ol", "table", "dl"):
            skipped, self.skip_next_list = True, False
        if tag not in _VOID:
            self.stack.append(_Open(tag, skipped, self.pieces, inside))
            self.open_tags[tag] += 1
        if tag == "pre":
            self.in_pre += 1
        if skipped or self.contained and not inside:
            return
        if tag in _PARAGRAPHS:
            self._add("\n\n")
        elif tag == "br":
            self._add("\n")
        elif tag in _CELLS:
            self._add(" | ")
        elif tag == "sup":
            self.in_superscript += 1
            self.superscript = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.open_tags[tag]:
            return
        while self.stack:
            closed = self.stack.pop()
            self.open_tags[closed.tag] -= 1
            if closed.tag == tag:
                break
        if tag == "pre" and self.in_pre:
            self.in_pre -= 1
        if closed.skipped or self.contained and not closed.inside:
            return
        if tag in _PARAGRAPHS:
            self._add("\n\n")
        elif tag == "sup" and self.in_superscript:
            self.in_superscript -= 1
            mark = "".join(self.superscript).strip().strip("[]()")
            before = self.parts[-1][0] if self.parts else ""
            if mark.isdigit() and MEASURE_UNIT_END.search(before):  # m², km³: an exponent
                self._add(mark.translate(DIGIT_TO_SUPERSCRIPT))
            else:  # a footnote mark: written [n] whatever the page made of it (¹, (1), [1])
                self._add(f"[{mark}]" if mark.isdigit() else "".join(self.superscript))

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_superscript:
            self.superscript.append(data)
            return
        line = self.getpos()[0]
        if not self.in_pre:  # a line break in a page's source is a space, as a browser shows it
            line += data.count("\n", 0, len(data) - len(data.lstrip()))
            data = HTML_SPACE.sub(" ", data)
        if (
            self.stack
            and self.stack[-1].tag in _HEADING_LIKE
            and RELATED_HEADING.fullmatch(fold_words(data))
        ):
            self._skip_rest_of_box()
            return
        self._add(data, line)

    def _skip_rest_of_box(self) -> None:
        """Skip what follows a "Văn bản liên quan" heading: the rest of the box holding it, or,
        when the heading stands in the page itself, the list that comes next."""
        self.stack[-1].skipped = True
        box = self.stack[-2] if len(self.stack) > 1 else None
        opened_by_heading = box is not None and box.text_before == self.pieces
        if box is not None and opened_by_heading and box.tag not in ("html", "body", "main"):
            box.skipped = True
        else:
            self.skip_next_list = True


def read_html(page: str) -> SourceText:
    """The document text of an HTML page, each line named by the line of the page's source
    it comes from: no scripts, navigation, furniture or markup; entities decoded. A page with
    a portal's container of the document's text (DOCUMENT_CONTAINER) gives that text only."""
    return _read_html(page, DOCUMENT_CONTAINER_IN_PAGE.search(page) is not None)


def _read_html(page: str, contained: bool) -> SourceText:
    parser = _PageText(contained)
    parser.feed(page)
    parser.close()
    if contained and not any(text.strip() for text, _ in parser.parts):
        return _read_html(page, False)  # the container is empty: its text comes by script
    lines: list[tuple[str, int]] = [("", 1)]
    for text, line in parser.parts:
        for offset, piece in enumerate(text.split("\n")):
            if offset:
                lines.append(("", line + (offset if text.strip() else 0)))
            if piece:
                current, where = lines[-1]
                if not current.strip() and piece.strip():
                    where = line + offset
                lines[-1] = (current + piece, where)
    blocks: list[list[tuple[str, str]]] = [[]]
    for text, line in lines:
        bare = _SPACES.sub(" ", text).strip()
        if bare:
            blocks[-1].append((bare, f"line {line}"))
        elif blocks[-1]:
            blocks.append([])
    return SourceText.from_blocks(blocks) if any(blocks) else SourceText("\n")


def html_to_text(page: str) -> str:
    """The document text of an HTML page (:func:`read_html` without the positions)."""
    return read_html(page).text


def _known_encoding(name: str) -> bool:
    """Whether a page's charset names a text encoding vanban can decode: not Python's codec
    "undefined" (which refuses every byte) nor one of bytes to bytes ("hex", "base64")."""
    if name.lower() in legacy.ALIASES:
        return True
    try:
        found = codecs.lookup(name)
    except LookupError:
        return False
    return found.name != "undefined" and getattr(found, "_is_text_encoding", True)


def _html_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def read_page(path: Path, options: ReadOptions) -> SourceText:
    """The document text of an HTML file, in the encoding given, else the one its ``<meta
    charset>`` names, else UTF-8 or a legacy encoding told on the bytes."""
    data = read_bytes(path, "document", options.max_bytes)
    encoding = options.encoding
    charset = encoding or _html_charset(data)
    if charset in ("utf-8", "utf8"):
        charset = None  # decode() reads UTF-8 and says clearly when it is not
    if charset and not encoding and not _known_encoding(charset):
        raise InputError(
            "{path}: the page says its charset is {charset!r}, which vanban does not know; "
            "pass --encoding (utf-8, windows-1258, tcvn3, vni)",
            path=path,
            charset=charset,
        )
    source = read_html(decode(data, str(path), charset))
    if not source.text.strip():
        raise InputError("{path}: no text in the page", path=path)
    return source


FORMAT = Format("html", (".html", ".htm", ".xhtml"), 3, read_page)
