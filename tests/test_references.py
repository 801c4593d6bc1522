"""Table-driven: one real-looking sentence, the references expected from it."""

from __future__ import annotations

from typing import Any

import pytest

from vanban import parse_text


def ref(
    symbol: str, date: str | None = None, kind: str | None = None, **fields: Any
) -> dict[str, Any]:
    return {"symbol": symbol, "date": date, "kind": kind, **fields}


def found(text: str, *field_names: str) -> list[dict[str, Any]]:
    names = ("symbol", "date", "kind", *field_names)
    result = []
    for reference in parse_text(text).references:
        row = {
            "symbol": reference.symbol.canonical,
            "date": reference.date,
            "kind": reference.kind,
            "issuer": reference.issuer,
            "term": reference.term,
            "level": reference.level,
            "family": reference.symbol.family,
            "kind_code": reference.symbol.kind_code,
            "issuer_code": reference.symbol.issuer_code,
            "text": reference.text,
        }
        result.append({k: row[k] for k in names})
    return result


# fmt: off
FORMS = [
    # Party, with the comma before the date that Party writing prefers.
    ("Kế hoạch số 155-KH/TU, ngày 15/6/2023 của Ban Thường vụ Thị ủy",
     [ref("155-KH/TU", "2023-06-15", "Kế hoạch")]),
    # State, no comma; long-form date.
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
     [ref("30/2020/NĐ-CP", "2020-03-05", "Nghị định")]),
    ("Kế hoạch số 155-KH/TU ngày 15-6-2023 của Thị ủy", [ref("155-KH/TU", "2023-06-15", "Kế hoạch")]),
    ("Kết luận số 21-KL/TW, ngày 25.10.2021", [ref("21-KL/TW", "2021-10-25", "Kết luận")]),
    ("Quy định số 47 - QĐ/TWcủa BCH Trung ương Đảng, ngày 01/11/ 2011",
     [ref("47-QĐ/TW", "2011-11-01", "Quy định")]),
    ("Quy định số 47-QĐ/TWngày 01-11-2011", [ref("47-QĐ/TW", "2011-11-01", "Quy định")]),
    ("Quyết định số 44 /2005/QĐ-UBND ngày 06 / 7 /2005",
     [ref("44/2005/QĐ-UBND", "2005-07-06", "Quyết định")]),
    ("Kết lúận số 121-KL/TW, ngàỷ 24/01/2025 củà Bạn Chấp hành Trũng ương Đảng",
     [ref("121-KL/TW", "2025-01-24", "Kết luận")]),
    # English copies: the kind in English, "No.", "dated Month d, yyyy"
    ("Regulation No. 366-QD/TW dated August 30, 2025 of the Politburo",
     [ref("366-QD/TW", "2025-08-30", "Quy định")]),
    ("pursuant to Decree No. 30/2020/ND-CP dated March 5, 2020 of the Government;",
     [ref("30/2020/ND-CP", "2020-03-05", "Nghị định")]),
    ("Law No. 59/2020/QH14 dated June 17th, 2020", [ref("59/2020/QH14", "2020-06-17", "Luật")]),
    # slashes as some PDFs extract them (division and fraction slashes), a thin space
    ("Kế hoạch số 155-KH\u2215TU, ngày 15\u22156\u22152023 của Ban Thường vụ Thị ủy",
     [ref("155-KH/TU", "2023-06-15", "Kế hoạch")]),
    ("Nghị định số\u200930\u20442020\u2044NĐ-CP ngày 05/3/2020 của Chính phủ",
     [ref("30/2020/NĐ-CP", "2020-03-05", "Nghị định")]),
    # Multi-word kinds.
    ("Chương trình hành động số 58-CTr/TU, ngày 30/3/2023 của Tỉnh ủy",
     [ref("58-CTr/TU", "2023-03-30", "Chương trình hành động")]),
    ("Thông tư liên tịch số 02/2011/TTLT-VPCP-BNV ngày 28/01/2011",
     [ref("02/2011/TTLT-VPCP-BNV", "2011-01-28", "Thông tư liên tịch")]),
    # Without "số", with "Số", with "số:".
    ("Quy định 37-QĐ/TW", [ref("37-QĐ/TW", None, "Quy định")]),
    ("Công văn Số 1065-CV/BTGTU, ngày 26/9/2021", [ref("1065-CV/BTGTU", "2021-09-26", "Công văn")]),
    ("Chỉ thị số: 35-CT/TW ngày 30/5/2019", [ref("35-CT/TW", "2019-05-30", "Chỉ thị")]),
    # Spaces and dashes inside the symbol, a symbol split across lines.
    ("Kết luận số 100 - KL/TW ngày 18/8/2014", [ref("100-KL/TW", "2014-08-18", "Kết luận")]),
    ("Quy định 47 – QĐ/TW", [ref("47-QĐ/TW", None, "Quy định")]),
    ("Nghị định số 144/2021/NĐ- CP ngày 31/12/2021", [ref("144/2021/NĐ-CP", "2021-12-31", "Nghị định")]),
    ("Tờ trình số 02/TTr-CAT- ANCTNB ngày 03 tháng 02 năm 2023",
     [ref("02/TTr-CAT-ANCTNB", "2023-02-03", "Tờ trình")]),
    ("Tờ trình số\n42/TTr-VPUB", [ref("42/TTr-VPUB", None, "Tờ trình")]),
    ("theo Hướng dẫn số 16 -\nHD/BTCTW", [ref("16-HD/BTCTW", None, "Hướng dẫn")]),
    # Deformed Party symbols, read only after a kind word.
    ("Quy định số 37QĐ/TW ngày 1.11. 2011", [ref("37-QĐ/TW", "2011-11-01", "Quy định")]),
    ("Nghị quyết 72-NQ-TW", [ref("72-NQ/TW", None, "Nghị quyết")]),
    ("Quyết định của Bộ Chính trị số31-QĐ/TW, ngày 01-10-1997",
     [ref("31-QĐ/TW", "1997-10-01", "Quyết định")]),
    # Legacy and odd State symbols.
    ("Quyết định số 01/1999/QĐ.UB ngày 15/01/1999", [ref("01/1999/QĐ.UB", "1999-01-15", "Quyết định")]),
    ("Nghị quyết số 30c/NQ-CP ngày 08 tháng 11 năm 2011", [ref("30c/NQ-CP", "2011-11-08", "Nghị quyết")]),
    ("Công văn số 4236/SXD-QLN&CS ngày 22 tháng 5 năm 2014",
     [ref("4236/SXD-QLN&CS", "2014-05-22", "Công văn")]),
    ("Pháp lệnh số 02/2020/UBTVQH14 ngày 09 tháng 12 năm 2020",
     [ref("02/2020/UBTVQH14", "2020-12-09", "Pháp lệnh")]),
    ("QĐ số 22/2013/QĐ-TTg", [ref("22/2013/QĐ-TTg", None, "Quyết định")]),
    ("THÔNG TƯ SỐ 09/2013/TT-BXD NGÀY 01 THÁNG 7 NĂM 2013",
     [ref("09/2013/TT-BXD", "2013-07-01", "Thông tư")]),
    # Lists: a shared kind, a repeated "số", a second symbol without its kind word.
    ("các Quy định: số 89-QĐ/TW, ngày 4/8/2017; số 214-QĐ/TW, ngày 2/1/2020; số 124-QĐ/TW, ngày 4/10/2023",
     [ref("89-QĐ/TW", "2017-08-04", "Quy định"), ref("214-QĐ/TW", "2020-01-02", "Quy định"),
      ref("124-QĐ/TW", "2023-10-04", "Quy định")]),
    ("Nghị quyết 02/NQ-CP và 68/NQ-CP",
     [ref("02/NQ-CP", None, "Nghị quyết"), ref("68/NQ-CP", None, "Nghị quyết")]),
    # A date that does not follow the reference is not its date.
    ("Ngày 15 tháng 11 năm 2010 Liên Bộ ban hành Thông tư liên tịch số 29/2010/TTLT-BGDĐT-BTC-BLĐTBXH hướng dẫn",
     [ref("29/2010/TTLT-BGDĐT-BTC-BLĐTBXH", None, "Thông tư liên tịch")]),
    # A law's name between the kind word and "số"; multi-word kinds of joint documents.
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13;",
     [ref("77/2015/QH13", None, "Luật")]),
    ("Căn cứ Bộ luật Lao động số 45/2019/QH14 ngày 20 tháng 11 năm 2019;",
     [ref("45/2019/QH14", "2019-11-20", "Bộ luật")]),
    ("Thông báo kết luận số 123-TB/TU ngày 5/3/2024 của Thường trực Tỉnh ủy",
     [ref("123-TB/TU", "2024-03-05", "Thông báo kết luận")]),
    ("Kế hoạch liên tịch số 01/KHLT-UBND-MTTQ ngày 2/2/2024",
     [ref("01/KHLT-UBND-MTTQ", "2024-02-02", "Kế hoạch liên tịch")]),
    # A date after the issuer is the reference's only when a comma sets it off.
    ("theo Quyết định số 5/QĐ-UBND của UBND tỉnh ngày 12/3/2020 đã ban hành",
     [ref("5/QĐ-UBND", None, "Quyết định")]),
    # Not references: ranges, form numbers, plain dates, a number without a symbol.
    ("nhiệm kỳ 2020 – 2025, giai đoạn 2021-2025, ngày 15/6/2023", []),
    ("MẪU SỐ 04-A[6] (được bãi bỏ)", []),
    ("Chỉ thị 35 của Bộ Chính trị", []),
]
# fmt: on

