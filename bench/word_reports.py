#!/usr/bin/env python3
"""Inputs of bench/word-reports.sh: a site of N tiểu học schools and N self-assessment reports
in the 2018 form (Công văn 5932/2018), as Word files. Standard library only.

    word_reports.py html FRAMEWORK YEAR OUT.html    one report, as HTML for LibreOffice
    word_reports.py copies REPORT.docx OUTDIR N     N copies, each with its own school on the cover
    word_reports.py site ROOT N                     config.toml and N school folders

The report is written once as HTML and converted once by LibreOffice (as a Sở's file is made by
an office program); the copies change only the cover's school name and mã trường inside
word/document.xml, so the 1,000 files cost seconds, not 1,000 LibreOffice runs. School i has the
name "Trường Tiểu học Số NNNN Bến Nghé" and the code 7999NNNN; the template is school 0000.
"""

import html
import shutil
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "Số {:04d} Bến Nghé"
CODE = "7999{:04d}"


def framework(fid):
    for catalog in sorted((ROOT / "regulation").glob("*.toml")):
        data = tomllib.loads(catalog.read_text(encoding="utf-8"))
        for fw in data.get("frameworks", []):
            if fw["id"] == fid:
                return fw
    sys.exit(f"word_reports.py: no framework {fid} in regulation/")


def result(criterion, index):
    """The level a criterion reaches: Mức 2 mostly, Mức 3 for every third criterion that
    defines it, never above the levels the framework defines (1.5 after TT22: Mức 1 only)."""
    defined = criterion.get("levels_defined") or [1, 2]
    top = max(defined)
    return min(top, 3 if index % 3 == 0 else 2)


