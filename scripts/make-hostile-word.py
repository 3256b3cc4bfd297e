#!/usr/bin/env python3
"""Writes the hostile and broken Word files of tests/hostile/word/ (described in its README.md),
on which `minhbach import report` must end in a finding, never a hang, a crash, a partial write
or a file outside content/schools/<slug>/.

    python3 scripts/make-hostile-word.py                 # the hostile files from the base
    python3 scripts/make-hostile-word.py --rebuild-base  # also convert the base again

Python 3.11 standard library, plus LibreOffice 7.4 `soffice` (Writer: Debian package
libreoffice-writer-nogui) for the base only, and `msoffcrypto-tool` for the encrypted file only
(it encrypts as Word does). The base, 00-valid.docx, is a small 2018-form tiểu học report written
here as HTML and converted once by LibreOffice; it is kept when it exists, because LibreOffice
stamps the zip entries and docProps with the time of conversion. Every other file is derived
from it by editing its zip with zipfile/zlib, with a fixed seed and fixed zip times, so a second
run gives the same bytes (encrypted.docx is kept while it still decrypts to the base: its salt
is random). The macro project of the .docm reuses the compound-file writer of
make-hostile-workbooks.py. Every file stays under 1 MB.
"""

import base64
import importlib.util
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "hostile" / "word"
BASE = OUT / "00-valid.docx"
XLSX = ROOT / "tests" / "fixtures" / "import" / "long-shape" / "input.xlsx"
PROFILE = "-env:UserInstallation=file:///tmp/lo-profile-hostile-word"
WHEN = (2025, 1, 1, 0, 0, 0)
PASSWORD = "minhbach"
DOC = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
SLUG = "th-le-van-tam"
SCHOOL = "Trường Tiểu học Lê Văn Tám"
SCHOOL_ID = "75000801"
YEAR = "2024-2025"
# The files that are still imported are each given their own school year, so that
# `import reports` on the folder writes each of them without one replacing another.
IMAGE_CLIMB_YEAR = "2023-2024"
SVG_YEAR = "2022-2023"
MACRO_YEAR = "2021-2022"

wb_spec = importlib.util.spec_from_file_location("wb", ROOT / "scripts" / "make-hostile-workbooks.py")
wb = importlib.util.module_from_spec(wb_spec)
wb_spec.loader.exec_module(wb)