# fmt: off
MISTYPED = [
    # No dash between number and code; the canonical symbol puts it back.
    ("Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013 của Ban Bí thư Trung ương Đoàn",
     [ref("84-QĐ/TWĐTN", "2013-02-22", "Quyết định")]),
    # An underscore for the dash.
    ("Quyết định số 10/2007/QĐ_BKHCN ngày 11/5/2007", [ref("10/2007/QĐ-BKHCN", "2007-05-11", "Quyết định")]),
    # Mixed-case codes.
    ("Chỉ thị số 13/CT-TTg ngày 10/6/2022", [ref("13/CT-TTg", "2022-06-10", "Chỉ thị")]),
    # A State code broken after its dash at the end of a line, the next line indented.
    ("theo Công văn số 2769/UBND-\nNCKSTTHC, tính đến ngày 26/11/2024",
     [ref("2769/UBND-NCKSTTHC", None, "Công văn")]),
    ("Trung tâm đã ban hành Kế hoạch số 173/KH-\n      TTXT ngày 05/11/2025 về tổ chức Hội thảo",
     [ref("173/KH-TTXT", "2025-11-05", "Kế hoạch")]),
    ("Sở Nội vụ đã ban hành Công văn số 2775/SNV-\nCCHC&VTLT về việc hướng dẫn",
     [ref("2775/SNV-CCHC&VTLT", None, "Công văn")]),
    # A number with a dot, a parenthesised unit code, a mistyped year part.
    ("Nghị quyết số 66.7/2025/NQ-CP ngày 15/11/2025 của Chính phủ",
     [ref("66.7/2025/NQ-CP", "2025-11-15", "Nghị quyết")]),
    ("Tờ trình số 197/TTr-CAT(PA05) ngày 19/9/2025 của Công an tỉnh",
     [ref("197/TTr-CAT(PA05)", "2025-09-19", "Tờ trình")]),
    ("thay thế Nghị định số 45/25010/NĐ-CP ngày 21/4/2010 Chính phủ",
     [ref("45/25010/NĐ-CP", "2010-04-21", "Nghị định")]),
    # Not a symbol: a line that ends in a dash and a word that goes on in lower case.
    ("Sở Nội vụ ban hành Quyết định số 12/QĐ-\nTháng sau", [ref("12/QĐ", None, "Quyết định")]),
    # A code broken after its dash by a hard-wrapped line, the next word glued to its end.
    ("theo khoản 3 Điều 8 Nghị định số 175/2024/NĐ-\nCPđể xác định giá gói thầu",
     [ref("175/2024/NĐ-CP", None, "Nghị định")]),
    # Words glued to a State code where the space was lost: a tone mark, or a whole word.
    ("Căn cứ Nghị định số 30/2020/NĐ-CPngày 05/3/2020 của Chính phủ",
     [ref("30/2020/NĐ-CP", "2020-03-05", "Nghị định")]),
    ("theo Quyết định số 118/QĐ-UBNDngày 12/4/2025", [ref("118/QĐ-UBND", "2025-04-12", "Quyết định")]),
    ("theo Quyết định số 28/QĐ-TTgngày 7/1/2025", [ref("28/QĐ-TTg", "2025-01-07", "Quyết định")]),
    ("Công văn số 512/UBND-VPtheo đó các xã", [ref("512/UBND-VP", None, "Công văn")]),
    # A capitalised word after a dash is no code: "UBND-Tỉnh" is "UBND".
    ("Công văn số 14/UBND-Tỉnh ủy chỉ đạo", [ref("14/UBND", None, "Công văn")]),
    # One capital of the kind code set apart by the extraction ("Q  Đ"): a known code, joined.
    ("Quyết định số 1984/Q  Đ-UBND ngày 12/5/2026 của UBND tỉnh Nghệ An về việc",
     [ref("1984/QĐ-UBND", "2026-05-12", "Quyết định")]),
    ("Bảng số 12/A  BC-XY", []),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "expected"), FORMS + MISTYPED, ids=[f[0][:40] for f in FORMS + MISTYPED]
)
def test_forms(text: str, expected: list[dict[str, Any]]) -> None:
    assert found(text) == expected


