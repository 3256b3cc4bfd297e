#!/usr/bin/env python3
"""Writes the Word report fixtures of `minhbach import report` under tests/fixtures/import-report/.

Run from anywhere (Python 3.11, standard library only; LibreOffice 7.4 `soffice` on PATH and
`iconv` for the TCVN3 case):

    python3 scripts/make-report-fixtures.py            # every case
    python3 scripts/make-report-fixtures.py images-vni # only the named cases

Every case is a self-assessment report in an official form, written here as HTML (or as flat
ODT, `source.fodt`, where HTML cannot say it: tracked changes, a table-of-contents field,
headers and footers, a text box, runs in the `.VnTime` fonts). LibreOffice converts each
source to `report.docx` and `report.doc`, as a school's office program saves them; the
sources and the converted files are committed together. `expect.toml` says what the import
must give: school, year, framework, claimed level, `[results]` (the shape of a report's front
matter), `[level4]`, the evidence codes listed, the findings of the import and of `check`, and
texts that must (`must_contain`) or must not (`must_not_contain`) reach the written report.

Criteria, titles and requirement texts come from the catalogs in `regulation/` (never retyped);
the framework of each case is chosen as `check` chooses it for a draft (school level, school
year, the site's `build_date`, `regulation/selection.toml`). The schools live in the small site
`tests/fixtures/import-report/site/`, written here too. Every school, person and decision is
fictional. LibreOffice runs with a private profile so that it neither needs nor touches the
user's. Re-runnable: each case folder is rewritten (only the named ones, when cases are named).
"""

import base64
import datetime as dt
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "import-report"
SITE = OUT / "site"
PROFILE = "-env:UserInstallation=file:///tmp/lo-profile-report-fixtures"
BUILD_DATE = dt.date(2026, 11, 23)

# ---------------------------------------------------------------------------------------------
# The site and its schools.
# ---------------------------------------------------------------------------------------------

CONFIG = f"""# The site the Word report fixtures are imported into (scripts/make-report-fixtures.py).
title = "Công khai kiểm định chất lượng giáo dục"
authority = "Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm"
province = "Thử Nghiệm"
base_url = "https://kiemdinh.example.gov.vn"
theme = "default"
language = "vi"
build_date = {BUILD_DATE.isoformat()}
minify = false
expiry_warning_days = 180
"""

SCHOOLS = {
    "th-dinh-bo-linh": ("75000701", "Trường Tiểu học Đinh Bộ Lĩnh", "tieu-hoc", "Phường Trấn Biên"),
    "thcs-le-loi": ("75000802", "Trường Trung học cơ sở Lê Lợi", "thcs", "Xã Trảng Bom"),
    "thpt-nguyen-trai": ("75000903", "Trường Trung học phổ thông Nguyễn Trãi", "thpt", "Phường Long Khánh"),
    "mn-hoa-sen": ("75000604", "Trường Mầm non Hoa Sen", "mam-non", "Xã Định Quán"),
    "mn-son-ca": ("75000605", "Trường Mẫu giáo Sơn Ca", "mam-non", "Xã Tân Phú"),
    "thpt-tran-phu": ("75000906", "Trường Trung học phổ thông Trần Phú", "thpt", "Phường Bình Lộc"),
    "th-kim-dong": ("75000707", "Trường Tiểu học Kim Đồng", "tieu-hoc", "Xã Long Thành"),
}


def write_site():
    if SITE.exists():
        shutil.rmtree(SITE)
    (SITE / "content" / "schools").mkdir(parents=True)
    (SITE / "config.toml").write_text(CONFIG, encoding="utf-8")
    for slug, (sid, name, level, commune) in SCHOOLS.items():
        d = SITE / "content" / "schools" / slug
        d.mkdir()
        (d / "school.toml").write_text(
            f'id = "{sid}"\nname = "{name}"\nlevel = "{level}"\ncommune = "{commune}"\n', encoding="utf-8"
        )


# ---------------------------------------------------------------------------------------------
# Catalogs and the rules that turn results into a level.
# ---------------------------------------------------------------------------------------------


def load_frameworks():
    out = {}
    for f in sorted((ROOT / "regulation").glob("tt*.toml")):
        for fw in tomllib.loads(f.read_text(encoding="utf-8")).get("frameworks", []):
            out[fw["id"]] = fw
    return out


FRAMEWORKS = load_frameworks()
SELECTION = tomllib.loads((ROOT / "regulation" / "selection.toml").read_text(encoding="utf-8"))


def framework_of(level, year):
    """The framework `check` gives a draft of `level` for `year` on BUILD_DATE."""
    first = int(year[:4])
    for era in SELECTION["era"]:
        if "last_school_year" in era and first > int(era["last_school_year"][:4]):
            continue
        if "first_school_year" in era and first < int(era["first_school_year"][:4]):
            continue
        if "approved_before" in era and BUILD_DATE >= era["approved_before"]:
            continue
        if "approved_from" in era and BUILD_DATE < era["approved_from"]:
            continue
        return era["frameworks"][level]
    raise SystemExit(f"no framework for {level} {year}")


def criteria(fw):
    """[(standard number, standard title, [criterion dict])]."""
    return [(s["number"], s["title"], s["criteria"]) for s in fw["standards"]]


def max_level(fw, c):
    if fw["id"].startswith("tt57"):
        return 2
    return max(c.get("levels_defined") or [1, 2, 3])


def computed_level(fw, results, level4):
    """The school's level under the catalog rules of regulation.md."""
    crits = [c for _, _, cs in criteria(fw) for c in cs]
    lv = {k: (v if isinstance(v, int) else v["level"]) for k, v in results.items()}
    if fw["id"].startswith("tt57"):
        mand = [c["id"] for c in crits if c.get("mandatory") is True]
        other = [c["id"] for c in crits if c.get("mandatory") is not True]
        if all(lv[m] == 2 for m in mand) and sum(lv[o] == 2 for o in other) >= 5 and min(lv.values()) >= 1:
            return 2
        if all(lv[m] >= 1 for m in mand) and sum(lv[o] >= 1 for o in other) >= 5:
            return 1
        return 0
    reached = 0
    for n in (1, 2, 3):
        if all(lv[c["id"]] >= min(n, max_level(fw, c)) for c in crits):
            reached = n
    if reached == 3 and level4 and len(level4) == len(fw["level4_criteria"]) and all(level4.values()):
        return 4
    return reached


def make_results(fw, lowered=None, notes=None):
    """Each criterion at its highest level, except `lowered` {id: level}; `notes` {id: reason}."""
    lowered = lowered or {}
    notes = notes or {}
    out = {}
    for _, _, cs in criteria(fw):
        for c in cs:
            lv = lowered.get(c["id"], max_level(fw, c))
            out[c["id"]] = {"level": lv, "note": notes[c["id"]]} if c["id"] in notes else lv
    return out


def level_of(results, cid):
    v = results[cid]
    return v if isinstance(v, int) else v["level"]


# ---------------------------------------------------------------------------------------------
# A small document model rendered as HTML.
# ---------------------------------------------------------------------------------------------


def cell(text, colspan=1, rowspan=1, bold=False):
    return {"text": text, "colspan": colspan, "rowspan": rowspan, "bold": bold}


def html_table(rows):
    out = ['<table border="1" cellspacing="0" cellpadding="4">']
    for row in rows:
        out.append("<tr>")
        for c in row:
            if not isinstance(c, dict):
                c = cell(c)
            attrs = ""
            if c["colspan"] > 1:
                attrs += f' colspan="{c["colspan"]}"'
            if c["rowspan"] > 1:
                attrs += f' rowspan="{c["rowspan"]}"'
            text = escape(c["text"])
            if c["bold"]:
                text = f"<b>{text}</b>"
            out.append(f"<td{attrs}>{text}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


class Html:
    def __init__(self, title):
        self.parts = [
            "<!DOCTYPE html>",
            '<html lang="vi"><head><meta charset="utf-8">',
            f"<title>{escape(title)}</title>",
            "<style>body{font-family:'Times New Roman';font-size:13pt} .c{text-align:center}</style>",
            "</head><body>",
        ]

    def p(self, text, bold=False, center=False):
        t = escape(text)
        if bold:
            t = f"<b>{t}</b>"
        cls = ' class="c" align="center"' if center else ""
        self.parts.append(f"<p{cls}>{t}</p>")

    def h(self, level, text):
        self.parts.append(f"<h{level}>{escape(text)}</h{level}>")

    def table(self, rows):
        self.parts.append(html_table(rows))

    def pagebreak(self):
        self.parts.append('<p style="page-break-before: always"></p>')

    def text(self):
        return "\n".join(self.parts + ["</body></html>"]) + "\n"


# ---------------------------------------------------------------------------------------------
# Pieces shared by the forms.
# ---------------------------------------------------------------------------------------------

BOX = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5}