def png():
    """A 4×4 blue PNG."""
    w = h = 4
    raw = b"".join(b"\x00" + b"\x1f\x6f\xb4" * w for _ in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def base_html():
    """A 2018-form report (Công văn 5932): cover, two criteria of standard 1 each ending in
    "Tự đánh giá: Đạt Mức 2", a conclusion and the evidence list; one image (the school logo)."""
    logo = base64.b64encode(png()).decode()

    def criterion(n, title, codes):
        return f"""
<h2>Tiêu chí 1.{n}: {title}</h2>
<p><b>1. Mô tả hiện trạng</b></p>
<p>Nhà trường thực hiện đầy đủ yêu cầu của tiêu chí {codes}.</p>
<p><b>2. Điểm mạnh</b></p>
<p>Thực hiện nghiêm túc, công khai.</p>
<p><b>3. Điểm yếu</b></p>
<p>Việc rà soát chưa thường xuyên.</p>
<p><b>4. Kế hoạch cải tiến chất lượng</b></p>
<p>Rà soát mỗi học kỳ, bắt đầu từ học kỳ tới.</p>
<p><b>5. Tự đánh giá: Đạt Mức 2</b></p>
"""

    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo cáo tự đánh giá</title></head><body>
<p align="center">UBND XÃ TÂN PHONG</p>
<p align="center"><b>{SCHOOL.upper()}</b></p>
<p align="center">Mã trường: {SCHOOL_ID}</p>
<p align="center"><img src="data:image/png;base64,{logo}" width="32" height="32" alt="Logo"></p>
<p align="center"><b>BÁO CÁO TỰ ĐÁNH GIÁ</b></p>
<p align="center">{SCHOOL}, năm học {YEAR}</p>
<h1>Tiêu chuẩn 1: Tổ chức và quản lý nhà trường</h1>
<p><b>Mở đầu</b></p>
<p>Nhà trường có cơ cấu tổ chức theo quy định của Điều lệ trường tiểu học.</p>
{criterion(1, "Phương hướng, chiến lược xây dựng và phát triển nhà trường",
           "[H1-1.1-01][H1-1.1-02]")}
{criterion(2, "Hội đồng trường (Hội đồng quản trị đối với trường tư thục) và các hội đồng khác",
           "[H1-1.2-01]")}
<p><b>Kết luận về Tiêu chuẩn 1</b></p>
<p>Nhà trường đạt Mức 2 ở các tiêu chí đã đánh giá.</p>
<h1>Kết luận chung</h1>
<p>Trường Tiểu học Lê Văn Tám tự đánh giá đạt Mức 2.</p>
<h1>Danh mục mã minh chứng</h1>
<table border="1">
<tr><th>TT</th><th>Mã minh chứng</th><th>Tên minh chứng</th><th>Số, ngày ban hành</th><th>Nơi ban hành</th><th>Ghi chú</th></tr>
<tr><td>1</td><td>H1-1.1-01</td><td>Kế hoạch chiến lược giai đoạn 2020-2025</td><td>12/KH-THLVT, 05/9/2020</td><td>Trường TH Lê Văn Tám</td><td></td></tr>
<tr><td>2</td><td>H1-1.1-02</td><td>Biên bản niêm yết công khai</td><td>15/BB-THLVT, 10/9/2020</td><td>Trường TH Lê Văn Tám</td><td></td></tr>
<tr><td>3</td><td>H1-1.2-01</td><td>Quyết định thành lập Hội đồng trường</td><td>101/QĐ-UBND, 20/8/2021</td><td>UBND xã Tân Phong</td><td></td></tr>
</table>
</body></html>
"""


def convert_base():
    """00-valid.docx: the HTML above as LibreOffice Writer saves it in Word's format."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bao-cao.html"
        src.write_text(base_html(), encoding="utf-8")
        subprocess.run(["soffice", PROFILE, "--headless", "--infilter=HTML (StarWriter)",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=300)
        shutil.copyfile(Path(tmp) / "bao-cao.docx", BASE)


def base_parts():
    with zipfile.ZipFile(BASE) as z:
        return {n: z.read(n) for n in z.namelist()}


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(zipfile.ZipInfo(name, WHEN), data, zipfile.ZIP_DEFLATED)


def edit(parts, name, old, new, count=1):
    text = parts[name].decode("utf-8")
    assert old in text, (name, old)
    parts[name] = text.replace(old, new, count).encode("utf-8")


def with_year(parts, year):
    edit(parts, DOC, "năm học " + YEAR, "năm học " + year)


def before_body_end(parts, xml):
    """Inserts `xml` as the last body content, before the section properties."""
    edit(parts, DOC, "<w:sectPr>", xml + "<w:sectPr>")


def add_rel(parts, rid, kind, target):
    edit(parts, RELS, "</Relationships>", '<Relationship Id="%s" Type="http://schemas.openxmlformats'
         '.org/officeDocument/2006/relationships/%s" Target="%s"/></Relationships>' % (rid, kind, target))


def logo_paragraph(parts):
    """The paragraph of the base that holds the logo's drawing."""
    text = parts[DOC].decode("utf-8")
    at = text.index('r:embed="rId')
    start = text.rindex("<w:p>", 0, at)
    end = text.index("</w:p>", at) + len("</w:p>")
    return text[start:end]


def logo_rid(parts):
    text = parts[DOC].decode("utf-8")
    at = text.index('r:embed="') + len('r:embed="')
    return text[at:text.index('"', at)]


def logo_target(parts):
    rels = parts[RELS].decode("utf-8")
    at = rels.index('Id="%s"' % logo_rid(parts))
    tgt = rels.index('Target="', at) + len('Target="')
    return "word/" + rels[tgt:rels.index('"', tgt)]


# --- the cases --------------------------------------------------------------------------------

def corrupt():
    """4 KiB of random bytes after a zip local-header signature."""
    return b"PK\x03\x04" + random.Random(20261205).randbytes(4092)


def truncated():
    data = BASE.read_bytes()
    return data[: len(data) // 2]


def write_encrypted(path):
    """The base encrypted as Word does (ECMA-376 Agile: a compound file holding EncryptionInfo
    and EncryptedPackage), kept when it still decrypts to the base."""
    import io
    import msoffcrypto
    import msoffcrypto.format.ooxml

    if path.exists():
        try:
            office = msoffcrypto.OfficeFile(io.BytesIO(path.read_bytes()))
            office.load_key(password=PASSWORD)
            plain = io.BytesIO()
            office.decrypt(plain)
            if plain.getvalue() == BASE.read_bytes():
                return
        except Exception:  # any failure to decrypt: write it again
            pass
    out = io.BytesIO()
    with open(BASE, "rb") as f:
        msoffcrypto.format.ooxml.OOXMLFile(f).encrypt(PASSWORD, out)
    path.write_bytes(out.getvalue())


def zip_bomb(path, spaces=300_000_000):
    """word/document.xml inflates to about 300 MB (286 MiB, over the 256 MiB limit): 3·10^8
    spaces between the last paragraph and the section properties, which XML ignores, so no
    paragraph is large and only the size of the unzipped part can stop it. One deflate stream
    (ratio about 1030 to 1); honest sizes and CRC in the headers, no Zip64."""
    parts = base_parts()
    head, tail = parts[DOC].split(b"<w:sectPr>", 1)
    tail = b"<w:sectPr>" + tail
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, WHEN)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name != DOC:
                z.writestr(info, data)
                continue
            with z.open(info, "w") as w:
                w.write(head)
                chunk = b" " * (1 << 20)
                left = spaces
                while left > 0:
                    w.write(chunk[:left])
                    left -= min(left, len(chunk))
                w.write(tail)


def billion_laughs():
    parts = base_parts()
    lol = ['<!ENTITY lol0 "lol">'] + [
        '<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10) for i in range(1, 10)]
    edit(parts, DOC, "?>", "?>\n<!DOCTYPE w:document [\n%s\n]>\n" % "\n".join(lol))
    before_body_end(parts, "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>")
    return parts


def external_entity():
    parts = base_parts()
    edit(parts, DOC, "?>", '?>\n<!DOCTYPE w:document [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n')
    before_body_end(parts, "<w:p><w:r><w:t>Mật khẩu: &xxe;</w:t></w:r></w:p>")
    return parts


def image_climbs():
    """The logo stored as `word/media/../../x.png` (its relationship climbing the same way),
    and a second image whose relationship Target="../../../x.png" climbs out of the package,
    stored under the zip name that target resolves to, `../../x.png`."""
    parts = base_parts()
    with_year(parts, IMAGE_CLIMB_YEAR)
    target = logo_target(parts)
    data = parts.pop(target)
    parts["word/media/../../x.png"] = data
    parts["../../x.png"] = data
    edit(parts, RELS, 'Target="%s"' % target[len("word/"):], 'Target="media/../../x.png"')
    add_rel(parts, "rIdClimb", "image", "../../../x.png")
    para = logo_paragraph(parts)
    before_body_end(parts, para.replace('r:embed="%s"' % logo_rid(parts), 'r:embed="rIdClimb"'))
    return parts


SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="32" height="32" onload="alert('onload')">
<script type="text/javascript">alert(document.cookie)</script>
<a xlink:href="javascript:alert(2)"><rect width="32" height="32" fill="#1f6fb4"/></a>
<foreignObject width="32" height="32"><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(3)"></iframe></foreignObject>
</svg>
"""


def svg_script():
    """An SVG with a script, onload, a javascript: link and a foreignObject: once as Word
    stores an SVG (svgBlip beside a PNG fallback), once as the picture itself."""
    parts = base_parts()
    with_year(parts, SVG_YEAR)
    parts["word/media/image2.svg"] = SVG
    edit(parts, TYPES, "<Override", '<Default Extension="svg" ContentType="image/svg+xml"/><Override')
    add_rel(parts, "rIdSvg", "image", "media/image2.svg")
    rid = logo_rid(parts)
    para = logo_paragraph(parts)
    with_fallback = para.replace(
        '<a:blip r:embed="%s">' % rid,
        '<a:blip r:embed="%s"><a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">'
        '<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" '
        'r:embed="rIdSvg"/></a:ext></a:extLst>' % rid)
    assert with_fallback != para
    only_svg = para.replace('r:embed="%s"' % rid, 'r:embed="rIdSvg"')
    before_body_end(parts, with_fallback + only_svg)
    return parts


def big_paragraph(size=50_000_000):
    """One paragraph of 50 MB of text (one run), in Tiêu chí 1.2's place at the end."""
    parts = base_parts()
    words = "Nhà trường thực hiện đầy đủ các quy định về công khai. "
    text = (words * (size // len(words.encode()) + 1)).encode()[:size].decode("utf-8", "ignore")
    before_body_end(parts, '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text)
    return parts


def nested_tables(depth=10_000):
    """10,000 tables, each in the only cell of the one around it."""
    parts = base_parts()
    open_ = '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tr><w:tc>'
    close = "<w:p/></w:tc></w:tr></w:tbl>"
    inner = "<w:p><w:r><w:t>Bảng trong cùng</w:t></w:r></w:p>"
    before_body_end(parts, open_ * depth + inner + close * depth + "<w:p/>")
    return parts


def vba_project():
    """A Word VBA project: ThisDocument with Document_Open → Shell, Module1 with AutoOpen."""
    module = ('Attribute VB_Name = "Module1"\r\n'
              "Sub AutoOpen()\r\n"
              '    MsgBox "Macro chay khi mo tep: minhbach khong duoc chay no."\r\n'
              "End Sub\r\n").encode("cp1252")
    this = ('Attribute VB_Name = "ThisDocument"\r\n'
            'Attribute VB_Base = "1Normal.ThisDocument"\r\n'
            "Private Sub Document_Open()\r\n"
            '    Shell "cmd /c echo minhbach-macro-ran"\r\n'
            "End Sub\r\n").encode("cp1252")
    project = ('ID="{6E2C7F4A-4D3B-4C9F-8F5C-2A3B4C5D6E7F}"\r\n'
               "Document=ThisDocument/&H00000000\r\n"
               "Module=Module1\r\n"
               'Name="Project"\r\n'
               'HelpContextID="0"\r\n'
               'VersionCompatible32="393222000"\r\n'
               "\r\n[Host Extender Info]\r\n"
               "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000\r\n"
               "\r\n[Workspace]\r\nThisDocument=0, 0, 0, 0, C\r\nModule1=0, 0, 0, 0, C\r\n"
               ).encode("cp1252")
    projectwm = (b"ThisDocument\x00" + "ThisDocument".encode("utf-16-le") + b"\x00\x00"
                 + b"Module1\x00" + "Module1".encode("utf-16-le") + b"\x00\x00" + b"\x00\x00")
    return wb.cfb({
        "VBA": {
            "dir": wb.ovba_compress(wb.vba_dir([("ThisDocument", 0x22), ("Module1", 0x21)])),
            "_VBA_PROJECT": bytes([0xCC, 0x61, 0xFF, 0xFF, 0x00, 0x00, 0x00]),
            "ThisDocument": wb.ovba_compress(this),
            "Module1": wb.ovba_compress(module),
        },
        "PROJECT": project,
        "PROJECTwm": projectwm,
    })


def macros():
    """The base as a macro-enabled document (.docm) carrying word/vbaProject.bin."""
    parts = base_parts()
    with_year(parts, MACRO_YEAR)
    edit(parts, TYPES, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
         "application/vnd.ms-word.document.macroEnabled.main+xml")
    edit(parts, TYPES, "<Override", '<Default Extension="bin" '
         'ContentType="application/vnd.ms-office.vbaProject"/><Override')
    # The vbaProject relationship type is Microsoft's, not in the ECMA namespace.
    edit(parts, RELS, "</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft'
         '.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
    parts["word/vbaProject.bin"] = vba_project()
    return parts


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    if "--rebuild-base" in sys.argv or not BASE.exists():
        convert_base()
    parts = base_parts()
    for needle in (SCHOOL, "năm học " + YEAR, "Tiêu chí 1.1:", "Tiêu chí 1.2:", "Đạt Mức 2"):
        assert needle in parts[DOC].decode("utf-8"), "the base lost %r" % needle
    assert XLSX.exists(), "%s is missing: run scripts/make-import-fixtures.py first" % XLSX

    (OUT / "01-corrupt-zip.docx").write_bytes(corrupt())
    (OUT / "02-truncated.docx").write_bytes(truncated())
    write_encrypted(OUT / "03-encrypted.docx")
    zip_bomb(OUT / "04-zip-bomb.docx")
    write_zip(OUT / "05-billion-laughs.docx", billion_laughs())
    write_zip(OUT / "06-external-entity.docx", external_entity())
    write_zip(OUT / "07-image-climbs.docx", image_climbs())
    write_zip(OUT / "08-svg-script.docx", svg_script())
    write_zip(OUT / "09-big-paragraph.docx", big_paragraph())
    write_zip(OUT / "10-nested-tables.docx", nested_tables())
    write_zip(OUT / "11-macros.docm", macros())
    shutil.copyfile(XLSX, OUT / "12-renamed-xlsx.docx")
    (OUT / "13-empty.docx").write_bytes(b"")
    (OUT / "14-garbage.doc").write_bytes(random.Random(20261206).randbytes(8192))

    total = 0
    for p in sorted(OUT.iterdir()):
        if p.is_file() and p.suffix in (".docx", ".docm", ".doc"):
            size = p.stat().st_size
            total += size
            assert size < 1_000_000, p
            print("%-26s %8d bytes" % (p.name, size))
    print("total %d bytes" % total)


if __name__ == "__main__":
    main()