# fmt: off
ISSUERS = [
    ("Kế hoạch số 75-KH/TU, ngày 29/4/2022 của Ban Thường vụ Thị ủy về thực hiện Kế hoạch số 66-KH/TU",
     ["Ban Thường vụ Thị ủy", None]),
    ("Nghị quyết số 08-NQ/TU, ngày 12/12/2022 của Thị ủy đề lãnh đạo, chỉ đạo", ["Thị ủy"]),
    ("Nghị định số 26/2020/NĐ-CP ngày 28/02/2020 của Chính phủ Quy định chi tiết một số điều",
     ["Chính phủ"]),
    ("Thông tư số 24/2020/TT-BCA ngày 10/3/2020 của Bộ trưởng Bộ Công an ban hành biểu mẫu",
     ["Bộ trưởng Bộ Công an"]),
    ("Thông tư số 08/2023/TT-BLĐTBXH ngày 29 tháng 8 năm 2023 của Bộ trưởng Bộ Lao động – Thương binh"
     " và Xã hội sửa đổi, bổ sung", ["Bộ trưởng Bộ Lao động – Thương binh và Xã hội"]),
    ("Thông tư liên tịch số 02/2011/TTLT-VPCP-BNV ngày 28/01/2011 giữa Chủ nhiệm Văn Phòng Chính Phủ"
     " và Bộ trưởng Bộ Nội vụ", ["Chủ nhiệm Văn Phòng Chính Phủ và Bộ trưởng Bộ Nội vụ"]),
    ("Thông tư Liên tịch số 29/2010/TTLT-BGDĐT-BTC-BLĐTBXH ngày 15 tháng 11 năm 2010 của Liên Bộ Giáo"
     " dục và Đào tạo, Bộ Tài chính, Bộ Lao động - Thương binh và Xã hội.",
     ["Liên Bộ Giáo dục và Đào tạo, Bộ Tài chính, Bộ Lao động - Thương binh và Xã hội"]),
    ("Thông tư liên tịch số 06/2007/TTLT-BLĐTBXH-BTC-BYT ngày 12/4/2007 của liên Bộ: Lao động Thương"
     " binh và Xã hội - Tài chính - Y tế hướng dẫn",
     ["liên Bộ: Lao động Thương binh và Xã hội - Tài chính - Y tế"]),
    ("Báo cáo kết quả giám sát số 120/BC-ĐGS ngày 12 tháng 4 năm 2012 của Đoàn giám sát của Ủy ban"
     " thường vụ Quốc hội, Báo cáo số 31/BC-CP", ["Đoàn giám sát của Ủy ban thường vụ Quốc hội", None]),
    ("QUYẾT ĐỊNH SỐ 20/2000/QĐ-TTG NGÀY 3/2/2000 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ VIỆC", ["THỦ TƯỚNG CHÍNH PHỦ"]),
    # Titles in capitals: names that hold a word a clause could open with ("BÍ", "TÀI", "SỞ")
    ("THỰC HIỆN KẾT LUẬN SỐ 226-KL/TW, NGÀY 11/12/2025 CỦA BAN BÍ THƯ VỀ VIỆC CHẤN CHỈNH",
     ["BAN BÍ THƯ"]),
    ("THEO CÔNG VĂN SỐ 123/SXD-QLXD NGÀY 05/3/2024 CỦA SỞ XÂY DỰNG VỀ VIỆC", ["SỞ XÂY DỰNG"]),
    ("THEO CÔNG VĂN SỐ 88/STC-NS NGÀY 05/3/2024 CỦA SỞ TÀI CHÍNH VỀ VIỆC", ["SỞ TÀI CHÍNH"]),
    ("CĂN CỨ CÔNG VĂN SỐ 9/SKHĐT-TH NGÀY 05/3/2024 CỦA SỞ KẾ HOẠCH VÀ ĐẦU TƯ VỀ VIỆC",
     ["SỞ KẾ HOẠCH VÀ ĐẦU TƯ"]),
    ("THEO CÔNG VĂN SỐ 123/TCT-CS NGÀY 05/3/2024 CỦA TỔNG CỤC THUẾ VỀ VIỆC", ["TỔNG CỤC THUẾ"]),
    ("theo Công văn số 9/SKHĐT-TH ngày 05/3/2024 của Sở Kế hoạch và Đầu tư về việc",
     ["Sở Kế hoạch và Đầu tư"]),
    ("Nghị quyết số 15-NQ/TW, ngày 10/6/2012 của Hội nghị Trung ương 5 khóa XI",
     ["Hội nghị Trung ương 5"]),
    ("Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng"
     " khóa XII về một số vấn đề", ["Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng"]),
    # Spaces a PDF lost are restored, and the clause after the name is left out.
    ("Thực hiện Kế hoạch số 20-KH/TU, ngày 02/6/2025 của Ban Thường vụTỉnh uỷvề tổ chức đại hội",
     ["Ban Thường vụ Tỉnh uỷ"]),
    ("Căn cứ Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị vềlãnh đạo đại hội đảng bộ các cấp",
     ["Bộ Chính trị"]),
    ("theo Quyết định số 15/2025/QĐ-TTg của Thủtướng Chính phủquy định tiêu chuẩn, định mức",
     ["Thủ tướng Chính phủ"]),
    ("Thực hiện Kết luận số 226-KL/TW, ngày 11/12/2025 của Ban Bí thư và Chỉ thịsố04-CT/TU",
     ["Ban Bí thư", None]),
    ("Công văn số 09/CV-BCĐ ngày 3/9/2025 của BCĐ sắp xếp đơn vị hành chính thì các xã",
     ["BCĐ sắp xếp đơn vị hành chính"]),
    # A central body's name is whole: the words after it are the sentence's.
    ("Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 của Chính phủ tổ chức lại các hội",
     ["Chính phủ"]),
    ("Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 của Chính phủ không còn phù hợp", ["Chính phủ"]),
    # Names in the table of bodies are read whole, commas and "về" in them too.
    ("Kế hoạch số 02-KH/BCĐTW, ngày 19/6/2025 của Ban Chỉ đạo Trung ương về phát triển khoa học,"
     " công nghệ, đổi mới sáng tạo và chuyển đổi số về triển khai",
     ["Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"]),
    ("Văn bản số 59-CV/BCĐ ngày 12/9/2025 của Ban Chỉ đạo Trung ương về tổng kết Nghị quyết",
     ["Ban Chỉ đạo Trung ương"]),
    ("Quyết định số 71/QĐ-BVHTTDL ngày 10/01/2025 của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch về",
     ["Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"]),
    ("Công văn số 3454/SNN-VP ngày 5/8/2024 của Sở Nông nghiệp và phát triển nông thôn về việc",
     ["Sở Nông nghiệp và phát triển nông thôn"]),
    ("Công văn số 285-KH/TU của Tỉnh uỷ Khánh Hoà vềtriển khai", ["Tỉnh uỷ Khánh Hoà"]),
    # A body named by its task keeps its task, up to "về", a clause word, another body or a
    # document.
    ("Báo cáo số 12/BC-HĐTĐ ngày 03/02/2026 của Hội đồng thẩm định,\nđánh giá chỉ số cải cách"
     " hành chính tỉnh về kết quả thẩm định",
     ["Hội đồng thẩm định, đánh giá chỉ số cải cách hành chính tỉnh"]),
    ("Công văn số 815/TCT ngày 02/3/2026 của Tổ Công tác triển khai Đề án 06, cải cách thủ tục"
     " hành chính (TTHC), chuyển đổi số gắn với Đề án 06 về báo cáo tiến độ",
     ["Tổ Công tác triển khai Đề án 06, cải cách thủ tục hành chính (TTHC), chuyển đổi số gắn với"
      " Đề án 06"]),
    ("Công văn số 815/TCT ngày 02/3/2026 của Tổ công tác liên ngành (TCT); Kế hoạch số 5/KH-UBND",
     ["Tổ công tác liên ngành (TCT)", None]),
    ("Kế hoạch số 3/KH-HĐ ngày 5/7/2024 của Hội đồng thi đua, khen thưởng tỉnh, Sở Nội vụ và các",
     ["Hội đồng thi đua, khen thưởng tỉnh"]),
    ("Thông báo số 9/TB-TGV ngày 5/7/2024 của Tổ giúp việc Ban Chỉ đạo tỉnh đã nêu",
     ["Tổ giúp việc Ban Chỉ đạo tỉnh"]),
    ("Kết luận số 9/KL-HĐKL ngày 5/7/2024 của Hội đồng kỷ luật tỉnh tại phiên họp thứ hai",
     ["Hội đồng kỷ luật tỉnh"]),
    # Names in the table that start as a task body does are read as the table has them.
    ("Nghị quyết số 41/NQ-HĐBCQG ngày 21/3/2025 của Hội đồng Bầu cử quốc gia hướng dẫn việc",
     ["Hội đồng Bầu cử quốc gia"]),
    ("Nghị quyết số 12/2024/NQ-HĐND ngày 5/7/2024 của Hội đồng nhân dân tỉnh Lâm Đồng quy định",
     ["Hội đồng nhân dân tỉnh Lâm Đồng"]),
    # A list of bodies of one kind.
    ("Đơn đề nghị số 258/ĐĐN-ĐLS ngày 5/6/2025 của Đoàn Luật sư tỉnh Lâm Đồng, Đoàn Luật sư tỉnh"
     " Bình Thuận về việc", ["Đoàn Luật sư tỉnh Lâm Đồng, Đoàn Luật sư tỉnh Bình Thuận"]),
    # A line break and the next line's indent inside the name.
    ("Nghị quyết số 214/NQ-CP ngày 23/7/2025 của Chính\n                 phủ ban hành Kế hoạch",
     ["Chính phủ"]),
    # A footnote mark flattened onto the year of the date does not hide the issuer.
    ("căn cứ Quyết định số 1984/QĐ-\nUBND ngày 12/5/20262 của UBND tỉnh; chức năng", ["UBND tỉnh"]),
    # The body before "tại" is the issuer; the kind is the word after "tại".
    ("theo quy định của Chính phủ tại Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 và", ["Chính phủ"]),
    ("thực hiện kết luận của Bộ Chính trị tại Thông báo số 12-TB/TW ngày 5/3/2024", ["Bộ Chính trị"]),
    # An empty date slot.
    ("Căn cứ Nghị định số 33/2025/NĐ-CP ngày của Chính phủ quy định chức năng", ["Chính phủ"]),
    # The issuer stands before the reference.
    ("theo chỉ đạo của Ban Thường vụ Thị ủy tại Công văn số 359-CV/TU, ngày 20/7/2021",
     ["Ban Thường vụ Thị ủy"]),
    ("theo chỉ đạo của Bộ Chính trị về tinh gọn bộ máy tại Kết luận số 121-KL/TW", ["Bộ Chính trị"]),
    # A trailing issuer shared by a list.
    ("Quy định số 125-QĐ/TW, ngày 10/10/2023 và Quy định số 138-QĐ/TW, ngày 01/12/2023 của Ban Bí thư"
     " Trung ương Đảng.", ["Ban Bí thư Trung ương Đảng", "Ban Bí thư Trung ương Đảng"]),
    # Not shared across a different issuer.
    ("Quyết định số 217-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị và Chỉ thị số 18-CT/TW, ngày"
     " 26/10/2022 của Ban Bí thư", ["Bộ Chính trị", "Ban Bí thư"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), ISSUERS, ids=[f[0][:40] for f in ISSUERS])
def test_issuers(text: str, expected: list[str | None]) -> None:
    assert [row["issuer"] for row in found(text, "issuer")] == expected


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    ("Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị (khóa XIII); triển khai", "XIII"),
    ("Nghị quyết số 35-NQ/TW, ngày 22/10/2018 của Bộ Chính trị khóa XII về", "XII"),
    ("Chỉ thị số 03-CT/TW của Bộ Chính trị khoá XI", "XI"),
    ("Chương trình số 06-CTr/TU của Thành ủy Hà Nội khóa XVII về", "XVII"),
])
# fmt: on
def test_terms(text: str, expected: str) -> None:
    assert found(text, "term")[0]["term"] == expected