def codes_2018(cid, n=2):
    s, _ = cid.split(".")
    return [f"H{BOX[int(s)]}-{cid}-{i:02d}" for i in range(1, n + 1)]


def codes_57(cid, n=2):
    return [f"MC.{cid}.{i:02d}" for i in range(1, n + 1)]


EVIDENCE_NAMES = [
    "Kế hoạch năm học của nhà trường",
    "Biên bản họp hội đồng trường",
    "Quyết định thành lập tổ chuyên môn",
    "Báo cáo tổng kết năm học",
]


def evidence_rows_2018(fw, codes_by_crit, school_short):
    rows = [
        [
            cell("TT", bold=True),
            cell("Mã minh chứng", bold=True),
            cell("Tên minh chứng", bold=True),
            cell("Số/ngày ban hành, hoặc thời điểm khảo sát, điều tra, phỏng vấn, quan sát", bold=True),
            cell("Nơi ban hành hoặc nhóm, cá nhân thực hiện", bold=True),
            cell("Ghi chú", bold=True),
        ]
    ]
    tt = 0
    for cid, codes in codes_by_crit.items():
        rows.append([cell(f"Tiêu chí {cid}", colspan=6, bold=True)])
        for i, code in enumerate(codes):
            tt += 1
            rows.append(
                [
                    str(tt),
                    f"[{code}]",
                    f"{EVIDENCE_NAMES[(tt + i) % 4]} (tiêu chí {cid})",
                    f"{tt}/KH-{school_short}, 05/9/2024",
                    school_short,
                    "",
                ]
            )
    return rows


def summary_rows_2018(fw, results, mark="x", note_col=False):
    head1 = [cell("Tiêu chuẩn, tiêu chí", rowspan=3, bold=True), cell("Kết quả", colspan=4, bold=True)]
    head2 = [cell("Không đạt", rowspan=2, bold=True), cell("Đạt", colspan=3, bold=True)]
    head3 = [cell("Mức 1", bold=True), cell("Mức 2", bold=True), cell("Mức 3", bold=True)]
    if note_col:
        head1.append(cell("Ghi chú", rowspan=3, bold=True))
    rows = [head1, head2, head3]
    width = 6 if note_col else 5
    for num, title, cs in criteria(fw):
        rows.append([cell(f"Tiêu chuẩn {num}", colspan=width, bold=True)])
        for c in cs:
            lv = level_of(results, c["id"])
            marks = ["x" if lv == 0 else ""] + [mark if lv >= n else "" for n in (1, 2, 3)]
            row = [f"Tiêu chí {c['id']}"] + marks
            if note_col:
                v = results[c["id"]]
                row.append("" if isinstance(v, int) else v["note"])
            rows.append(row)
    return rows


def level4_rows(fw, level4):
    rows = [[cell("Tiêu chí Mức 4", bold=True), cell("Đạt", bold=True), cell("Không đạt", bold=True)]]
    for item in fw["level4_criteria"]:
        ok = level4[str(item["number"])]
        rows.append([f"Tiêu chí {item['number']}", "x" if ok else "", "" if ok else "x"])
    return rows


def cover(doc, sid, name, year, authority, with_id=True, year_text=None):
    doc.p(authority.upper(), bold=True, center=True)
    doc.p(name.upper(), bold=True, center=True)
    if with_id:
        doc.p(f"Mã trường: {sid}", center=True)
    doc.p("BÁO CÁO TỰ ĐÁNH GIÁ", bold=True, center=True)
    doc.p(year_text or f"Năm học {year}", bold=True, center=True)
    doc.p("Tháng 5 năm " + year[5:], center=True)


def level_phrase(n):
    return f"đạt Mức {n}" if n > 0 else "không đạt Mức 1"


# ---------------------------------------------------------------------------------------------
# Cases.
# ---------------------------------------------------------------------------------------------


def case_th_2018():
    slug, year = "th-dinh-bo-linh", "2024-2025"
    sid, name, level, _ = SCHOOLS[slug]
    fw = FRAMEWORKS[framework_of(level, year)]
    results = make_results(fw, lowered={"2.2": 2, "4.1": 2})
    level4 = {str(i["number"]): i["number"] != 3 for i in fw["level4_criteria"]}
    claimed = computed_level(fw, results, level4)
    doc = Html("Báo cáo tự đánh giá")
    cover(doc, sid, name, year, "UBND phường Trấn Biên")
    doc.pagebreak()
    doc.h(1, "MỤC LỤC")
    doc.p("Nội dung ........ Trang")
    doc.h(1, "DANH MỤC CÁC CHỮ VIẾT TẮT")
    doc.table([["CSVC", "Cơ sở vật chất"], ["GV", "Giáo viên"], ["HS", "Học sinh"]])
    doc.h(1, "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ")
    doc.p("1. Kết quả đánh giá (Đánh dấu (x) vào ô kết quả tương ứng Không đạt hoặc Đạt)")
    doc.p("1.1. Đánh giá tiêu chí Mức 1, 2 và 3", bold=True)
    doc.table(summary_rows_2018(fw, results))
    doc.p("1.2. Đánh giá tiêu chí Mức 4", bold=True)
    doc.table(level4_rows(fw, level4))
    doc.p(f"2. Kết quả: Đạt Mức {claimed}", bold=True)
    doc.h(1, "Phần I. CƠ SỞ DỮ LIỆU")
    doc.table([["Năm học", "Số lớp", "Số học sinh"], ["2024-2025", "22", "762"]])
    doc.h(1, "Phần II. TỰ ĐÁNH GIÁ")
    doc.h(2, "A. ĐẶT VẤN ĐỀ")
    doc.p("Nhà trường thực hiện tự đánh giá theo hướng dẫn của Công văn số 5932/BGDĐT-QLCL.")
    doc.h(2, "B. TỰ ĐÁNH GIÁ")
    doc.h(3, "I. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 1, 2 VÀ 3")
    evidence = {}
    for num, title, cs in criteria(fw):
        doc.h(3, f"Tiêu chuẩn {num}: {title}")
        doc.h(4, "Mở đầu")
        doc.p(f"Tiêu chuẩn {num} gồm {len(cs)} tiêu chí.")
        for c in cs:
            cid = c["id"]
            codes = codes_2018(cid)
            evidence[cid] = codes
            doc.h(3, f"Tiêu chí {cid}: {c['title']}")
            for n in (1, 2, 3):
                if c.get(f"level{n}"):
                    doc.p(f"Mức {n}")
                    doc.p(c[f"level{n}"])
            doc.h(4, "1. Mô tả hiện trạng")
            cites = "".join(f"[{k}]" for k in codes)
            extra = " [H1-1.1-01]" if cid == "5.1" else ""
            doc.p(f"Mức 1: Nhà trường thực hiện đầy đủ yêu cầu của tiêu chí {cid} {cites}.{extra}")
            doc.h(4, "2. Điểm mạnh")
            doc.p("Nhà trường thực hiện nghiêm túc, đúng quy định.")
            doc.h(4, "3. Điểm yếu")
            doc.p("Hồ sơ lưu trữ có lúc chưa khoa học.")
            doc.h(4, "4. Kế hoạch cải tiến chất lượng")
            doc.p("Năm học 2025-2026, Hiệu trưởng chỉ đạo rà soát hồ sơ theo từng học kỳ.")
            doc.h(4, f"5. Tự đánh giá: Đạt Mức {level_of(results, cid)}")
        doc.h(4, f"Kết luận về Tiêu chuẩn {num}")
        doc.p(f"Tiêu chuẩn {num} có {len(cs)} tiêu chí được đánh giá.")
    doc.h(3, "II. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 4")
    for item in fw["level4_criteria"]:
        n = item["number"]
        doc.h(4, f"Tiêu chí {n}")
        doc.p(item["text"])
        doc.p("1. Mô tả hiện trạng", bold=True)
        doc.p("Nhà trường đã thực hiện nội dung của tiêu chí.")
        doc.p(f"5. Tự đánh giá: {'Đạt' if level4[str(n)] else 'Không đạt'}", bold=True)
    doc.h(2, "C. KẾT LUẬN CHUNG")
    doc.p(f"Đối chiếu với quy định, nhà trường tự đánh giá {level_phrase(claimed)}.")
    doc.h(1, "Phần III. PHỤ LỤC")
    doc.h(2, "DANH MỤC MÃ MINH CHỨNG")
    doc.table(evidence_rows_2018(fw, evidence, "TH Đinh Bộ Lĩnh"))
    return dict(
        slug=slug, year=year, fw=fw, results=results, level4=level4, claimed=claimed,
        evidence=[k for v in evidence.values() for k in v], html=doc.text(),
        exercises="2018 form (CV 5932), Heading styles, summary table with merged header, Mức 4 table "
        "and part, back-to-back codes, evidence list with group rows",
    )


