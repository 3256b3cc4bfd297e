#!/usr/bin/env python3
"""Writes the spreadsheet fixtures of `minhbach import schools` under tests/fixtures/import/.

Run from anywhere (Python 3.11, standard library only; LibreOffice 7.4 `soffice` on PATH):

    python3 scripts/make-import-fixtures.py

For every case the script writes a source (flat ODS XML `source.fods`, written here cell by
cell so that merged cells, typed cells and number formats are exactly as described) and has
LibreOffice convert it to `input.<ext>` (xlsx, xls, ods or csv), as a real office program
saves it. It also writes each case's NOTES.md. Re-runnable: it deletes and rewrites each
case folder, but keeps a converted xlsx/ods whose parts did not change, since LibreOffice
stamps zip entries with the time of conversion. LibreOffice runs with a private profile
(/tmp/lo-profile-fixtures) so that it neither needs nor touches the user's. The converted
files are committed with their sources.

Every school, person, phone number and decision is fictional; communes and former districts
are places of the province of Đồng Nai.
"""

import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "import"
PROFILE = "-env:UserInstallation=file:///tmp/lo-profile-fixtures"
# LibreOffice's CSV filter: comma, double quote, UTF-8 (76), as the brief asks.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76"

KD_ISSUER = "Sở GD&ĐT tỉnh Đồng Nai"
CQG_ISSUER = "UBND tỉnh Đồng Nai"


# ---------------------------------------------------------------------------------------------
# Cells. A row is a list of cells (None = empty); a cell is a Cell, or a str / int / float /
# date that becomes the plain cell of its type.


class Cell:
    """One cell: `kind` is "s" (text), "n" (number) or "d" (date); `span` = (rows, columns)
    makes it the top-left cell of a merged area; `bold` marks a header cell."""

    def __init__(self, value, kind=None, span=None, bold=False):
        self.value = value
        if kind is None:
            if isinstance(value, dt.date):
                kind = "d"
            elif isinstance(value, (int, float)):
                kind = "n"
            else:
                kind = "s"
        self.kind = kind
        self.span = span
        self.bold = bold


def H(text, rows=1, cols=1):
    """A bold header cell, merged over `rows` x `cols` when either is more than 1."""
    span = (rows, cols) if rows > 1 or cols > 1 else None
    return Cell(text, "s", span, bold=True)


def paragraph(text):
    """One line of a cell as ODF text:p content. ODF collapses white space in text, so every
    space that must survive (leading, trailing, doubled) is written as <text:s/>."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] == " ":
            j = i
            while j < n and text[j] == " ":
                j += 1
            run = j - i
            if i == 0 or j == n or run > 1:
                out.append('<text:s text:c="%d"/>' % run)
            else:
                out.append(" ")
            i = j
        elif text[i] == "\t":
            out.append("<text:tab/>")
            i += 1
        else:
            j = i
            while j < n and text[j] not in " \t":
                j += 1
            out.append(escape(text[i:j]))
            i = j
    return "<text:p>%s</text:p>" % "".join(out)


def cell_xml(c):
    if c is None:
        return "<table:table-cell/>"
    if not isinstance(c, Cell):
        c = Cell(c)
    attrs = []
    if c.span:
        attrs.append('table:number-rows-spanned="%d" table:number-columns-spanned="%d"' % c.span)
    if c.kind == "s":
        style = "ceH" if c.bold else "ceT"
        attrs.append('table:style-name="%s" office:value-type="string"' % style)
        body = "".join(paragraph(line) for line in c.value.split("\n"))
    elif c.kind == "n":
        v = c.value
        attrs.append('office:value-type="float" office:value="%s"' % v)
        body = "<text:p>%s</text:p>" % v
    else:
        d = c.value
        attrs.append('table:style-name="ceD" office:value-type="date" office:date-value="%s"'
                     % d.isoformat())
        body = "<text:p>%s</text:p>" % d.strftime("%d/%m/%Y")
    return "<table:table-cell %s>%s</table:table-cell>" % (" ".join(attrs), body)


class Sheet:
    def __init__(self, name, rows, widths=None):
        self.name = name
        self.rows = rows
        self.widths = widths or []


def sheet_xml(sheet):
    width = max((len(r) for r in sheet.rows), default=1)
    covered = set()
    lines = ['<table:table table:name="%s">' % escape(sheet.name, {'"': "&quot;"})]
    for i in range(width):
        w = sheet.widths[i] if i < len(sheet.widths) else 2.5
        lines.append('<table:table-column table:style-name="co%s" '
                     'table:default-cell-style-name="Default"/>' % str(w).replace(".", "_"))
    for r, row in enumerate(sheet.rows):
        cells = []
        for col in range(width):
            if (r, col) in covered:
                cells.append("<table:covered-table-cell/>")
                continue
            c = row[col] if col < len(row) else None
            if isinstance(c, Cell) and c.span:
                rs, cs = c.span
                for dr in range(rs):
                    for dc in range(cs):
                        if dr or dc:
                            covered.add((r + dr, col + dc))
            cells.append(cell_xml(c))
        lines.append("<table:table-row>%s</table:table-row>" % "".join(cells))
    lines.append("</table:table>")
    return "\n".join(lines)


def fods(sheets):
    widths = sorted({w for s in sheets for w in (s.widths or [2.5])} | {2.5})
    colstyles = "".join(
        '<style:style style:name="co%s" style:family="table-column">'
        '<style:table-column-properties fo:break-before="auto" style:column-width="%scm"/>'
        "</style:style>" % (str(w).replace(".", "_"), w) for w in widths)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:xsl-formatting-objects-xsl-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
{colstyles}
<number:date-style style:name="N_DMY"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
<number:text-style style:name="N_TEXT"><number:text-content/></number:text-style>
<style:style style:name="ceD" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N_DMY"/>
<style:style style:name="ceT" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N_TEXT"/>
<style:style style:name="ceH" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N_TEXT">
<style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="middle"/>
<style:paragraph-properties fo:text-align="center"/>
<style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
{chr(10).join(sheet_xml(s) for s in sheets)}
</office:spreadsheet></office:body></office:document>
"""