# fmt: off
@pytest.mark.parametrize(("text", "level"), [
    ("Kế hoạch số 75-KH/TU, ngày 29/4/2022 của Ban Thường vụ Thị ủy", "Thị ủy"),
    ("Kế hoạch số 15-KH/TU của Ban Thường vụ Tỉnh uỷ", "Tỉnh ủy"),
    ("Chương trình số 06-CTr/TU của Thành ủy Hà Nội", "Thành ủy"),
    ("Kế hoạch số 128-KH/HU ngày 10/7/2019 của Huyện ủy Cô Tô", "Huyện ủy"),
    ("Kế hoạch số 158-KH/TU, ngày 21/7/2023", None),
])
# fmt: on
def test_committee_level(text: str, level: str | None) -> None:
    assert found(text, "level")[0]["level"] == level


# fmt: off
@pytest.mark.parametrize(("text", "family", "kind_code", "issuer_code"), [
    ("Chỉ thị số 22/CT-TW ngày 23/01/2018", "party", "CT", "TW"),
    ("Văn bản số 152/CV-TCTW ngày 6/6/2001", "party", "CV", "TCTW"),
    ("Công văn số 4216/UBND-NC ngày 02/12/2021", "state", None, "UBND-NC"),
    ("Nghị quyết số 51/2001/QH10", "state", None, "QH10"),
    ("Quyết định số 2862/QĐ-UBND", "state", "QĐ", "UBND"),
    ("Quy định số 08-QĐi/TW ngày 25/10/2018", "party", "QĐi", "TW"),
])
# fmt: on
def test_symbol_parts(text: str, family: str, kind_code: str | None, issuer_code: str) -> None:
    row = found(text, "family", "kind_code", "issuer_code")[0]
    assert (row["family"], row["kind_code"], row["issuer_code"]) == (family, kind_code, issuer_code)