def case_thcs_2018_bold():
    slug, year = "thcs-le-loi", "2023-2024"
    sid, name, level, _ = SCHOOLS[slug]
    fw = FRAMEWORKS[framework_of(level, year)]
    reason = "Chưa đạt Mức 2: phòng học bộ môn chưa đủ theo quy định"
    results = make_results(fw, lowered={c["id"]: min(2, max_level(fw, c)) for _, _, cs in criteria(fw) for c in cs})
    results["3.3"] = {"level": 1, "note": reason}
    claimed = computed_level(fw, results, None)
    doc = Html("Báo cáo tự đánh giá")
    # No mã trường on this cover: the school is found by its name.
    cover(doc, sid, name, year, "UBND xã Trảng Bom", with_id=False, year_text=f"NĂM HỌC {year[:4]} - {year[5:]}")
    doc.p("MỤC LỤC", bold=True, center=True)
    doc.p("BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ", bold=True, center=True)
    doc.table(summary_rows_2018(fw, results, mark="X", note_col=True))
    doc.p("PHẦN II. TỰ ĐÁNH GIÁ", bold=True)
    doc.p("I. ĐẶT VẤN ĐỀ", bold=True)
    doc.p("Trường được thành lập năm 1990.")
    doc.p("II. TỰ ĐÁNH GIÁ", bold=True)
    evidence = {}
    for num, title, cs in criteria(fw):
        doc.p(f"Tiêu chuẩn {num}: {title}", bold=True)
        doc.p("Mở đầu:", bold=True)
        doc.p("Nhà trường thực hiện tốt tiêu chuẩn này.")
        for c in cs:
            cid = c["id"]
            local = cid.split(".")[1]
            codes = codes_2018(cid)
            evidence[cid] = codes
            # Older numbering: criterion numbered within its standard.
            doc.p(f"Tiêu chí {local}: {c['title']}", bold=True)
            doc.p("1. Mô tả hiện trạng", bold=True)
            doc.p(f"Nhà trường đáp ứng yêu cầu của tiêu chí [{codes[0]}][{codes[1]}].")
            doc.p("2. Điểm mạnh", bold=True)
            doc.p("Thực hiện đúng quy định.")
            doc.p("3. Điểm yếu", bold=True)
            doc.p("Còn một số hạn chế nhỏ.")
            doc.p("4. Kế hoạch cải tiến chất lượng", bold=True)
            doc.p("Tiếp tục duy trì và phát huy.")
            doc.p(f"5. Tự đánh giá: Đạt Mức {level_of(results, cid)}", bold=True)
            if cid == "3.3":
                doc.p(f"Lý do: {reason}")
        doc.p(f"Kết luận về Tiêu chuẩn {num}:", bold=True)
        doc.p("Nhà trường cơ bản đáp ứng các yêu cầu.")
    doc.p("III. KẾT LUẬN CHUNG", bold=True)
    doc.p(f"Nhà trường tự đánh giá {level_phrase(claimed)}.")
    doc.p("PHẦN III. PHỤ LỤC", bold=True)
    doc.p("Danh mục mã minh chứng", bold=True)
    doc.table(evidence_rows_2018(fw, evidence, "THCS Lê Lợi"))
    return dict(
        slug=slug, year=year, fw=fw, results=results, level4=None, claimed=claimed,
        evidence=[k for v in evidence.values() for k in v], html=doc.text(),
        exercises="2018 form, headings as bold numbered paragraphs, old numbering (Tiêu chí 1 under "
        "Tiêu chuẩn 3 = 3.1), school found by name (no mã trường), 'NĂM HỌC 2023 - 2024', one criterion "
        "below its highest level with a reason (Ghi chú column and 'Lý do:' line)",
    )


def form57(slug, year, lowered, merged):
    sid, name, level, _ = SCHOOLS[slug]
    fw = FRAMEWORKS[framework_of(level, year)]
    results = make_results(fw, lowered=lowered)
    claimed = computed_level(fw, results, None)
    doc = Html("Báo cáo tự đánh giá")
    cover(doc, sid, name, year, "Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm")
    doc.h(1, "Mục lục")
    doc.h(1, "Phần I. TỔNG QUAN")
    doc.p("Nhà trường có 30 lớp. Năm học " + year + ", nhà trường thực hiện tự đánh giá theo Thông tư số 57/2026/TT-BGDĐT.")
    doc.h(1, "Phần II. TỰ ĐÁNH GIÁ")
    evidence = []
    for num, title, cs in criteria(fw):
        doc.h(2, f"Tiêu chuẩn {num}. {title}")
        for c in cs:
            cid = c["id"]
            lv = level_of(results, cid)
            codes = codes_57(cid, 3)
            evidence += codes
            doc.h(3, f"Tiêu chí {cid}. {c['title']}")
            head = [cell("Mức", bold=True), cell("Hiện trạng, kết quả", bold=True), cell("Đánh giá", bold=True)]
            m1 = f"Nhà trường đáp ứng yêu cầu Mức 1 ({codes[0]}, {codes[1]})."
            m2 = f"Nhà trường thực hiện yêu cầu Mức 2 ({codes[2]})."
            d1 = "Đạt" if lv >= 1 else "Không đạt"
            d2 = "Đạt" if lv >= 2 else "Không đạt"
            if merged:
                # Mức 1 over two rows (two indicators), its Đánh giá merged over both.
                rows = [
                    head,
                    [cell("Mức 1", rowspan=2), f"a) {m1}", cell(d1, rowspan=2)],
                    ["b) Kết quả thực hiện được lưu trong hồ sơ của nhà trường."],
                    ["Mức 2", m2, d2],
                ]
            else:
                rows = [head, ["Mức 1", m1, d1], ["Mức 2", m2, d2]]
            doc.table(rows)
        doc.h(3, f"Đánh giá chung Tiêu chuẩn {num}")
        doc.h(4, "Điểm mạnh nổi bật")
        doc.p("Nhà trường có đội ngũ tâm huyết.")
        doc.h(4, "Điểm hạn chế")
        doc.p("Cơ sở vật chất còn thiếu.")
        doc.h(4, "Định hướng cải tiến")
        doc.p("Tham mưu đầu tư cơ sở vật chất.")
        small = [[cell("Tiêu chí", bold=True), cell("Mức 1", bold=True), cell("Mức 2", bold=True)]]
        for c in cs:
            lv = level_of(results, c["id"])
            small.append([f"Tiêu chí {c['id']}", "Đạt" if lv >= 1 else "Không đạt", "Đạt" if lv >= 2 else "Không đạt"])
        doc.table(small)
    doc.h(1, "Phần III. KẾT LUẬN")
    if merged:
        rows = [
            [cell("TT", rowspan=2, bold=True), cell("Tiêu chí", rowspan=2, bold=True), cell("Kết quả", colspan=2, bold=True)],
            [cell("Mức 1", bold=True), cell("Mức 2", bold=True)],
        ]
    else:
        rows = [[cell("TT", bold=True), cell("Tiêu chí", bold=True), cell("Mức 1", bold=True), cell("Mức 2", bold=True)]]
    tt = 0
    for num, title, cs in criteria(fw):
        if merged:
            rows.append([cell(f"Tiêu chuẩn {num}. {title}", colspan=4, bold=True)])
        for c in cs:
            tt += 1
            lv = level_of(results, c["id"])
            rows.append([str(tt), f"Tiêu chí {c['id']}", "Đạt" if lv >= 1 else "Không đạt", "Đạt" if lv >= 2 else "Không đạt"])
    doc.table(rows)
    doc.p(f"Căn cứ khoản 3 Điều 5 Thông tư số 57/2026/TT-BGDĐT, nhà trường tự đánh giá {level_phrase(claimed)}.")
    doc.h(1, "Phần IV. PHỤ LỤC")
    doc.h(2, "Danh mục minh chứng")
    ev = [[cell(h, bold=True) for h in ("TT", "Mã minh chứng", "Tên minh chứng", "Định dạng/vị trí lưu trữ hoặc đường dẫn", "Ghi chú")]]
    std = None
    for i, code in enumerate(evidence, 1):
        s = code.split(".")[1]
        if merged and s != std:
            std = s
            ev.append([cell(f"Tiêu chuẩn {s}", colspan=5, bold=True)])
        ev.append([str(i), code, EVIDENCE_NAMES[i % 4], "Bản giấy, tủ hồ sơ kiểm định", ""])
    doc.table(ev)
    return dict(slug=slug, year=year, fw=fw, results=results, level4=None, claimed=claimed, evidence=evidence, html=doc.text())


