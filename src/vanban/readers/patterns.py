"""The patterns the readers use: a web page's parts and the notes of an old .doc as antiword
gives them. (The parser's patterns, run on the text the readers give, are in
:mod:`vanban.parser.patterns`.)"""

from __future__ import annotations

import regex

from vanban.core.vocabulary import SUPERSCRIPT_DIGITS

# A unit of length at the end of the text before a superscript: "200 m<sup>2</sup>",
# "5 km<sup>2</sup>" hold an exponent (m², km²), not a footnote mark.
MEASURE_UNIT_END = regex.compile(r"(?<![\p{L}])[kcdmKCDM]?[mM]$")
DIGIT_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)

# The rule antiword draws above the footnotes of a .doc: a line of ten dashes or more.
NOTES_RULE = regex.compile(r"^[ \t]*-{10,}[ \t]*$", regex.M)

# A footnote body in antiword's text: "[1] Kế hoạch số 155-KH/TU ...".
NOTE_START = regex.compile(r"^[ \t]*(\[\d{1,4}\])", regex.M)

# Class, id or role of an element that is page furniture on a portal built of <div>s, not the
# document: <div class="sidebar">, <ul id="main-menu">, <div class="box-vb-lien-quan">.
PAGE_PART = regex.compile(
    r"(?i)(?<![^\s_-])(?:nav|navbar|navigation|menu|main-menu|sidebar|side-bar|breadcrumbs?"
    r"|footer|site-header|page-header|topbar|top-bar|banner|social|share|comments?|related"
    r"|lien-?quan|tin-?khac|quang-?cao|advert|ads|widget|tags|pagination|toolbar|search"
    r"|tim-?kiem)(?![^\s_-])"
)

# A run of white space in a page's text, line breaks of its source included ("Hà Nội,\n
#       ngày 25 tháng"): one space, as a browser shows it.
HTML_SPACE = regex.compile(r"[ \t\r\n\f]+")

# A heading that opens a list of other documents or articles, folded: "Văn bản liên quan",
# "Tin liên quan", "Các tin khác", "Bài viết cùng chuyên mục", "Văn bản mới".
RELATED_HEADING = regex.compile(
    r"(?:cac |xem them )?(?:van ban|tin tuc|tin|bai viet|bai|thong tin)[ ]"
    r"(?:lien quan|khac|cung (?:chuyen muc|linh vuc|loai)|moi(?: nhat)?|doc nhieu(?: nhat)?)"
    r"(?: khac)?[ ]?:?"
)

# The element legal-document portals hold a document's full text in: vbpl.vn's
# <div id="toanvancontent">, <div class="content1"> and <div id="divContentDoc"> of other
# portals, "fulltext", "box-content-vb", "vbpq-content", "...Content_vanBanChiTiet". When a page
# has one, only its text is the document's.
_CONTAINER_NAMES = (
    r"toanvancontent|divContentDoc|content1|fulltext|box-content-vb|vbpq-content"
    r"|toan-van-container|vanBanChiTiet"
)
DOCUMENT_CONTAINER = regex.compile(r"(?<![A-Za-z0-9])(?:" + _CONTAINER_NAMES + r")(?![A-Za-z0-9])")
DOCUMENT_CONTAINER_IN_PAGE = regex.compile(
    r"""(?i:\b(?:id|class)\s*=\s*["']?[^"'>]*?)(?<![A-Za-z0-9])(?:"""
    + _CONTAINER_NAMES
    + r""")(?![A-Za-z0-9])"""
)