def test_surface_text_runs_from_kind_word_through_date() -> None:
    rows = found("Căn cứ Nghị định số 26/2020/NĐ-CP ngày 28/02/2020 của Chính phủ Quy định", "text")
    assert rows[0]["text"] == "Nghị định số 26/2020/NĐ-CP ngày 28/02/2020"


def test_impossible_date_is_not_invented() -> None:
    assert found("Kế hoạch số 157-KH/TU, ngày 31/02/2023")[0]["date"] is None


# fmt: off
RELATIONS = [
    ("Kế hoạch số 75-KH/TU, ngày 29/4/2022 của Ban Thường vụ Thị ủy về thực hiện Kế hoạch số 66-KH/TU,"
     " ngày 28/3/2022 của Ban Thường vụ Tỉnh ủy về thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021",
     [("75-KH/TU", "implements", "66-KH/TU"), ("66-KH/TU", "implements", "21-KL/TW")]),
    ("Kế hoạch số 157-KH/TU, ngày 12/7/2023 của Thị ủy thực hiện Chương trình hành động số 58-CTr/TU",
     [("157-KH/TU", "implements", "58-CTr/TU")]),
    ("Công văn số 1391-CV/TU, ngày 06/7/2023 của Ban Thường vụ Thị ủy về triển khai thực hiện Kết luận"
     " số 48-KL/TW", [("1391-CV/TU", "implements", "48-KL/TW")]),
    ("Kết luận số 50-KL/TW của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 18-NQ/TW",
     [("50-KL/TW", "implements", "18-NQ/TW")]),
    ("Kế hoạch số 10-KH/TU nhằm cụ thể hóa Nghị quyết số 57-NQ/TW", [("10-KH/TU", "implements", "57-NQ/TW")]),
    ("Kết luận số 66-KL/TW, ngày 08/11/2019 của Ban Bí thư về tổng kết việc thực hiện Quy định số 185-QĐ/TW",
     [("66-KL/TW", "reviews", "185-QĐ/TW")]),
    ("Quyết định số 188/2007/QĐ-TTg ngày 06 tháng 12 năm 2007 của Thủ tướng Chính phủ về việc sửa đổi,"
     " bổ sung Quyết định số 290/2005/QĐ-TTg", [("188/2007/QĐ-TTg", "amends", "290/2005/QĐ-TTg")]),
    ("Quy định 37-QĐ/TW thay thế cho Quy định 47-QĐ/TW", [("37-QĐ/TW", "replaces", "47-QĐ/TW")]),
    ("Hướng dẫn số 26-HD/BTCTW, ngày 18/10/2019 hướng dẫn một số nội dung Chỉ thị số 35-CT/TW",
     [("26-HD/BTCTW", "guides", "35-CT/TW")]),
    ("Thông tư liên tịch số 25/2010/TTLT-BLĐTBXH-BTC-BYT ngày 11/9/2010 về việc sửa đổi, bổ sung"
     " Thông tư liên tịch số: 17/2006/TTLT-BLĐTBXH-BTC-BYT ngày 21/11/2006 và thay thế Thông tư liên tịch"
     " số 06/2007/TTLT-BLĐTBXH-BTC-BYT ngày 12/4/2007",
     [("25/2010/TTLT-BLĐTBXH-BTC-BYT", "amends", "17/2006/TTLT-BLĐTBXH-BTC-BYT"),
      ("25/2010/TTLT-BLĐTBXH-BTC-BYT", "replaces", "06/2007/TTLT-BLĐTBXH-BTC-BYT")]),
    ("Thông tư liên tịch số 10/2005/TTLT-BNV-BTC đã được thay thế bởi Thông tư liên tịch số"
     " 01/2015/TTLT-VPCP-BNV", [("01/2015/TTLT-VPCP-BNV", "replaces", "10/2005/TTLT-BNV-BTC")]),
    # A list is not a chain; a title is not a relation.
    ("Kế hoạch số 80-KH/TU, ngày 04/5/2022 của Ban Thường vụ Tỉnh ủy, Công văn Số 1065-CV/BTGTU", []),
    ("Kế hoạch số 99-KH/TU, ngày 19/10/2022 của Ban Thường vụ Thị ủy về tổ chức đợt sinh hoạt chính trị"
     " theo Quyết định số 99-QĐ/TW", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), RELATIONS, ids=[r[0][:40] for r in RELATIONS])
