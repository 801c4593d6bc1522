"""Write a deterministic corpus of directive-shaped documents for the benchmark.

    python benchmarks/generate.py OUT_FOLDER --documents 2000 [--seed 1]

Documents look like the samples: a header (Party or State), a kind and title, numbered
sections, references in the forms the parser reads (with and without "số", comma or not
before the date, long and short dates, spaced symbols, issuer before and after, lists with a
shared issuer, chains of "về thực hiện"), short references, and footnote bodies dropped at
page breaks in the middle of a paragraph. Numbers, dates, kinds and issuers vary with the seed;
the same seed and size give the same files.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PARTY_KINDS = [
    ("Kế hoạch", "KH"),
    ("Kết luận", "KL"),
    ("Nghị quyết", "NQ"),
    ("Chỉ thị", "CT"),
    ("Quy định", "QĐ"),
    ("Quyết định", "QĐ"),
    ("Chương trình hành động", "CTr"),
    ("Công văn", "CV"),
    ("Hướng dẫn", "HD"),
    ("Thông báo", "TB"),
    ("Quy chế", "QC"),
]
STATE_KINDS = [
    ("Nghị định", "NĐ-CP", True),
    ("Thông tư", "TT-BNV", True),
    ("Quyết định", "QĐ-TTg", True),
    ("Quyết định", "QĐ-UBND", False),
    ("Kế hoạch", "KH-UBND", False),
    ("Chỉ thị", "CT-TTg", False),
    ("Công văn", "UBND-VX", False),
    ("Thông tư liên tịch", "TTLT-BNV-BTC", True),
]
PARTY_ISSUERS = [
    ("TW", ["Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương Đảng"]),
    ("TU", ["Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Thị ủy", "Thường trực Tỉnh ủy", "Tỉnh ủy"]),
    ("HU", ["Ban Thường vụ Huyện ủy"]),
    ("BTGTU", ["Ban Tuyên giáo Tỉnh ủy"]),
]
STATE_ISSUERS = [
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Bộ Nội vụ",
    "UBND tỉnh",
    "Ủy ban nhân dân tỉnh",
]
FILLER = [
    "Tiếp tục đổi mới nội dung, phương thức hoạt động, hướng về địa bàn dân cư",
    "nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở đảng",
    "tăng cường công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "đẩy mạnh cải cách hành chính, chuyển đổi số trong các cơ quan",
    "thực hiện tốt công tác dân vận, củng cố khối đại đoàn kết toàn dân tộc",
    "bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội trên địa bàn",
]
ROMAN = ["I", "II", "III", "IV", "V"]


def _date(rng: random.Random, year: int | None = None) -> tuple[int, int, int]:
    return rng.randint(1, 28), rng.randint(1, 12), year or rng.randint(2010, 2024)


def _format_date(rng: random.Random, day: int, month: int, year: int) -> str:
    form = rng.randrange(5)
    if form == 0:
        return f"ngày {day:02d}/{month:02d}/{year}"
    if form == 1:
        return f"ngày {day}/{month}/{year}"
    if form == 2:
        return f"ngày {day} tháng {month} năm {year}"
    if form == 3:
        return f"ngày {day}-{month}-{year}"
    return f"ngày {day:02d} tháng {month:02d} năm {year}"


def _party_reference(rng: random.Random, dated: bool = True) -> str:
    kind, code = rng.choice(PARTY_KINDS)
    issuer_code, issuers = rng.choice(PARTY_ISSUERS)
    number = rng.randint(1, 1999)
    symbol = f"{number:02d}-{code}/{issuer_code}"
    if rng.random() < 0.05:
        symbol = f"{number} - {code}/{issuer_code}"
    so = rng.choice(["số ", "số ", "số ", "Số ", ""])
    text = f"{kind} {so}{symbol}"
    if dated:
        comma = "," if rng.random() < 0.8 else ""
        text += f"{comma} {_format_date(rng, *_date(rng))}"
    text += f" của {rng.choice(issuers)}"
    if issuer_code == "TW" and rng.random() < 0.3:
        text += f" (khóa {rng.choice(['XI', 'XII', 'XIII'])})"
    return text


def _state_reference(rng: random.Random, dated: bool = True) -> str:
    kind, code, normative = rng.choice(STATE_KINDS)
    day, month, year = _date(rng)
    number = rng.randint(1, 4999)
    symbol = f"{number}/{year}/{code}" if normative else f"{number}/{code}"
    text = f"{kind} số {symbol}"
    if dated:
        text += f" {_format_date(rng, day, month, year)}"
    return text + f" của {rng.choice(STATE_ISSUERS)}"


def _reference(rng: random.Random) -> str:
    dated = rng.random() < 0.85
    return _party_reference(rng, dated) if rng.random() < 0.6 else _state_reference(rng, dated)


def _sentence(rng: random.Random) -> str:
    form = rng.randrange(6)
    if form == 0:
        return f"Tiếp tục thực hiện {_reference(rng)} về {rng.choice(FILLER)}."
    if form == 1:
        return (
            f"Triển khai {_party_reference(rng)} về thực hiện {_party_reference(rng)}"
            f" về thực hiện {_party_reference(rng, dated=False)}."
        )
    if form == 2:
        return f"Căn cứ {_state_reference(rng)}; {_state_reference(rng)};"
    if form == 3:
        kind, code = rng.choice(PARTY_KINDS)
        a, b = rng.randint(1, 900), rng.randint(1, 900)
        return (
            f"Thực hiện {kind} số {a}-{code}/TW, {_format_date(rng, *_date(rng))} và {kind}"
            f" số {b}-{code}/TW, {_format_date(rng, *_date(rng))} của Ban Bí thư."
        )
    if form == 4:
        plenum = rng.randint(4, 10)
        return f"Quán triệt Nghị quyết Trung ương {plenum} (khóa XIII), {rng.choice(FILLER)}."
    return f"{rng.choice(FILLER).capitalize()}, {rng.choice(FILLER)}."


def _prose(rng: random.Random) -> str:
    """A sentence without references: most of a real directive."""
    return f"{rng.choice(FILLER).capitalize()}; {rng.choice(FILLER)}, {rng.choice(FILLER)}."


def document(rng: random.Random, index: int) -> str:
    party = rng.random() < 0.6
    day, month, year = _date(rng, rng.randint(2015, 2024))
    number = rng.randint(1, 1500)
    lines: list[str] = []
    if party:
        code = rng.choice(["KH", "KL", "NQ", "BC"])
        lines += [
            "ĐẢNG BỘ TỈNH BÌNH THUẬN",
            "THỊ ỦY LA GI",
            "*",
            f"Số {number}-{code}/TU",
            "",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "",
            f"La Gi, ngày {day:02d} tháng {month} năm {year}",
            "",
        ]
        kind = {"KH": "KẾ HOẠCH", "KL": "KẾT LUẬN", "NQ": "NGHỊ QUYẾT", "BC": "BÁO CÁO"}[code]
        lines += [kind, f"thực hiện {_party_reference(rng)}", ""]
    else:
        lines += [
            "| ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập"
            " - Tự do - Hạnh phúc --------------- |",
            "|---|---|",
            f"| Số: {number}/QĐ-UBND | Bình Thuận, ngày {day:02d} tháng {month} năm {year} |",
            "",
            "QUYẾT ĐỊNH",
            "",
            f"Về việc thực hiện {_state_reference(rng)}",
            "",
        ]
    footnote = 1
    pending: list[str] = []
    for section in range(rng.randint(2, 4)):
        lines += [f"{ROMAN[section]}. NỘI DUNG {section + 1}", ""]
        for item in range(rng.randint(2, 4)):
            # About two references a kilobyte, as in the seed conclusion.
            sentences = [
                _sentence(rng) if rng.random() < 0.3 else _prose(rng)
                for _ in range(rng.randint(3, 8))
            ]
            paragraph = f"{item + 1}. " + " ".join(sentences)
            if rng.random() < 0.3:
                paragraph = paragraph.rstrip(".") + f"⁽{footnote}⁾."
                pending.append(f"⁽{footnote}⁾ Thực hiện {_reference(rng)}.")
                footnote += 1
            if pending and rng.random() < 0.5:
                # A page break drops the footnote bodies in the middle of the paragraph.
                cut = paragraph.find(" ", len(paragraph) // 2)
                lines += [paragraph[:cut], ""] + [p for body in pending for p in (body, "")]
                lines += [paragraph[cut + 1 :], ""]
                pending = []
            else:
                lines += [paragraph, ""]
    lines += [p for body in pending for p in (body, "")]
    lines += [
        "T/M BAN THƯỜNG VỤ" if party else "KT. CHỦ TỊCH",
        "PHÓ BÍ THƯ" if party else "PHÓ CHỦ TỊCH",
    ]
    return "\n".join(lines) + "\n"


def generate(folder: Path, documents: int, seed: int = 1) -> list[Path]:
    """Write ``documents`` files under ``folder`` (100 to a subfolder); return their paths."""
    rng = random.Random(seed)
    paths = []
    for index in range(documents):
        path = folder / f"part{index // 100:03d}" / f"doc{index:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document(rng, index), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.folder, args.documents, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {size / 1e6:.1f} MB in {args.folder}")


if __name__ == "__main__":
    main()