def report_html(fid, year):
    fw = framework(fid)
    e = html.escape
    out = []
    p = lambda text, style="": out.append(f"<p{style}>{e(text)}</p>")  # noqa: E731
    name0 = NAME.format(0)
    out.append('<html><head><meta charset="utf-8"><title>Báo cáo tự đánh giá</title></head><body>')
    # Cover: the paragraphs before the first heading.
    p("UBND QUẬN BẾN NGHÉ", ' align="center"')
    p("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", ' align="center"')
    p(f"TRƯỜNG TIỂU HỌC {name0.upper()}", ' align="center"')
    p(f"Mã trường: {CODE.format(0)}", ' align="center"')
    out.append('<p align="center"><b>BÁO CÁO TỰ ĐÁNH GIÁ</b></p>')
    p(f"Trường Tiểu học {name0}, năm học {year}", ' align="center"')
    p("Bến Nghé, tháng 5 năm 2025", ' align="center"')

    criteria = [(s, c) for s in fw["standards"] for c in s["criteria"]]
    levels = {c["id"]: result(c, i) for i, (_, c) in enumerate(criteria)}

    out.append("<h1>MỤC LỤC</h1>")
    for line in ["Danh mục các chữ viết tắt", "Bảng tổng hợp kết quả tự đánh giá", "Phần I. CƠ SỞ DỮ LIỆU",
                 "Phần II. TỰ ĐÁNH GIÁ", "Phần III. PHỤ LỤC"]:
        p(line)
    out.append("<h1>DANH MỤC CÁC CHỮ VIẾT TẮT</h1>")
    out.append("<table border='1'><tr><td>TT</td><td>Chữ viết tắt</td><td>Nội dung</td></tr>")
    for i, (a, b) in enumerate([("CBQL", "Cán bộ quản lý"), ("GV", "Giáo viên"), ("HS", "Học sinh"),
                                ("CMHS", "Cha mẹ học sinh")], 1):
        out.append(f"<tr><td>{i}</td><td>{a}</td><td>{b}</td></tr>")
    out.append("</table>")

    out.append("<h1>BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ</h1>")
    p("1. Kết quả đánh giá (Đánh dấu (x) vào ô kết quả tương ứng Đạt hoặc Không đạt)")
    p("1.1. Đánh giá tiêu chí Mức 1, 2 và 3")
    out.append("<table border='1'><tr><td rowspan='2'>Tiêu chuẩn, tiêu chí</td><td colspan='4'>Kết quả</td></tr>")
    out.append("<tr><td>Không đạt</td><td>Đạt Mức 1</td><td>Mức 2</td><td>Mức 3</td></tr>")
    for s in fw["standards"]:
        out.append(f"<tr><td colspan='5'><b>Tiêu chuẩn {s['number']}</b></td></tr>")
        for c in s["criteria"]:
            r = levels[c["id"]]
            marks = "".join(f"<td>{'x' if lv <= r else ''}</td>" for lv in (1, 2, 3))
            out.append(f"<tr><td>Tiêu chí {c['id']}</td><td></td>{marks}</tr>")
    out.append("</table>")
    p("1.2. Đánh giá tiêu chí Mức 4")
    out.append("<table border='1'><tr><td>Tiêu chí</td><td>Đạt</td><td>Không đạt</td></tr>")
    for item in fw.get("level4_criteria", []):
        out.append(f"<tr><td>Tiêu chí {item['number']}</td><td></td><td>x</td></tr>")
    out.append("</table>")
    p("2. Kết quả: Đạt Mức 2")

    out.append("<h1>Phần I. CƠ SỞ DỮ LIỆU</h1>")
    out.append("<table border='1'><tr><td>Số lớp</td><td>Năm học 2020-2021</td><td>Năm học 2024-2025</td></tr>"
               "<tr><td>Khối lớp 1</td><td>5</td><td>6</td></tr><tr><td>Cộng</td><td>24</td><td>26</td></tr></table>")

    out.append("<h1>Phần II. TỰ ĐÁNH GIÁ</h1>")
    out.append("<h2>A. ĐẶT VẤN ĐỀ</h2>")
    for _ in range(3):
        p(f"Trường Tiểu học {name0} được thành lập năm 1995, đóng trên địa bàn phường Bến Nghé. Nhà trường "
          "tiến hành tự đánh giá theo hướng dẫn của Công văn số 5932/BGDĐT-QLCL với sự tham gia của cán bộ "
          "quản lý, giáo viên, nhân viên và cha mẹ học sinh, nhằm xác định mức độ đáp ứng mục tiêu giáo dục.")
    out.append("<h2>B. TỰ ĐÁNH GIÁ</h2>")
    out.append("<h2>I. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 1, 2 VÀ 3</h2>")
    for s in fw["standards"]:
        n = s["number"]
        out.append(f"<h2>Tiêu chuẩn {n}: {e(s['title'])}</h2>")
        out.append("<p><b>Mở đầu</b></p>")
        p(f"Tiêu chuẩn {n} gồm {len(s['criteria'])} tiêu chí. Nhà trường đã thực hiện đầy đủ các yêu cầu "
          "của tiêu chuẩn, có các minh chứng kèm theo.")
        for c in s["criteria"]:
            cid, r = c["id"], levels[c["id"]]
            out.append(f"<h3>Tiêu chí {cid}: {e(c['title'])}</h3>")
            for lv in (1, 2, 3):
                indicators = c.get(f"level{lv}_indicators") or ([c[f"level{lv}"]] if c.get(f"level{lv}") else [])
                if indicators:
                    out.append(f"<p><b>Mức {lv}</b></p>")
                    for text in indicators:
                        p(text)
            codes = [f"[H{n}-{cid}-{k:02d}]" for k in range(1, 4)]
            out.append("<h4>1. Mô tả hiện trạng</h4>")
            for lv in range(1, r + 1):
                p(f"Mức {lv}: Nhà trường đáp ứng đầy đủ các yêu cầu của Mức {lv} tiêu chí {cid} "
                  f"{codes[lv - 1]}. Các kế hoạch, biên bản và báo cáo được lưu trữ đầy đủ, được cấp có thẩm "
                  f"quyền phê duyệt và công khai theo quy định {codes[0]}.")
            out.append("<h4>2. Điểm mạnh</h4>")
            p("Nhà trường thực hiện nghiêm túc, kịp thời các nội dung của tiêu chí; hồ sơ đầy đủ, khoa học.")
            out.append("<h4>3. Điểm yếu</h4>")
            p("Việc lấy ý kiến cha mẹ học sinh có lúc chưa thường xuyên.")
            out.append("<h4>4. Kế hoạch cải tiến chất lượng</h4>")
            p(f"Trong năm học {year} và các năm tiếp theo, Hiệu trưởng chỉ đạo rà soát, bổ sung kế hoạch "
              "định kỳ mỗi học kỳ, tăng cường sự tham gia của cha mẹ học sinh.")
            out.append(f"<h4>5. Tự đánh giá: Đạt Mức {r}</h4>")
        out.append(f"<p><b>Kết luận về Tiêu chuẩn {n}</b></p>")
        p(f"Tiêu chuẩn {n} có {len(s['criteria'])} tiêu chí; nhà trường tự đánh giá các tiêu chí đều đạt Mức 1 trở lên.")
    out.append("<h2>II. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 4</h2>")
    for item in fw.get("level4_criteria", []):
        out.append(f"<h3>Tiêu chí {item['number']}: {e(item['text'])}</h3>")
        out.append("<h4>1. Mô tả hiện trạng</h4>")
        p("Nhà trường chưa đáp ứng đầy đủ yêu cầu của tiêu chí này.")
        out.append("<h4>2. Tự đánh giá: Không đạt</h4>")
    out.append("<h2>C. KẾT LUẬN CHUNG</h2>")
    p(f"Số lượng tiêu chí đạt Mức 2: {sum(1 for r in levels.values() if r >= 2)}. "
      "Tự đánh giá: trường đạt Mức 2.")
    out.append("<h1>Phần III. PHỤ LỤC</h1>")
    out.append("<h2>Danh mục mã minh chứng</h2>")
    out.append("<table border='1'><tr><td>TT</td><td>Mã minh chứng</td><td>Tên minh chứng</td>"
               "<td>Số, ngày ban hành, hoặc thời điểm khảo sát, điều tra, phỏng vấn, quan sát</td>"
               "<td>Nơi ban hành hoặc nhóm, cá nhân thực hiện</td><td>Ghi chú</td></tr>")
    row = 0
    for s in fw["standards"]:
        for c in s["criteria"]:
            for k in range(1, 4):
                row += 1
                out.append(f"<tr><td>{row}</td><td>[H{s['number']}-{c['id']}-{k:02d}]</td>"
                           f"<td>Kế hoạch số {row} về tiêu chí {c['id']}</td><td>{row}/KH-TH, 15/9/2024</td>"
                           "<td>Trường TH</td><td></td></tr>")
    out.append("</table></body></html>")
    return "\n".join(out)