def test_relations(text: str, expected: list[tuple[str, str, str]]) -> None:
    doc = parse_text(text)
    got = [
        (
            doc.references[r.source].symbol.canonical,
            r.relation,
            doc.references[r.target].symbol.canonical,
        )
        for r in doc.relations
    ]
    assert got == expected


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    ("nhất là Nghị quyết Trung ương 8, 9, 10 (khóa XIII). Nâng cao",
     ["Nghị quyết Trung ương 8, 9, 10 (khóa XIII)"]),
    ("Bám sát Nghị quyết Đại hội Đảng bộ thị xã lần thứ XI, nhiệm kỳ 2020 – 2025; Kết luận",
     ["Nghị quyết Đại hội Đảng bộ thị xã lần thứ XI, nhiệm kỳ 2020 – 2025"]),
    ("thực hiện Chỉ thị 35 của Bộ Chính trị", ["Chỉ thị 35"]),
    ("theo Nghị quyết số 57 về khoa học", ["Nghị quyết số 57"]),
    ("Căn cứ Luật Bảo vệ bí mật nhà nước ngày 15 tháng 11 năm 2018;",
     ["Luật Bảo vệ bí mật nhà nước ngày 15 tháng 11 năm 2018"]),
    ("Kế hoạch số 155-KH/TU, ngày 15/6/2023", []),
    ("Hội Luật gia và Câu lạc bộ Hưu trí", []),
])
# fmt: on
def test_short_references(text: str, expected: list[str]) -> None:
    doc = parse_text(text)
    assert [s.text for s in doc.short_references] == expected
    assert all(not r for r in [] if expected)