def convert(src, fmt, outdir, name):
    """Has LibreOffice convert `src` to `outdir/name`."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", PROFILE, "--headless", "--convert-to", fmt, "--outdir", tmp,
                        str(src)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        made = list(Path(tmp).iterdir())
        if len(made) != 1:
            raise SystemExit("LibreOffice made %r from %s" % (made, src))
        shutil.move(made[0], outdir / name)


def zip_parts(data):
    """The parts of a zip file (xlsx, ods), or None when it is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {n: z.read(n) for n in z.namelist()}
    except zipfile.BadZipFile:
        return None


def case(name, sheets, ext, notes, fmt=None):
    folder = OUT / name
    target = folder / ("input." + ext)
    old = target.read_bytes() if target.exists() else None
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    src = folder / "source.fods"
    src.write_text(fods(sheets), encoding="utf-8")
    convert(src, fmt or ext, folder, target.name)
    # LibreOffice stamps the zip entries with the time of conversion: when every part is the
    # same as before, the old file is kept so that a re-run changes nothing in git.
    if old is not None and zip_parts(old) is not None and zip_parts(old) == zip_parts(
            target.read_bytes()):
        target.write_bytes(old)
    # One sentence a line: the notes are read as a short list of where the messy cells are.
    sentences = re.split(r"(?<=\.) (?=[A-Z\"])", " ".join(notes.split()))
    (folder / "NOTES.md").write_text("# %s\n\n%s\n" % (name, "\n".join(
        "- " + line for line in sentences)), encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------------------------
# The schools (fictional, in real communes of Đồng Nai after 1 July 2025).

D = dt.date
SCHOOLS = [
    # id, name, level, ownership, commune, former district, address, principal, phone, email,
    # students, classes
    ("75000701", "Trường Tiểu học Đinh Bộ Lĩnh", "Tiểu học", "Công lập", "Phường Trấn Biên",
     "Thành phố Biên Hòa", "12 đường Võ Thị Sáu", "Nguyễn Thị Hoa", "0251 3822 123",
     "thdinhbolinh@example.edu.vn", 812, 24),
    ("75000702", "Trường Mầm non Hoa Sen", "Mầm non", "Công lập", "Phường Tam Hiệp",
     "Thành phố Biên Hòa", "45 đường Phạm Văn Thuận", "Trần Thị Thu Hằng", "0251 3814 207",
     "mnhoasen@example.edu.vn", 356, 12),
    ("75000815", "Trường THCS Nguyễn Bỉnh Khiêm", "THCS", "Công lập", "Phường Long Khánh",
     "Thành phố Long Khánh", "8 đường Hùng Vương", "Lê Quốc Dũng", "0251 3877 315",
     "thcsnbk@example.edu.vn", 1234, 30),
    ("75000923", "Trường THPT Ngô Quyền", "THPT", "Công lập", "Phường Biên Hòa",
     "Thành phố Biên Hòa", "1 đường Nguyễn Trãi", "Phạm Minh Tuấn", "0251 3822 981",
     "thptngoquyen@example.edu.vn", 1520, 36),
    ("75001047", "Trường Tiểu học Lê Lợi", "Tiểu học", "Công lập", "Xã Trảng Bom",
     "Huyện Trảng Bom", "Ấp Quảng Lộc", "Võ Thị Ngọc Ánh", "0251 3866 042",
     "thleloi@example.edu.vn", 1050, 28),
    ("75001108", "Trường TH&THCS Phú Hữu", "TH&THCS", "Công lập", "Xã Đại Phước",
     "Huyện Nhơn Trạch", "Ấp Phước Lý", "Đặng Văn Thịnh", "0251 3569 118",
     "thcsphuhuu@example.edu.vn", 640, 19),
    ("75001236", "Trường Mẫu giáo Sơn Ca", "Mẫu giáo", "Tư thục", "Xã Định Quán",
     "Huyện Định Quán", "Khu phố Hiệp Tâm", "Huỳnh Thị Mỹ Dung", "0251 3853 276",
     "mgsonca@example.edu.vn", 210, 8),
    ("75001354", "Trường THCS Quang Trung", "THCS", "Công lập", "Xã Xuân Lộc",
     "Huyện Xuân Lộc", "Quốc lộ 1A, ấp Bảo Định", "Bùi Đức Khải", "0251 3871 354",
     "thcsquangtrung@example.edu.vn", 987, 25),
    ("75001482", "Trường Tiểu học Trần Quốc Toản", "Tiểu học", "Công lập", "Xã Long Thành",
     "Huyện Long Thành", "Khu Phước Hải", "Ngô Thị Lệ Quyên", "0251 3844 482",
     "thtranquoctoan@example.edu.vn", 745, 22),
]
S = {s[0]: s for s in SCHOOLS}


def wide_title_merged():
    cols = 12
    rows = [
        [H("SỞ GIÁO DỤC VÀ ĐÀO TẠO ĐỒNG NAI", 1, cols)],
        [H("DANH SÁCH TRƯỜNG ĐẠT KIỂM ĐỊNH CHẤT LƯỢNG GIÁO DỤC NĂM 2025", 1, cols)],
        [],
        [H("STT", 2), H("Mã trường", 2), H("Tên trường", 2), H("Cấp học", 2), H("Xã/phường", 2),
         H("Huyện (cũ)", 2), H("Kiểm định CLGD", 1, 3), None, None, H("Chuẩn quốc gia", 1, 3)],
        [None] * 6 + [H("Cấp độ"), H("Số QĐ"), H("Ngày QĐ"), H("Mức độ"), H("Số QĐ"),
                      H("Ngày QĐ")],
    ]
    data = [
        ("75000701", (2, "123/QĐ-SGDĐT", D(2022, 5, 20)), (1, "456/QĐ-UBND", D(2022, 6, 1))),
        ("75000702", (3, "1045/QĐ-SGDĐT", D(2025, 3, 14)), None),
        ("75000815", None, (2, "2871/QĐ-UBND", D(2024, 11, 5))),
        ("75000923", (4, "2210/QĐ-SGDĐT", D(2025, 9, 30)), (2, "3305/QĐ-UBND", D(2025, 12, 2))),
        ("75001047", None, None),
    ]
    for n, (sid, kd, cqg) in enumerate(data, 1):
        s = S[sid]
        row = [n, s[0], s[1], s[2], s[4], s[5]]
        for dec in (kd, cqg):
            row += list(dec) if dec else [None, None, None]
        rows.append(row)
    case("title-merged", [Sheet("Danh sách", rows, [1.2, 2.5, 6.5, 2.2, 4, 4.5, 2, 3.5, 2.8, 2,
                                                     3.5, 2.8])], "xlsx", """
One sheet "Danh sách", wide shape. Rows 1–2: titles merged across A:L; row 3 blank; rows 4–5: a
two-row header: A4:A5 STT, B4:B5 Mã trường, C4:C5 Tên trường, D4:D5 Cấp học, E4:E5 Xã/phường,
F4:F5 Huyện (cũ) merged vertically; G4:I4 "Kiểm định CLGD" over G5 Cấp độ, H5 Số QĐ, I5 Ngày QĐ;
J4:L4 "Chuẩn quốc gia" over J5 Mức độ, K5 Số QĐ, L5 Ngày QĐ (the sub-headers repeat: Số QĐ, Ngày QĐ).
Data rows 6–10 (5 schools); ids are text; dates are real date cells shown dd/mm/yyyy. B8 (75000815)
has no accreditation (G8:I8 empty), B7 (75000702) no national standard (J7:L7 empty), B10
(75001047) no decision at all.
""")


def long_shape():
    head = ["Mã trường", "Tên trường", "Cấp học", "Loại hình", "Xã/phường", "Huyện (cũ)",
            "Địa chỉ", "Hiệu trưởng", "Điện thoại", "Email", "Số học sinh", "Số lớp"]
    ids = ["75000701", "75000702", "75000815", "75001108"]
    schools = [[H(h) for h in head]] + [list(S[i]) for i in ids]
    dhead = ["Mã trường", "Tên trường", "Loại", "Cấp độ/Mức độ", "Số quyết định",
             "Ngày quyết định", "Cơ quan ban hành", "Hiệu lực đến", "Ngày đánh giá ngoài"]
    decisions = [
        [H("CÁC QUYẾT ĐỊNH CÔNG NHẬN KIỂM ĐỊNH VÀ CHUẨN QUỐC GIA", 1, len(dhead))],
        [H(h) for h in dhead],
        ["75000701", S["75000701"][1], "Kiểm định", 2, "123/QĐ-SGDĐT", D(2022, 5, 20),
         KD_ISSUER, None, D(2022, 4, 10)],
        ["75000701", S["75000701"][1], "Chuẩn quốc gia", 1, "456/QĐ-UBND", D(2022, 6, 1),
         CQG_ISSUER],
        ["75000702", S["75000702"][1], "KĐCLGD", 3, "1045/QĐ-SGDĐT", D(2025, 3, 14),
         KD_ISSUER],
        ["75000815", S["75000815"][1], "CQG", 2, "2871/QĐ-UBND", D(2024, 11, 5), CQG_ISSUER,
         D(2029, 6, 30)],
        ["75000815", S["75000815"][1], "Kiểm định", 1, "77/QĐ-SGDĐT", D(2019, 1, 18),
         KD_ISSUER],
        ["75001108", S["75001108"][1], "KĐCLGD", 2, "3012/QĐ-SGDĐT", D(2023, 12, 8),
         KD_ISSUER],
    ]
    notes = [
        ["Ghi chú"],
        ["Danh sách do phòng Khảo thí và Quản lý chất lượng giáo dục tổng hợp đến ngày 15/12/2025."],
        ["Các trường chưa có quyết định công nhận năm 2025 sẽ được bổ sung trong đợt sau."],
        ["Liên hệ: 0251 3847 000 (giờ hành chính)."],
    ]
    case("long-shape", [
        Sheet("Danh sách trường", schools, [2.5, 6.5, 2.2, 2.2, 4, 4.5, 5, 4, 3, 6, 2.2, 1.8]),
        Sheet("Quyết định", decisions, [2.5, 6.5, 3, 2.5, 3.5, 3, 5, 3, 3]),
        Sheet("Ghi chú", notes, [20]),
    ], "xlsx", """
Three sheets. "Danh sách trường": header row 1, 4 schools in rows 2–5, ids as text, Số học sinh
and Số lớp (K, L) as numbers. "Quyết định": A1:I1 a merged title, header row 2, 6 decisions in
rows 3–8, long shape; C (Loại) written "Kiểm định" (C3, C7), "Chuẩn quốc gia" (C4), "KĐCLGD" (C5,
C8), "CQG" (C6); D is "Cấp độ/Mức độ" as numbers; F dates are date cells; H6 Hiệu lực đến =
30/06/2029 given (others empty); I3 Ngày đánh giá ngoài = 10/04/2022. "Ghi chú" is free text
(A1:A4) with no header: it must be ignored.
""")


def date_forms():
    head = ["Mã trường", "Tên trường", "Cấp học", "Xã/phường", "Huyện (cũ)", "Cấp độ KĐCLGD",
            "Số QĐ KĐ", "Ngày QĐ KĐ", "Mức độ chuẩn QG", "Số QĐ CQG", "Ngày QĐ CQG"]
    forms = [
        ("75000701", 3, "123/QĐ-SGDĐT", D(2022, 5, 20), None),
        ("75000702", "Cấp độ 2", "124/QĐ-SGDĐT", 44701, ("Mức 2", "460/QĐ-UBND", D(2022, 7, 1))),
        ("75000815", "III", "125/QĐ-SGDĐT", "20/5/2022", None),
        ("75000923", "cấp độ IV", "126/QĐ-SGDĐT", "20-05-2022", (2, "461/QĐ-UBND", "01/07/2022")),
        ("75001047", "2", "127/QĐ-SGDĐT", "2022-05-20", None),
        ("75001108", "Cấp độ 2", "15/QĐ-SGDĐT", "05/01/2023", None),
    ]
    rows = [[H(h) for h in head]]
    for sid, level, num, date, cqg in forms:
        s = S[sid]
        row = [s[0], s[1], s[2], s[4], s[5], level, num, date]
        if cqg:
            row += list(cqg)
        rows.append(row)
    case("date-forms", [Sheet("Trường", rows, [2.5, 6.5, 2.2, 4, 4.5, 2.5, 3.5, 3, 2.5, 3.5, 3])],
         "xls", """
One sheet "Trường", wide shape, header row 1 (Cấp độ KĐCLGD, Số QĐ KĐ, Ngày QĐ KĐ, Mức độ chuẩn
QG, Số QĐ CQG, Ngày QĐ CQG), 6 schools in rows 2–7. Ngày QĐ KĐ (H): H2 a date cell 20/05/2022;
H3 the number 44701 with no date format (serial = 20/05/2022); H4 text "20/5/2022"; H5 text
"20-05-2022"; H6 text "2022-05-20"; H7 text "05/01/2023" (= 5 January 2023, day first). Levels
(F): F2 the number 3, F3 "Cấp độ 2", F4 "III", F5 "cấp độ IV", F6 text "2", F7 "Cấp độ 2";
national standard I3 "Mức 2" (K3 a date cell 01/07/2022), I5 the number 2 (K5 text "01/07/2022").
""")


def ids_as_numbers():
    head = ["Mã trường", "Tên trường", "Cấp học", "Loại hình", "Xã/phường", "Huyện (cũ)",
            "Địa chỉ", "Hiệu trưởng", "Điện thoại", "Số học sinh", "Số lớp"]
    rows = [[H(h) for h in head]]
    for sid, name, students, extra in [
        ("75000701", None, 812, {}),
        ("75000815", None, "1.234", {}),
        ("123", None, 356, {}),
        ("75001047", "Trường Tiểu học\nLê Lợi", "1 050", {}),
        ("75001354", "  Trường THCS Quang Trung ", 987,
         {"commune": "Xã\u00a0Xuân Lộc", "phone": " 0251 3871 354  "}),
    ]:
        s = S.get(sid, S["75000702"])
        row = [int(sid), name or s[1], s[2], s[3], extra.get("commune", s[4]), s[5], s[6], s[7],
               extra.get("phone", s[8]), students, s[11]]
        rows.append(row)
    case("ids-as-numbers", [Sheet("Sheet1", rows, [2.5, 6.5, 2.2, 2.2, 4, 4.5, 5, 4, 3.2, 2.2,
                                                   1.8])], "ods", """
One sheet "Sheet1", header row 1, 5 schools in rows 2–6. Mã trường (A) are number cells: A2
75000701, A3 75000815, A4 123 (a short code among 8-digit ones: leading zeros may be lost), A5
75001047, A6 75001354. Số học sinh (J): J2 812 and J4 356 numbers, J3 text "1.234", J5 text
"1 050", J6 987. B5 holds a line break: "Trường Tiểu học⏎Lê Lợi". B6 has two leading spaces and
one trailing ("  Trường THCS Quang Trung "); E6 has a no-break space (U+00A0) after "Xã"; I6 has
a leading space and two trailing.
""")


def legacy_cells():
    head = ["Mã trường", "Tên trường", "Cấp học", "Xã/phường", "Huyện (cũ)"]
    rows = [[H(h) for h in head],
            ["75000701", "Tr\u00adêng TiÓu häc §inh Bé LÜnh", "Tiểu học", "Ph\u00adêng TrÊn Biªn",
             "Thành phố Biên Hòa"],
            ["75001047", "Tröôøng Tieåu hoïc Nguyeãn Hueä", "Tiểu học", "Phöôøng Long Bình",
             "Thành phố Biên Hòa"],
            ["75000815", S["75000815"][1], "THCS", S["75000815"][4], S["75000815"][5]]]
    case("legacy-cells", [Sheet("Danh sách", rows, [2.5, 7, 2.2, 4.5, 4.5])], "xlsx", """
One sheet "Danh sách", header row 1, 3 schools. B2 and D2 are TCVN3 as a Unicode program shows it
("Tr\\u00adêng TiÓu häc §inh Bé LÜnh" = Trường Tiểu học Đinh Bộ Lĩnh; "Ph\\u00adêng TrÊn Biªn" =
Phường Trấn Biên; U+00AD is TCVN3's byte for ư). B3 and D3 are VNI ("Tröôøng Tieåu hoïc Nguyeãn
Hueä" = Trường Tiểu học Nguyễn Huệ; "Phöôøng Long Bình" = Phường Long Bình). Row 4 is correct
Unicode. C and E are Unicode in every row.
""")


def blank_repeated():
    head = ["Mã trường", "Tên trường", "Cấp học", "Xã/phường", "Huyện (cũ)", "Điện thoại"]
    rows = [[H(h) for h in head]]
    ids = ["75000701", "75000702", "75000815", None, None, "75000923", "75001047", "75000815"]
    for sid in ids:
        if sid is None:
            rows.append([])
            continue
        s = S[sid]
        rows.append([s[0], s[1], s[2], s[4], s[5], s[8]])
    case("blank-repeated", [Sheet("Trường", rows, [2.5, 6.5, 2.2, 4, 4.5, 3.2])], "xlsx", """
One sheet "Trường", header row 1; schools in rows 2–4 and 7–9; rows 5 and 6 are fully blank.
A4 and A9 are the same school 75000815 (Trường THCS Nguyễn Bỉnh Khiêm, identical rows): an error
naming rows 4 and 9 is expected.
""")


def unknown_level():
    head = ["Mã trường", "Tên trường", "Cấp học", "Xã/phường", "Huyện (cũ)", "Cấp độ KĐCLGD",
            "Số QĐ KĐ", "Ngày QĐ KĐ"]
    rows = [[H(h) for h in head]]
    for sid, level, kd in [
        ("75000701", "Tiểu học", (2, "123/QĐ-SGDĐT", D(2022, 5, 20))),
        ("75000702", "Mầm non", None),
        ("75000815", "THCS", (1, "77/QĐ-SGDĐT", D(2019, 1, 18))),
        ("75009901", "Đại học", None),
        ("75000923", "THPT", ("5", "2210/QĐ-SGDĐT", D(2025, 9, 30))),
    ]:
        s = S.get(sid)
        name, commune, district = (s[1], s[4], s[5]) if s else (
            "Trường Đại học Đồng Nai", "Phường Trấn Biên", "Thành phố Biên Hòa")
        rows.append([sid, name, level, commune, district] + (list(kd) if kd else []))
    case("unknown-level", [Sheet("Trường", rows, [2.5, 6.5, 2.2, 4, 4.5, 2.5, 3.5, 3])], "xlsx",
         """
One sheet "Trường", header row 1, 5 schools in rows 2–6. C5 Cấp học is "Đại học" (not a level of
the portal); F6 Cấp độ KĐCLGD is the text "5" (cấp độ goes 1–4). Both are errors, and the import
must write nothing, not even rows 2–4 that are fine.
""")


EXISTING_TOML = """\
# Trường Tiểu học Đinh Bộ Lĩnh — hồ sơ do phòng Khảo thí nhập tay, đừng xoá các dòng ghi chú.
name = "Trường Tiểu học Đinh Bộ Lĩnh"
id = "75000701"
commune = "Phường Trấn Biên"
level = "tieu-hoc"
phone = "0251 3822 123"   # số cũ, trước khi đổi tổng đài
principal = "Nguyễn Thị Hoa"
facebook = "https://www.facebook.com/thdinhbolinh.example"
former_district = "Thành phố Biên Hòa"
students = 812

# Quyết định công nhận đạt kiểm định (bản giấy lưu ở tủ hồ sơ số 3).
[[accreditation]]
decision = "123/QĐ-SGDĐT"
level = 2
decided = 2022-05-20
"""


def existing_update():
    head = ["Mã trường", "Tên trường", "Cấp học", "Xã/phường", "Huyện (cũ)", "Điện thoại",
            "Cấp độ KĐCLGD", "Số QĐ KĐ", "Ngày QĐ KĐ"]
    a, b = S["75000701"], S["75000702"]
    rows = [[H(h) for h in head],
            [a[0], a[1], a[2], a[4], a[5], "0251 3822 999", 3, "2987/QĐ-SGDĐT", D(2025, 11, 14)],
            [b[0], b[1], b[2], b[4], b[5], b[8], 2, "1045/QĐ-SGDĐT", D(2025, 3, 14)]]
    folder = case("existing-update", [Sheet("Trường", rows)], "csv", """
input.csv (UTF-8 with BOM, comma-separated; LibreOffice wrote it without the BOM, the script adds
it) from source.fods: header line 1, 2 schools. Line 2 is the existing school 75000701: phone
changes from "0251 3822 123" to "0251 3822 999" (F2) and a new accreditation 2987/QĐ-SGDĐT cấp
độ 3 of 14/11/2025 (G2:I2; its 123/QĐ-SGDĐT is not in the CSV and must stay). Line 3 (75000702) is
a new school. content/schools/th-dinh-bo-linh/school.toml was written by hand: comments (header,
inline on phone, above [[accreditation]]), its own key order and `facebook`, a key the importer
does not know; all must survive. config.toml is tests/fixtures/small/config.toml.
""", fmt=CSV_FILTER)
    csv = folder / "input.csv"
    data = csv.read_bytes()
    # LibreOffice 7.4's CSV filter has no BOM option (it came with 7.6): the file Excel users
    # send ("CSV UTF-8") starts with one, so it is added here.
    if not data.startswith(b"\xef\xbb\xbf"):
        csv.write_bytes(b"\xef\xbb\xbf" + data)
    shutil.copy(ROOT / "tests" / "fixtures" / "small" / "config.toml", folder / "config.toml")
    school = folder / "content" / "schools" / "th-dinh-bo-linh"
    school.mkdir(parents=True)
    (school / "school.toml").write_text(EXISTING_TOML, encoding="utf-8")


def missing_column():
    head = ["Mã trường", "Tên trường", "Cấp học", "Huyện (cũ)", "Địa chỉ", "Hiệu trưởng"]
    rows = [[H(h) for h in head]]
    for sid in ["75000701", "75000702", "75001354"]:
        s = S[sid]
        rows.append([s[0], s[1], s[2], s[5], s[6], s[7]])
    case("missing-column", [Sheet("Trường", rows, [2.5, 6.5, 2.2, 4.5, 5, 4])], "xlsx", """
One sheet "Trường", header row 1: Mã trường, Tên trường, Cấp học, Huyện (cũ), Địa chỉ, Hiệu
trưởng. There is no Xã/phường column (the commune is required): a finding naming these six
headers is expected, and nothing is written. 3 schools in rows 2–4.
""")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    wide_title_merged()
    long_shape()
    date_forms()
    ids_as_numbers()
    legacy_cells()
    blank_repeated()
    unknown_level()
    existing_update()
    missing_column()
    for folder in sorted(OUT.iterdir()):
        made = sorted(p.name for p in folder.iterdir())
        print("%-16s %s" % (folder.name, ", ".join(made)))


if __name__ == "__main__":
    main()