def case_thpt_57():
    d = form57("thpt-nguyen-trai", "2026-2027", {"1.1": 1, "2.3": 1}, merged=False)
    d["exercises"] = ("Circular 57 form (Biểu 1 Phụ lục V), per-criterion Mức | Hiện trạng, kết quả | Đánh giá tables, "
                      "round-bracket codes, Đánh giá chung per standard, Phần III summary, 5-column evidence list")
    return d


def case_mn_57():
    d = form57("mn-hoa-sen", "2026-2027", {"1.2": 1}, merged=True)
    d["exercises"] = ("Circular 57 form for mầm non with merged cells: Mức 1 and its Đánh giá spanning two rows, "
                      "summary header 'Kết quả' over Mức 1 | Mức 2, standard rows across the summary and evidence tables")
    return d


def case_summary_only():
    slug, year = "thpt-tran-phu", "2025-2026"
    sid, name, level, _ = SCHOOLS[slug]
    fw = FRAMEWORKS[framework_of(level, year)]
    results = make_results(fw, lowered={c["id"]: min(2, max_level(fw, c)) for _, _, cs in criteria(fw) for c in cs})
    for cid in ("1.1", "2.1", "4.2"):
        results[cid] = 3
    claimed = computed_level(fw, results, None)
    doc = Html("Báo cáo tự đánh giá")
    cover(doc, sid, name, year, "Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm")
    doc.h(1, "MỤC LỤC")
    doc.h(1, "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ")
    doc.table(summary_rows_2018(fw, results, mark="✓"))
    doc.p(f"Kết quả: Đạt Mức {claimed}", bold=True)
    doc.h(1, "Phần II. TỰ ĐÁNH GIÁ")
    evidence = {}
    for num, title, cs in criteria(fw):
        doc.h(2, f"Tiêu chuẩn {num}: {title}")
        for c in cs:
            cid = c["id"]
            codes = codes_2018(cid, 1)
            evidence[cid] = codes
            doc.h(3, f"Tiêu chí {cid}: {c['title']}")
            doc.h(4, "1. Mô tả hiện trạng")
            doc.p(f"Nhà trường thực hiện đầy đủ các nội dung của tiêu chí [{codes[0]}].")
            doc.h(4, "2. Điểm mạnh")
            doc.p("Đúng quy định.")
            doc.h(4, "3. Điểm yếu")
            doc.p("Chưa có.")
            doc.h(4, "4. Kế hoạch cải tiến chất lượng")
            doc.p("Duy trì.")
    doc.h(1, "KẾT LUẬN CHUNG")
    doc.p(f"Nhà trường tự đánh giá {level_phrase(claimed)}.")
    doc.h(1, "Phần III. PHỤ LỤC")
    doc.h(2, "Danh mục mã minh chứng")
    doc.table(evidence_rows_2018(fw, evidence, "THPT Trần Phú"))
    return dict(
        slug=slug, year=year, fw=fw, results=results, level4=None, claimed=claimed,
        evidence=[k for v in evidence.values() for k in v], html=doc.text(),
        exercises="results only in the summary table (marks ✓, cumulative), no per-criterion Tự đánh giá lines",
    )


# ---------------------------------------------------------------------------------------------
# Flat ODT (tracked changes, TOC, header/footer, text box, legacy fonts).
# ---------------------------------------------------------------------------------------------

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" style:font-family-generic="roman"/>
 <style:font-face style:name=".VnTime" svg:font-family=".VnTime" style:font-family-generic="roman" style:font-charset="x-symbol"/>
 <style:font-face style:name=".VnTimeH" svg:font-family=".VnTimeH" style:font-family-generic="roman" style:font-charset="x-symbol"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties style:font-name="Times New Roman" fo:font-size="13pt"/></style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1" style:class="text"/>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2" style:class="text"/>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="3" style:class="text"/>
 <style:style style:name="Heading_20_4" style:display-name="Heading 4" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="4" style:class="text"/>
 <style:style style:name="Contents_20_1" style:display-name="Contents 1" style:family="paragraph" style:parent-style-name="Standard" style:class="index"/>
 <style:style style:name="Contents_20_2" style:display-name="Contents 2" style:family="paragraph" style:parent-style-name="Standard" style:class="index"/>
 <style:style style:name="Contents_20_Heading" style:display-name="Contents Heading" style:family="paragraph" style:parent-style-name="Heading" style:class="index"/>
 <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>
</office:styles>
<office:automatic-styles>
 <style:style style:name="TV" style:family="text"><style:text-properties style:font-name=".VnTime"/></style:style>
 <style:style style:name="TH" style:family="text"><style:text-properties style:font-name=".VnTimeH" fo:font-weight="bold"/></style:style>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="C" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/></style:style>
 <style:style style:name="fr1" style:family="graphic"><style:graphic-properties style:wrap="parallel" style:vertical-pos="top" style:horizontal-pos="right" fo:border="0.5pt solid #000000"/></style:style>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="2cm"/><style:header-style/><style:footer-style/></style:page-layout>
