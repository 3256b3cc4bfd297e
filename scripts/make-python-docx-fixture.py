#!/usr/bin/env python3
"""The `python-docx` Word fixture: a 2018-form report written by another program than LibreOffice.

    pip install python-docx==1.2.0 && python3 scripts/make-python-docx-fixture.py

python-docx writes with Microsoft Word's own default template (style ids `Heading1`, `ListBullet`,
`TableGrid`, Word's table and run markup), so the importer is tried on Word's shape of a file, not
only LibreOffice's. The form differs from the other cases on purpose: the cover's national header
in a two-column table; a table of contents typed by hand (page numbers, no field); the summary
table numbering criteria within their standard ("Tiêu chí 3" under "Tiêu chuẩn 3"), merged
headers and a Ghi chú column; bulleted narrative (List Bullet); "Mức 4" assessed as "Tiêu chí N:"
blocks under "II. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 4"; a header and a footer. The .doc is LibreOffice's
conversion of that .docx. Writes tests/fixtures/import-report/python-docx/.
"""

import importlib.util
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("fixtures", ROOT / "scripts" / "make-report-fixtures.py")
fixtures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fixtures)

SLUG, YEAR = "th-kim-dong", "2024-2025"
SID, NAME, LEVEL, _ = fixtures.SCHOOLS[SLUG]
FW = fixtures.FRAMEWORKS[fixtures.framework_of(LEVEL, YEAR)]
OUT = fixtures.OUT / "python-docx"