def copies(template, outdir, n):
    """N copies of the .docx `template`, school i's name and code on the cover."""
    outdir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(template) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]
    doc = next(data for info, data in parts if info.filename == "word/document.xml").decode("utf-8")
    tokens = [NAME.format(0), NAME.format(0).upper(), CODE.format(0)]
    for t in tokens:
        if t not in doc:
            sys.exit(f"word_reports.py: {t!r} is not in one piece in word/document.xml of {template}")
    for i in range(1, n + 1):
        new = doc
        for t, r in zip(tokens, [NAME.format(i), NAME.format(i).upper(), CODE.format(i)]):
            new = new.replace(t, r)
        with zipfile.ZipFile(outdir / f"bao-cao-tu-danh-gia-{i:04d}.docx", "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in parts:
                z.writestr(info, new.encode("utf-8") if info.filename == "word/document.xml" else data)


def site(root, n):
    """config.toml of tests/fixtures/small and N tiểu học schools, codes 79990001…"""
    schools = root / "content" / "schools"
    if root.exists():
        shutil.rmtree(root)
    schools.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "fixtures" / "small" / "config.toml", root / "config.toml")
    for i in range(1, n + 1):
        d = schools / f"th-so-{i:04d}-ben-nghe"
        d.mkdir()
        (d / "school.toml").write_text(
            f'id = "{CODE.format(i)}"\nname = "Trường Tiểu học {NAME.format(i)}"\nlevel = "tieu-hoc"\n'
            f'commune = "Phường Bến Nghé"\n', encoding="utf-8")


def main(argv):
    if len(argv) == 4 and argv[0] == "html":
        Path(argv[3]).write_text(report_html(argv[1], argv[2]), encoding="utf-8")
    elif len(argv) == 4 and argv[0] == "copies":
        copies(Path(argv[1]), Path(argv[2]), int(argv[3]))
    elif len(argv) == 3 and argv[0] == "site":
        site(Path(argv[1]), int(argv[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