</office:automatic-styles>
"""


def x(t):
    return escape(t)


class Fodt:
    """Body paragraphs of a flat ODT; `enc` turns a text into the runs of one paragraph."""

    def __init__(self, enc=None, header=None, footer=None, head=FODT_HEAD):
        self.enc = enc or (lambda t, style=None: x(t))
        self.head = head
        self.body = []
        self.changes = []
        self.header = header
        self.footer = footer

    def p(self, text, style="Standard", raw=None):
        self.body.append(f'<text:p text:style-name="{style}">{raw if raw is not None else self.enc(text)}</text:p>')

    def h(self, level, text, raw=None):
        self.body.append(
            f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
            f"{raw if raw is not None else self.enc(text)}</text:h>"
        )

    def table(self, rows):
        n = max(len(r) for r in rows)
        out = [f'<table:table table:name="Bang{len(self.body)}"><table:table-column table:number-columns-repeated="{n}"/>']
        for r in rows:
            out.append("<table:table-row>")
            for c in r:
                out.append(f'<table:table-cell office:value-type="string"><text:p>{self.enc(c)}</text:p></table:table-cell>')
            out.append("</table:table-row>")
        out.append("</table:table>")
        self.body.append("".join(out))

    def insertion(self, text):
        cid = f"ct{len(self.changes) + 1}"
        self.changes.append(
            f'<text:changed-region xml:id="{cid}" text:id="{cid}"><text:insertion><office:change-info>'
            f"<dc:creator>Phó Hiệu trưởng</dc:creator><dc:date>2025-05-02T09:00:00</dc:date>"
            f"</office:change-info></text:insertion></text:changed-region>"
        )
        return f'<text:change-start text:change-id="{cid}"/>{x(text)}<text:change-end text:change-id="{cid}"/>'

    def deletion(self, text):
        cid = f"ct{len(self.changes) + 1}"
        self.changes.append(
            f'<text:changed-region xml:id="{cid}" text:id="{cid}"><text:deletion><office:change-info>'
            f"<dc:creator>Phó Hiệu trưởng</dc:creator><dc:date>2025-05-02T09:05:00</dc:date>"
            f"</office:change-info><text:p>{x(text)}</text:p></text:deletion></text:changed-region>"
        )
        return f'<text:change text:change-id="{cid}"/>'

    def text(self):
        master = ['<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">']
        if self.header:
            master.append(f'<style:header><text:p text:style-name="Header">{x(self.header)}</text:p></style:header>')
        if self.footer:
            master.append(
                f'<style:footer><text:p text:style-name="Footer">{x(self.footer)} '
                f'<text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>'
            )
        master.append("</style:master-page></office:master-styles>")
        tracked = ""
        if self.changes:
            tracked = '<text:tracked-changes text:track-changes="false">' + "".join(self.changes) + "</text:tracked-changes>"
        return (
            self.head + "".join(master) + "\n<office:body><office:text>\n" + tracked + "\n"
            + "\n".join(self.body) + "\n</office:text></office:body></office:document>\n"
        )


def tcvn3_chars(text):
    """The TCVN3 bytes of `text` as Word keeps them under a .VnTime font: each byte a Windows-1252
    character (the five bytes Windows-1252 leaves undefined are kept as the C1 code points)."""
    raw = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(), capture_output=True, check=True).stdout
    if any(b < 0x20 for b in raw):
        return None  # an upper-case letter with a tone mark: not in .VnTime, typed in .VnTimeH
    return "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in raw)


def vn(text, style="TV"):
    """A run in .VnTime (or .VnTimeH for capitals: the lower-case codes, ASCII typed in capitals)."""
    if style == "TH":
        chars = tcvn3_chars(text.lower())
        chars = "".join(ch.upper() if ch.isascii() else ch for ch in chars)
        return f'<text:span text:style-name="TH">{x(chars)}</text:span>'
    chars = tcvn3_chars(text)
    if chars is None:
        # A run Word would show in Times New Roman: Unicode, mixed in the same paragraph.
        return x(text)
    return f'<text:span text:style-name="TV">{x(chars)}</text:span>'


def case_tcvn3():
    slug, year = "mn-son-ca", "2022-2023"
    sid, name, level, _ = SCHOOLS[slug]
    fw = FRAMEWORKS[framework_of(level, year)]
    results = make_results(fw, lowered={"1.1": 2, "2.1": 2, "5.2": 1})
    claimed = computed_level(fw, results, None)
    doc = Fodt(enc=lambda t, style=None: vn(t) if t else "")
    doc.p("", "C", raw=vn("Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm", "TH"))
    doc.p("", "C", raw=vn(name, "TH"))
    doc.p(f"Mã trường: {sid}", "C")
    doc.p("", "C", raw=vn("Báo cáo tự đánh giá", "TH"))
    doc.p(f"Năm học {year}", "C")
    doc.h(1, "Mục lục")
    doc.h(1, "Phần II. Tự đánh giá")
    evidence = []
    first = True
    for num, title, cs in criteria(fw):
        if first:
            # The one .VnTimeH heading: capitals typed with the lower-case TCVN3 codes.
            doc.h(2, "", raw=vn(f"Tiêu chuẩn {num}: {title}", "TH"))
            first = False
        else:
            doc.h(2, f"Tiêu chuẩn {num}: {title}")
        for c in cs:
            cid = c["id"]
            codes = codes_2018(cid, 1)
            evidence += codes
            doc.h(3, f"Tiêu chí {cid}: {c['title']}")
            doc.h(4, "1. Mô tả hiện trạng")
            doc.p(f"Nhà trường thực hiện đầy đủ yêu cầu, có hồ sơ lưu trữ [{codes[0]}].")
            doc.h(4, "2. Điểm mạnh")
            doc.p("Đội ngũ giáo viên nhiệt tình, trách nhiệm.")
            doc.h(4, "3. Điểm yếu")
            doc.p("Cơ sở vật chất còn thiếu.")
            doc.h(4, "4. Kế hoạch cải tiến chất lượng")
            doc.p("Tham mưu với chính quyền địa phương đầu tư xây dựng.")
            doc.h(4, f"5. Tự đánh giá: Đạt Mức {level_of(results, cid)}")
    doc.h(1, "Kết luận chung")
    doc.p(f"Nhà trường tự đánh giá {level_phrase(claimed)}.")
    doc.h(1, "Phần III. Phụ lục")
    doc.h(2, "Danh mục mã minh chứng")
    rows = [["TT", "Mã minh chứng", "Tên minh chứng", "Số/ngày ban hành", "Nơi ban hành", "Ghi chú"]]
    for i, code in enumerate(evidence, 1):
        rows.append([str(i), f"[{code}]", "Kế hoạch năm học của nhà trường", f"{i}/KH-MGSC, 05/9/2022", "Trường Mẫu giáo Sơn Ca", ""])
    doc.table(rows)
    return dict(
        slug=slug, year=year, fw=fw, results=results, level4=None, claimed=claimed, evidence=evidence,
        fodt=doc.text(),
        must_contain=["Trường Mẫu giáo Sơn Ca", "Đội ngũ giáo viên nhiệt tình, trách nhiệm.", "Tham mưu với chính quyền địa phương"],
        # The same words as the TCVN3 bytes read as Windows-1252 (mojibake) must not remain.
        must_not_contain=[tcvn3_chars("Trường Mẫu giáo Sơn Ca"), tcvn3_chars("nhiệt tình, trách nhiệm")],
        import_findings=["import.legacy-text"],
        exercises="TCVN3 text in .VnTime runs (Windows-1252 characters of the TCVN3 bytes), cover and the first "
        "standard heading in .VnTimeH capitals, upper-case letters with tone marks left in Times New Roman (Unicode)",
    )


def case_tracked_toc():
    slug, year = "th-kim-dong", "2025-2026"
    sid, name, level, _ = SCHOOLS[slug]
    fw = FRAMEWORKS[framework_of(level, year)]
    results = make_results(fw, lowered={c["id"]: min(2, max_level(fw, c)) for _, _, cs in criteria(fw) for c in cs})
    claimed = computed_level(fw, results, None)
    doc = Fodt(header="ĐẦU TRANG: Báo cáo tự đánh giá Trường Tiểu học Kim Đồng", footer="CHÂN TRANG: Trang")
    doc.p(name.upper(), "C")
    doc.p(f"Mã trường: {sid}", "C")
    doc.p("BÁO CÁO TỰ ĐÁNH GIÁ", "C")
    doc.p(f"Năm học {year}", "C")
    # A real table-of-contents field, its entries as LibreOffice would have generated them.
    entries = []
    for num, title, cs in criteria(fw):
        entries.append(f'<text:p text:style-name="Contents_20_1">Tiêu chuẩn {num}: {x(title)}<text:tab/>{num + 2}</text:p>')
        for c in cs:
            entries.append(f'<text:p text:style-name="Contents_20_2">Tiêu chí {c["id"]}: {x(c["title"])} MỤC LỤC<text:tab/>{num + 2}</text:p>')
    doc.body.append(
        '<text:table-of-content text:style-name="Sect1" text:protected="true" text:name="Mục lục1">'
        '<text:table-of-content-source text:outline-level="3"><text:index-title-template text:style-name="Contents_20_Heading">Mục lục</text:index-title-template>'
        + "".join(
            f'<text:table-of-content-entry-template text:outline-level="{n}" text:style-name="Contents_20_{min(n, 2)}">'
            '<text:index-entry-link-start/><text:index-entry-chapter/><text:index-entry-text/><text:index-entry-tab-stop style:type="right" style:leader-char="."/>'
            "<text:index-entry-page-number/><text:index-entry-link-end/></text:table-of-content-entry-template>"
            for n in (1, 2, 3)
        )
        + '</text:table-of-content-source><text:index-body><text:index-title text:style-name="Sect1" text:name="Mục lục1_Head">'
        '<text:p text:style-name="Contents_20_Heading">Mục lục</text:p></text:index-title>'
        + "".join(entries)
        + "</text:index-body></text:table-of-content>"
    )
    doc.h(1, "Phần II. Tự đánh giá")
    doc.h(2, "Đặt vấn đề")
    doc.p(
        "",
        raw=x("Nhà trường thực hiện tự đánh giá theo Thông tư số 17/2018/TT-BGDĐT.")
        + '<draw:frame draw:style-name="fr1" draw:name="Hop1" text:anchor-type="paragraph" svg:width="6cm" svg:height="2cm">'
        '<draw:text-box><text:p text:style-name="Standard">HỘP VĂN BẢN: ghi chú của tổ thư ký, không thuộc báo cáo.</text:p>'
        "</draw:text-box></draw:frame>",
    )
    evidence = []
    for num, title, cs in criteria(fw):
        doc.h(2, f"Tiêu chuẩn {num}: {title}")
        for c in cs:
            cid = c["id"]
            codes = codes_2018(cid, 1)
            evidence += codes
            doc.h(3, f"Tiêu chí {cid}: {c['title']}")
            doc.h(4, "1. Mô tả hiện trạng")
            if cid == "1.2":
                doc.p("", raw=x(f"Hội đồng trường được thành lập đúng quy định [{codes[0]}]")
                      + doc.insertion(", hoạt động theo quy chế và được công khai trên bảng tin")
                      + x("."))
            elif cid == "1.3":
                doc.p("", raw=x(f"Tổ chức Đảng hoạt động hiệu quả [{codes[0]}]")
                      + doc.deletion(", NỘI DUNG ĐÃ XÓA theo góp ý [H1-1.3-09]")
                      + x("."))
            else:
                doc.p(f"Nhà trường thực hiện đầy đủ yêu cầu của tiêu chí [{codes[0]}].")
            doc.h(4, "2. Điểm mạnh")
            doc.p("Thực hiện đúng quy định.")
            doc.h(4, "3. Điểm yếu")
            doc.p("Còn hạn chế.")
            doc.h(4, "4. Kế hoạch cải tiến chất lượng")
            doc.p("Tiếp tục duy trì.")
            lv = level_of(results, cid)
            if cid == "2.1" and lv == 2:
                doc.p("", raw=x("5. Tự đánh giá: Đạt Mức ") + doc.deletion("3") + doc.insertion("2"))
            else:
                doc.p(f"5. Tự đánh giá: Đạt Mức {lv}")
    doc.h(1, "Kết luận chung")
    doc.p(f"Nhà trường tự đánh giá {level_phrase(claimed)}.")
    doc.h(1, "Phần III. Phụ lục")
    doc.h(2, "Danh mục mã minh chứng")
    rows = [["TT", "Mã minh chứng", "Tên minh chứng", "Số/ngày ban hành", "Nơi ban hành", "Ghi chú"]]
    for i, code in enumerate(evidence, 1):
        rows.append([str(i), f"[{code}]", "Kế hoạch năm học", f"{i}/KH-THKĐ, 05/9/2025", "Trường Tiểu học Kim Đồng", ""])
    doc.table(rows)
    return dict(
        slug=slug, year=year, fw=fw, results=results, level4=None, claimed=claimed, evidence=evidence,
        fodt=doc.text(),
        must_contain=["hoạt động theo quy chế và được công khai trên bảng tin"],
        must_not_contain=["NỘI DUNG ĐÃ XÓA", "H1-1.3-09", "ĐẦU TRANG", "CHÂN TRANG", "HỘP VĂN BẢN", "MỤC LỤC"],
        exercises="tracked changes (insertion kept, deletion dropped, in 1.2/1.3 text and in 2.1's result 3→2), a TOC "
        "field whose entries repeat every criterion heading, header, footer with page number, a text box",
    )


# ---------------------------------------------------------------------------------------------
# VNI runs and images.
# ---------------------------------------------------------------------------------------------

# VNI Windows (`VNI-Times`): the letters that are one byte, and the mark bytes that follow a base
# vowel (upper-case byte, lower-case byte), from the table of src/content/encoding.rs.
VNI_LETTERS = {
    "Ỉ": 0xC6, "Ì": 0xCC, "Í": 0xCD, "Ỵ": 0xCE, "Đ": 0xD1, "Ị": 0xD2, "Ĩ": 0xD3, "Ơ": 0xD4, "Ư": 0xD6,
    "ỉ": 0xE6, "ì": 0xEC, "í": 0xED, "ỵ": 0xEE, "đ": 0xF1, "ị": 0xF2, "ĩ": 0xF3, "ơ": 0xF4, "ư": 0xF6,
}
ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
VNI_MARKS = {
    (None, ACUTE): (0xD9, 0xF9), (None, GRAVE): (0xD8, 0xF8), (None, HOOK): (0xDB, 0xFB),
    (None, TILDE): (0xD5, 0xF5), (None, DOT): (0xCF, 0xEF),
    (CIRCUMFLEX, None): (0xC2, 0xE2), (CIRCUMFLEX, ACUTE): (0xC1, 0xE1), (CIRCUMFLEX, GRAVE): (0xC0, 0xE0),
    (CIRCUMFLEX, HOOK): (0xC5, 0xE5), (CIRCUMFLEX, TILDE): (0xC3, 0xE3), (CIRCUMFLEX, DOT): (0xC4, 0xE4),
    (BREVE, None): (0xCA, 0xEA), (BREVE, ACUTE): (0xC9, 0xE9), (BREVE, GRAVE): (0xC8, 0xE8),
    (BREVE, HOOK): (0xDA, 0xFA), (BREVE, TILDE): (0xDC, 0xFC), (BREVE, DOT): (0xCB, 0xEB),
}

# Every letter of the Vietnamese alphabet with every tone, lower then upper case.
VIET_LETTERS = "".join(
    unicodedata.normalize("NFC", base + shape + tone)
    for base, shape in [("a", ""), ("a", BREVE), ("a", CIRCUMFLEX), ("e", ""), ("e", CIRCUMFLEX), ("i", ""),
                        ("o", ""), ("o", CIRCUMFLEX), ("o", HORN), ("u", ""), ("u", HORN), ("y", "")]
    for tone in ["", GRAVE, HOOK, TILDE, ACUTE, DOT]
) + "đ"
VIET_LETTERS = VIET_LETTERS + VIET_LETTERS.upper()


def vni_chars(text):
    """The VNI Windows bytes of `text` as Word keeps them under a VNI-Times font: each byte the
    Windows-1252 character (every VNI byte above ASCII is 0xC0–0xFE, where Windows-1252 is
    Latin-1). A letter is its own byte, or a base letter (ASCII, or the one-byte ơ ư) followed by
    one mark byte carrying the circumflex or breve and the tone together."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in VNI_LETTERS:
            out.append(VNI_LETTERS[ch])
            continue
        if ch.isascii():
            out += ch.encode()
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        if HORN in marks:
            base = {"o": "ơ", "O": "Ơ", "u": "ư", "U": "Ư"}[base]
        shape = next((m for m in marks if m in (CIRCUMFLEX, BREVE)), None)
        tone = next((m for m in marks if m in (ACUTE, GRAVE, HOOK, TILDE, DOT)), None)
        if not base.isascii() and base not in VNI_LETTERS or set(marks) - {HORN, CIRCUMFLEX, BREVE, ACUTE, GRAVE, HOOK, TILDE, DOT}:
            raise SystemExit(f"{ch!r} has no VNI bytes")
        out += VNI_LETTERS[base].to_bytes(1, "big") if base in VNI_LETTERS else base.encode()
        if shape or tone:
            up, low = VNI_MARKS[(shape, tone)]
            out.append(up if base.isupper() else low)
    return out.decode("cp1252")


