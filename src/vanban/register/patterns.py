"""The patterns a register's reader uses: its header cells, its rows of column numbers, dates
written as text in its cells."""

from __future__ import annotations

import regex

# Header cells of an office's register, matched on the cell folded with its punctuation made
# spaces ("Số, ký hiệu văn bản" reads "so ky hieu van ban"), and the field each names. The
# outgoing register of NĐ 30/2020 heads its columns "Số, ký hiệu văn bản | Ngày tháng văn bản |
# Tên loại và trích yếu nội dung văn bản | Người ký | Nơi nhận văn bản"; the incoming one adds
# "Ngày đến | Số đến | Tác giả", which name the arrival, not the document, and match nothing.
REGISTER_HEADERS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # "Số, ký hiệu", "Số/Ký hiệu", "Số và ký hiệu văn bản", "Số và ký hiệu VB", "Số hiệu",
    # "Ký hiệu", "Số văn bản"
    (
        "symbol",
        regex.compile(
            r"(?:so (?:va )?)?ky hieu(?: (?:cua )?(?:van ban|vb))?|so hieu(?: van ban| vb)?"
            r"|so van ban|so vb|so ky hieu va ngay thang van ban"
        ),
    ),
    # "Số" alone: the running number, its symbol in a "Ký hiệu" column beside it
    ("number", regex.compile(r"so|so tt van ban|so thu tu van ban")),
    # "Ngày ban hành", "Ngày, tháng văn bản", "Ngày tháng năm", "Ngày VB", "Ngày ký"
    (
        "date",
        regex.compile(
            r"ngay(?: thang)?(?: nam)?(?: (?:cua )?van ban| vb| ban hanh| ky)?"
            r"|ngay thang nam ban hanh|ngay ban hanh van ban|ngay ky van ban"
        ),
    ),
    # "Trích yếu nội dung", "Tên loại và trích yếu nội dung văn bản", "Nội dung", "Tiêu đề"
    (
        "title",
        regex.compile(
            r"(?:ten loai (?:va )?)?trich yeu(?: noi dung)?(?: (?:cua )?van ban)?"
            r"|noi dung(?: van ban)?|tieu de|ten van ban"
        ),
    ),
    # "Cơ quan ban hành", "Tác giả", "Nơi gửi", "Đơn vị ban hành", "Cơ quan, tổ chức ban hành"
    (
        "issuer",
        regex.compile(
            r"co quan(?: to chuc)? ban hanh(?: van ban)?|noi ban hanh|tac gia|noi gui(?: van ban)?"
            r"|co quan gui|don vi ban hanh|co quan(?: to chuc)? gui"
        ),
    ),
    # "Loại văn bản", "Tên loại", "Thể loại", "Hình thức văn bản"
    ("kind", regex.compile(r"(?:ten )?loai(?: van ban)?|the loai|hinh thuc(?: van ban)?")),
    # "Người ký", "Người ký văn bản"
    ("signer", regex.compile(r"nguoi ky(?: van ban)?")),
)
# A row of column numbers under a register's header: "1 | 2 | 3", "(1) | (2)".
COLUMN_NUMBER = regex.compile(r"\(?\d{1,2}\)?")
# An ISO date in a spreadsheet cell written as text: "2023-06-15", "2023-06-15 00:00:00".
ISO_DATE_CELL = regex.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T][\d:.]+)?")
