#!/usr/bin/env python3
"""Writes the small real files of tests/hostile/58-legit-attachments/files/: one of each type
the portal publishes (PDF, PNG, JPEG, GIF, WebP, DOCX, ODT, ZIP, SVG), made with the standard
library only, byte for byte the same on every run. The files are committed; run this again
only to change them:

    python3 tests/hostile/make-attachments.py
"""

import base64
import os
import struct
import zipfile
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "58-legit-attachments", "files")
# A fixed time for every zip entry, so that the archives do not change from run to run.
WHEN = (2025, 1, 1, 0, 0, 0)


def pdf():
    """A one-page PDF 1.4 saying "Bao cao" with a correct cross-reference table."""
    stream = b"BT /F1 24 Tf 72 720 Td (Bao cao tu danh gia) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def png():
    """A 2×2 RGB PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x1f\x6f\xb4" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def jpeg():
    """An 8×8 mid-grey baseline JPEG: one block whose coefficients are all zero, with
    Huffman tables that hold only the two codes it uses (DC difference 0, end of block)."""
    def seg(marker, data):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(data) + 2) + data

    one_code = bytes([1] + [0] * 15)  # a single code, of length 1
    return (
        b"\xff\xd8"
        + seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + seg(0xDB, b"\x00" + bytes([1] * 64))
        + seg(0xC0, b"\x08" + struct.pack(">HH", 8, 8) + b"\x01" + b"\x01\x11\x00")
        + seg(0xC4, b"\x00" + one_code + b"\x00")  # DC table 0: category 0
        + seg(0xC4, b"\x10" + one_code + b"\x00")  # AC table 0: end of block
        + seg(0xDA, b"\x01" + b"\x01\x00" + b"\x00\x3f\x00")
        + b"\x3f"  # DC "0", EOB "0", padded with ones
        + b"\xff\xd9"
    )


def gif():
    """A 1×1 GIF89a."""
    return (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00"
        + b"\x1f\x6f\xb4\xff\xff\xff"
        + b"\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00"
        + b"\x02\x02\x44\x01\x00"
        + b"\x3b"
    )


def webp():
    """A 1×1 lossless WebP (the image browsers' WebP feature tests decode)."""
    return base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")


def archive(entries, stored_first=None):
    """A zip of `entries` (name, text), with `stored_first` (name, text) first and
    uncompressed, as OpenDocument asks of its `mimetype`."""
    from io import BytesIO

    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        if stored_first:
            z.writestr(zipfile.ZipInfo(stored_first[0], WHEN), stored_first[1], zipfile.ZIP_STORED)
        for name, text in entries:
            z.writestr(zipfile.ZipInfo(name, WHEN), text, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def docx():
    return archive([
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" '
         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="word/document.xml"/></Relationships>'),
        ("word/document.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         '<w:body><w:p><w:r><w:t>Báo cáo tự đánh giá</w:t></w:r></w:p></w:body></w:document>'),
    ])


def odt():
    mime = "application/vnd.oasis.opendocument.text"
    return archive([
        ("META-INF/manifest.xml",
         '<?xml version="1.0" encoding="UTF-8"?>'
         '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
         f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
         '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
         '</manifest:manifest>'),
        ("content.xml",
         '<?xml version="1.0" encoding="UTF-8"?>'
         '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
         'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
         '<office:body><office:text><text:p>Báo cáo tự đánh giá</text:p></office:text></office:body>'
         '</office:document-content>'),
    ], stored_first=("mimetype", mime))


def plain_zip():
    return archive([("minh-chung/danh-sach.txt", "H1-1.1-01 Quyết định thành lập hội đồng\n")])


def svg():
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 40 20">\n'
        '  <defs><linearGradient id="g"><stop offset="0" stop-color="#1f6fb4"/></linearGradient></defs>\n'
        '  <rect width="40" height="20" fill="url(#g)"/>\n'
        '  <use xlink:href="#g"/>\n'
        '  <text x="2" y="14">Sơ đồ</text>\n'
        '</svg>\n'
    ).encode()


FILES = {
    "bao-cao.pdf": pdf,
    "anh.png": png,
    "anh.jpg": jpeg,
    "anh.gif": gif,
    "anh.webp": webp,
    "bao-cao.docx": docx,
    "bao-cao.odt": odt,
    "minh-chung.zip": plain_zip,
    "so-do.svg": svg,
}

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, make in FILES.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(make())
        print(name)
