"""Every pattern the parser uses (the kinds of documents and their codes are in
:mod:`vanban.vocabulary`).

Symbols are matched on the normalised text (``Đ`` and hyphens made plain); keywords
(kind words, ``số``, ``ngày``, ``của``, relation verbs) on the folded copy, where
``Nghị quyết`` reads ``nghi quyet`` whatever its case or tone placement. Each pattern
bounds its repetitions, so none can backtrack without limit on hostile input.
"""

from __future__ import annotations

import re

import regex

from vanban.core.vocabulary import KIND_ABBREVIATIONS, KIND_SPELLINGS, KINDS, SUPERSCRIPT_DIGITS

# What may stand between a symbol and its date: a comma, spaces, masked footnotes.
BEFORE_DATE = regex.compile(r"[ \n]*,?[ \n]*")
# What may stand between a symbol (or its date) and the issuer phrase; a date slot left empty
# too: "Nghị định số 33/2025/NĐ-CP ngày của Chính phủ"; a footnote mark flattened onto the
# year of the date: "ngày 15/5/20261 của UBND tỉnh" (the date 15/5/2026, mark 1).
BEFORE_ISSUER = regex.compile(
    r"(?:(?<=(?:19|20)\d\d)\d(?=[ \n]))?[ \n]*,?[ \n]*(?:ngay[ .…]{0,12}[ \n])?(?:cua|giua)[ \n]+"
)
TERM = regex.compile(r"[ \n]*[(\[]?[ ]*khoa[ \n]+(?P<term>[ivxlc]{1,6})\b[ ]*[)\]]?")
# Word tokens for the issuer scan: words, or one punctuation mark.
ISSUER_TOKEN = regex.compile(r"[^\s,;.:()\[\]“”\"'⁽⁾¶/]+|[,;.:()\[\]“”\"'⁽⁾¶/]")


_GAP = r"[ \n]{1,12}"
"""Between the words of a kind: a space, or a line break and the next line's indent."""