def vni(text):
    """A run in VNI-Times."""
    return f'<text:span text:style-name="VN">{x(vni_chars(text))}</text:span>'


def png(width, height, pixel):
    """A real PNG (8-bit RGB, one zlib stream), `pixel(x, y)` → (r, g, b)."""
    rows = b"".join(b"\x00" + bytes(c for xx in range(width) for c in pixel(xx, y)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def bar_chart(bars, colour):
    """A 16×16 bar chart: four bars of the given heights on white."""
    return png(16, 16, lambda xx, y: colour if xx % 4 != 3 and 15 - y < bars[xx // 4] else (255, 255, 255))


# An organisation chart that carries a script: LibreOffice renders it to a PNG when it saves a
# Word file, so the SVG itself is put into report.docx afterwards (see inject_svg).
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">'
    b'<script>alert("so-do")</script>'
    b'<rect x="5" y="1" width="6" height="4" fill="#1e5ac8"/><rect x="1" y="11" width="5" height="4" fill="#1e5ac8"/>'
    b'<rect x="10" y="11" width="5" height="4" fill="#1e5ac8"/><path d="M8 5v3H3v3M8 8h5v3" stroke="#000" fill="none"/>'
    b"</svg>\n"
)
SVG_NAME = "So_do_To_chuc.svg"


def odt_image(name, mime, data, cm=3):
    return (
        f'<draw:frame draw:name="{name}" text:anchor-type="as-char" svg:width="{cm}cm" svg:height="{cm}cm">'
        f'<draw:image draw:mime-type="{mime}"><office:binary-data>{base64.b64encode(data).decode()}'
        "</office:binary-data></draw:image></draw:frame>"
    )


FODT_HEAD_VNI = FODT_HEAD.replace(
    "</office:font-face-decls>",
    ' <style:font-face style:name="VNI-Times" svg:font-family="VNI-Times" style:font-family-generic="roman"/>\n'
    "</office:font-face-decls>",
).replace(
    "</office:automatic-styles>",
    ' <style:style style:name="VN" style:family="text"><style:text-properties style:font-name="VNI-Times"/></style:style>\n'
    "</office:automatic-styles>",
)


def inject_svg(docx):
    """Puts SVG_WITH_SCRIPT into `docx` as a second picture beside LibreOffice's PNG rendering of
    it (the last image of the document): a new image relationship to word/media/So_do_To_chuc.svg
    and a copy of the rendering's <w:drawing> whose blip names it."""
    with zipfile.ZipFile(docx) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    parts = {i.filename: data for i, data in items}
    rels = parts["word/_rels/document.xml.rels"].decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="media/([^"]+)"', rels))
    doc = parts["word/document.xml"].decode()
    drawings = list(re.finditer(r"<w:drawing>.*?</w:drawing>", doc, re.S))
    last = drawings[-1]
    rendered = re.search(r'r:embed="(rId\d+)"', last.group(0)).group(1)
    assert targets[rendered].endswith(".png"), targets
    ids = re.findall(r'Id="rId(\d+)"', rels)
    new_id = f"rId{max(int(i) for i in ids) + 1}"
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="{new_id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        f'Target="media/{SVG_NAME}"/></Relationships>',
    )
    next_pr = max(int(i) for i in re.findall(r'<wp:docPr id="(\d+)"', doc)) + 1
    copy = re.sub(r'<wp:docPr id="\d+" name="[^"]*"', f'<wp:docPr id="{next_pr}" name="{SVG_NAME}"', last.group(0))
    copy = copy.replace(f'r:embed="{rendered}"', f'r:embed="{new_id}"')
    doc = doc[: last.end()] + copy + doc[last.end():]
    types = parts["[Content_Types].xml"].decode()
    if 'Extension="svg"' not in types:
        types = types.replace("<Default ", '<Default Extension="svg" ContentType="image/svg+xml"/><Default ', 1)
    parts.update({
        "word/_rels/document.xml.rels": rels.encode(), "word/document.xml": doc.encode(),
        "[Content_Types].xml": types.encode(), f"word/media/{SVG_NAME}": SVG_WITH_SCRIPT,
    })
    names = [i.filename for i, _ in items] + [f"word/media/{SVG_NAME}"]
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        for n in names:
            z.writestr(zipfile.ZipInfo(n, (2026, 11, 23, 0, 0, 0)), parts[n], zipfile.ZIP_DEFLATED)