def bold(d, text, center=False):
    p = d.add_paragraph()
    p.add_run(text).bold = True
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def main():
    standards = fixtures.criteria(FW)
    results = {c["id"]: 3 if c["id"] in ("1.1", "2.2") else 2 for _, _, cs in standards for c in cs}
    for c in (c for _, _, cs in standards for c in cs):
        results[c["id"]] = min(results[c["id"]], fixtures.max_level(FW, c))
    results["3.3"] = {"level": 1, "note": "Sân chơi chưa có đủ thiết bị vận động"}
    level4 = {str(i + 1): i != 1 for i in range(len(FW["level4_criteria"]))}
    claimed = fixtures.computed_level(FW, results, level4)

    d = docx.Document()
    head = d.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "UBND TỈNH THỬ NGHIỆM\nSỞ GIÁO DỤC VÀ ĐÀO TẠO"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    bold(d, NAME.upper(), center=True)
    bold(d, "BÁO CÁO TỰ ĐÁNH GIÁ", center=True)
    d.add_paragraph(f"Năm học: {YEAR.replace('-', ' – ')}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_page_break()
    d.add_heading("MỤC LỤC", 1)
    page = 3
    for num, title, _ in standards:
        d.add_paragraph(f"Tiêu chuẩn {num}: {title} ........ {page}")
        page += 4
    d.add_paragraph(f"Kết luận chung ........ {page}")

    d.add_heading("BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ", 1)
    t = d.add_table(rows=2, cols=5)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(1, 0)).text = "Tiêu chuẩn, tiêu chí"
    t.cell(0, 1).merge(t.cell(0, 3)).text = "Kết quả"
    for i in range(3):
        t.cell(1, i + 1).text = f"Mức {i + 1}"
    t.cell(0, 4).merge(t.cell(1, 4)).text = "Ghi chú"
    for num, _, cs in standards:
        row = t.add_row().cells
        row[0].merge(row[4]).text = f"Tiêu chuẩn {num}"
        for i, c in enumerate(cs):
            r = results[c["id"]]
            level, note = (r, "") if isinstance(r, int) else (r["level"], r["note"])
            row = t.add_row().cells
            row[0].text = f"Tiêu chí {i + 1}"
            for k in range(3):
                row[k + 1].text = "x" if level > k else ""
            row[4].text = note

    d.add_heading("Phần II. TỰ ĐÁNH GIÁ", 1)
    d.add_heading("A. ĐẶT VẤN ĐỀ", 2)
    d.add_paragraph(f"{NAME} tự đánh giá theo Thông tư số 17/2018/TT-BGDĐT.")
    d.add_heading("B. TỰ ĐÁNH GIÁ", 2)
    d.add_heading("I. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 1, 2 VÀ 3", 2)
    evidence = []
    for num, title, cs in standards:
        d.add_heading(f"Tiêu chuẩn {num}: {title}", 3)
        bold(d, "Mở đầu")
        d.add_paragraph(f"Tiêu chuẩn {num} gồm {len(cs)} tiêu chí.")
        for c in cs:
            cid = c["id"]
            code = f"H{num}-{cid}-01"
            evidence.append(code)
            r = results[cid]
            level = r if isinstance(r, int) else r["level"]
            d.add_heading(f"Tiêu chí {cid}: {c['title']}", 4)
            d.add_paragraph("Mức 1: a) Yêu cầu của tiêu chí ở Mức 1;")
            bold(d, "1. Mô tả hiện trạng")
            d.add_paragraph(f"Nhà trường thực hiện đầy đủ nội dung của tiêu chí [{code}].")
            bold(d, "2. Điểm mạnh")
            d.add_paragraph("Thực hiện đúng quy định.", style="List Bullet")
            d.add_paragraph("Được cha mẹ học sinh đồng tình.", style="List Bullet")
            bold(d, "3. Điểm yếu")
            d.add_paragraph("Hồ sơ lưu trữ chưa khoa học.")
            bold(d, "4. Kế hoạch cải tiến chất lượng")
            d.add_paragraph("Rà soát hồ sơ mỗi học kỳ.")
            bold(d, f"5. Tự đánh giá: Đạt Mức {level}")
        bold(d, f"Kết luận về Tiêu chuẩn {num}")
        d.add_paragraph("Các tiêu chí của tiêu chuẩn đều đạt từ Mức 1 trở lên.")
    d.add_heading("II. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 4", 2)
    for i, item in enumerate(FW["level4_criteria"]):
        k = str(i + 1)
        bold(d, f"Tiêu chí {k}: {item['text'] if isinstance(item, dict) else item}")
        bold(d, "1. Mô tả hiện trạng")
        d.add_paragraph("Nhà trường đã thực hiện nội dung này.")
        bold(d, "2. Tự đánh giá: " + ("Đạt" if level4[k] else "Không đạt"))
    d.add_heading("C. KẾT LUẬN CHUNG", 2)
    reached = sum(1 for r in results.values() if (r if isinstance(r, int) else r["level"]) >= 2)
    d.add_paragraph(f"Số lượng tiêu chí đạt Mức 2 trở lên: {reached}.")
    d.add_paragraph(f"Nhà trường tự đánh giá {fixtures.level_phrase(claimed)}.")
    d.add_heading("Phần III. PHỤ LỤC", 1)
    d.add_heading("Danh mục mã minh chứng", 2)
    t = d.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(["TT", "Mã minh chứng", "Tên minh chứng", "Nơi ban hành"]):
        t.cell(0, i).text = h
    for n, code in enumerate(evidence, 1):
        row = t.add_row().cells
        row[0].text, row[1].text, row[2].text, row[3].text = str(n), f"[{code}]", "Kế hoạch năm học", "Nhà trường"
    section = d.sections[0]
    section.header.paragraphs[0].text = f"Báo cáo tự đánh giá – {NAME}"
    section.footer.paragraphs[0].text = "Trang 1"

    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    d.save(OUT / "report.docx")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", fixtures.PROFILE, "--headless", "--convert-to", "doc:MS Word 97", "--outdir", tmp,
                        str(OUT / "report.docx")], check=True, capture_output=True)
        shutil.move(Path(tmp) / "report.doc", OUT / "report.doc")
    case = dict(
        slug=SLUG, year=YEAR, fw=FW, results=results, level4=level4, claimed=claimed, evidence=evidence,
        exercises="written by python-docx with Word's default template: cover header in a table, hand-typed table "
                  "of contents, criteria numbered within their standard in the summary, List Bullet, Mức 4 as "
                  "'Tiêu chí N:' blocks, header and footer",
        must_not_contain=["........", "Trang 1", "Báo cáo tự đánh giá –", "Yêu cầu của tiêu chí ở Mức 1"],
        must_contain=["- Thực hiện đúng quy định."],
    )
    (OUT / "expect.toml").write_text(fixtures.expect_toml("python-docx", case), encoding="utf-8")
    print(f"python-docx: {SLUG} {YEAR} {FW['id']} Mức {claimed}, {len(results)} tiêu chí")


if __name__ == "__main__":
    main()