# fmt: off
@pytest.mark.parametrize(("text", "own", "references"), [
    ("| ỦY BAN NHÂN DÂN TỈNH SƠN LA | Số: 254/QĐ-UBND | Sơn La, ngày 17 tháng 02 năm 2023 |\n\n"
     "Căn cứ Nghị định số 26/2020/NĐ-CP ngày 28/02/2020;", "254/QĐ-UBND", ["26/2020/NĐ-CP"]),
    ("THỊ ỦY LA GI\nSố 155-KH/TU\n\nLa Gi, ngày 15 tháng 6 năm 2023\n\nKẾ HOẠCH\n"
     "thực hiện Kết luận số 34-KL/TW, ngày 18/4/2022 của Bộ Chính trị", "155-KH/TU", ["34-KL/TW"]),
    ("Số: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011\n\nCông văn số 847/UBND-VX1 ngày 22 tháng 3"
     " năm 2011", "454/UBND-NCTH", ["847/UBND-VX1"]),
    ("ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố:\n06/2024/QĐ-UBND\n\nQUYẾT ĐỊNH\n\nCăn cứ Nghị định số"
     " 30/2020/NĐ-CP;", "06/2024/QĐ-UBND", ["30/2020/NĐ-CP"]),
    # a stamped number read by pdftotext apart from the symbol typed around it
    ("UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: 181\n\n/BC-SNV\n\nBÁO CÁO\nTổng kết thực hiện Quyết định"
     " số 787/QĐ-UBND ngày 20/3/2024", "181/BC-SNV", ["787/QĐ-UBND"]),
    ("THỊ ỦY LA GI\nSố 155\n-KH/TU\n\nLa Gi, ngày 15 tháng 6 năm 2023\n\nKẾ HOẠCH\n"
     "thực hiện Kết luận số 34-KL/TW, ngày 18/4/2022 của Bộ Chính trị", "155-KH/TU", ["34-KL/TW"]),
])
# fmt: on
def test_header_number_is_the_documents_own(text: str, own: str, references: list[str]) -> None:
    doc = parse_text(text)
    assert doc.identity.symbol is not None
    assert doc.identity.symbol.canonical == own
    assert [r.symbol.canonical for r in doc.references] == references


def test_short_reference_ties_to_the_numbered_one() -> None:
    text = (
        "Thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng (sau đây"
        " gọi tắt là Kết luận 21). Quán triệt Kết luận 21 và Chỉ thị 35. Nghị quyết số 15-NQ/TW,"
        " ngày 30/7/2007; Nghị quyết số 15-NQ/TW, ngày 10/6/2012; Nghị quyết 15."
    )
    doc = parse_text(text)
    assert [(s.text, s.refers_to) for s in doc.short_references] == [
        ("Kết luận 21", 0), ("Kết luận 21", 0), ("Chỉ thị 35", None), ("Nghị quyết 15", None),
    ]


def test_direction_marks_inside_symbols_do_not_hide_references() -> None:
    from vanban import parse_text

    text = (
        "Thực hiện Kế hoạch số 15\u200f5-KH/TU, ngày 15/6/2023 và Kế hoạch số 16-KH\u202e/TU, "
        "ngày 16/6/2023 của Ban Thường vụ Thị ủy."
    )
    found = [(r.symbol.canonical, r.date) for r in parse_text(text).references]
    assert found == [("155-KH/TU", "2023-06-15"), ("16-KH/TU", "2023-06-16")]


def test_five_and_six_digit_numbers_and_footnotes_past_999() -> None:
    from vanban import parse_text

    text = (
        "Văn bản[1000] và [1001].\n\n"
        "[1000] Thực hiện Kế hoạch số 10000-KH/TU, ngày 01/02/2023 của Ban Thường vụ Tỉnh ủy.\n"
        "[1001] Công văn số 123456/UBND-VX ngày 02/02/2023 của UBND tỉnh.\n"
    )
    document = parse_text(text)
    assert [(f.number, f.line) for f in document.footnotes] == [(1000, 1), (1001, 1)]
    found = [(r.symbol.canonical, r.date, r.footnote) for r in document.references]
    assert found == [
        ("10000-KH/TU", "2023-02-01", 1000),
        ("123456/UBND-VX", "2023-02-02", 1001),
    ]


HEAD = "TỈNH ỦY BÌNH THUẬN\nSố 66-KH/TU\n\nPhan Thiết, ngày 28 tháng 3 năm 2022\n\nKẾ HOẠCH\n"
# fmt: off
TITLES = [
    # the title in sentence case right under the kind line: the plan implements the conclusion
    (HEAD + "Thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương\n\n"
            "Ban Thường vụ Tỉnh ủy ban hành kế hoạch như sau:\n",
     "Thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương", [(-1, 0, "implements")]),
    # in lower case, as most titles are written
    (HEAD + "thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương\n\nNội dung:\n",
     "thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương", [(-1, 0, "implements")]),
    # no title: the text opens right under the kind line, a sentence ending in ":"
    (HEAD + "Thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương, Ban Thường vụ "
            "Tỉnh ủy ban hành kế hoạch như sau:\n",
     None, []),
    # Word's paragraphs: a blank line between the kind line and the title, and after it
    (HEAD + "\nthực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương\n\n"
            "Ban Thường vụ Tỉnh ủy ban hành kế hoạch như sau:\n",
     "thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương", [(-1, 0, "implements")]),
    (HEAD + "\nThực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương, Ban "
            "Thường vụ Tỉnh ủy ban hành kế hoạch như sau:\n",
     None, []),
    # Word's paragraphs: a title line that ends with a comma goes on in the next paragraph
    (HEAD + "thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương,\n\n"
            "về công tác kiểm tra, giám sát\n\nBan Thường vụ Tỉnh ủy ban hành kế hoạch như sau:\n",
     "thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương, về công tác "
     "kiểm tra, giám sát", [(-1, 0, "implements")]),
]
# fmt: on