def docx_media(docx):
    with zipfile.ZipFile(docx) as z:
        return sorted(n[len("word/media/"):] for n in z.namelist() if n.startswith("word/media/"))


def case_images_vni():
    slug, year = "thcs-le-loi", "2024-2025"
    sid, name, level, _ = SCHOOLS[slug]
    fw = FRAMEWORKS[framework_of(level, year)]
    results = make_results(fw, lowered={c["id"]: min(2, max_level(fw, c)) for _, _, cs in criteria(fw) for c in cs})
    claimed = computed_level(fw, results, None)
    doc = Fodt(head=FODT_HEAD_VNI)
    doc.p("", "C", raw=vni("UBND XÃ TRẢNG BOM"))
    doc.p("", "C", raw=vni(name.upper()))
    doc.p(f"Mã trường: {sid}", "C")
    doc.p("", "C", raw=vni("BÁO CÁO TỰ ĐÁNH GIÁ"))
    doc.p(f"Năm học {year}", "C")
    doc.h(1, "Mục lục")
    doc.h(1, "Phần II. Tự đánh giá")
    doc.h(2, "Đặt vấn đề")
    doc.p("", raw=vni("Nhà trường thực hiện tự đánh giá theo Thông tư số 18/2018/TT-BGDĐT, "
                      "được sửa đổi bởi Thông tư số 22/2024/TT-BGDĐT."))
    # Every letter with every tone, typed in VNI: the encoder here against the importer's table.
    doc.p("", raw=x("Bảng chữ cái kiểm tra phông: ") + vni(VIET_LETTERS))
    evidence = []
    for num, title, cs in criteria(fw):
        doc.h(2, f"Tiêu chuẩn {num}: {title}")
        for c in cs:
            cid = c["id"]
            codes = codes_2018(cid, 1)
            evidence += codes
            doc.h(3, f"Tiêu chí {cid}: {c['title']}")
            doc.h(4, "1. Mô tả hiện trạng")
            # A paragraph mixing a Times New Roman run and a VNI-Times run.
            doc.p("", raw=x("Nhà trường ") + vni(f"thực hiện đầy đủ yêu cầu của tiêu chí, hồ sơ lưu trữ khoa học [{codes[0]}]."))
            if cid == "1.1":
                doc.p("", raw=vni("Biểu đồ số lớp qua bốn năm học: ")
                      + odt_image("Bieu do so lop", "image/png", bar_chart([5, 9, 12, 7], (30, 90, 200))))
            elif cid == "1.2":
                doc.table([["Năm học", "Biểu đồ sĩ số"], ["2021-2025", "IMAGE"]])
                # The table's second cell holds a picture instead of text.
                doc.body[-1] = doc.body[-1].replace(
                    "<text:p>IMAGE</text:p>",
                    "<text:p>" + odt_image("Bieu do si so", "image/png", bar_chart([12, 10, 11, 14], (200, 60, 30))) + "</text:p>",
                )
            elif cid == "1.4":
                doc.p("", raw=vni("Sơ đồ tổ chức bộ máy nhà trường: ") + odt_image("So do to chuc", "image/svg+xml", SVG_WITH_SCRIPT))
            doc.h(4, "2. Điểm mạnh")
            doc.p("", raw=vni("Đội ngũ cán bộ quản lý năng động, giáo viên tâm huyết, nhiệt tình."))
            doc.h(4, "3. Điểm yếu")
            doc.p("", raw=vni("Một số hồ sơ lưu trữ chưa đầy đủ, chưa được số hóa."))
            doc.h(4, "4. Kế hoạch cải tiến chất lượng")
            doc.p("Năm học 2025-2026, Hiệu trưởng chỉ đạo rà soát hồ sơ theo từng học kỳ.")
            doc.h(4, f"5. Tự đánh giá: Đạt Mức {level_of(results, cid)}")
    doc.h(1, "Kết luận chung")
    doc.p("", raw=vni(f"Nhà trường tự đánh giá {level_phrase(claimed)}."))
    doc.h(1, "Phần III. Phụ lục")
    doc.h(2, "Danh mục mã minh chứng")
    rows = [["TT", "Mã minh chứng", "Tên minh chứng", "Số/ngày ban hành", "Nơi ban hành", "Ghi chú"]]
    for i, code in enumerate(evidence, 1):
        rows.append([str(i), f"[{code}]", "Kế hoạch năm học", f"{i}/KH-THCSLL, 05/9/2024", "Trường THCS Lê Lợi", ""])
    doc.table(rows)
    vni_words = ["thực hiện đầy đủ yêu cầu của tiêu chí, hồ sơ lưu trữ khoa học",
                 "Đội ngũ cán bộ quản lý năng động, giáo viên tâm huyết, nhiệt tình.",
                 "Một số hồ sơ lưu trữ chưa đầy đủ, chưa được số hóa.", "Biểu đồ số lớp qua bốn năm học",
                 "Sơ đồ tổ chức bộ máy nhà trường", "được sửa đổi bởi Thông tư số 22/2024/TT-BGDĐT"]
    return dict(
        slug=slug, year=year, fw=fw, results=results, level4=None, claimed=claimed, evidence=evidence,
        fodt=doc.text(),
        must_contain=vni_words + [VIET_LETTERS],
        # The same words as VNI bytes read as Windows-1252 must not remain; nor the SVG's script.
        must_not_contain=[vni_chars(w) for w in vni_words[:3]] + ["<script", "alert("],
        import_findings=["import.legacy-text", "import.image-refused"],
        # LibreOffice numbers the pictures of a .docx image1, image2… in document order (the SVG
        # is saved as a PNG rendering); the SVG injected into report.docx is named by its slug.
        images=["image1.png", "image2.png", "image3.png", "so-do-to-chuc.svg"],
        doc=dict(images=["image1.png", "image2.png", "image3.png"], import_findings=["import.legacy-text"]),
        media=["image1.png", "image2.png", "image3.png", SVG_NAME],
        edit_docx=inject_svg,
        exercises="VNI-Times runs (VNI bytes as Windows-1252 characters; base letter + mark byte), mixed with "
        "Times New Roman runs in one paragraph, every letter with every tone in VNI, cover in VNI capitals; a PNG in "
        "1.1's Mô tả hiện trạng, a PNG in a table cell of 1.2, an SVG with a <script> in 1.4 (LibreOffice 7.4 saves "
        "it as a PNG rendering; the SVG itself is injected into report.docx only, beside that rendering, so "
        "report.doc has three PNGs and no SVG: see [doc])",
    )