def _trie(words: list[str]) -> str:
    """One pattern for many words, sharing prefixes ("quy (?:che|dinh|hoach)"): the longest
    word still wins, and the engine does not try every alternative at every position."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        branches = [
            (_GAP if char == " " else regex.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(tree)


KIND_FOLDED_ALT = _trie(list(KIND_SPELLINGS))
"""Every folded kind word, as one prefix-sharing pattern (for scanning forward)."""
_KIND_LONGEST_FIRST = "|".join(regex.escape(f).replace(r"\ ", _GAP) for f in KIND_SPELLINGS)
"""The same words longest first, for the right-to-left search that ends at a symbol."""
# Left of a symbol, on the folded copy (searched in a short window ending at the symbol):
#   "ke hoach so ", "quy dinh so: ", "cac quy dinh: so ", "nghi quyet ", "so ", and in
#   English copies "regulation no. ",
#   "quyet dinh cua bo chinh tri so", "bao cao ket qua giam sat so " (but "quy dinh cua Chinh
#   phu tai Nghi dinh so": the kind is the one after "tại", the issuer stands before it).
KIND_BEFORE = regex.compile(
    r"(?r)(?:(?<![\p{L}\d])(?P<kind>" + _KIND_LONGEST_FIRST + r")[ \n]{0,12}:?[ \n]{0,12}"
    r"(?P<between>cua[ \n]{1,12}(?:(?!(?:tai|theo)[ \n])[^\W\d_]+[ \n]{1,12}){1,8}?)?)?"
    r"(?P<so>(?<![\p{L}\d])(?:so|no\.)[ \n]{0,12}:?[ \n]{0,12})?\Z"
)
# "Luật Tổ chức chính quyền địa phương số 77/2015/QH13": a law's name between kind and "số".
LAW_BEFORE = regex.compile(
    r"(?r)(?<![\p{L}])(?P<kind>bo luat|luat|phap lenh)[ ](?:[^\W\d_]+[ ]){1,12}?"
    r"so[ ]{0,3}:?[ ]{0,3}\Z"
)
# What stands before a number that is no document, on the folded copy: a form ("Mẫu số
# 01/QTDA", "biểu mẫu số 02/BC", "Biểu số 02/TH"), an appendix ("Phụ lục số 03/PL"), a
# technical standard or regulation ("QCVN 16:2023/BXD", "TCVN 9362:2012", "QCVN
# 08-MT:2015/BTNMT"); and the later numbers of a list of them ("các Mẫu số 01/HĐBC, 02/HĐBC và
# 03/HĐBC", "các mẫu: 01/QTDA, 02/QTDA").
_NOT_A_DOCUMENT_WORD = (
    r"(?:bieu(?:[ ]+mau)?|mau|phu[ ]+luc|qcvn|tcvn|tcxdvn|quy[ ]+chuan|tieu[ ]+chuan)"
)
_LISTED_FORM = (
    r"\d{1,5}[a-z]?[ ]{0,2}/[^\s,;]{1,30}"
    r"(?:[ ]{0,2}[,;][ \n]{0,3}|[ ]{1,2}(?:va|hoac)[ \n]{1,3})"
    r"(?:(?:mau[ \n]{1,3})?so[ \n]{0,3}:?[ \n]{0,3})?"
)
NOT_A_DOCUMENT_BEFORE = regex.compile(
    rf"(?r)(?<![\p{{L}}]){_NOT_A_DOCUMENT_WORD}[ \n]{{0,3}}:?[ \n]{{0,3}}"
    r"(?:so[ \n]{0,3}:?[ \n]{0,3})?(?:\d{1,5}(?:-[a-z]{1,4})?[ ]{0,2}[:\-][ ]{0,2})?"
    rf"(?:{_LISTED_FORM}){{0,12}}\Z"
)
# Numbers that share the code of the symbol after them: "Kết luận số 14, 15-KL/TW" names
# 14-KL/TW and 15-KL/TW (on the matching copy, ending where the symbol starts).
SHARED_NUMBERS = regex.compile(
    r"(?r)(?:số|Số|SỐ)[ ]{1,3}(?P<numbers>\d{1,4}(?:[ ]{0,2},[ ]{0,2}\d{1,4}){0,8})"
    r"[ ]{0,2}(?:,|và)[ ]{0,2}\Z"
)
# "QĐ số ", "NĐ " written in place of a kind word (case-sensitive, on the matching copy).
ABBREVIATION_BEFORE = regex.compile(
    r"(?r)(?<![\p{L}\d])(?P<abbr>" + "|".join(KIND_ABBREVIATIONS) + r")[ ]{1,3}"
    r"(?:(?:số|Số|SỐ)[ ]{0,2}:?[ ]{0,3})?\Z"
)
# "của Ban Thường vụ Thị ủy tại Công văn số ...": the issuer stands before the kind word.
ISSUER_BEFORE = regex.compile(
    r"(?r)(?<![\p{L}])cua[ \n]{1,12}(?P<issuer>(?:[^\W\d_]+[ \n]{1,12}){1,10}?)"
    r"(?:tai|theo)[ \n]{1,12}\Z"
)
# A committee that is the subject of "ban hành" just before the reference: "Ban Thường vụ Thị
# ủy (đã) ban hành Kế hoạch số 155-KH/TU" (folded), so the level is stated.
_S = r"[ \n]{1,12}"
ISSUER_SUBJECT = regex.compile(
    rf"(?<![\p{{L}}])(?P<issuer>(?:(?:ban{_S}thuong{_S}vu|ban{_S}chap{_S}hanh|thuong{_S}truc)"
    rf"{_S})?(?:dang{_S}bo{_S})?(?:tinh|thi|thanh|huyen|quan){_S}uy(?:{_S}[^\W\d_]+){{0,2}}?)"
    rf"{_S}(?:da{_S})?ban{_S}hanh{_S}\Z"
)

# Between two references of one list: the second shares the kind of the first.
LIST_JOINER = regex.compile(
    r"[ \n]*(?:[,;]|va|hoac|,[ ]*va)[ \n]*(?:so[ \n]{0,12}:?[ \n]{0,12})?\Z"
)
ISSUER_LIST_JOINER = regex.compile(r"[ \n]*(?:,|va|,[ ]*va)[ \n]*\Z")

# Clause-opening words that end an issuer phrase when written in lower case
# (or in an all-capitals title): "của Thị ủy về ...", "của Chính phủ quy định ...".
ISSUER_STOP_WORDS = frozenset(
    [
        "ve",
        "tai",
        "theo",
        "de",
        "gan",
        "nham",
        "trong",
        "cho",
        "den",
        "da",
        "duoc",
        "co",
        "la",
        "ma",
        "ngay",
        "so",
        "nam",
        "khoa",
        "tiep",
        "tang",
        "kem",
        "doi",
        "bi",
        "truoc",
        "nay",
        "do",
        "cung",
        "voi",
        "tren",
        "qua",
        "giai",
        "ke",
        "ky",
        "tien",
        "huong",
        "thuc",
        "trien",
        "sua",
        "bai",
        "thay",
        "quy",
        "qui",
        "chi",
        "lanh",
        "phe",
        "xay",
        "nang",
        "day",
        "phat",
        "dam",
        "tong",
        "tham",
        "hop",
        "ra",
        "len",
        "mot",
        "viec",
        "cac",
        "nhung",
        "hoac",
        "nhu",
        "khi",
        "neu",
        "can",
        "phai",
    ]
)
# Words that end an issuer phrase as written (their folded form is also a name's: "thì" is
# not "thị xã"): "của BCĐ sắp xếp đơn vị hành chính thì ...".
ISSUER_STOP_WRITTEN = frozenset(["thì", "Thì"])
# Two-word verbs that end an issuer phrase in any case: "của Chính phủ Quy định chi tiết".
ISSUER_STOP_BIGRAMS = frozenset(
    {
        "ban hanh",
        "nghi dinh",
        "nghi quyet",
        "quyet dinh",
        "quy dinh",
        "qui dinh",
        "thuc hien",
        "trien khai",
        "sua doi",
        "bai bo",
        "thay the",
        "huong dan",
        "chi dao",
        "lanh dao",
        "nhiem ky",
    }
)
# Bodies named by their task, whose name is a clause of its own: "Hội đồng thẩm định, đánh giá
# chỉ số cải cách hành chính tỉnh", "Tổ Công tác triển khai Đề án 06, cải cách thủ tục hành
# chính (TTHC), chuyển đổi số gắn với Đề án 06". After one of these heads the name runs on,
# verbs, commas and a bracketed abbreviation in it, up to "về" (the subject), a clause word of
# ISSUER_TASK_STOPS, a stop bigram other than the task verbs, a body or a document.
ISSUER_TASK_HEADS: frozenset[tuple[str, ...]] = frozenset(
    {
        ("hoi", "dong"),
        ("to", "cong", "tac"),
        ("to", "giup", "viec"),
        ("to", "bien", "tap"),
        ("tieu", "ban"),
    }
)
ISSUER_TASK_STOPS = frozenset(
    ["ve", "tai", "theo", "ngay", "da", "duoc", "la", "ma", "nham", "de", "nay", "khi", "neu"]
)
ISSUER_TASK_VERBS = frozenset({"thuc hien", "trien khai"})
# A document named ahead in a task body's name: a kind word with "số" or a symbol ("Kế hoạch
# 15/KH-UBND"), not a scheme named by its number ("Đề án 06").
DOCUMENT_AHEAD = regex.compile(
    r"(?:" + KIND_FOLDED_ALT + r")[ \n]{1,3}(?:so\b|\d{1,6}[a-z]?[ ]?(?:/|-[ ]?\p{L}))"
)
# Words that continue a name even after a stop word, in capitals: "BỘ TÀI CHÍNH", "BAN BÍ
# THƯ", "SỞ XÂY DỰNG"; after nothing, the first word of a name: "TỔNG CỤC THUẾ".
ISSUER_KEEP_AFTER = {
    ("", "tong"),
    ("ban", "bi"),
    ("so", "tai"),
    ("so", "xay"),
    ("so", "ke"),
    ("bo", "tai"),
    ("bo", "xay"),
    ("bo", "ke"),
    ("bo", "giao"),
    ("bo", "tu"),
    ("bo", "quoc"),
    ("bo", "lao"),
    ("bo", "y"),
    ("bo", "cong"),
    ("bo", "noi"),
    ("bo", "ngoai"),
    ("bo", "van"),
    ("bo", "thong"),
    ("bo", "nong"),
    ("bo", "tai nguyen"),
    ("ban", "to"),
    ("ban", "chi"),
    ("hoi", "dong"),
}
MAX_ISSUER_WORDS = 24

# Relation phrases between two references, on the folded gap between them.
_VE = r"(?:ve[ ]+)?(?:viec[ ]+)?"
RELATION_GAPS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    (
        "implements",
        regex.compile(
            r"^,?[ ]*(?:de[ ]+|nham[ ]+)?"
            + _VE
            + r"(?:tiep tuc[ ]+)?(?:trien khai[ ]+|to chuc[ ]+)?(?:thuc hien|cu the hoa|quan triet"
            r"(?:[ ]+va[ ]+|[ ]*,[ ]*)(?:trien khai[ ]+)?thuc hien)$"
        ),
    ),
    (
        "reviews",
        regex.compile(
            r"^,?[ ]*" + _VE + r"(?:tong ket|so ket)(?:[ ]+\d{1,2}[ ]+nam)?"
            r"(?:[ ]+(?:viec[ ]+)?(?:thuc hien|thi hanh|trien khai thuc hien))?$"
        ),
    ),
    (
        "amends",
        regex.compile(
            r"^,?[ ]*" + _VE + r"sua doi[ ]*,?[ ]*bo sung(?:[ ]*,[ ]*bai bo)?"
            r"(?:[ ]+mot so (?:dieu|noi dung)(?:[ ]+cua)?)?$"
        ),
    ),
    ("replaces", regex.compile(r"^,?[ ]*" + _VE + r"(?:thay the(?:[ ]+cho)?|thay)$")),
    ("repeals", regex.compile(r"^,?[ ]*" + _VE + r"bai bo(?:[ ]+mot so dieu(?:[ ]+cua)?)?$")),
    (
        "guides",
        regex.compile(
            r"^,?[ ]*" + _VE + r"huong dan(?:[ ]+(?:thuc hien|thi hanh|trien khai))?"
            r"(?:[ ]+mot so (?:noi dung|dieu)(?:[ ]+cua)?)?$"
        ),
    ),
)
# Passive forms: the second reference acts on the first.
RELATION_GAPS_PASSIVE: tuple[tuple[str, regex.Pattern[str]], ...] = (
    (
        "amends",
        regex.compile(r"^,?[ ]*(?:da[ ]+)?duoc[ ]+sua doi[ ]*,?[ ]*bo sung[ ]+(?:boi|tai|theo)$"),
    ),
    (
        "replaces",
        regex.compile(
            r"^,?[ ]*(?:da[ ]+)?(?:duoc|bi)[ ]+(?:bai bo[ ]*,?[ ]*)?thay the[ ]+(?:boi|bang)$"
        ),
    ),
)
# "X sửa đổi Y và thay thế Z": Z's verb follows "và" and its subject is X.
RELATION_AND = regex.compile(r"^,?[ ]*va[ ]+(?P<rest>.*)$")
# A footnote that opens "Thực hiện ..." under a reference: that reference implements it.
FOOTNOTE_IMPLEMENTS = regex.compile(
    r"^[ \n]*(?:tiep tuc[ ]+)?(?:thuc hien|trien khai thuc hien|cu the hoa)[ ]+$"
)

# Footnote markers. Superscript digits: ¹²³ are Latin-1, the others U+2070 block.
SUPERSCRIPT_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
FOOTNOTE_BODY_START = regex.compile(
    r"[ ]*(?:⁽(?P<paren>[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})⁾|\[(?P<bracket>\d{1,4})\]"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))[ ]*"
)
FOOTNOTE_MARKER = regex.compile(
    r"⁽(?P<paren>[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})⁾|\[(?P<bracket>\d{1,4})\]"
    r"|(?<!(?<![\p{L}])[kcdmKCDM]?[mM])(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"
    # A superscript flattened to a digit after a full stop at the end of a paragraph.
    r"|(?<=[\p{L})\]”\"]\.)(?P<flat>\d{1,2})(?=[ ]*(?:\n|\Z))"
)

# A superscript flattened to plain digits glued to the issuer code that ends a symbol:
# "Nghị định số 30/2020/NĐ-CP2 ngày ...", "Kế hoạch số 158-KH/TU2". Only codes that never end
# in a digit themselves (unlike QH14 or VX1), and only numbers that have a footnote body.
_CODES_WITHOUT_DIGITS = (
    "TW|TU|HU|QU|ĐU|ĐUK|CP|TTg|UBND|HĐND|VPCP|BTC|BNV|BCA|BYT|BXD|BGDĐT|BLĐTBXH|BTP|BKHĐT|"
    "BNNPTNT|BTNMT|BCT|BQP|BNG|BVHTTDL|BTTTT|BGTVT|NHNN|TANDTC|VKSNDTC"
)
GLUED_MARKER = regex.compile(
    r"(?<=[-/](?:" + _CODES_WITHOUT_DIGITS + r"))(?P<glued>\d{1,2})(?![\d\p{L}/-])"
    # after a legislature, whose number has two digits: "54/2024/QH151 ngày"
    r"|(?<=[-/](?:UBTV)?QH\d{2})(?P<glued>\d{1,2})(?![\d\p{L}/-])"
    # after a word in lower case: "của Tỉnh ủy3 về", "Luật Đất đai2,"
    r"|(?<=\p{Ll})(?P<glued>\d{1,2})(?=[ ,.;:)\n¶]|$)"
)

# A footnote body as pdftotext leaves it at the foot of a page: its number, flattened to plain
# digits, a space, then the text ("1 Luật Địa chất và khoáng sản ..."). Read as a footnote only
# where the same number stands glued before it (GLUED_MARKER) and the numbers go up.
BARE_NOTE_START = regex.compile(r"[ ]*(?P<bare>\d{1,3})[ ]{1,3}(?=[\p{Lu}“\"])")
BARE_NOTE_LINE = regex.compile(r"^[ ]*\d{1,3}[ ]{1,3}[\p{Lu}“\"]", regex.M)
"""A line that may open such a footnote: without one, no glued number is looked for."""

# Section headings: "Chương IV", "II.", "Điều 5.", "3.", "3.3.".
HEADINGS: tuple[tuple[int, regex.Pattern[str]], ...] = (
    (0, regex.compile(r"^(?:PHẦN|Phần|CHƯƠNG|Chương)[ ]+(?P<label>[IVXLC]{1,6}|\d{1,3})\b")),
    (1, regex.compile(r"^(?P<label>[IVXLC]{1,6})\.[ ]")),
    (2, regex.compile(r"^(?:ĐIỀU|Điều)[ ]+(?P<label>\d{1,3}[a-z]?)\b")),
    (3, regex.compile(r"^(?P<label>\d{1,2})\.[ ]")),
    (4, regex.compile(r"^(?P<label>\d{1,2}\.\d{1,2})\.?[ ]")),
    (5, regex.compile(r"^(?P<label>\d{1,2}\.\d{1,2}\.\d{1,2})\.?[ ]")),
)

# "Chỉ thị 35", "Nghị quyết số 57", "Quy định 37" - a number that is not a symbol. It starts
# at a kind word, so it is tried only where KIND_START found one.
SHORT_NUMBERED = regex.compile(
    r"(?<![\p{L}])(?P<kind>" + KIND_FOLDED_ALT + r")[ ]+(?:so[ ]*:?[ ]*)?\d{1,4}"
    r"(?![ ]{0,2}[\d/\-]|\p{L}|[ ]?[a-z]{1,5}/)"
)

# Mentions without a number, on the folded copy; each names its kind.
SHORT_REFERENCES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # "Nghị quyết Trung ương 8, 9, 10 (khóa XIII)", "Nghị quyết Hội nghị Trung ương 4"
    (
        "Nghị quyết",
        regex.compile(
            r"(?<![\p{L}])nghi quyet[ ]+(?:hoi nghi[ ]+)?(?:lan thu[ ]+\w{1,6}[ ]+)?"
            r"(?:ban chap hanh[ ]+)?trung uong(?:[ ]+dang)?[ ]+\d{1,2}"
            r"(?:[ ]*(?:,|va)[ ]*\d{1,2}){0,6}"
            r"(?:[ ]*\(?[ ]*khoa[ ]+[ivxlc]{1,6}[ ]*\)?)?"
        ),
    ),
    # "Nghị quyết Đại hội Đảng bộ thị xã lần thứ XI, nhiệm kỳ 2020 - 2025"
    (
        "Nghị quyết",
        regex.compile(
            r"(?<![\p{L}])nghi quyet[ ]+dai hoi(?:[ ]+(?!lan)[^\W\d_]+){0,6}?"
            r"(?:[ ]+(?:lan thu[ ]+[ivxlc]{1,6}|[ivxlc]{1,6}(?![\p{L}])))"
            r"(?:[ ]*,?[ ]*nhiem ky[ ]+\d{4}[ ]*-[ ]*\d{4})?"
        ),
    ),
    ("", SHORT_NUMBERED),
    # "Luật Bảo vệ bí mật nhà nước năm 2018", "Pháp lệnh Ưu đãi người có công ..."
    (
        "",
        regex.compile(
            r"(?<![\p{L}])(?<!hoi[ ])(?P<kind>bo luat|luat|phap lenh|hien phap)[ ]+"
            r"(?!nay\b|so\b|do\b)"
            r"[^\W\d_](?:[^,;.()\n¶]|,[ ]?bo sung){2,160}?"
            r"(?=[ ]*(?:(?!,[ ]?bo sung)[,;.()\n¶]|$|[ ]ngay[ ]\d|[ ]nam[ ]\d{4}"
            r"|[ ](?:quy dinh|va (?:luat|phap lenh)|duoc|da|thi|co|tai|theo)[ ]))"
            r"(?:[ ]+(?:ngay[ ]+\d{1,2}[ ]*(?:thang[ ]+\d{1,2}[ ]+nam[ ]+|[/.\-]\d{1,2}[/.\-])\d{4}"
            r"|nam[ ]+\d{4}))?"
        ),
    ),
)

# Header lines of the document itself. The number opens a line, a table cell, or a line of a
# Word cell ("| UBND TỈNH BÌNH THUẬN  SỞ NỘI VỤ  Số: 125/KH-SNV | ...").
HEADER_NUMBER = regex.compile(
    r"(?:^|\||(?<=[ ]{2}))[ \t]*(?:(?:Luật|LUẬT|Pháp lệnh|PHÁP LỆNH)[ ]+)?(?:Số|SỐ)[ ]{0,3}:?"
    r"[ \n]{0,3}(?=\d)",
    regex.M,
)
# A draft's header number left blank for the office to fill in when it is signed:
# "Số:      /KH-UBND", "Số:  -KH/TU" (the number is given at signing); on a line of its own,
# or in the header table's cell after the issuer ("| ỦY BAN NHÂN DÂN  TỈNH X  Số:   /TB-UBND |").
BLANK_NUMBER = regex.compile(
    r"(?:^|(?<=\|)|(?<=[ ]{2}))[ \t]*(?:Số|SỐ)[ ]{0,3}:?[ \t]*(?:[ \t._…]{2,}|)"
    r"(?P<tail>[/-][ ]?[\p{Lu}Đ][\p{L}/-]{1,20})[ \t]*(?=$|\||[ ]{2})",
    regex.M,
)
# The document's own date as a metadata label gives it, when its header has no place and date:
# portal tables ("| Ngày ban hành | 27/11/2015 |"), digitisations ("**Ngày ban hành:** ngày
# 26/12/2025", front matter 'ngay_ban_hanh: "ngày 26/12/2025"').
METADATA_DATE = regex.compile(
    r"(?:^|\|)[ \t*]*(?:Ngày ban hành|NGÀY BAN HÀNH|ngay_ban_hanh)[ \t*]{0,3}:?[ \t*|]{0,6}"
    r"[\"']?(?:ngày[ ]+)?(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?!\d)",
    regex.M,
)

# The document's own number as a metadata label gives it: portal tables ("Số hiệu: 30/2020/NĐ-CP",
# "| Số ký hiệu | 1234/QĐ-UBND |"), digitisations ("**Số hiệu:** 100-CV/ĐU", front matter
# 'so_hieu: "100-CV/ĐU"'). Never a reference to another document.
METADATA_NUMBER = regex.compile(
    r"(?:^|\|)[ \t]*(?:(?:Số|SỐ)[ ]?,?[ ]?(?:ký|KÝ)?[ ]?(?:hiệu|HIỆU)(?:[ ](?:văn bản|VĂN BẢN))?"
    r"|so_(?:ky_)?hieu)[ ]{0,3}:?[ \t|]{0,6}[\"']?(?=\d)",
    regex.M,
)
# A number stamped or typed into a blank leaves a run of spaces: "Số: 181        /BC-SNV".
STAMPED_GAP = regex.compile(r"(?<=^\d{1,5}[a-z]?)[ ]{3,}(?=/)")
# pdftotext reads a stamped number apart from the symbol typed around it, a blank line between:
# "Số: 181" / "" / "/BC-SNV". The number alone on its line, and the symbol's rest on one of the
# next two lines.
STAMPED_NUMBER_ALONE = regex.compile(r"[ \t]*\d{1,5}[a-z]?[ \t]*")
SYMBOL_REST = regex.compile(
    r"(?:[ \t]*\n){1,2}[ \t]*(?P<rest>[/-][ ]?\p{Lu}[^\s]{0,40})[ \t]*(?:\n|$)"
)
# The number sharing the issuer's header cell: "SỞ NỘI VỤ Số: /SNV-TC", "THỊ ỦY Số 12-KH/TU";
# not the word of a name ("BAN CHỈ ĐẠO ... CHUYỂN ĐỔI SỐ  Số: /BC-BCĐ").
NUMBER_IN_CELL = regex.compile(r"(?:^|\s)(?:Số|SỐ)[ ]{0,3}(?::|(?=\d)|(?=[/-])|$)")
# Lines that are no title line: the opening of the text, a sentence, a rule under the title.
NOT_TITLE = regex.compile(
    r"(?:Ngày|Căn cứ|Kính gửi|Thực hiện|Theo|Trên cơ sở|Để|Xét)\b|.*[.;]$|[-_*=. ]{3,}$"
)
# ... except a title written in sentence case right under the kind line: "KẾ HOẠCH" then
# "Thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương" (no end mark;
# the text's own "Thực hiện ..., Ban Thường vụ ban hành kế hoạch như sau:" ends with one).
TITLE_UNDER_KIND = regex.compile(r"(?:Thực hiện|Về việc|Về)\b.{0,200}[^.,;:]")
# "Lâm Đồng, ngày 06 tháng 11 năm 2025"; the place never spans two spaces (a Word cell's line
# above it: "Độc lập - Tự do - Hạnh phúc  Phan Thiết, ngày ...").
PLACE_DATE = regex.compile(
    r"(?P<place>[\p{Lu}](?:[\p{L}.'-]|[ ](?![ ])){1,40}?)[ ]*,[ ]*ngày[ ]+(?P<d>\d{1,2})"
    r"[ ]+tháng[ ]+(?P<m>\d{1,2})[ ]+năm[ ]+(?P<y>\d{4})"
)
# The place–date line of a draft, its day (or day and month) left blank for the signing:
# "Công Hải, ngày   tháng 01 năm 2026", "Nghĩa Lâm, ngày …  tháng 7 năm 2026".
BLANK_PLACE_DATE = regex.compile(
    r"[\p{Lu}](?:[\p{L}.'-]|[ ](?![ ])){1,40}?[ ]*,[ ]*ngày[ \t._…]*tháng[ \t._…]*"
    r"(?:\d{1,2}[ \t._…]*)?năm[ ]+\d{4}"
)
OPENING_DATE = regex.compile(
    r"^[ ]*Ngày[ ]+(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})[ ]*,[ ]*"
    r"(?P<issuer>[\p{Lu}][^,.;\n]{2,80}?)[ ]+(?:đã[ ]+)?(?:họp|tổ chức|thống nhất)"
)
TITLE_OF = regex.compile(
    r"^(?:CỦA|của)[ ]+(?P<issuer>[^(\n]{2,80}?)[ ]*"
    r"(?:\([ ]*(?:KHÓA|KHOÁ|khóa|khoá)[ ]+(?P<term>[IVXLC]{1,6})[ ]*\))?[ ]*$"
)

# What the document itself does to a reference, read on the folded text before it:
# in its title ("KẾ HOẠCH thực hiện Kết luận số ...", "(Kèm theo Quyết định số ...)"), or in a
# sentence whose subject is the document ("Quyết định này ... thay thế Quyết định số ...").
SELF_TITLE_RELATIONS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    (
        "implements",
        regex.compile(
            r"(?:^|[ (])(?:ve[ ]+)?(?:viec[ ]+)?(?:tiep tuc[ ]+)?(?:trien khai[ ]+)?"
            r"(?:thuc hien|cu the hoa)[ ]*$"
        ),
    ),
    ("attached-to", regex.compile(r"\([ ]*(?:ban hanh[ ]+)?kem theo[ ]*$")),
    (
        "guides",
        regex.compile(r"(?:^|[ (])huong dan(?:[ ]+thuc hien)?(?:[ ]+mot so dieu cua)?[ ]*$"),
    ),
    ("amends", regex.compile(r"(?:^|[ (])sua doi[ ]*,?[ ]*bo sung(?:[ ]+mot so dieu cua)?[ ]*$")),
)
SELF_SENTENCE_RELATIONS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    (
        "replaces",
        regex.compile(
            r"(?<![\p{L}])nay(?![\p{L}])[^;¶]{0,120}?[ ](?:thay the(?:[ ]+cho)?|thay)[ ]*$"
        ),
    ),
    ("repeals", regex.compile(r"(?<![\p{L}])nay(?![\p{L}])[^;¶]{0,120}?[ ]bai bo[ ]*$")),
    (
        "amends",
        regex.compile(
            r"(?<![\p{L}])nay(?![\p{L}])[^;¶]{0,120}?[ ]sua doi[ ]*,?[ ]*bo sung"
            r"(?:[ ]+mot so dieu(?:[ ]+cua)?)?[ ]*$"
        ),
    ),
)

# References that start like one but whose symbol is broken (on the matching copy, after a
# kind word and "số"): "Kế hoạch số 157-KH, ngày ...", "Kế hoạch số 155-KH/ ngày",
# "Kế hoạch số , ngày 15/6/2023".
_SO = r"(?:số|Số|SỐ)[ ]{0,2}:?[ ]{0,3}"
MALFORMED: tuple[tuple[str, regex.Pattern[str]], ...] = (
    (
        "no-code-after-slash",
        regex.compile(
            _SO + r"(?P<symbol>\d{1,5}[a-z]?[ ]?[-/][ ]?[A-ZĐ][A-Za-zĐđ]{0,5}[ ]?/)(?![ ]?\p{Lu})"
        ),
    ),
    (
        "no-issuer-code",
        regex.compile(
            _SO + r"(?P<symbol>\d{1,5}[a-z]?[ ]?-[ ]?[A-ZĐ][A-Za-zĐđ]{0,5})(?![\p{L}0-9]|[ ]?[/-])"
        ),
    ),
    # The codes written, the number left blank (or dotted) for later: "Công văn số /UBND-VX
    # ngày 05/8/2025", "Kế hoạch số -KH/TU", "Quyết định số …/QĐ-UBND".
    (
        "no-number-before-code",
        regex.compile(
            _SO + r"[.…]{0,6}[ ]?(?P<symbol>[-/][ ]?[A-ZĐ][A-Za-zĐđ]{0,7}"
            r"(?:[ ]?[-/][ ]?[A-ZĐ][A-Za-zĐđ0-9]{0,9}){0,3})(?![\p{L}0-9])"
        ),
    ),
    ("no-number", regex.compile(_SO + r"(?P<symbol>)(?=[,;.)]|[ ]*(?:ngày|của|NGÀY|CỦA)[ ]|$)")),
)

# Paragraph signals (footnotes._paragraphs), for text that has no blank lines between paragraphs.
# What opens a paragraph after a short line: "1.", "1.2.", "II.", "a)", "-", "+", "•", "Điều 5".
ITEM_OR_HEADING = regex.compile(
    r"(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?[ ]|[IVXLC]{1,6}\.[ ]|\p{Ll}[).][ ]|[-+•*–][ ]"
    r"|(?:Điều|ĐIỀU|Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)[ ]+[\dIVXLC])"
)
# Page furniture between pages: "12", "- 2 -", "– 3 –", "- 4", "Trang 2/9", "Trang 2". Not a
# number with a dash after it alone: that is a symbol broken after its dash at the end of a
# line, its codes on the next ("Kết luận số" / "226-" / "KL/TW, xác định ...").
PAGE_FURNITURE = regex.compile(
    r"[-–][ ]?\d{1,3}(?:[ ]?[-–])?|\d{1,3}|(?:Trang|TRANG)[ ]\d{1,3}(?:[ ]?/[ ]?\d{1,3})?"
)


# --- headers, sentences, short mentions, .doc notes ---------------------------------------
# The national or Party motto line of a header: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
# "ĐẢNG CỘNG SẢN VIỆT NAM".
MOTTO = regex.compile(r"CỘNG H(?:ÒA|OÀ) XÃ HỘI|ĐẢNG CỘNG SẢN VIỆT NAM")

# The words an issuing body's name opens with, folded: "SỞ NỘI VỤ", "TRUNG TÂM XÚC TIẾN ĐẦU TƯ",
# "HỘI ĐỒNG THẨM ĐỊNH", "THỊ ỦY LA GI". A header line above the number that opens otherwise
# ("THƯƠNG MẠI VÀ DU LỊCH", "TỈNH LÂM ĐỒNG" under "ỦY BAN NHÂN DÂN") carries on the name above it.
BODY_NAME_START = regex.compile(
    r"(?:so|bo|ban|uy ban|ubnd|hdnd|hoi dong|trung tam|van phong|chi cuc|cuc|tong cuc|dang uy"
    r"|dang bo|tinh uy|thanh uy|thi uy|huyen uy|quan uy|doan|mat tran|phong|truong|benh vien"
    r"|cong an|chinh phu|thu tuong|quoc hoi|chu tich|vien|hoi|lien doan|toa an|kho bac"
    r"|ngan hang|bao hiem|chi bo|bch|bcd|to|dai|bao|cong ty|tong cong ty|hoc vien|lien hiep"
    r"|bo chi huy|bo tu lenh)\b"
)
# Between the columns of a header line laid out as on the page: "TRUNG TÂM XÚC TIẾN ĐẦU TƯ
#        Độc lập - Tự do - Hạnh phúc" (pdftotext -layout), or a table's cells.
HEADER_COLUMN_GAP = regex.compile(r"[ ]{3,}|\|")
# Between the lines of a header table's cell as a Word table is read, a row to a line:
# "ỦY BAN NHÂN DÂN  TỈNH LÂM ĐỒNG  Số: /TB-UBND".
CELL_LINE_GAP = regex.compile(r"[ ]{2,}")

# The "V/v" that opens a công văn's subject line: "Số: 2150/UBND-VX V/v triển khai thực hiện ...".
SUBJECT_MARK = regex.compile(r"(?<![\p{L}])V/v\b")

# A kind word ahead, then "số" or a digit, on the folded copy: "ke hoach so 155", "chi thi 35".
KIND_AHEAD = regex.compile(r"(?:" + KIND_FOLDED_ALT + r")[ \n]{1,3}(?:so\b|\d)")

# A kind word and the spaces after it, on the folded copy: "nghi quyet ", "ke hoach ". Tried
# only where KIND_START found one.
KIND_WORD = regex.compile(r"(?<![\p{L}])(?:" + KIND_FOLDED_ALT + r")[ ]{1,3}")

# Every place a folded kind word followed by a space starts ("chi thi 35", "ke hoach so"),
# overlapping ones included: a superset of where KIND_WORD and SHORT_NUMBERED can match. One
# scan of a text finds them for both. It is compiled with the standard library's re, which runs
# this alternation of forty words two to three times faster than regex does.
KIND_START = re.compile(r"(?=(?:" + KIND_FOLDED_ALT + r")[ ])")

# The comma between a symbol and its date: "155-KH/TU, ngày 15/6/2023".
COMMA_BEFORE_DATE = regex.compile(r"[ ]*,[ \n]*")

# Where the sentence a reference stands in ends: ";", a full stop before a capital, a list dash.
SENTENCE_END = regex.compile(r"[;¶]|[.!?](?=[ \n]+\p{Lu})|\n(?=[ ]*[-+•]\s)")

# The number that ends a short mention: "Kết luận 21", "Chỉ thị 35".
SHORT_NUMBER = regex.compile(r"(\d{1,4})$")

# A lettered item in a footnote's text, which is not a new footnote: "a) Kế hoạch số ...", "b. ...".
LETTER_ITEM = regex.compile(r"^[ ]*\p{Ll}[).][ ]")

_SPACED = r"(?:[ ]{1,2}|[ ]*\n[ \t]*)"
"""Between the characters of a letter-spaced run."""

# --- Normalising --------------------------------------------------------------------------------
# A character entity, as a page or an export leaves it: "&amp;", "&#x002F;", "&#10;".
ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Zero-width characters, the soft hyphen, and direction marks (U+200E/F, U+202A-E, U+2066-9,
# U+061C): invisible, and inside a symbol they break it ("15\u200f5-KH/TU").
ZERO_WIDTH = regex.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]"
)
# Markdown emphasis stars glued to a word: "*về phát huy*", "**T/M THỊ ỦY".
EMPHASIS = regex.compile(r"\*{1,3}(?=[^\s*])|(?<=[^\s*])\*{1,3}")

# --- Letter-spaced text ------------------------------------------------------------------------
# Text extracted glyph by glyph puts a space after every character, between words no more than
# inside them: "Q u y ế t đ ị n h s ố 0 1 / Q Đ - C T N n g à y 0 5 / 0 1 / 2 0 2 6"; table
# cells come out as lines of their own ("n g à y", "0 8 / 1 0 / 2 0 2 5"). Such a run is:
# - six or more one-character tokens one space apart (two in justified lines, or a line break
#   where the run was wrapped), four of them letters, with a letter of Vietnamese (not ASCII) or
#   a "/" or "-" ("a b c d e f" is a list);
# - a whole line of such tokens with two letters, one of them Vietnamese or all of them capitals
#   ("c ủ a", "C P ."; not "x x x"), or with a "/" or "." among six or more (a date, an
#   amount); never page furniture ("- 2 -").
# Its words are found again by VIETNAMESE_SYLLABLE (vanban.normalize).
LETTER_SPACED = regex.compile(
    r"(?<![^\s(])(?=(?:(?:\S" + _SPACED + r")*?[^\W\d_](?:[ \n]|(?!\S))){4})"
    r"(?=(?:\S" + _SPACED + r")*?(?:[^\x00-\x7f\W]|[/-]))(?:\S" + _SPACED + r"){5,}\S(?!\S)"
    r"|(?<=^[ \t]*)(?=(?:(?:\S[ ])*?[^\W\d_](?:[ ]|$)){2})"
    r"(?:(?=(?:\S[ ])*?[^\x00-\x7f\W])|(?!(?:\S[ ])*?[a-z]))(?:\S[ ])+\S(?=[ \t]*$)"
    r"|(?<=^[ \t]*)(?=(?:\S[ ])*?[/.][ ]\d)(?:\S[ ]){5,}\S(?=[ \t]*$)",
    regex.M,
)

# The pieces of a letter-spaced run once its spaces are gone: letters, digits, single marks
# ("Quyếtđịnhsố", "01", "/", "QĐ", "-", "CTN").
SPACED_PIECES = regex.compile(r"[^\W\d_]+|\d+|\S")
# Runs of capitals and of other letters, where a run of letters changes case ("HĐND", "của").
CASE_RUNS = regex.compile(r"\p{Lu}+|[^\p{Lu}]+")
# The end of a word cut off by the start of a run, folded ("g" of "cùn|g các").
WORD_END = regex.compile(r"[bcdghklmnpqrstvx]{1,3}")

# Three one-letter words in a row: a text without them has no letter-spaced run to look for.
# (The text's first word is looked at by itself: "^" in the pattern would halve its speed.)
LETTER_SPACED_HINT = re.compile(r"[\s(][^\W\d_][ ]{1,2}[^\W\d_][ ]{1,2}[^\W\d_](?:\s|$)")

# One Vietnamese syllable, folded ("quyet", "nghi", "uy", "thang"): an optional onset, one to
# three vowels, an optional final consonant.
VIETNAMESE_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)

# Syllables of the words a reference is read by, folded: kinds, "số", "ngày", "của", the
# committees and bodies that issue. Where a run of letters splits two ways, these win
# ("tỉnh ủy", not "tỉn hủy").
KNOWN_SYLLABLES = frozenset(
    word for kind in KINDS for folded in kind.folded for word in folded.split()
) | frozenset(
    (
        "so",
        "ngay",
        "thang",
        "nam",
        "cua",
        "ve",
        "theo",
        "tai",
        "va",
        "tinh",
        "thi",
        "uy",
        "xa",
        "huyen",
        "phuong",
        "ban",
        "chap",
        "hanh",
        "thuong",
        "vu",
        "bo",
        "chinh",
        "tri",
        "trung",
        "uong",
        "dang",
        "doan",
        "hoi",
        "dong",
        "nhan",
        "dan",
        "chu",
        "tich",
        "nuoc",
        "phu",
        "thu",
        "tuong",
        "quoc",
        "mat",
        "tran",
        "to",
        "khoa",
        "nhiem",
        "ky",
        "thuc",
        "hien",
        "trien",
        "khai",
        "lanh",
        "dao",
        "chi",
    )
)