@pytest.mark.parametrize(("text", "title", "relations"), TITLES)
def test_title_under_the_kind_line(
    text: str, title: str | None, relations: list[tuple[int, int, str]]
) -> None:
    document = parse_text(text)
    assert document.identity.title == title
    assert [(r.source, r.target, r.relation) for r in document.relations] == relations


@pytest.mark.parametrize(
    ("text", "words", "shorts"),
    [
        (
            "Thực hiện Chỉ thị 35 và Thông báo kết luận 125 của Bộ Chính trị; Kế hoạch số "
            "157-KH, Nghị quyết số 57",
            ["chi thi ", "thong bao ket luan ", "ke hoach ", "nghi quyet "],
            ["chi thi 35", "thong bao ket luan 125", "nghi quyet so 57"],
        ),
        (
            "Kế  hoạch số 5 và kếhoạch 6, Chương trình\nhành động 7",
            ["ke  hoach ", "chuong trinh\nhanh dong "],
            ["ke  hoach so 5", "chuong trinh\nhanh dong 7"],
        ),
        ("(Quy định 37)", ["quy dinh "], ["quy dinh 37"]),
    ],
)
def test_kind_words_are_found_by_one_scan_as_by_a_full_search(
    text: str, words: list[str], shorts: list[str]
) -> None:
    from vanban.core.vocabulary import fold
    from vanban.parser.patterns import KIND_WORD, SHORT_NUMBERED
    from vanban.parser.references import Region, at_kind_words, kind_starts

    folded = fold(text)
    region = Region(text, folded, text, 0, len(text), None, kind_starts(folded))
    for pattern, expected in ((KIND_WORD, words), (SHORT_NUMBERED, shorts)):
        scanned = [m.group() for m in at_kind_words(pattern, region)]
        assert scanned == [m.group() for m in pattern.finditer(folded)]
        assert scanned == expected


# fmt: off
NOT_DOCUMENTS = [
    ("quyết toán A - B theo Mẫu số 01/QTDA ban hành kèm theo Nghị định này", []),
    ("chủ đầu tư có văn bản (theo Mẫu số 02/QTDA ban hành kèm theo Nghị định này)", []),
    ("Giấy chứng nhận hợp quy phù hợp QCVN 16:2023/BXD ban hành kèm theo Thông tư số 04/2023/TT-BXD",
     ["04/2023/TT-BXD"]),
    ("thiết kế theo TCVN 9362:2012 và Nghị định số 15/2021/NĐ-CP", ["15/2021/NĐ-CP"]),
    ("các biểu tại Phụ lục số 03/PL kèm theo Quyết định số 12/QĐ-UBND", ["12/QĐ-UBND"]),
    # Lists of forms: every number of the list is a form, the document after them is not.
    ("Tổ bầu cử lập biên bản theo các Mẫu số 18/HĐBC, 19/HĐBC và 20/HĐBC kèm theo Nghị quyết này",
     []),
    ("lập hồ sơ theo các mẫu: 03/QTDA,04/QTDA; mẫu số 05/QTDA", []),
    ("theo Mẫu số 07/QTDA và Nghị định số 99/2021/NĐ-CP ngày 11/11/2021", ["99/2021/NĐ-CP"]),
    ("theo Mẫu số 0x/... kèm theo Nghị quyết này", []),
    # A table of a plan, a standard with letters in its number.
    ("tổng hợp theo Biểu số 04/TH kèm theo Kế hoạch này", []),
    ("nước thải đạt QCVN 40-MT:2011/BTNMT trước khi xả thải", []),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "expected"), NOT_DOCUMENTS, ids=[f[0][:40] for f in NOT_DOCUMENTS]
)
def test_not_documents(text: str, expected: list[str]) -> None:
    assert [row["symbol"] for row in found(text, "symbol")] == expected


# fmt: off
SHARED_AND_TYPED = [
    # Numbers sharing one code name one document each.
    ("theo Kết luận số 14, 15-KL/TW ngày 5/3/2021 của Bộ Chính trị",
     [("14-KL/TW", "Kết luận", "2021-03-05"), ("15-KL/TW", "Kết luận", "2021-03-05")]),
    ("các Nghị quyết số 18, 19 và 20-NQ/TW",
     [("18-NQ/TW", "Nghị quyết", None), ("19-NQ/TW", "Nghị quyết", None),
      ("20-NQ/TW", "Nghị quyết", None)]),
    # A Party dash typed on a State code: read whole.
    ("theo Chỉ thị số 12-CT/TTg ngày 5/3/2024 của Thủ tướng Chính phủ",
     [("12-CT/TTg", "Chỉ thị", "2024-03-05")]),
    # A kind code of its own: a law named earlier is not its kind.
    ("theo Luật Luật sư năm 2006 và Đơn đề nghị hợp nhất số 258/ĐĐN-ĐLS ngày 27/11/2025",
     [("258/ĐĐN-ĐLS", None, "2025-11-27")]),
    ("theo Luật Tổ chức chính quyền địa phương số 77/2015/QH13", [("77/2015/QH13", "Luật", None)]),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "expected"), SHARED_AND_TYPED, ids=[f[0][:40] for f in SHARED_AND_TYPED]
)
def test_shared_numbers_and_typed_codes(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert [(row["symbol"], row["kind"], row["date"]) for row in found(text)] == expected