CASES = {
    "th-2018": case_th_2018,
    "thcs-2018-bold": case_thcs_2018_bold,
    "thpt-57": case_thpt_57,
    "mn-57": case_mn_57,
    "tcvn3": case_tcvn3,
    "summary-only": case_summary_only,
    "tracked-toc": case_tracked_toc,
    "images-vni": case_images_vni,
}


# ---------------------------------------------------------------------------------------------
# expect.toml
# ---------------------------------------------------------------------------------------------


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def expect_toml(case, d):
    lines = [
        f"# What `minhbach import report` must give for {case} (written by scripts/make-report-fixtures.py).",
        f"# Exercises: {d['exercises']}",
        f"school = {q(d['slug'])}",
        f"year = {q(d['year'])}",
        f"framework = {q(d['fw']['id'])}",
        f"criteria = {len(d['results'])}",
        f"claimed_level = {d['claimed']}",
        "evidence = [" + ", ".join(q(c) for c in d["evidence"]) + "]",
        "import_findings = [" + ", ".join(q(c) for c in d.get("import_findings", [])) + "]",
        "check_findings = [" + ", ".join(q(c) for c in d.get("check_findings", [])) + "]",
        "must_contain = [" + ", ".join(q(c) for c in d.get("must_contain", [])) + "]",
        "must_not_contain = [" + ", ".join(q(c) for c in d.get("must_not_contain", [])) + "]",
    ]
    if "images" in d:
        lines.append("images = [" + ", ".join(q(c) for c in d["images"]) + "]")
    lines += ["", "[results]"]
    for cid, v in d["results"].items():
        if isinstance(v, int):
            lines.append(f"{q(cid)} = {v}")
        else:
            lines.append(f"{q(cid)} = {{ level = {v['level']}, note = {q(v['note'])} }}")
    if d["level4"]:
        lines += ["", "[level4]"] + [f"{q(k)} = {'true' if v else 'false'}" for k, v in d["level4"].items()]
    if d.get("doc"):
        # What differs for report.doc: these keys replace the ones above when it is imported.
        lines += ["", "[doc]"]
        for k, v in d["doc"].items():
            lines.append(f"{k} = [" + ", ".join(q(c) for c in v) + "]")
    return "\n".join(lines) + "\n"


def convert(folder, source, fmt):
    filt = {"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97"}[fmt]
    with tempfile.TemporaryDirectory() as tmp:
        args = ["soffice", PROFILE, "--headless"]
        if source.suffix == ".html":
            # Open the HTML as a Writer document, not as Writer/Web.
            args.append("--infilter=HTML (StarWriter)")
        args += ["--convert-to", filt, "--outdir", tmp, str(source)]
        subprocess.run(args, check=True, capture_output=True)
        out = Path(tmp) / f"{source.stem}.{fmt}"
        if not out.is_file():
            raise SystemExit(f"LibreOffice wrote no {out.name} for {source}")
        shutil.move(out, folder / f"report.{fmt}")


def main(names):
    unknown = [n for n in names if n not in CASES]
    if unknown:
        raise SystemExit(f"no such case: {', '.join(unknown)} (cases: {', '.join(CASES)})")
    write_site()
    for case, make in CASES.items():
        if names and case not in names:
            continue
        d = make()
        assert d["claimed"] >= 1, f"{case}: claimed level {d['claimed']}"
        folder = OUT / case
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        if "html" in d:
            source = folder / "source.html"
            source.write_text(d["html"], encoding="utf-8")
        else:
            source = folder / "source.fodt"
            source.write_text(d["fodt"], encoding="utf-8")
        (folder / "expect.toml").write_text(expect_toml(case, d), encoding="utf-8")
        for fmt in ("docx", "doc"):
            convert(folder, source, fmt)
        if "media" in d:
            # The picture names expect.toml gives hold only while LibreOffice names them so.
            assert docx_media(folder / "report.docx") == sorted(m for m in d["media"] if m != SVG_NAME), (
                f"{case}: LibreOffice wrote {docx_media(folder / 'report.docx')}"
            )
        if "edit_docx" in d:
            d["edit_docx"](folder / "report.docx")
        if "media" in d:
            assert docx_media(folder / "report.docx") == sorted(d["media"]), docx_media(folder / "report.docx")
        print(f"{case}: {d['slug']} {d['year']} {d['fw']['id']} Mức {d['claimed']}, {len(d['results'])} tiêu chí, "
              f"{len(d['evidence'])} minh chứng")


if __name__ == "__main__":
    # With case names, only those cases are rewritten (and the site): the others' committed
    # files stay as they are.
    main(sys.argv[1:])
