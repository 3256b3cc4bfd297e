#!/usr/bin/env python3
"""Generate the fictional sample content of the minhbach portal.

Run from the repository root:  python3 scripts/gen_sample.py

Deletes and rewrites content/schools/ and content/pages/, writes config.toml, then reads back
everything it wrote, asserts the content requirements (self-check) and prints a summary.
Deterministic: one random.Random(SEED), sorted iteration, no clock. Criterion ids, titles,
levels and Mức 4 items come from regulation/*.toml. Every school, person, number and decision
produced here is fictional.
"""

import datetime as dt
import random
import re
import shutil
import tomllib
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261123
BUILD_DATE = dt.date(2026, 11, 23)
WARN_DAYS = 180
TT22_FROM = dt.date(2025, 1, 25)      # Thông tư 22/2024 in force
C57_FROM = dt.date(2026, 7, 7)        # Thông tư 57/2026 in force
MERGED = dt.date(2025, 7, 1)          # two-level government; Bình Phước merged into Đồng Nai
YEARS = ("2023-2024", "2024-2025", "2025-2026", "2026-2027")
WINDOW = {  # approval dates of the sample reports, per school year
    "2023-2024": (dt.date(2024, 4, 15), dt.date(2024, 6, 15)),
    "2024-2025": (dt.date(2025, 4, 15), dt.date(2025, 6, 15)),
    "2025-2026": (dt.date(2026, 4, 15), dt.date(2026, 6, 15)),
    "2026-2027": (dt.date(2026, 9, 15), dt.date(2026, 11, 20)),
}
DRAFT_SENTENCE = "Báo cáo đang dự thảo, chưa được hội đồng tự đánh giá thông qua."
FORBIDDEN = ("Đinh Bộ Lĩnh", "Nguyễn Hiền", "Lê Lợi")   # each in exactly one school

# ------------------------------------------------------------------------------------------ helpers

def nfc(s): return unicodedata.normalize("NFC", s)
def days(n): return dt.timedelta(days=n)
def vn_date(d): return f"{d.day:02d}/{d.month}/{d.year}"
def vn_int(n): return f"{n:,}".replace(",", ".")
def vn_dec(x): return f"{x:.1f}".replace(".", ",")
def lcfirst(s): return s[:1].lower() + s[1:]
def ucfirst(s): return s[:1].upper() + s[1:]
def q(s): return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'   # TOML basic string
def rand_date(rng, a, b): return a + days(rng.randint(0, (b - a).days))

def fold(s):
    """Lower case, no diacritics, đ → d (the site's folding)."""
    s = unicodedata.normalize("NFD", nfc(s).lower().replace("đ", "d"))
    return "".join(ch for ch in s if not unicodedata.combining(ch))

def slugify(s):
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")

def add_years(d, n):
    """Same day and month n years later; 29 February → 28 February."""
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)

def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nfc(text), encoding="utf-8")

# ------------------------------------------------------------------------------------------ catalogs

def load_frameworks():
    """Read regulation/*.toml into {framework id: simplified framework}."""
    fws = {}
    for fname in ("tt-2018.toml", "tt22-2024.toml", "tt57-2026.toml"):
        with open(ROOT / "regulation" / fname, "rb") as fh:
            cat = tomllib.load(fh)
        c57 = cat["catalog"] == "tt57-2026"
        for fw in cat["frameworks"]:
            standards = [{"number": st["number"], "title": st["title"], "criteria": [
                {"id": c["id"], "title": c["title"], "std": st["number"], "mandatory": bool(c.get("mandatory")),
                 "max": 2 if c57 else max(c.get("levels_defined") or [3]),
                 "repealed": c.get("repealed_levels", []),
                 "evidence": c.get("suggested_evidence", "")} for c in st["criteria"]]} for st in fw["standards"]]
            fws[fw["id"]] = {"id": fw["id"], "c57": c57, "circular": fw["circular"], "amended_by": fw.get("amended_by"),
                             "standards": standards, "criteria": [c for s in standards for c in s["criteria"]],
                             "level4": {str(x["number"]): x["text"] for x in fw.get("level4_criteria", [])}}
    return fws

def framework_for(level, year, approved_on):
    """Default framework of a report (table in regulation.md); None where none exists."""
    if int(year[:4]) >= 2026:
        return {"mam-non": "tt57-2026-mam-non", "gdtx": "tt57-2026-gdtx"}.get(level, "tt57-2026-pho-thong")
    if level == "gdtx":
        return None
    if approved_on < TT22_FROM:
        return {"mam-non": "tt19-2018-mam-non", "tieu-hoc": "tt17-2018-tieu-hoc"}.get(level, "tt18-2018-pho-thong")
    return "tt22-2024-" + {"mam-non": "mam-non", "tieu-hoc": "tieu-hoc"}.get(level, "pho-thong")

def compute_level(fw, results, level4=None):
    """The school level the law gives for these criterion results (regulation.md)."""
    crits = fw["criteria"]
    if fw["c57"]:
        mand = [results[c["id"]] for c in crits if c["mandatory"]]
        other = [results[c["id"]] for c in crits if not c["mandatory"]]
        if all(r == 2 for r in mand) and sum(r == 2 for r in other) >= 5 and min(results.values()) >= 1:
            return 2
        return 1 if all(r >= 1 for r in mand) and sum(r >= 1 for r in other) >= 5 else 0
    level = max([n for n in (1, 2, 3) if all(results[c["id"]] >= min(n, c["max"]) for c in crits)], default=0)
    if level == 3 and fw["level4"] and level4 and all(level4.get(k) is True for k in fw["level4"]):
        level = 4
    return level

# ------------------------------------------------------------------------------------------ places and schools

DISTRICTS = {  # former district: (code, phone prefix, province before 1/7/2025)
    "Thành phố Biên Hòa": (1, "0251", "Đồng Nai"), "Thành phố Long Khánh": (2, "0251", "Đồng Nai"),
    "Huyện Trảng Bom": (3, "0251", "Đồng Nai"), "Huyện Nhơn Trạch": (4, "0251", "Đồng Nai"),
    "Huyện Xuân Lộc": (5, "0251", "Đồng Nai"), "Huyện Đồng Phú": (6, "0271", "Bình Phước"),
    "Thành phố Đồng Xoài": (7, "0271", "Bình Phước"),
}
COMMUNES = {  # commune (since 1/7/2025): former district
    "Phường Trấn Biên": "Thành phố Biên Hòa", "Phường Tam Hiệp": "Thành phố Biên Hòa",
    "Phường Long Bình": "Thành phố Biên Hòa", "Phường Hố Nai": "Thành phố Biên Hòa",
    "Phường Long Khánh": "Thành phố Long Khánh", "Phường Đông Hòa": "Thành phố Long Khánh",
    "Phường Bảo Vinh": "Thành phố Long Khánh", "Xã Trảng Bom": "Huyện Trảng Bom", "Xã Bàu Hàm": "Huyện Trảng Bom",
    "Xã An Viễn": "Huyện Trảng Bom", "Xã Nhơn Trạch": "Huyện Nhơn Trạch", "Xã Đại Phước": "Huyện Nhơn Trạch",
    "Xã Xuân Lộc": "Huyện Xuân Lộc", "Xã Ông Quế": "Huyện Xuân Lộc", "Xã Đồng Tiến": "Huyện Đồng Phú",
    "Xã Đồng Phú": "Huyện Đồng Phú", "Phường Đồng Xoài": "Thành phố Đồng Xoài",
    "Phường Bình Phước": "Thành phố Đồng Xoài",
}
PREFIX = {  # slug prefix: (level, full name words, short name words, abbreviation in document numbers)
    "mn": ("mam-non", "Trường Mầm non", "Trường MN", "MN"),
    "th": ("tieu-hoc", "Trường Tiểu học", "Trường TH", "TH"),
    "thcs": ("thcs", "Trường Trung học cơ sở", "Trường THCS", "THCS"),
    "thpt": ("thpt", "Trường Trung học phổ thông", "Trường THPT", "THPT"),
    "th-thcs": ("nhieu-cap", "Trường Tiểu học và Trung học cơ sở", "Trường TH&THCS", "THTHCS"),
    "ptnc": ("nhieu-cap", "Trường Phổ thông nhiều cấp học", "Trường PTNCH", "PTNCH"),
    "gdtx": ("gdtx", "Trung tâm Giáo dục thường xuyên", "Trung tâm GDTX", "TTGDTX"),
}
# "prefix: name, name @ commune, name @ commune # ownership, …" (no commune: the least used one)
SCHOOL_ROWS = """
mn: Ánh Dương @ Phường Tam Hiệp, Bình Minh, Đồng Tâm, Én Xanh, Hoa Sen @ Phường Long Bình, Hoa Mai, Họa Mi, Sơn Ca,
    Hướng Dương, Tuổi Thơ, Vành Khuyên, Sao Mai, Hoa Phượng, Thỏ Ngọc # dan-lap, Rạng Đông, Măng Non, Hoa Lan,
    Ước Mơ # tu-thuc
th: Đinh Bộ Lĩnh @ Phường Trấn Biên, Nguyễn Hiền @ Phường Hố Nai, Kim Đồng, Võ Thị Sáu, Trần Quốc Toản, Lý Tự Trọng,
    Nguyễn Văn Trỗi, Lê Văn Tám, Hòa Bình, Âu Cơ, Bùi Thị Xuân, Ngô Quyền, Trưng Vương, Đoàn Thị Điểm, Tô Vĩnh Diện,
    Phù Đổng, Lạc Long Quân, Hoa Lư
thcs: Lê Lợi @ Phường Long Khánh, Nguyễn Du, Nguyễn Trãi, Trần Hưng Đạo, Quang Trung, Phan Bội Châu, Huỳnh Thúc Kháng,
    Lê Quý Đôn, Chu Văn An, Tây Sơn, Ông Ích Khiêm, Trần Phú, Đặng Thai Mai
thpt: Nguyễn Bỉnh Khiêm, Lương Thế Vinh @ Xã Trảng Bom, Lê Hồng Phong, Nguyễn Khuyến, Điểu Cải @ Xã Xuân Lộc,
    Nam Kỳ Khởi Nghĩa, Phan Đình Phùng, Trương Vĩnh Ký
th-thcs: Suối Tre @ Phường Bảo Vinh, Tân Phong @ Phường Tam Hiệp, Bàu Sen @ Phường Đông Hòa
ptnc: Hội Nhập @ Xã Nhơn Trạch # tu-thuc, Thái Bình Dương @ Phường Đồng Xoài # tu-thuc
gdtx: Biên Hòa @ Phường Trấn Biên, Long Khánh @ Phường Long Khánh, Xuân Lộc @ Xã Xuân Lộc, Đồng Xoài @ Phường Đồng Xoài
"""
SCALE = {  # level: (min classes, max classes, learners per class, teachers per class)
    "mam-non": (8, 20, 28, 2.1), "tieu-hoc": (15, 35, 33, 1.45), "thcs": (14, 34, 40, 1.9),
    "thpt": (24, 45, 42, 2.25), "nhieu-cap": (10, 28, 32, 1.7), "gdtx": (8, 18, 38, 1.5),
}
SURNAMES = "Nguyễn Nguyễn Nguyễn Trần Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = {True: ["Thị", "Thị Thu", "Thị Ngọc", "Ngọc", "Thanh", "Thị Kim", "Mỹ", "Thị Hồng"],
          False: ["Văn", "Hữu", "Minh", "Quốc", "Đức", "Thanh", "Công", "Xuân"]}
GIVEN = {True: "Hoa Lan Hương Mai Thủy Hạnh Phương Thảo Hà Nga Yến Trang Dung Loan Tuyết Hằng Nhung Liên Vân Oanh".split(),
         False: "Tuấn Hùng Dũng Sơn Hải Nam Phong Thắng Cường Quang Toàn Khoa Trung Vinh Đức Hậu Tâm Thành".split()}
STREETS = {"Đồng Nai": ["Phạm Văn Thuận", "Hà Huy Giáp", "Nguyễn Ái Quốc", "Cách Mạng Tháng Tám", "Đồng Khởi",
                        "Hoàng Văn Bổn", "Nguyễn Văn Cừ", "Bùi Văn Hòa", "Lý Thường Kiệt", "Hai Bà Trưng"],
           "Bình Phước": ["Phú Riềng Đỏ", "Nguyễn Huệ", "Hoàng Văn Thụ", "Tôn Đức Thắng", "Lê Duẩn"]}
ROADS = ["Quốc lộ 1A", "Quốc lộ 20", "Quốc lộ 14", "Đường tỉnh 769", "Đường tỉnh 763", "Đường tỉnh 741"]
HAMLETS = ["1", "2", "3", "5", "Trung Tâm", "Bàu Trâm", "Tân Hợp", "Suối Cát", "Chợ", "Thọ Lộc", "Cây Dầu"]

def school_rows():
    """Parse SCHOOL_ROWS into (prefix, name, commune, ownership)."""
    rows, key = [], None
    for entry in re.split(r",\s*|\n", SCHOOL_ROWS.strip()):
        if ":" in entry:
            key, entry = (x.strip() for x in entry.split(":", 1))
        if entry.strip():
            name, _, own = entry.partition("#")
            name, _, commune = name.partition("@")
            rows.append((key, name.strip(), commune.strip(), own.strip()))
    return rows

def build_schools(rng):
    """Identity, place and size of every school (decisions come later)."""
    rows = school_rows()
    load = Counter(r[2] for r in rows if r[2])
    order = sorted(COMMUNES)
    rng.shuffle(order)
    serial, schools = Counter(), []
    for key, short, commune, ownership in rows:
        level, full_words, short_words, abbr = PREFIX[key]
        if not commune:  # balance: the commune with the fewest schools so far
            commune = min(order, key=lambda c: (load[c], order.index(c)))
            load[commune] += 1
        district = COMMUNES[commune]
        code, phone_prefix, province_before = DISTRICTS[district]
        lo, hi, per_class, tpc = SCALE[level]
        classes = rng.randint(lo, hi)
        serial[(code, level)] += rng.randint(1, 4)
        slug = f"{key}-{slugify(short)}"
        if commune.startswith("Phường"):
            address = f"{rng.randint(2, 480)} đường {rng.choice(STREETS[province_before])}, khu phố {rng.randint(1, 9)}"
        else:
            address = f"{rng.choice(ROADS)}, ấp {rng.choice(HAMLETS)}"
        female = level == "mam-non" or rng.random() < 0.55
        schools.append({
            "slug": slug, "name": f"{full_words} {short}", "short": f"{short_words} {short}", "level": level,
            "abbr": abbr + "".join("Đ" if w[0] == "Đ" else fold(w[0]) for w in short.split()).upper(),
            "id": f"75{code:02d}{list(SCALE).index(level) + 1}{serial[(code, level)]:03d}",
            "ownership": ownership, "commune": commune, "former_district": district, "address": address,
            "principal": f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[female])} {rng.choice(GIVEN[female])}",
            "phone": f"{phone_prefix} 38{rng.randint(10, 99)} {rng.randint(100, 999)}",
            "email": f"{slug.replace('-', '')}@example.edu.vn",
            "website": f"https://{slug.replace('-', '')}.example.edu.vn" if ownership or rng.random() < 0.3 else "",
            "classes": classes, "students": classes * per_class + rng.randint(-3 * classes, 2 * classes),
            "teachers": round(classes * tpc) + rng.randint(0, 3), "staff": rng.randint(5, 12),
            "founded": rng.randint(2004, 2018) if ownership else rng.randint(1976, 2015),
            "area": classes * rng.randint(9, 14) * (per_class if level != "gdtx" else 20),
            "province_before": province_before, "omit": set()})
    dbl = next(s for s in schools if s["slug"] == "th-dinh-bo-linh")
    dbl.update(id="75000701", principal="Nguyễn Thị Hoa", phone="0251 3822 123",
               address="12 đường Hà Huy Giáp, khu phố 2", founded=1985)
    full_slugs = {slug for slug, _, _ in FULL}
    sparse = rng.sample(sorted(s["slug"] for s in schools if s["slug"] not in full_slugs), 7)
    for i, slug in enumerate(sparse):  # a few schools lack some optional fields
        next(s for s in schools if s["slug"] == slug)["omit"] = {
            0: {"phone", "email", "website"}, 1: {"students", "classes"}, 2: {"former_district"},
            3: {"address", "principal"}}[i % 4]
    return sorted(schools, key=lambda s: s["slug"])

# ------------------------------------------------------------------------------------------ decisions

SCENARIOS = (["none"] * 7 + ["expired_all"] * 6 + ["expiring"] * 7 + ["history"] * 5 + ["valid_1"] * 6
             + ["valid_3"] * 10 + ["valid_4"] * 3 + ["ns57"] * 3)   # the rest: valid_2
GDTX_SCENARIOS = ["expired_all", "none", "expiring"]                 # gdtx-long-khanh: valid_2
FULL = [  # (slug, school year, claimed level): reports with the full narrative
    ("th-dinh-bo-linh", "2023-2024", 4), ("th-dinh-bo-linh", "2024-2025", 3), ("th-dinh-bo-linh", "2026-2027", 2),
    ("mn-anh-duong", "2023-2024", 2), ("thcs-le-loi", "2024-2025", 3), ("thpt-luong-the-vinh", "2023-2024", 1),
    ("mn-hoa-sen", "2025-2026", 2), ("mn-binh-minh", "2026-2027", 1), ("gdtx-long-khanh", "2026-2027", 1),
    ("th-thcs-suoi-tre", "2025-2026", 0),
]
GROUP_ROWS = {("mn-anh-duong", "2023-2024"), ("thpt-luong-the-vinh", "2023-2024")}
ATTACH = {"th-dinh-bo-linh": "2026-2027", "thcs-le-loi": "2024-2025"}
FORCED = {"th-dinh-bo-linh": "dbl", "mn-anh-duong": "history", "thcs-le-loi": "valid_3",
          "thpt-luong-the-vinh": "expiring", "mn-hoa-sen": "valid_2", "mn-binh-minh": "valid_1",
          "gdtx-long-khanh": "valid_2", "th-thcs-suoi-tre": "expired_all"}

def issuer_at(school, date, authority):
    """'Sở GD&ĐT tỉnh …' or 'UBND tỉnh …' of the province the school belonged to on that date."""
    return f"{authority} tỉnh {school['province_before'] if date < MERGED else 'Đồng Nai'}"

def make_decisions(rng, school, scen, flags):
    """Accreditation and national-standard decisions of one scenario; flags mark one-off cases."""
    acc, ns = [], []

    def accredit(level, decided, **extra):
        d = {"level": level, "decision": f"{rng.randint(105, 2980)}/QĐ-SGDĐT", "decided": decided,
             "issuer": issuer_at(school, decided, "Sở GD&ĐT")}
        if rng.random() < 0.7:
            d["evaluated"] = decided - days(rng.randint(18, 55))
        if rng.random() < 0.2:
            d["valid_until"] = add_years(decided, 5)
        acc.append(d | extra)

    def standard(level, decided):
        if school["level"] == "gdtx":   # trung tâm GDTX: no national-standard recognition
            return
        if dt.date(2025, 1, 1) <= decided < TT22_FROM:
            decided = TT22_FROM + days(7)   # keep "QĐ-UBND before 2025" and "Sở from 25/01/2025" both true
        by_so = decided >= TT22_FROM    # UBND tỉnh before Thông tư 22/2024, the Sở after
        ns.append({"level": level, "decision": f"{rng.randint(120, 3900)}/QĐ-{'SGDĐT' if by_so else 'UBND'}",
                   "decided": decided, "issuer": issuer_at(school, decided, "Sở GD&ĐT" if by_so else "UBND")})

    if scen == "dbl":  # Trường Tiểu học Đinh Bộ Lĩnh: cấp độ 3 (expired), then cấp độ 4 and mức độ 2
        acc += [{"level": 3, "decision": "1275/QĐ-SGDĐT", "decided": dt.date(2019, 11, 12),
                 "issuer": "Sở GD&ĐT tỉnh Đồng Nai", "evaluated": dt.date(2019, 10, 4)},
                {"level": 4, "decision": "2318/QĐ-SGDĐT", "decided": dt.date(2024, 10, 28),
                 "issuer": "Sở GD&ĐT tỉnh Đồng Nai", "evaluated": dt.date(2024, 9, 26)}]
        ns.append({"level": 2, "decision": "3104/QĐ-UBND", "decided": dt.date(2024, 12, 10), "issuer": "UBND tỉnh Đồng Nai"})
    elif scen.startswith("valid_"):
        k = int(scen[-1])
        d = rand_date(rng, dt.date(2022, 6, 20), dt.date(2026, 6, 30))
        if k == 2 and not flags.get("leap"):
            d, flags["leap"] = dt.date(2024, 2, 29), True
        if k > 1 and rng.random() < 0.3:
            accredit(k - 1, rand_date(rng, dt.date(2015, 3, 1), dt.date(2020, 6, 30)))
        if k == 3 and not flags.get("long"):
            flags["long"] = True
            accredit(k, d, valid_until=dt.date(2029, 12, 31), comment="Thời hạn ghi trên giấy chứng nhận")
        else:
            accredit(k, d)
        if k == 4 or (k >= 2 and rng.random() < {2: 0.5, 3: 0.75}[k]):
            level = 2 if k == 4 or (k == 3 and rng.random() < 0.7) else 1
            standard(level, min(d + days(rng.randint(15, 90)), C57_FROM - days(1)))
    elif scen == "history":
        accredit(1, rand_date(rng, dt.date(2016, 3, 1), dt.date(2019, 10, 31)))
        d = rand_date(rng, dt.date(2022, 9, 1), dt.date(2025, 12, 31))
        accredit(2, d)
        if rng.random() < 0.4:
            standard(1, min(d + days(rng.randint(15, 60)), C57_FROM - days(1)))
    elif scen in ("expiring", "expired_all"):
        level = rng.choice([1, 2, 2, 3])
        if scen == "expiring":
            d = rand_date(rng, dt.date(2021, 12, 5), dt.date(2022, 3, 31))
        else:
            d = rand_date(rng, dt.date(2014, 5, 1), dt.date(2021, 6, 30))
        accredit(level, d)
        if scen == "expiring" and not flags.get("reissue"):  # a re-issued certificate keeps the original expiry
            flags["reissue"] = True
            accredit(level, d + days(rng.randint(300, 420)), valid_until=add_years(d, 5),
                     comment="Cấp lại giấy chứng nhận; thời hạn giữ nguyên theo quyết định gốc")
        if level >= 2 and rng.random() < 0.5:
            standard(1, d + days(rng.randint(20, 30)))
    elif scen == "ns57":  # recognised by the Sở under Circular 57, after an older accreditation
        level = rng.choice([2, 3])
        accredit(level, rand_date(rng, dt.date(2017, 1, 1), dt.date(2025, 6, 30)))
        standard(2 if level == 3 else 1, rand_date(rng, dt.date(2026, 10, 5), dt.date(2026, 11, 18)))
    return sorted(acc, key=lambda d: d["decided"]), sorted(ns, key=lambda d: d["decided"])

def assign_decisions(rng, schools):
    """Give every school a scenario, its decisions and a quality q that guides its report levels."""
    pool = list(SCENARIOS)
    for slug, scen in sorted(FORCED.items()):
        if scen in pool and not slug.startswith("gdtx"):
            pool.remove(scen)
    pool += ["valid_2"] * (sum(s["slug"] not in FORCED and s["level"] != "gdtx" for s in schools) - len(pool))
    rng.shuffle(pool)
    gdtx_pool, flags = list(GDTX_SCENARIOS), {}
    for s in schools:
        scen = FORCED.get(s["slug"]) or (gdtx_pool.pop(0) if s["level"] == "gdtx" else pool.pop())
        s["scenario"] = scen
        s["accreditation"], s["national_standard"] = make_decisions(rng, s, scen, flags)
        levels = [d["level"] for d in s["accreditation"]]
        s["q"] = {"dbl": 4, "none": rng.choice([0, 1, 1, 2])}.get(scen, max(levels, default=1))

def assign_registrations(rng, schools):
    """[[registration]] on ten schools; priorities distinct within each school year."""
    by = defaultdict(list)
    for s in schools:
        by[s["scenario"]].append(s)
    picks = ([(s, "2026-2027", "danh-gia-ngoai") for s in by["expiring"][:4]]
             + [(s, "2027-2028", "danh-gia-ngoai") for s in by["expired_all"][:2] + by["none"][:2]]
             + [(s, "2026-2027", "chuan-quoc-gia") for s in by["valid_3"][:2]])
    priorities = {y: rng.sample(range(1, n + 1), n) for y, n in Counter(p[1] for p in picks).items()}
    for s, year, kind in picks:
        s.setdefault("registration", []).append({
            "school_year": year, "semester": rng.choice([1, 2]), "kind": kind, "priority": priorities[year].pop(),
            "target_level": 2 if kind == "chuan-quoc-gia" else max(1, min(2, s["q"]))})

# ------------------------------------------------------------------------------------------ reports and results

def plan_reports(rng, schools, fws):
    """Which school years have approved or draft reports, and the level each one reaches."""
    full = {(slug, year): lvl for slug, year, lvl in FULL}
    prob = {"2023-2024": 0.5, "2024-2025": 0.55, "2025-2026": 0.6, "2026-2027": 0.42}
    reports = []
    for s in schools:
        if s["slug"] == "th-dinh-bo-linh":
            years = {"2023-2024", "2024-2025", "2026-2027"}
        elif s["level"] == "gdtx":   # no framework for GDTX before Circular 57
            years = {"2026-2027"} if rng.random() < 0.5 else set()
        else:
            factor = 0.5 if s["scenario"] == "none" else 1.0
            years = {y for y in YEARS if rng.random() < prob[y] * factor}
            if not years and s["scenario"] != "none":
                years.add(rng.choice(YEARS))
        years |= {y for (slug, y) in full if slug == s["slug"]} | ({"2026-2027"} if s["scenario"] == "ns57" else set())
        for year in sorted(years):
            lo, hi = WINDOW[year]
            if s["scenario"] == "ns57" and year == "2026-2027":
                hi = dt.date(2026, 10, 3)   # approved before the Circular 57 recognition
            approved = rand_date(rng, lo, hi)
            fw = fws[framework_for(s["level"], year, approved)]
            if (s["slug"], year) in full:
                target = full[(s["slug"], year)]
            elif fw["c57"]:
                target = {0: rng.choice([0, 1]), 1: 1, 2: rng.choice([1, 2, 2])}.get(s["q"], 2)
                if s["scenario"] == "ns57":
                    target = max(target, s["national_standard"][-1]["level"])
            elif s["q"] == 4:
                target = 4 if rng.random() < 0.6 else 3
            else:
                target = max(0, min(3, s["q"] + rng.choice([-1, 0, 0, 0, 1])))
            reports.append({"school": s, "year": year, "status": "approved", "approved_on": approved,
                            "fw": fw, "target": target, "full": (s["slug"], year) in full})

    def ensure(c57, value, n, fits):  # a few reports below Mức 1, a few at Mức 4
        have = sum(r["fw"]["c57"] == c57 and r["target"] == value for r in reports)
        for r in reports:
            if have < n and r["fw"]["c57"] == c57 and not r["full"] and r["target"] != value \
                    and fits(r["school"]["q"]) and r["school"]["scenario"] != "ns57":
                r["target"], have = value, have + 1
    ensure(False, 0, 3, lambda q_: q_ <= 1)
    ensure(False, 4, 3, lambda q_: q_ >= 3)
    ensure(True, 0, 2, lambda q_: q_ <= 1)
    # drafts: four 2026-2027 and one 2025-2026, on schools without an approved report that year
    have = {(r["school"]["slug"], r["year"]) for r in reports}
    free = [s for s in schools if s["slug"] not in {slug for slug, _, _ in FULL}]
    no27 = [s for s in free if (s["slug"], "2026-2027") not in have]
    picks = [s for s in no27 if s["level"] == "gdtx"][:1]
    picks += rng.sample([s for s in no27 if s["level"] != "gdtx"], 4 - len(picks))
    no26 = [s for s in free if (s["slug"], "2025-2026") not in have and s["level"] != "gdtx" and s not in picks]
    for s, year in [(p, "2026-2027") for p in picks] + [(rng.choice(no26), "2025-2026")]:
        reports.append({"school": s, "year": year, "status": "draft", "approved_on": None, "full": False,
                        "fw": fws[framework_for(s["level"], year, BUILD_DATE)], "target": min(s["q"], 2)})
    named = set()   # two reports (of two schools) name their default framework explicitly
    for fid in ("tt22-2024-tieu-hoc", "tt57-2026-pho-thong"):
        r = next(r for r in reports if r["fw"]["id"] == fid and r["status"] == "approved" and not r["full"]
                 and r["school"]["slug"] not in named)
        r["explicit_framework"] = True
        named.add(r["school"]["slug"])
    return sorted(reports, key=lambda r: (r["school"]["slug"], r["year"]))

def gen_results(fw, target, rng, assess_level4=False):
    """Criterion results (and [level4]) whose computed level is exactly target."""
    crits = fw["criteria"]
    if fw["c57"]:
        mand = [c["id"] for c in crits if c["mandatory"]]
        other = [c["id"] for c in crits if not c["mandatory"]]
        res = {cid: rng.choice([1, 2]) for cid in mand + other}
        if target == 2:
            twos = set(rng.sample(other, rng.choice([5, 6, 6, 7])))
            res.update({cid: 2 for cid in mand} | {cid: 2 if cid in twos else 1 for cid in other})
        elif target == 1:
            mode = rng.choice(["mandatory", "others", "zero"])
            if mode == "mandatory":      # some mandatory criterion only at Mức 1
                res.update({cid: 1 for cid in rng.sample(mand, rng.randint(1, 3))})
            elif mode == "others":       # fewer than 5 of the others at Mức 2
                twos = set(rng.sample(other, rng.randint(1, 4)))
                res.update({cid: 2 if cid in twos else 1 for cid in other})
            else:                        # one or two others below Mức 1
                res.update({cid: 0 for cid in rng.sample(other, rng.randint(1, 2))})
        elif rng.random() < 0.5:
            res[rng.choice(mand)] = 0
        else:
            res.update({cid: 0 for cid in rng.sample(other, rng.randint(3, 4))})
        return res, None
    if target == 4:
        return {c["id"]: c["max"] for c in crits}, {k: True for k in fw["level4"]}
    res = {}
    for c in crits:
        lo = min(max(1, target), c["max"])
        res[c["id"]] = lo if rng.random() < 0.55 else rng.randint(lo, c["max"])
    if target == 0:
        res.update({c["id"]: 0 for c in rng.sample(crits, rng.randint(1, 3))})
    elif target in (1, 2):   # pin some criteria that could go higher at exactly the target
        res.update({c["id"]: target for c in rng.sample([c for c in crits if c["max"] > target], rng.randint(1, 3))})
    level4 = None
    if target == 3 and assess_level4 and fw["level4"]:
        level4 = {k: rng.random() < 0.6 for k in fw["level4"]}
        level4[rng.choice(list(fw["level4"]))] = False
    return res, level4

def old_software(fw, results, rng):
    """Some schools kept scoring a level that Thông tư 22/2024 repealed (Mức 2, 3 of 1.5 for tiểu học and
    phổ thông) with software older than the amendment: `check` warns (results.repealed), the level is unchanged."""
    crits = [c for c in fw["criteria"] if c["repealed"] and results[c["id"]] == c["max"]]
    if not crits or rng.random() >= 0.2:
        return results
    return results | {c["id"]: rng.choice(c["repealed"]) for c in crits}

# ------------------------------------------------------------------------------------------ narrative material

# Topics of criteria, matched by folded title keywords (first match wins). Per topic, one line each:
# evidence "name|issuer[|S start of plan period, E around the new year, O older document]" ¦ …;
# descriptions ¦ …; strength; weaknesses ¦ …; improvement plan. «mầm non|other levels» picks by level.
# Issuers: S school, X UBND, G Sở, C công đoàn, D chi bộ, U đảng ủy, B ban đại diện cha mẹ, Y trạm y tế.
TOPICS_TEXT = """
strategy: phuong huong; tam nhin
  Kế hoạch chiến lược phát triển nhà trường giai đoạn {period}|S|S ¦ Nghị quyết Hội nghị viên chức, người lao động năm học {year}|S ¦ Báo cáo rà soát, điều chỉnh kế hoạch chiến lược|S ¦ Ảnh chụp bảng công khai kế hoạch chiến lược|S
  {Truong} xây dựng kế hoạch chiến lược phát triển giai đoạn {period}, xác định rõ tầm nhìn, sứ mạng, giá trị cốt lõi và các mục tiêu phù hợp với điều kiện kinh tế - xã hội của {xa} ¦ Kế hoạch chiến lược được cấp có thẩm quyền phê duyệt, niêm yết tại bảng tin và đăng tải trên trang thông tin điện tử của {truong} ¦ Hằng năm, {truong} rà soát việc thực hiện các mục tiêu chiến lược tại Hội nghị viên chức, người lao động
  Phương hướng, chiến lược phát triển bám sát định hướng của ngành và nhu cầu của địa phương
  Việc lấy ý kiến {cm} và cộng đồng khi điều chỉnh chiến lược còn hình thức ¦ Một số chỉ tiêu của kế hoạch chiến lược chưa được lượng hóa để theo dõi
  Hiệu trưởng chỉ đạo lượng hóa các chỉ tiêu chiến lược và lấy ý kiến {cm} trước khi điều chỉnh kế hoạch, hoàn thành trong học kỳ I năm học {next}
council: hoi dong truong
  Quyết định công nhận Hội đồng trường nhiệm kỳ {period}|X|S ¦ Quy chế hoạt động của Hội đồng trường|S ¦ Biên bản họp Hội đồng trường năm học {year}|S ¦ Quyết định thành lập Hội đồng thi đua - khen thưởng năm học {year}|S
  Hội đồng trường nhiệm kỳ {period} gồm {members} thành viên, được công nhận theo quy định và có quy chế hoạt động rõ ràng ¦ Hội đồng trường họp định kỳ mỗi học kỳ một lần, ban hành nghị quyết về kế hoạch năm học, sử dụng tài chính và tài sản ¦ Hội đồng thi đua - khen thưởng, hội đồng kỷ luật và các hội đồng tư vấn được thành lập, hoạt động theo đúng chức năng
  Hội đồng trường phát huy vai trò giám sát, góp phần nâng cao chất lượng các hoạt động của {truong}
  Một số nghị quyết của Hội đồng trường chưa được đánh giá kết quả thực hiện ¦ Biên bản các cuộc họp hội đồng ghi chép còn sơ sài
  Thư ký Hội đồng trường lập sổ theo dõi việc thực hiện nghị quyết, báo cáo tại mỗi phiên họp định kỳ trong năm học {next}
party: to chuc dang
  Báo cáo tổng kết công tác xây dựng Đảng năm {y1}|D|E ¦ Quyết định xếp loại chất lượng tổ chức cơ sở đảng năm {y1}|U|E ¦ Báo cáo tổng kết hoạt động Công đoàn năm học {year}|C ¦ Báo cáo tổng kết hoạt động Chi đoàn năm học {year}|S
  Chi bộ có {party} đảng viên, sinh hoạt định kỳ hằng tháng; trong 05 năm liên tiếp được xếp loại hoàn thành tốt nhiệm vụ trở lên ¦ Công đoàn cơ sở, Chi đoàn thanh niên và các tổ chức khác hoạt động theo điều lệ, có kế hoạch và báo cáo tổng kết hằng năm ¦ Các đoàn thể phối hợp tổ chức tốt các phong trào thi đua, hoạt động nhân đạo, từ thiện
  Tổ chức Đảng và các đoàn thể đoàn kết, đóng góp tích cực cho các hoạt động của {truong} và cộng đồng
  Số đảng viên trẻ còn ít, công tác phát triển đảng viên chưa đạt chỉ tiêu ¦ Hoạt động của Chi đoàn còn phụ thuộc kế hoạch chung, ít hoạt động riêng
  Chi bộ xây dựng kế hoạch bồi dưỡng quần chúng ưu tú, phấn đấu kết nạp 01 đến 02 đảng viên mới trong năm học {next}
teams: to chuyen mon; co cau to chuc
  Quyết định thành lập các tổ chuyên môn, tổ văn phòng năm học {year}|S ¦ Kế hoạch hoạt động của tổ chuyên môn năm học {year}|S ¦ Biên bản sinh hoạt tổ chuyên môn theo nghiên cứu bài học|S ¦ Bảng phân công nhiệm vụ cán bộ, giáo viên, nhân viên năm học {year}|S
  {Truong} có 01 {ht}, {phts} {pht}; {teams} tổ chuyên môn và 01 tổ văn phòng được thành lập theo quy định ¦ Các tổ xây dựng kế hoạch hoạt động theo tuần, tháng, năm học và sinh hoạt chuyên môn hai lần mỗi tháng ¦ Mỗi năm học, mỗi tổ chuyên môn thực hiện ít nhất 02 chuyên đề về đổi mới phương pháp và đánh giá {hs}
  Nhiệm vụ được phân công rõ người, rõ việc; sinh hoạt chuyên môn được duy trì nền nếp
  Một số chuyên đề của tổ chuyên môn chưa được đánh giá hiệu quả sau khi triển khai ¦ Sinh hoạt chuyên môn có lúc còn nặng về hành chính, ít thảo luận chuyên sâu
  Các tổ trưởng chọn chuyên đề xuất phát từ khó khăn thực tế của giáo viên và đánh giá hiệu quả sau mỗi học kỳ, bắt đầu từ năm học {next}
classes: to chuc nhom tre; khoi lop
  Danh sách {hs} theo lớp năm học {year}|S ¦ Quyết định phân công giáo viên chủ nhiệm năm học {year}|S ¦ Báo cáo thống kê đầu năm học {year}|S
  Năm học {year}, {truong} có {classes} {lop} với {students} {hs}, bình quân {per_class} {hs}/lớp ¦ «Trẻ được phân chia theo độ tuổi, mỗi nhóm, lớp có đủ 02 giáo viên|Các lớp được tổ chức theo khối, mỗi lớp có giáo viên chủ nhiệm và ban cán sự lớp»
  Sĩ số các lớp cơ bản bảo đảm theo quy định, thuận lợi cho việc tổ chức hoạt động giáo dục
  Một số lớp còn vượt sĩ số quy định do dân số cơ học tăng nhanh ¦ «Chưa đủ phòng để nhận hết trẻ nhà trẻ trên địa bàn|Chưa đủ phòng để tổ chức học 2 buổi/ngày cho tất cả các lớp»
  {Truong} tham mưu {uy_ban} bổ sung phòng học, phấn đấu đến năm học {next2} không còn lớp vượt sĩ số
finance: tai chinh; nguon luc, thong tin
  Quy chế chi tiêu nội bộ năm {y2}|S|E ¦ Báo cáo quyết toán ngân sách năm {y1}|S|E ¦ Sổ theo dõi tài sản cố định|S ¦ Biên bản kiểm kê tài sản cuối năm {y1}|S|E ¦ Thông báo công khai tài chính năm học {year}|S
  Hồ sơ hành chính, văn thư được lưu trữ đầy đủ; dữ liệu về {hs}, đội ngũ được cập nhật trên cơ sở dữ liệu ngành ¦ {Truong} xây dựng quy chế chi tiêu nội bộ, thực hiện thu chi, quyết toán đúng quy định và công khai tài chính theo từng học kỳ ¦ Tài sản được kiểm kê cuối năm; tài sản hư hỏng được thanh lý đúng trình tự
  Công tác quản lý tài chính, tài sản minh bạch, không có sai phạm qua các đợt kiểm tra
  Việc số hóa hồ sơ lưu trữ còn chậm, một số dữ liệu chưa cập nhật kịp thời ¦ Kinh phí chi thường xuyên hạn hẹp, chưa đáp ứng nhu cầu sửa chữa tài sản
  Bộ phận văn phòng hoàn thành số hóa hồ sơ lưu trữ và rà soát dữ liệu hằng tháng trong năm học {next}
staffmgmt: quan ly can bo
  Kế hoạch bồi dưỡng thường xuyên năm học {year}|S ¦ Hồ sơ đánh giá, xếp loại viên chức năm học {ry}|S ¦ Quyết định khen thưởng năm học {ry}|X
  {Truong} có kế hoạch bồi dưỡng, đánh giá, xếp loại cán bộ, giáo viên, nhân viên hằng năm theo quy định ¦ Việc phân công nhiệm vụ căn cứ vào năng lực, trình độ chuyên môn và nguyện vọng của từng người ¦ Kết quả đánh giá viên chức được công khai; các chế độ, chính sách được thực hiện đầy đủ, kịp thời
  Đội ngũ được quản lý chặt chẽ, đánh giá khách quan, tạo động lực phấn đấu
  Việc bồi dưỡng theo nhu cầu riêng của từng giáo viên chưa được chú trọng
  Hiệu trưởng khảo sát nhu cầu bồi dưỡng của giáo viên đầu mỗi năm học để xây dựng kế hoạch bồi dưỡng sát thực tế
edumgmt: quan ly cac hoat dong giao duc
  Kế hoạch kiểm tra nội bộ năm học {year}|S ¦ Biên bản kiểm tra hoạt động sư phạm của giáo viên|S ¦ Báo cáo sơ kết học kỳ I năm học {ry}|S
  {Truong} xây dựng kế hoạch giáo dục theo tuần, tháng, học kỳ; phân công ban giám hiệu phụ trách từng mảng hoạt động ¦ Trong năm học, ban giám hiệu kiểm tra hoạt động sư phạm của {kt} giáo viên và {cd} chuyên đề
  Công tác kiểm tra nội bộ được thực hiện thường xuyên, sau kiểm tra có tư vấn, hỗ trợ giáo viên
  Việc theo dõi khắc phục tồn tại sau kiểm tra nội bộ chưa chặt chẽ
  Ban giám hiệu lập sổ theo dõi việc khắc phục tồn tại sau kiểm tra và đưa vào đánh giá thi đua cuối năm
democracy: dan chu
  Quy chế thực hiện dân chủ ở cơ sở|S|O ¦ Biên bản Hội nghị viên chức, người lao động năm học {year}|S ¦ Sổ tiếp nhận và giải quyết đơn thư|S
  {Truong} ban hành quy chế thực hiện dân chủ ở cơ sở, tổ chức Hội nghị viên chức, người lao động vào đầu mỗi năm học ¦ Các chủ trương của {truong} được lấy ý kiến cán bộ, giáo viên, nhân viên trước khi ban hành; trong năm học không có đơn thư vượt cấp
  Nội bộ đoàn kết, cán bộ, giáo viên, nhân viên được phát huy quyền làm chủ
  Hình thức lấy ý kiến góp ý còn đơn điệu, chủ yếu qua các cuộc họp
  Ban Thanh tra nhân dân tổ chức lấy ý kiến qua hộp thư góp ý và biểu mẫu trực tuyến từ học kỳ I năm học {next}
safety: an ninh; moi truong giao duc an toan
  Kế hoạch đảm bảo an ninh trật tự, an toàn trường học năm học {year}|S ¦ Phương án phòng cháy, chữa cháy và cứu nạn, cứu hộ|S|O ¦ Biên bản kiểm tra công tác phòng cháy, chữa cháy|X ¦ Kế hoạch phòng, chống bạo lực học đường năm học {year}|S
  {Truong} có phương án đảm bảo an ninh trật tự, phòng cháy chữa cháy, phòng chống thiên tai, dịch bệnh và diễn tập hằng năm ¦ Khuôn viên có tường rào bao quanh, bảo vệ trực 24/24 giờ và {cams} camera giám sát ¦ Trong năm học không để xảy ra mất an ninh trật tự, tai nạn thương tích hay bạo lực học đường
  Môi trường giáo dục an toàn, thân thiện; {cm} yên tâm khi gửi con
  Hệ thống camera giám sát chưa bao quát hết các khu vực trong khuôn viên ¦ Một số thiết bị phòng cháy, chữa cháy đã cũ, cần thay thế
  {Truong} bổ sung camera ở các khu vực còn thiếu và thay mới bình chữa cháy trước tháng 12 năm {ny}
teachers: giao vien
  Danh sách trích ngang giáo viên năm học {year}|S ¦ Văn bằng đào tạo của giáo viên|S ¦ Kết quả đánh giá giáo viên theo chuẩn nghề nghiệp năm học {ry}|S ¦ Quyết định công nhận giáo viên dạy giỏi cấp cơ sở|S
  {Truong} có {teachers} giáo viên, bình quân {tpc} giáo viên/lớp; {pct_tc}% giáo viên đạt trình độ chuẩn đào tạo trở lên ¦ Năm học {ry}, {pct_kt}% giáo viên được đánh giá chuẩn nghề nghiệp mức khá trở lên, trong đó {pct_tot}% đạt mức tốt ¦ Trong 05 năm gần đây có {gvg} lượt giáo viên đạt danh hiệu giáo viên dạy giỏi các cấp
  Đội ngũ giáo viên đủ về số lượng, tâm huyết, tích cực đổi mới phương pháp
  «Còn thiếu {miss} giáo viên so với định mức, một số lớp chỉ có 01 giáo viên|Còn thiếu giáo viên Tin học, Tiếng Anh, phải hợp đồng thỉnh giảng» ¦ Tỷ lệ giáo viên đạt chuẩn nghề nghiệp mức tốt chưa cao
  {Truong} đề nghị tuyển dụng bổ sung giáo viên, khuyến khích giáo viên học nâng chuẩn và tham gia hội thi giáo viên dạy giỏi
principal: hieu truong, pho hieu truong; can bo quan ly
  Quyết định bổ nhiệm {ht}, {pht}|X|O ¦ Văn bằng, chứng chỉ của cán bộ quản lý|S ¦ Kết quả đánh giá cán bộ quản lý năm học {ry}|G
  {Ht} và {phts} {pht} đều có trình độ đại học trở lên, đã qua bồi dưỡng lý luận chính trị và quản lý giáo dục ¦ Kết quả đánh giá cán bộ quản lý năm học {ry} đều đạt mức khá trở lên, trong đó {ht} đạt mức tốt
  Cán bộ quản lý có năng lực điều hành, nhiệt tình, được tập thể tín nhiệm
  Khả năng sử dụng ngoại ngữ của cán bộ quản lý còn hạn chế ¦ Một phó hiệu trưởng chưa có chứng chỉ bồi dưỡng quản lý theo quy định mới
  Cán bộ quản lý đăng ký bồi dưỡng ngoại ngữ và hoàn thành chứng chỉ bồi dưỡng quản lý trong năm {ny}
staff: nhan vien; nhan su ho tro
  Quyết định phân công nhiệm vụ nhân viên năm học {year}|S ¦ Hợp đồng lao động của nhân viên|S ¦ Chứng chỉ nghiệp vụ văn thư, kế toán, y tế|S
  {Truong} có {staff} nhân viên gồm kế toán, văn thư, y tế, «cấp dưỡng|thư viện, thiết bị», bảo vệ và phục vụ ¦ Nhân viên được bồi dưỡng nghiệp vụ hằng năm; cuối năm đều được xếp loại hoàn thành nhiệm vụ trở lên
  Nhân viên có tinh thần trách nhiệm, hỗ trợ tốt hoạt động giáo dục
  Một số nhân viên phải kiêm nhiệm nhiều việc nên hiệu quả chưa cao ¦ Nhân viên y tế chưa có trình độ chuyên môn phù hợp vị trí việc làm
  {Truong} rà soát đề án vị trí việc làm, đề nghị bổ sung nhân viên trong năm học {next}
students: doi voi hoc sinh
  Sổ đăng bộ học sinh|S ¦ Hồ sơ theo dõi, đánh giá học sinh năm học {year}|S ¦ Danh sách học sinh được khen thưởng năm học {ry}|S
  Học sinh trong độ tuổi quy định, được quản lý hồ sơ đầy đủ, thực hiện tốt nhiệm vụ và quyền theo điều lệ ¦ Năm học {ry} có {pct_hk}% học sinh được đánh giá phẩm chất, năng lực đạt yêu cầu trở lên
  Học sinh ngoan, lễ phép, chấp hành tốt nội quy
  Vẫn còn một số học sinh vi phạm nội quy, đi học chưa đúng giờ
  Giáo viên chủ nhiệm phối hợp với cha mẹ học sinh theo dõi, nhắc nhở kịp thời từng trường hợp
equipment: thiet bi
  Danh mục thiết bị dạy học tối thiểu năm học {year}|S ¦ Sổ theo dõi sử dụng thiết bị dạy học|S ¦ Biên bản kiểm kê thiết bị cuối năm học {ry}|S
  {Truong} có đủ «đồ dùng, đồ chơi|thiết bị dạy học» theo danh mục tối thiểu, được kiểm kê, sửa chữa, bổ sung hằng năm ¦ Năm học {year}, {truong} mua sắm bổ sung {tv} ti vi thông minh và «đồ chơi ngoài trời|máy chiếu phục vụ dạy học»
  Giáo viên tích cực sử dụng thiết bị và tự làm đồ dùng dạy học
  Một số thiết bị đã hư hỏng, chưa được thay thế kịp thời ¦ Thiết bị theo chương trình mới chưa đủ cho tất cả các lớp
  {Truong} lập kế hoạch mua sắm, bổ sung thiết bị theo lộ trình đến năm học {next2}
admin: hanh chinh - quan tri; ha tang ky thuat
  Danh mục khối phòng hành chính - quản trị|S ¦ Hồ sơ nâng cấp hạ tầng công nghệ thông tin|S
  Khối hành chính - quản trị gồm phòng hiệu trưởng, phòng phó hiệu trưởng, văn phòng, phòng y tế và phòng bảo vệ ¦ Hệ thống điện, nước, mạng internet được lắp đặt đồng bộ và bảo trì định kỳ
  Các phòng làm việc được trang bị máy tính kết nối internet, đáp ứng công tác quản lý
  Chưa có phòng họp hội đồng riêng, phải dùng chung phòng đa năng ¦ Nhà để xe của giáo viên đã xuống cấp
  {Truong} tham mưu {uy_ban} đầu tư phòng họp và cải tạo nhà để xe trong giai đoạn {period2}
grounds: khuon vien; dien tich; dia diem
  Giấy chứng nhận quyền sử dụng đất|X|O ¦ Sơ đồ tổng thể khuôn viên|S ¦ Biên bản kiểm tra cơ sở vật chất đầu năm học {year}|S
  {Truong} có tổng diện tích {area} m², bình quân {area_per} m²/{hs}; khuôn viên có tường rào, cổng và biển tên theo quy định ¦ Sân chơi, sân tập «có {toys} loại đồ chơi ngoài trời và nhiều cây bóng mát|được lát gạch, có cây xanh và khu tập thể dục thể thao»
  Khuôn viên xanh, sạch, đẹp, đáp ứng yêu cầu tổ chức hoạt động ngoài trời
  Diện tích sân chơi còn hẹp so với số {hs} tăng ¦ Chưa có nhà đa năng phục vụ hoạt động thể chất
  {Truong} tham mưu {uy_ban} mở rộng diện tích và xây dựng nhà đa năng trong giai đoạn {period2}
rooms: phong hoc; khoi phong nhom tre; hang muc cong trinh
  Biên bản bàn giao công trình phòng học|X|O ¦ Danh mục phòng học, phòng chức năng năm học {year}|S ¦ Báo cáo thực trạng cơ sở vật chất năm học {year}|S
  {Truong} có {rooms} phòng «sinh hoạt chung|học» kiên cố, đủ ánh sáng, thoáng mát ¦ Các phòng «giáo dục thể chất, giáo dục nghệ thuật|học bộ môn, phòng thiết bị» được bố trí theo tiêu chuẩn cơ sở vật chất
  Phòng học kiên cố, bàn ghế đúng quy cách, bảo đảm vệ sinh học đường
  Còn thiếu {miss_rooms} phòng chức năng theo tiêu chuẩn cơ sở vật chất ¦ Một số phòng học ở dãy cũ đã xuống cấp, cần sửa chữa
  {Truong} lập dự toán cải tạo các phòng xuống cấp và đề nghị đầu tư phòng chức năng trong năm {ny}
kitchen: to chuc an
  Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm|X|O ¦ Hợp đồng cung cấp thực phẩm năm học {year}|S ¦ Sổ kiểm thực ba bước và lưu mẫu thức ăn|S
  Bếp ăn được xây dựng theo quy trình một chiều, có đủ đồ dùng nấu ăn và tủ lưu mẫu ¦ {Truong} ký hợp đồng với nhà cung cấp thực phẩm có nguồn gốc rõ ràng, thực hiện kiểm thực ba bước hằng ngày
  Bếp ăn sạch sẽ, không để xảy ra ngộ độc thực phẩm
  Kho thực phẩm còn chật, chưa tách riêng kho khô và kho lạnh ¦ Một số thiết bị nhà bếp đã cũ
  Sửa chữa, mở rộng kho thực phẩm trong dịp hè năm {ny}
toilets: ve sinh
  Hợp đồng thu gom rác thải năm {y2}|S|E ¦ Biên bản kiểm tra vệ sinh trường học|Y ¦ Kết quả xét nghiệm mẫu nước sinh hoạt|Y
  Khu vệ sinh được bố trí riêng cho nam, nữ, cho giáo viên và {hs}; có hệ thống nước sạch và thoát nước ¦ Rác thải được thu gom, xử lý hằng ngày theo hợp đồng với đơn vị môi trường
  Khu vệ sinh sạch sẽ, có đủ nước và xà phòng rửa tay
  Khu vệ sinh ở dãy phòng cũ xuống cấp, bị ngập khi mưa lớn ¦ Hệ thống thoát nước chưa đồng bộ
  {Truong} cải tạo khu vệ sinh dãy phòng cũ và nạo vét hệ thống thoát nước trước mùa mưa năm {ny}
library: thu vien
  Sổ đăng ký tổng quát sách thư viện|S ¦ Kế hoạch hoạt động thư viện năm học {year}|S ¦ Danh mục tài liệu số của thư viện|S
  Thư viện có {books} bản sách, báo, tạp chí, bình quân {bpp} bản/học sinh, có phòng đọc cho giáo viên và học sinh ¦ Thư viện tổ chức ngày hội đọc sách, tiết đọc thư viện định kỳ cho các lớp
  Văn hóa đọc được duy trì, học sinh hứng thú với các hoạt động thư viện
  Thư viện chưa có tài liệu số, diện tích phòng đọc còn hẹp ¦ Số lượng sách tham khảo mới còn ít
  Thư viện xây dựng tủ sách điện tử và vận động bổ sung sách tham khảo trong năm học {next}
parents: cha me; phoi hop voi gia dinh
  Biên bản họp Ban đại diện cha mẹ {hs} đầu năm học {year}|B ¦ Kế hoạch hoạt động của Ban đại diện cha mẹ {hs} năm học {year}|B ¦ Sổ liên lạc điện tử|S
  Ban đại diện {cm} được thành lập đầu năm học, có kế hoạch hoạt động và họp định kỳ ba lần trong năm ¦ {Truong} duy trì liên lạc hai chiều với {cm} qua sổ liên lạc điện tử, nhóm lớp và các buổi họp
  Ban đại diện phối hợp tốt với {truong} trong việc giáo dục {hs}
  Một số {cm} chưa quan tâm, ít tham gia các buổi họp ¦ Hoạt động của Ban đại diện ở một số lớp còn thụ động
  Giáo viên chủ nhiệm đổi mới hình thức họp, tăng trao đổi trực tuyến với {cm} từ năm học {next}
advocacy: tham muu
  Tờ trình đề nghị đầu tư cơ sở vật chất|S ¦ Kế hoạch phối hợp với Trạm Y tế và Công an {xa}|S ¦ Danh sách các tổ chức, cá nhân hỗ trợ năm học {year}|S
  {Truong} chủ động tham mưu cấp ủy, chính quyền địa phương về kế hoạch phát triển và đầu tư cơ sở vật chất ¦ Trong năm học {ry}, {truong} vận động được {xhh} triệu đồng từ các tổ chức, cá nhân để hỗ trợ {hs} khó khăn
  Nhận được sự quan tâm của cấp ủy, chính quyền và các tổ chức trên địa bàn
  Nguồn lực xã hội hóa chưa ổn định, phụ thuộc vào một số nhà tài trợ
  {Truong} xây dựng kế hoạch vận động nguồn lực công khai, minh bạch ngay từ đầu năm học {next}
nurture: nuoi duong, cham soc va giao duc
  Thực đơn theo mùa năm học {year}|S ¦ Sổ tính khẩu phần ăn|S ¦ Kế hoạch giáo dục kỹ năng tự phục vụ cho trẻ|S
  Trẻ được tổ chức ăn bán trú, khẩu phần được tính bằng phần mềm, bảo đảm {kcal} kcal/ngày ¦ Giáo viên tổ chức hoạt động lấy trẻ làm trung tâm, chú trọng kỹ năng tự phục vụ
  Trẻ được chăm sóc chu đáo, tích cực tham gia các hoạt động
  Thực đơn chưa thật sự đa dạng, ít thay đổi theo mùa
  Tổ nuôi dưỡng xây dựng thực đơn theo mùa và lấy ý kiến cha mẹ trẻ mỗi học kỳ
health: ket qua nuoi duong
  Sổ theo dõi sức khỏe trẻ năm học {year}|S ¦ Biểu đồ tăng trưởng của trẻ|S ¦ Báo cáo kết quả khám sức khỏe định kỳ|Y
  100% trẻ được khám sức khỏe định kỳ hai lần mỗi năm và theo dõi bằng biểu đồ tăng trưởng ¦ Tỷ lệ trẻ suy dinh dưỡng thể thấp còi giảm còn {sdd}%; trẻ thừa cân được can thiệp kịp thời
  Tỷ lệ trẻ suy dinh dưỡng giảm qua từng năm
  Tỷ lệ trẻ thừa cân, béo phì có xu hướng tăng
  Phối hợp với Trạm Y tế tư vấn dinh dưỡng cho cha mẹ trẻ thừa cân trong năm học {next}
results: ket qua
  Báo cáo tổng kết năm học {ry}|S ¦ Bảng tổng hợp kết quả đánh giá {hs} cuối năm học {ry}|S ¦ Danh sách {hs} đạt giải các cuộc thi năm học {ry}|S
  Năm học {ry}, {pct_ht}% {hs} «đạt yêu cầu phát triển theo độ tuổi|hoàn thành chương trình lớp học» ¦ «100% trẻ 5 tuổi hoàn thành chương trình giáo dục mầm non|Có {hsg} lượt {hs} đạt giải trong các cuộc thi, hội thi cấp tỉnh»
  Kết quả giáo dục ổn định và có tiến bộ qua các năm
  Kết quả giáo dục chưa đồng đều giữa các lớp ¦ Chất lượng mũi nhọn chưa cao
  Các tổ chuyên môn xây dựng kế hoạch phụ đạo và bồi dưỡng theo từng nhóm {hs} từ đầu năm học {next}
inclusive: hoan canh kho khan; hoa nhap
  Danh sách {hs} có hoàn cảnh khó khăn, {hs} khuyết tật học hòa nhập năm học {year}|S ¦ Kế hoạch giáo dục cá nhân của {hs} khuyết tật|S
  {Truong} lập danh sách {hs} có hoàn cảnh khó khăn, {hs} khuyết tật và xây dựng kế hoạch giáo dục cá nhân cho từng em ¦ Năm học {year} có {hn} {hs} học hòa nhập được hỗ trợ phù hợp
  Các em có hoàn cảnh khó khăn được quan tâm, hỗ trợ kịp thời
  Giáo viên chưa được bồi dưỡng chuyên sâu về giáo dục hòa nhập
  Cử giáo viên tham gia bồi dưỡng về giáo dục hòa nhập trong năm học {next}
activities: hoat dong giao duc khac; trai nghiem; ky nang song; giao duc dia phuong; toan dien
  Kế hoạch tổ chức hoạt động trải nghiệm năm học {year}|S ¦ Kế hoạch giáo dục kỹ năng sống năm học {year}|S ¦ Hình ảnh các hoạt động ngoại khóa|S
  {Truong} tổ chức các hoạt động trải nghiệm, văn nghệ, thể dục thể thao theo chủ điểm từng tháng ¦ Nội dung giáo dục địa phương, giáo dục kỹ năng sống được lồng ghép trong các môn học và hoạt động
  {hs_cap} hứng thú, tích cực tham gia các hoạt động
  Hoạt động trải nghiệm ngoài nhà trường còn ít do hạn chế kinh phí ¦ Một số hoạt động còn mang tính phong trào
  Phối hợp với Ban đại diện cha mẹ tổ chức ít nhất 02 chuyến trải nghiệm thực tế trong năm học {next}
universal: pho cap
  Hồ sơ phổ cập giáo dục tiểu học năm {y1}|S ¦ Quyết định công nhận đạt chuẩn phổ cập giáo dục|X|E
  {Truong} tham gia điều tra, cập nhật số liệu phổ cập giáo dục trên địa bàn hằng năm ¦ Địa bàn được công nhận đạt chuẩn phổ cập giáo dục tiểu học mức độ 3
  Số liệu phổ cập được cập nhật đầy đủ
  Việc cập nhật dữ liệu phổ cập có lúc chưa kịp thời do dân cư biến động
  Phân công giáo viên phụ trách từng khu dân cư, cập nhật dữ liệu phổ cập mỗi quý
selfeval: tu danh gia
  Quyết định thành lập Hội đồng tự đánh giá năm học {year}|S ¦ Kế hoạch cải tiến chất lượng năm học {year}|S
  {Truong} thành lập hội đồng tự đánh giá và xây dựng kế hoạch cải tiến chất lượng với nhiệm vụ, người phụ trách, thời hạn cụ thể ¦ Kết quả tự đánh giá và các nội dung công khai được niêm yết, đăng tải trên trang thông tin điện tử
  Chu trình tự đánh giá, cải tiến được thực hiện nghiêm túc
  Việc theo dõi tiến độ thực hiện kế hoạch cải tiến chưa thường xuyên
  Hội đồng tự đánh giá rà soát kế hoạch cải tiến hai lần mỗi năm học
program: chuong trinh; ke hoach giao duc; doi moi phuong phap
  Kế hoạch giáo dục nhà trường năm học {year}|S ¦ «Chế độ sinh hoạt một ngày của trẻ|Thời khóa biểu» năm học {year}|S ¦ Báo cáo tổng kết năm học {prev}|S
  {Truong} xây dựng kế hoạch giáo dục năm học {year} được phê duyệt, thực hiện đúng «chế độ sinh hoạt một ngày của trẻ|thời lượng từng môn học và hoạt động giáo dục» ¦ Giáo viên vận dụng phương pháp dạy học tích cực, ứng dụng công nghệ thông tin; {pct_2b}% số lớp «được tổ chức bán trú|học 2 buổi/ngày»
  Chương trình được thực hiện đầy đủ, linh hoạt, phù hợp với đối tượng {hs}
  Việc điều chỉnh kế hoạch giáo dục phù hợp với từng đối tượng {hs} còn chưa linh hoạt ¦ Một số giáo viên còn lúng túng khi thiết kế hoạt động theo hướng phát triển năng lực
  Tổ chuyên môn tổ chức chuyên đề thiết kế hoạt động theo hướng phát triển năng lực trong học kỳ I năm học {next}
"""

def parse_topics(text):
    """TOPICS_TEXT → [(key, keywords, evidence, descriptions, strength, weaknesses, plan)]."""
    lines, topics = text.strip().splitlines(), []
    for i in range(0, len(lines), 6):
        key, kws = lines[i].split(":", 1)
        ev, desc, good, weak, plan = ([x.strip() for x in line.split("¦")] for line in lines[i + 1:i + 6])
        topics.append((key, tuple(k.strip() for k in kws.split(";")), ev, desc, good[0], weak, plan[0]))
    return topics

TOPICS = parse_topics(TOPICS_TEXT)
GENERIC_TOPIC = ("generic", (), [], ["{Truong} thực hiện đầy đủ các yêu cầu của tiêu chí theo quy định"],
                 "{Truong} đáp ứng các yêu cầu của tiêu chí", [], "Tiếp tục duy trì và nâng cao chất lượng trong năm học {next}")
MINOR = [  # (weakness, plan) of criteria at their top level
    ("Việc sắp xếp, lưu trữ hồ sơ minh chứng có lúc chưa khoa học",
     "Phân công nhân viên văn phòng sắp xếp hồ sơ minh chứng theo danh mục, rà soát vào cuối mỗi học kỳ"),
    ("Một số nội dung chưa được đánh giá định kỳ bằng số liệu cụ thể",
     "Xây dựng bảng số liệu theo dõi hằng năm để đánh giá xu hướng, bắt đầu từ năm học {next}"),
    ("Việc ứng dụng công nghệ thông tin trong lưu trữ hồ sơ chưa đồng bộ",
     "Số hóa hồ sơ của tiêu chí và lưu trữ trên hệ thống quản lý trường học trong năm học {next}")]
STD_INTRO = {
    (False, 1): "{Truong} chú trọng công tác tổ chức và quản lý, xây dựng bộ máy đủ thành phần, hoạt động theo Điều lệ trường.",
    (False, 2): "Đội ngũ cán bộ quản lý, giáo viên, nhân viên đủ về số lượng, cơ bản đạt chuẩn trình độ đào tạo, có phẩm chất đạo đức tốt.",
    (False, 3): "{Truong} được đầu tư theo hướng kiên cố hóa, từng bước hiện đại; cơ sở vật chất cơ bản đáp ứng yêu cầu dạy học.",
    (False, 4): "{Truong} coi trọng mối quan hệ với gia đình và xã hội, chủ động tham mưu với cấp ủy, chính quyền địa phương.",
    (False, 5): "{Truong} thực hiện đầy đủ chương trình giáo dục, chú trọng đổi mới phương pháp và nâng cao chất lượng giáo dục toàn diện.",
    (True, 1): "Công tác quản trị được thực hiện dựa trên dữ liệu, gắn với chu trình tự đánh giá và cải tiến hằng năm.",
    (True, 2): "Đội ngũ được phân công phù hợp năng lực, được bồi dưỡng thường xuyên và theo dõi sự tiến bộ.",
    (True, 3): "{Truong} tổ chức thực hiện chương trình linh hoạt, lấy sự tiến bộ của {hs} làm thước đo chất lượng.",
    (True, 4): "Cơ sở vật chất, môi trường an toàn và sự phối hợp với gia đình, cộng đồng được duy trì, cải thiện qua từng năm.",
}
EVIDENCE_NOTES = ["", "", "", "", "Bản sao", "Bản điện tử", "Lưu tại văn phòng"]
DOC_PREFIX = {"Kế hoạch": "KH", "Quyết định": "QĐ", "Biên bản": "BB", "Báo cáo": "BC", "Thông báo": "TB",
              "Nghị quyết": "NQ", "Quy chế": "QC", "Tờ trình": "TTr", "Hợp đồng": "HĐ", "Phương án": "PA"}

def topic_for(title):
    t = fold(title)
    return next((tp for tp in TOPICS if any(k in t for k in tp[1])), GENERIC_TOPIC)

def facts(school, year, rng):
    """Vocabulary and numbers that a report's sentences are built from."""
    y1, lvl = int(year[:4]), school["level"]
    mn, gd = lvl == "mam-non", lvl == "gdtx"
    classes = max(6, school["classes"] - rng.randint(0, 2026 - y1))
    students = round(classes * school["students"] / school["classes"])
    teachers = max(classes, round(school["teachers"] * classes / school["classes"]))
    hs = "trẻ" if mn else "học viên" if gd else "học sinh"
    place = school["commune"] if WINDOW[year][0] >= MERGED else school["former_district"]
    return {
        "mn": mn, "truong": "trung tâm" if gd else "nhà trường", "Truong": "Trung tâm" if gd else "Nhà trường",
        "ht": "giám đốc" if gd else "hiệu trưởng", "Ht": "Giám đốc" if gd else "Hiệu trưởng",
        "pht": "phó giám đốc" if gd else "phó hiệu trưởng", "hs": hs, "hs_cap": ucfirst(hs),
        "cm": "cha mẹ trẻ" if mn else "gia đình học viên" if gd else "cha mẹ học sinh", "lop": "nhóm, lớp" if mn else "lớp",
        "xa": lcfirst(school["commune"]), "uy_ban": "UBND " + lcfirst(place), "year": year,
        "ry": f"{y1 - 1}-{y1}" if y1 >= 2026 else year,   # year of the latest results (autumn reports: the last one)
        "prev": f"{y1 - 1}-{y1}", "next": f"{y1 + 1}-{y1 + 2}", "next2": f"{y1 + 2}-{y1 + 3}", "y1": y1, "y2": y1 + 1,
        "ny": y1 + 1, "period": "2020–2025" if y1 <= 2024 else "2025–2030", "period2": "2025–2030" if y1 <= 2024 else "2026–2030",
        "classes": classes, "students": vn_int(students), "per_class": round(students / classes), "teachers": teachers,
        "tpc": vn_dec(teachers / classes), "staff": school["staff"], "phts": f"{rng.randint(1, 3):02d}",
        "teams": f"{rng.randint(3, 6):02d}", "pct_tc": rng.randint(88, 100), "pct_kt": rng.randint(82, 100),
        "pct_tot": rng.randint(30, 65), "gvg": rng.randint(6, 40), "party": round((teachers + school["staff"]) * rng.uniform(0.3, 0.6)),
        "members": rng.choice([9, 11, 13, 15]), "area": vn_int(school["area"]), "area_per": vn_dec(school["area"] / students),
        "toys": rng.randint(8, 20), "rooms": classes + rng.randint(0, 4), "miss_rooms": f"{rng.randint(1, 3):02d}",
        "cams": rng.randint(8, 32), "tv": rng.randint(4, 20), "books": vn_int(rng.randint(3000, 15000)), "bpp": rng.randint(4, 9),
        "xhh": rng.randint(45, 380), "pct_2b": rng.randint(80, 100), "kcal": rng.randint(615, 780),
        "sdd": vn_dec(rng.uniform(0.8, 4.5)), "pct_ht": vn_dec(rng.uniform(96.5, 100)), "hsg": rng.randint(3, 40),
        "hn": rng.randint(2, 12), "miss": f"{rng.randint(1, 4):02d}", "pct_hk": vn_dec(rng.uniform(97, 100)),
        "kt": rng.randint(8, 30), "cd": rng.randint(3, 9), "founded": school["founded"]}

def say(template, F):
    """Fill a template: «mầm non|other» choice, then {placeholders}."""
    return re.sub(r"«([^|»]*)\|([^»]*)»", lambda m: m.group(1 if F["mn"] else 2), template).format_map(F)

def weakness(c, F, idx):
    weak = topic_for(c["title"])[5]
    return say(weak[(idx + F["y1"]) % len(weak)] if weak else MINOR[idx % 3][0], F)

def make_notes(fw, results, F, rng, full):
    """Reasons next to some results below the criterion's top level (always next to a 0)."""
    return {c["id"]: weakness(c, F, i) for i, c in enumerate(fw["criteria"])
            if results[c["id"]] == 0 or (results[c["id"]] < c["max"] and rng.random() < (0.5 if full else 0.3))}

# ------------------------------------------------------------------------------------------ report bodies

def level_label(fw, level):
    if fw["c57"]:
        return ["không đạt Mức 1", "đạt Mức 1", "đạt Mức 2"][level]
    return "chưa đạt Mức 1" if level == 0 else f"đạt Mức {level}"

def circular_phrase(fw):
    amended = f" (được sửa đổi, bổ sung bởi Thông tư số {fw['amended_by']})" if fw["amended_by"] else ""
    return f"Thông tư số {fw['circular']}{amended}"

def count_sentence(fw, results, crits):
    n = len(crits)
    if fw["c57"]:
        by = Counter(results[c["id"]] for c in crits)
        parts = [f"{by[v]} tiêu chí {label}" for v, label in ((2, "đạt Mức 2"), (1, "đạt Mức 1"), (0, "không đạt Mức 1")) if by[v]]
        return f"{n} tiêu chí, trong đó " + ", ".join(parts)
    ge = {k: sum(results[c["id"]] >= k for c in crits) for k in (1, 2, 3)}
    return (f"{n} tiêu chí: {ge[1]}/{n} tiêu chí đạt từ Mức 1 trở lên ({round(100 * ge[1] / n)}%), "
            f"{ge[2]} tiêu chí đạt từ Mức 2 trở lên, {ge[3]} tiêu chí đạt Mức 3")

class Evidence:
    """The evidence list (Danh mục minh chứng) of one full report."""

    def __init__(self, fw, school, F, approved, rng, group_rows):
        self.fw, self.school, self.F, self.rng, self.group_rows = fw, school, F, rng, group_rows
        self.end, self.rows, self.used = approved - days(7), [], Counter()

    def issuer(self, who, date):
        s, after = self.school, date >= MERGED
        district = s["former_district"]
        party = ("Thành ủy " if district.startswith("Thành phố") else "Huyện ủy ") + \
            district.removeprefix("Thành phố ").removeprefix("Huyện ")
        return {"S": s["short"], "X": "UBND " + lcfirst(s["commune"] if after else district),
                "G": issuer_at(s, date, "Sở GD&ĐT"), "C": f"Công đoàn {s['short']}", "D": f"Chi bộ {s['short']}",
                "U": "Đảng ủy " + lcfirst(s["commune"]) if after else party, "B": f"Ban đại diện {self.F['cm']}",
                "Y": "Trạm Y tế " + lcfirst(s["commune"] if after else district)}[who]

    def date(self, name, flag):
        """A plausible date for an evidence document, before the report's approval."""
        rng = self.rng
        if flag == "S":
            start = int(self.F["period"][:4])
            return rand_date(rng, dt.date(start, 9, 5), dt.date(start, 10, 20))
        if flag == "O":
            return rand_date(rng, dt.date(2008, 1, 10), dt.date(2019, 12, 20))
        if flag == "E":
            found = re.search(r"20\d\d", name)
            year = min(int(found.group()) if found else self.F["y1"], self.end.year - 1)
            return rand_date(rng, dt.date(year, 12, 10), dt.date(year + 1, 1, 20))
        lo = dt.date(self.F["y1"], 8, 10) if f"năm học {self.F['year']}" in name else self.end - days(330)
        return rand_date(rng, lo, self.end)

    def add(self, c, k):
        """List up to k new evidence items for criterion c; return their codes."""
        rng, F = self.rng, self.F
        if self.fw["c57"]:   # names from the catalog's suggested evidence
            items = [ucfirst(x.strip().rstrip(".")) for x in c["evidence"].split(";") if x.strip()]
            items = [(x + (f" năm học {F['year']}" if x.split()[0] in ("Kế", "Báo", "Biên") else ""), "S", "") for x in items]
            topic = c["id"]
        else:
            raw = topic_for(c["title"])[2] or ["Hồ sơ lưu trữ của {truong}|S"]
            items = [(p[0], p[1], p[2] if len(p) > 2 else "") for p in (say(x, F).split("|") for x in raw)]
            topic = topic_for(c["title"])[0]
        k, start = min(k, len(items)), self.used[topic]
        self.used[topic] += k
        if self.group_rows:
            self.rows.append(("", f"**Tiêu chí {c['id']}**", "", "", ""))
        codes = []
        for j in range(k):
            name, who, flag = items[(start + j) % len(items)]
            if who == "X" and self.school["level"] in ("thpt", "gdtx") and name.startswith("Quyết định"):
                who = "G"   # THPT and GDTX answer to the Sở
            date = self.date(name, flag)
            prefix = next((p for w, p in DOC_PREFIX.items() if name.startswith(w)), None)
            owner = {"S": self.school["abbr"], "X": "UBND", "G": "SGDĐT", "C": "CĐ", "D": "CB", "B": "BĐD",
                     "Y": "TYT", "U": "ĐU" if date >= MERGED else "TU" if "Thành phố" in self.school["former_district"] else "HU"}[who]
            if name.startswith("Giấy chứng nhận"):
                number = f"Số CT{rng.randint(10000, 99999)}, {vn_date(date)}"
            else:
                number = f"{rng.randint(3, 260)}/{prefix}-{owner}, {vn_date(date)}" if prefix else f"Năm học {F['year']}"
            code = f"MC.{c['id']}.{j + 1:02d}" if self.fw["c57"] else f"H{c['std']}-{c['id']}-{j + 1:02d}"
            self.rows.append((code, name, number, self.issuer(who, date), rng.choice(EVIDENCE_NOTES)))
            codes.append(code)
        return codes

    def table(self):
        head = ["| Mã | Tên minh chứng | Số, ngày ban hành | Nơi ban hành | Ghi chú |", "|---|---|---|---|---|"]
        return "\n".join(head + ["|" + "|".join(f" {x} " if x else " " for x in row) + "|" for row in self.rows])

def cite(codes, rng):
    """Citations: one bracket per code back to back, or several codes in one bracket."""
    if len(codes) > 1 and rng.random() < 0.4:
        return "[" + "; ".join(codes) + "]"
    return "".join(f"[{c}]" for c in codes)

def criterion_text(fw, c, r, idx, F, ev, rng, earlier):
    """Mô tả hiện trạng of one criterion: two facts with citations and the level reached."""
    desc = [say(t, F) for t in topic_for(c["title"])[3]]
    if len(desc) > 2:
        desc = [desc[i] for i in sorted(rng.sample(range(len(desc)), 2))]
    codes = ev.add(c, rng.choice([1, 2, 2, 3]))
    extra = [rng.choice(earlier)] if earlier and len(codes) < 3 and rng.random() < 0.25 else []   # listed under another criterion
    if len(desc) == 1 or len(codes) == 1:
        out = [f"{desc[0]} {cite(codes + extra, rng)}."] + [f"{d}." for d in desc[1:]]
    else:
        out = [f"{desc[0]} {cite(codes[:1], rng)}.", f"{desc[1]} {cite(codes[1:] + extra, rng)}."]
    if r == 0:
        out.append(f"Đối chiếu với yêu cầu Mức 1, tiêu chí chưa đạt do {lcfirst(weakness(c, F, idx))}.")
    elif r < c["max"]:
        out.append(f"Tiêu chí đáp ứng yêu cầu Mức {r}; chưa đạt Mức {r + 1} do {lcfirst(weakness(c, F, idx))}.")
    else:
        out.append(f"Các yêu cầu từ Mức 1 đến Mức {r} của tiêu chí đều được {F['truong']} đáp ứng.")
    return " ".join(out), codes

def render_full(fw, school, year, approved, results, level4, F, rng, group_rows, attachment):
    """The full narrative of a report, with the heading structure of content-format.md."""
    ev, c57 = Evidence(fw, school, F, approved, rng, group_rows), fw["c57"]
    out = ["# Đặt vấn đề", "",
           f"{school['name']} được thành lập năm {F['founded']}, đóng tại {school['address']}, {F['xa']} (trước đây "
           f"thuộc {lcfirst(school['former_district'])}), tỉnh Đồng Nai. Năm học {year}, {F['truong']} có {F['classes']} "
           f"{F['lop']} với {F['students']} {F['hs']}; đội ngũ gồm {F['teachers']} giáo viên và {F['staff']} nhân viên.", "",
           f"Thực hiện {circular_phrase(fw)} của Bộ Giáo dục và Đào tạo, {F['truong']} thành lập Hội đồng tự đánh giá gồm "
           f"{F['members']} thành viên, xây dựng kế hoạch, thu thập minh chứng và viết báo cáo tự đánh giá. Quá trình tự "
           f"đánh giá giúp {F['truong']} nhìn nhận điểm mạnh, hạn chế và xây dựng kế hoạch cải tiến chất lượng cho các năm học tiếp theo.", ""]
    earlier = []
    for st in fw["standards"]:
        n, crits = st["number"], st["criteria"]
        out += [f"# Tiêu chuẩn {n}: {st['title']}", "", "## Mở đầu", "",
                f"Tiêu chuẩn {n} gồm {len(crits)} tiêu chí. " + say(STD_INTRO[(c57, n)], F), ""]
        for c in crits:
            r, idx, topic = results[c["id"]], fw["criteria"].index(c), topic_for(c["title"])
            text, codes = criterion_text(fw, c, r, idx, F, ev, rng, earlier)
            earlier += codes
            out += [f"## Tiêu chí {c['id']}: {c['title']}", "", "### Mô tả hiện trạng", "", text, ""]
            if not c57:
                weak = weakness(c, F, idx) if r < 3 else say(MINOR[idx % 3][0], F)
                plan = say(topic[6] if r < 3 else MINOR[idx % 3][1], F)
                out += ["### Điểm mạnh", "", say(topic[4], F) + ".", "", "### Điểm yếu", "", weak + ".", "",
                        "### Kế hoạch cải tiến chất lượng", "", plan + ".", ""]
            verdict = ["Không đạt Mức 1.", "Đạt Mức 1.", "Đạt Mức 2."][r] if c57 else ("Không đạt." if r == 0 else f"Đạt Mức {r}.")
            out += ["### Tự đánh giá", "", verdict, ""]
        if c57:   # Circular 57: strengths, weaknesses and direction per standard
            low = [c for c in crits if results[c["id"]] < 2]
            strong = [say(topic_for(c["title"])[4], F) for c in sorted(crits, key=lambda c: -results[c["id"]])[:2]]
            weak = [weakness(c, F, fw["criteria"].index(c)) for c in low[:2]] or [say(MINOR[n % 3][0], F)]
            plans = [say(topic_for(c["title"])[6], F) for c in low[:2]] or [say(MINOR[n % 3][1], F)]
            out += ["## Điểm mạnh nổi bật", "", " ".join(x + "." for x in strong), "", "## Điểm hạn chế", "",
                    " ".join(x + "." for x in weak) + " Nguyên nhân chủ yếu do nguồn lực còn hạn chế và việc theo dõi, "
                    "sử dụng dữ liệu chưa thường xuyên.", "", "## Định hướng cải tiến", "", " ".join(x + "." for x in plans), ""]
        out += [f"## Kết luận về Tiêu chuẩn {n}", "", f"Tiêu chuẩn {n} có {count_sentence(fw, results, crits)}.", ""]
    level = compute_level(fw, results, level4)
    if level4:
        out += ["# Mức 4", "", f"{F['Truong']} đánh giá các tiêu chí Mức 4 của {circular_phrase(fw)}:", ""]
        out += [f"{k}. {fw['level4'][k].rstrip('.')} — **{'Đạt' if v else 'Chưa đạt'}**." for k, v in level4.items()]
        out += ["", f"{F['Truong']} {'đáp ứng tất cả' if all(level4.values()) else 'chưa đáp ứng đầy đủ'} các tiêu chí Mức 4.", ""]
    out += ["# Kết luận chung", "", f"Năm học {year}, {F['truong']} tự đánh giá {count_sentence(fw, results, fw['criteria'])}. "
            f"Đối chiếu với quy định, {F['truong']} tự đánh giá {level_label(fw, level)}.", "",
            f"{F['Truong']} tiếp tục thực hiện kế hoạch cải tiến chất lượng và đăng ký đánh giá ngoài khi đủ điều kiện." if level
            else f"{F['Truong']} tập trung khắc phục các tiêu chí chưa đạt trước khi đăng ký đánh giá ngoài.", ""]
    if attachment:
        out += [f"[Toàn văn báo cáo tự đánh giá (PDF)](files/{attachment})", ""]
    return "\n".join(out + ["# Danh mục minh chứng", "", ev.table(), ""])

def render_short(fw, year, results, level4, F):
    """The body of an approved report without narrative: Kết luận chung, 3–4 sentences, no citations."""
    text = (f"Năm học {year}, Hội đồng tự đánh giá của {F['truong']} đã đánh giá các tiêu chí theo {circular_phrase(fw)}. "
            f"Kết quả tự đánh giá {count_sentence(fw, results, fw['criteria'])}. "
            f"{F['Truong']} tự đánh giá {level_label(fw, compute_level(fw, results, level4))}.")
    low = [(i, c) for i, c in enumerate(fw["criteria"]) if results[c["id"]] < c["max"]]
    if low:
        i, c = low[0]
        text += f" Nội dung ưu tiên cải tiến: {lcfirst(weakness(c, F, i))} (tiêu chí {c['id']})."
    return f"# Kết luận chung\n\n{text}\n"

def render_draft(fw, year, F):
    """A draft: the mandatory sentence and the beginning of a narrative."""
    out = ["# Đặt vấn đề", "", f"{DRAFT_SENTENCE} Hội đồng tự đánh giá năm học {year} của {F['truong']} đang thu thập "
           "minh chứng và hoàn thiện phần mô tả hiện trạng; các tiêu chí chưa có kết quả sẽ được bổ sung sau.", "",
           f"# Tiêu chuẩn 1: {fw['standards'][0]['title']}", ""]
    for c in fw["standards"][0]["criteria"][:2]:
        out += [f"## Tiêu chí {c['id']}: {c['title']}", "", "### Mô tả hiện trạng", "",
                say(topic_for(c["title"])[3][0], F) + ". (Đang bổ sung minh chứng.)", ""]
    return "\n".join(out)

def front_matter(fw, report, results, notes, level4, claimed):
    lines = ["+++", f'status = "{report["status"]}"']
    lines += [f"approved_on = {report['approved_on'].isoformat()}"] if report["approved_on"] else []
    lines += [f"claimed_level = {claimed}"] if claimed is not None else []
    lines += [f'framework = "{fw["id"]}"'] if report.get("explicit_framework") else []
    lines += ["", "[results]"]
    for i, c in enumerate(c for c in fw["criteria"] if c["id"] in results):
        if i and c["std"] != prev:
            lines.append("")   # a blank line between standards
        prev, r = c["std"], results[c["id"]]
        lines.append(f'"{c["id"]}" = ' + (f"{{ level = {r}, note = {q(notes[c['id']])} }}" if c["id"] in notes else str(r)))
    if level4:
        lines += ["", "[level4]"] + [f'"{k}" = {str(v).lower()}' for k, v in level4.items()]
    return "\n".join(lines + ["+++", ""])

# ------------------------------------------------------------------------------------------ files

def school_toml(s):
    lines = [f"id = {q(s['id'])}", f"name = {q(s['name'])}", f"level = {q(s['level'])}"]
    lines += [f"ownership = {q(s['ownership'])}"] if s["ownership"] else []
    lines += [f"{k} = {q(s[k])}" for k in ("commune", "former_district", "address", "principal", "phone", "email", "website")
              if s[k] and k not in s["omit"]]
    lines += [f"{k} = {s[k]}" for k in ("students", "classes") if k not in s["omit"]]
    noted = False
    for table in ("accreditation", "national_standard"):
        for d in s[table]:
            lines.append("")
            if "Bình Phước" in d["issuer"] and not noted:
                lines.append("# Quyết định của tỉnh Bình Phước, trước khi hợp nhất tỉnh (01/7/2025)")
                noted = True
            lines += [f"# {d['comment']}"] if "comment" in d else []
            lines += [f"[[{table}]]", f"level = {d['level']}", f"decision = {q(d['decision'])}", f"decided = {d['decided']}"]
            lines += [f"valid_until = {d['valid_until']}"] if "valid_until" in d else []
            lines += [f"issuer = {q(d['issuer'])}"] + ([f"evaluated = {d['evaluated']}"] if "evaluated" in d else [])
    for reg in s.get("registration", []):
        lines += ["", "[[registration]]", f"school_year = {q(reg['school_year'])}", f"semester = {reg['semester']}",
                  f"kind = {q(reg['kind'])}", f"target_level = {reg['target_level']}", f"priority = {reg['priority']}"]
    return "\n".join(lines) + "\n"

def tiny_pdf():
    """A minimal valid PDF 1.4: one A4 page saying 'Du lieu mau'."""
    stream = b"BT /F1 24 Tf 72 770 Td (Du lieu mau) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)

CONFIG = """\
# Dữ liệu mẫu hư cấu: mọi trường, con người, số liệu và quyết định trong content/ đều không có thật,
# chỉ dùng để phát triển và kiểm thử minhbach. Đây không phải dữ liệu của các trường thật.
title = "Công khai kiểm định chất lượng giáo dục — DỮ LIỆU MẪU"
authority = "Sở Giáo dục và Đào tạo tỉnh Đồng Nai (dữ liệu mẫu, trường hư cấu)"
province = "Đồng Nai"
base_url = "https://kiemdinh.example.gov.vn"
theme = "default"
language = "vi"
build_date = 2026-11-23
minify = true
expiry_warning_days = 180
"""
PAGES = {
    "gioi-thieu": ("Giới thiệu", """\
Cổng thông tin này công khai kết quả **kiểm định chất lượng giáo dục** và **công nhận trường đạt chuẩn quốc gia**
của các trường mầm non, tiểu học, trung học cơ sở, trung học phổ thông, trường phổ thông nhiều cấp học và
trung tâm giáo dục thường xuyên trên địa bàn tỉnh, cùng bản tóm tắt báo cáo tự đánh giá hằng năm của từng trường.

> **Lưu ý quan trọng:** toàn bộ trường học, con người, số liệu, quyết định và báo cáo trên trang này là
> **dữ liệu mẫu hư cấu**, được tạo ra để phát triển và thử nghiệm phần mềm. Không trường nào ở đây là trường thật;
> mọi trùng hợp về tên gọi chỉ là ngẫu nhiên.

## Trang này có gì

- Thông tin của từng trường: địa chỉ, xã/phường (kèm huyện cũ trước ngày 01/7/2025), hiệu trưởng, liên hệ.
- Tình trạng hiện tại: cấp độ kiểm định, mức độ đạt chuẩn quốc gia, số và ngày quyết định, thời hạn hiệu lực.
- Kết quả tự đánh giá theo từng năm học, với bảng tiêu chí và mức đạt được tính đúng theo quy định.
- Danh sách trường đăng ký đánh giá ngoài, thống kê theo địa bàn và dữ liệu mở (CSV, JSON).

## Căn cứ

Kết quả được tính theo các Thông tư số 17, 18, 19/2018/TT-BGDĐT (được sửa đổi, bổ sung bởi Thông tư số
22/2024/TT-BGDĐT) cho các báo cáo đến năm học 2025-2026 và Thông tư số 57/2026/TT-BGDĐT từ năm học 2026-2027.
Các quyết định công nhận ban hành trước ngày 07/7/2026 tiếp tục có hiệu lực đến hết thời hạn ghi trong quyết định.

Mọi góp ý về nội dung xin gửi Phòng Khảo thí và Kiểm định chất lượng giáo dục của Sở (địa chỉ giả định).
"""),
    "huong-dan": ("Hướng dẫn cho cha mẹ học sinh", """\
Trang này giúp cha mẹ đọc đúng thông tin về chất lượng của trường mà con em đang học.
*(Các trường trên cổng thông tin này là dữ liệu mẫu hư cấu.)*

## Cấp độ kiểm định và mức độ chuẩn quốc gia là hai việc khác nhau

- **Kiểm định chất lượng giáo dục, cấp độ 1 đến 4**: Sở Giáo dục và Đào tạo công nhận sau khi đoàn đánh giá ngoài
  xác nhận trường đạt Mức 1, 2, 3 hoặc 4. Cấp độ càng cao, yêu cầu càng cao. Từ ngày 07/7/2026, theo Thông tư
  số 57/2026/TT-BGDĐT, không còn công nhận cấp độ kiểm định mới; các quyết định đã có vẫn còn hiệu lực đến hết hạn.
- **Trường đạt chuẩn quốc gia, mức độ 1 hoặc 2**: trước đây mức độ 1 đi cùng kết quả Mức 2, mức độ 2 đi cùng
  kết quả Mức 3; nay được công nhận theo Thông tư số 57/2026/TT-BGDĐT.

## Đọc kết quả tự đánh giá

Mỗi năm học, hội đồng tự đánh giá của trường xem xét từng **tiêu chí** và ghi mức đạt được.

- Với báo cáo đến năm học 2025-2026: mỗi tiêu chí đạt Mức 1, 2, 3 hoặc không đạt; trường đạt Mức N khi
  **mọi** tiêu chí đạt từ Mức N trở lên (hoặc mức cao nhất mà tiêu chí đó quy định).
- Với báo cáo từ năm học 2026-2027: có 15 tiêu chí, trong đó 8 tiêu chí bắt buộc. Trường *Đạt Mức 1* khi mọi
  tiêu chí bắt buộc đạt Mức 1 và ít nhất 5 trong 7 tiêu chí còn lại đạt Mức 1; *Đạt Mức 2* khi mọi tiêu chí bắt
  buộc và ít nhất 5 tiêu chí còn lại đạt Mức 2, không tiêu chí nào dưới Mức 1.

Cổng thông tin luôn hiển thị **mức tính theo quy định** từ kết quả từng tiêu chí. Nếu mức trường tự kết luận
khác với mức tính được, trang sẽ ghi rõ sự chênh lệch để cha mẹ không bị hiểu lầm.

## Còn hiệu lực, sắp hết hạn, hết hiệu lực

- **Còn hiệu lực**: quyết định vẫn trong thời hạn (thường là 05 năm kể từ ngày ký).
- **Sắp hết hạn**: quyết định hết hạn trong vòng 180 ngày tới; trường cần tự đánh giá và đăng ký đánh giá ngoài lại.
- **Hết hiệu lực từ ngày …**: quyết định đã hết hạn; trường chưa được công nhận lại.
- **Chưa được công nhận**: trường chưa có quyết định nào.

## Khi thông tin chưa đúng

Cha mẹ có thể liên hệ trực tiếp nhà trường theo số điện thoại, thư điện tử ghi trên trang của trường, hoặc gửi
phản ánh đến Sở Giáo dục và Đào tạo.
"""),
}

# ------------------------------------------------------------------------------------------ generation

def generate():
    """Write config.toml, the pages and every school folder."""
    rng = random.Random(SEED)
    fws = load_frameworks()
    schools = build_schools(rng)
    assign_decisions(rng, schools)
    assign_registrations(rng, schools)
    reports = plan_reports(rng, schools, fws)
    for d in ("content/schools", "content/pages"):
        shutil.rmtree(ROOT / d, ignore_errors=True)
    write(ROOT / "config.toml", CONFIG)
    for slug, (title, body) in sorted(PAGES.items()):
        write(ROOT / "content" / "pages" / f"{slug}.md", f"+++\ntitle = {q(title)}\n+++\n\n{body}")
    for s in schools:
        write(ROOT / "content" / "schools" / s["slug"] / "school.toml", school_toml(s))
    complete_draft = min(r["school"]["slug"] for r in reports if r["status"] == "draft")
    for r in reports:
        s, fw, year = r["school"], r["fw"], r["year"]
        F = facts(s, year, rng)
        assess4 = r["target"] == 3 and (s["slug"] == "th-dinh-bo-linh" if r["full"] else s["q"] >= 3 and rng.random() < 0.35)
        results, level4 = gen_results(fw, r["target"], rng, assess4)
        if r["status"] == "approved":
            results = old_software(fw, results, rng)
        notes = make_notes(fw, results, F, rng, r["full"])
        folder = ROOT / "content" / "schools" / s["slug"]
        if r["status"] == "draft":   # one draft is complete, the others give only two standards
            claimed = compute_level(fw, results) if s["slug"] == complete_draft else None
            if claimed is None:
                keep = {c["id"] for st in fw["standards"][:2] for c in st["criteria"]}
                results = {k: v for k, v in results.items() if k in keep}
            write(folder / f"{year}.md", front_matter(fw, r, results, notes, None, claimed) + "\n" + render_draft(fw, year, F))
            continue
        claimed = compute_level(fw, results, level4)
        assert claimed == r["target"], (s["slug"], year, claimed, r["target"])
        attachment = f"bao-cao-tu-danh-gia-{year}.pdf" if ATTACH.get(s["slug"]) == year else None
        if r["full"]:
            body = render_full(fw, s, year, r["approved_on"], results, level4, F, rng, (s["slug"], year) in GROUP_ROWS, attachment)
        else:
            body = render_short(fw, year, results, level4, F)
        write(folder / f"{year}.md", front_matter(fw, r, results, notes, level4, claimed) + "\n" + body)
        if attachment:
            (folder / "files").mkdir(exist_ok=True)
            (folder / "files" / attachment).write_bytes(tiny_pdf())
    return fws

# ------------------------------------------------------------------------------------------ self-check

CODE_RE = re.compile(r"^(H\d+-\d+\.\d+-\d{2,}|MC\.\d+\.\d+\.\d{2,})$")

def read_front(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("+++\n"), path
    fm, body = text[4:].split("\n+++\n", 1)
    return tomllib.loads(fm), body

def citations(text):
    """Evidence codes cited in square brackets (a Markdown link text is not a citation)."""
    found = []
    for inner in re.findall(r"\[([^\[\]]+)\]", text):
        tokens = [t for t in re.split(r"[;,\s]+", inner) if t]
        found += tokens if tokens and all(CODE_RE.match(t) for t in tokens) else []
    return found

def evidence_table(body):
    """Codes of the first table under Danh mục minh chứng, and its number of group rows."""
    rows = [l for l in body.split("# Danh mục minh chứng", 1)[1].splitlines() if l.startswith("|")]
    assert rows[0] == "| Mã | Tên minh chứng | Số, ngày ban hành | Nơi ban hành | Ghi chú |", rows[0]
    cells = [row.split("|")[1].strip() for row in rows[2:]]
    return [c for c in cells if c], cells.count("")

def state(d):
    until = d.get("valid_until", add_years(d["decided"], 5))
    return "expired" if until < BUILD_DATE else "expiring" if until <= BUILD_DATE + days(WARN_DAYS) else "valid"

def check_schools(base):
    """Requirements 1–4: schools, communes, decisions, registrations. Returns the parsed schools."""
    schools = {}
    for d in sorted(base.iterdir()):
        assert re.fullmatch(r"[a-z0-9-]+", d.name), d
        schools[d.name] = tomllib.loads((d / "school.toml").read_text(encoding="utf-8"))
    levels = Counter(s["level"] for s in schools.values())
    ids = [s["id"] for s in schools.values()]
    assert len(schools) >= 64 and len(set(ids)) == len(ids) and all(re.fullmatch(r"\d{8}", i) for i in ids)
    assert all(levels[l] >= 4 for l in SCALE) and levels["gdtx"] == 4
    assert min(levels["mam-non"], levels["tieu-hoc"]) >= max(v for k, v in levels.items() if k not in ("mam-non", "tieu-hoc"))
    names = [s["name"] for s in schools.values()]
    for must in ("Trường Tiểu học Đinh Bộ Lĩnh", "Trường Tiểu học Nguyễn Hiền", "Trường Trung học cơ sở Lê Lợi",
                 "Trường Mầm non Ánh Dương", "Trường Mầm non Bình Minh", "Trường Mầm non Đồng Tâm", "Trường Mầm non Én Xanh"):
        assert names.count(must) == 1, must
    for word in FORBIDDEN:
        assert sum(word in (base / slug / "school.toml").read_text(encoding="utf-8") for slug in schools) == 1, word
    for s in schools.values():
        assert all(k in s for k in ("id", "name", "level", "commune"))
        assert any(s["name"].startswith(p[1] + " ") for p in PREFIX.values() if p[0] == s["level"]), s["name"]
    communes = Counter(s["commune"] for s in schools.values())
    bare = [c.split(" ", 1)[1] for c in communes]
    assert len(communes) >= 10 and min(communes.values()) >= 2
    assert len({s["former_district"] for s in schools.values() if "former_district" in s}) >= 4
    assert any(b.startswith("Đông ") for b in bare) and any(b.startswith("Đồng ") for b in bare)
    assert any(fold(b[0]) != b[0].lower() and b[0] != "Đ" for b in bare)
    assert {"tu-thuc", "dan-lap"} <= {s.get("ownership") for s in schools.values()}
    current, history = defaultdict(set), 0
    for slug, s in schools.items():
        acc, ns = s.get("accreditation", []), s.get("national_standard", [])
        assert not (s["level"] == "gdtx" and ns), slug
        for table, top in (("accreditation", 4), ("national_standard", 2)):
            for d in s.get(table, []):
                assert 1 <= d["level"] <= top and d["decided"] <= BUILD_DATE
                assert d.get("valid_until", d["decided"]) >= d["decided"]
                if state(d) == "valid":
                    current[table].add(d["level"])
        assert all(d["decided"] < C57_FROM for d in acc), slug
        for d in ns:   # a 2018-era mức độ 1 needs cấp độ ≥ 2 valid that day, mức độ 2 needs cấp độ ≥ 3
            assert d["decided"] >= C57_FROM or any(
                a["decided"] <= d["decided"] <= a.get("valid_until", add_years(a["decided"], 5))
                and a["level"] >= d["level"] + 1 for a in acc), (slug, d)
            assert ("UBND" in d["decision"]) == (d["decided"] < TT22_FROM), (slug, d)
        history += {(1, "expired"), (2, "valid")} <= {(a["level"], state(a)) for a in acc}
    assert current["accreditation"] == {1, 2, 3, 4} and current["national_standard"] == {1, 2} and history
    every = [d for s in schools.values() for t in ("accreditation", "national_standard") for d in s.get(t, [])]
    assert any(state(d) == "expiring" for d in every)
    assert any(d["decided"] >= C57_FROM for s in schools.values() for d in s.get("national_standard", []))
    assert sum(1 for s in schools.values() if not s.get("accreditation") and not s.get("national_standard")) >= 2
    assert sum(1 for s in schools.values() if s.get("accreditation") and all(
        state(d) == "expired" for d in s["accreditation"] + s.get("national_standard", []))) >= 2
    regs = [r for s in schools.values() for r in s.get("registration", [])]
    assert 8 <= sum("registration" in s for s in schools.values()) <= 12
    for year in {r["school_year"] for r in regs}:
        pr = [r["priority"] for r in regs if r["school_year"] == year]
        assert len(pr) == len(set(pr)) and year in ("2026-2027", "2027-2028")
    return schools

def check_reports(base, schools, fws):
    """Requirements 5–8: reports, levels, narratives, evidence, drafts, attachments."""
    per_year, era_levels, approved, drafts, full = Counter(), defaultdict(Counter), defaultdict(set), [], []
    for f in sorted(base.glob("*/*.md")):
        slug, year = f.parent.name, f.stem
        assert re.fullmatch(r"\d{4}-\d{4}", year) and int(year[5:]) == int(year[:4]) + 1, f
        fm, body = read_front(f)
        per_year[(year, fm["status"])] += 1
        if fm["status"] == "draft":
            assert "approved_on" not in fm and DRAFT_SENTENCE in body and year in ("2025-2026", "2026-2027"), f
            drafts.append((slug, year))
            continue
        assert DRAFT_SENTENCE not in body and WINDOW[year][0] <= fm["approved_on"] <= WINDOW[year][1], f
        fid = framework_for(schools[slug]["level"], year, fm["approved_on"])
        assert fm.get("framework", fid) == fid, f
        fw = fws[fid]
        results = {k: (v["level"] if isinstance(v, dict) else v) for k, v in fm["results"].items()}
        assert set(results) == {c["id"] for c in fw["criteria"]}, f
        assert all(0 <= results[c["id"]] <= c["max"] or results[c["id"]] in c["repealed"] for c in fw["criteria"]), f
        l4 = fm.get("level4")
        assert l4 is None or (not fw["c57"] and set(l4) == set(fw["level4"])), f
        assert compute_level(fw, results, l4) == fm["claimed_level"], f
        era = "2026 (TT57)" if fw["c57"] else "2025 (TT22)" if fid.startswith("tt22") else "2018"
        era_levels[era][fm["claimed_level"]] += 1
        approved[slug].add(year)
        if "# Tiêu chuẩn" not in body:
            assert not citations(body) and body.lstrip().startswith("# Kết luận chung"), f
            continue
        listed, groups = evidence_table(body)
        assert sorted(set(citations(body.split("# Danh mục minh chứng")[0]))) == sorted(listed), f
        assert len(listed) == len(set(listed)), f
        for code in listed:   # the standard and criterion of a code exist in the framework
            std, cid = (code[1:].split("-")[0], code.split("-")[1]) if code[0] == "H" else (code[3], code[3:6])
            assert cid in results and cid.split(".")[0] == std, (f, code)
        for c in fw["criteria"]:
            section = body.split(f"## Tiêu chí {c['id']}: {c['title']}\n", 1)[1].split("### Tự đánh giá", 1)[0]
            assert 1 <= len(citations(section)) <= 3, (f, c["id"])
        n = len(fw["criteria"])
        assert body.count("### Mô tả hiện trạng") == body.count("### Tự đánh giá") == n, f
        assert body.count("## Điểm mạnh nổi bật") == len(fw["standards"]) if fw["c57"] else body.count("### Điểm yếu") == n
        full.append((slug, year, fid, groups))
    assert all(year not in approved[slug] for slug, year in drafts) and len(drafts) >= 4
    with27 = sum("2026-2027" in approved[s] for s in schools)
    counts = Counter(len(approved[s]) for s in schools)
    assert with27 >= 20 and len(schools) - with27 >= 20 and len(era_levels) == 3
    assert all(sum(v.values()) >= 8 for v in era_levels.values())
    assert sum(v for k, v in counts.items() if 1 <= k <= 3) > len(schools) / 2
    assert era_levels["2026 (TT57)"][0] >= 2 and era_levels["2018"][0] + era_levels["2025 (TT22)"][0] >= 2
    assert era_levels["2018"][4] + era_levels["2025 (TT22)"][4] >= 2
    assert len(full) >= 8 and sum(x[2].startswith("tt57") for x in full) >= 2 and any(x[3] for x in full)
    assert {y for s, y, _, _ in full if s == "th-dinh-bo-linh"} == approved["th-dinh-bo-linh"]
    pdfs = sorted(base.glob("*/files/*.pdf"))
    assert len({p.parent.parent.name for p in pdfs}) == 2
    for p in pdfs:
        data = p.read_bytes()
        assert data.startswith(b"%PDF-1.4") and data.endswith(b"%%EOF\n") and b"(Du lieu mau)" in data
        report = p.parent.parent / (p.stem.removeprefix("bao-cao-tu-danh-gia-") + ".md")
        assert f"[Toàn văn báo cáo tự đánh giá (PDF)](files/{p.name})" in report.read_text(encoding="utf-8"), p
    return per_year, era_levels, with27, counts, full, drafts, pdfs

def self_check(fws):
    """Re-read every written file, assert the content requirements and print a summary."""
    base = ROOT / "content" / "schools"
    for f in [ROOT / "config.toml"] + sorted(ROOT.joinpath("content").rglob("*")):
        if f.suffix in (".toml", ".md"):
            text = f.read_bytes().decode("utf-8")
            assert text == nfc(text), f"not NFC: {f}"
    config = tomllib.loads((ROOT / "config.toml").read_text(encoding="utf-8"))
    assert list(config) == ["title", "authority", "province", "base_url", "theme", "language", "build_date",
                            "minify", "expiry_warning_days"] and config["build_date"] == BUILD_DATE
    for page, title in (("gioi-thieu", "Giới thiệu"), ("huong-dan", "Hướng dẫn cho cha mẹ học sinh")):
        fm, body = read_front(ROOT / "content" / "pages" / f"{page}.md")
        assert fm == {"title": title} and "hư cấu" in body
    schools = check_schools(base)
    per_year, era_levels, with27, counts, full, drafts, pdfs = check_reports(base, schools, fws)
    levels = Counter(s["level"] for s in schools.values())
    states = {t: Counter(state(d) for s in schools.values() for d in s.get(t, [])) for t in ("accreditation", "national_standard")}
    print(f"Schools: {len(schools)} in {len({s['commune'] for s in schools.values()})} communes")
    print("  by level: " + ", ".join(f"{l} {levels[l]}" for l in SCALE))
    print("  by ownership: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(s.get("ownership", "cong-lap") for s in schools.values()).items())))
    print("Reports      approved  draft")
    for y in YEARS:
        print(f"  {y}  {per_year[(y, 'approved')]:8d}  {per_year[(y, 'draft')]:5d}")
    for era, lv in sorted(era_levels.items()):
        print(f"  era {era}: {sum(lv.values())} approved, claimed levels {dict(sorted(lv.items()))}")
    print(f"  schools with an approved 2026-2027 report: {with27}, without: {len(schools) - with27}")
    print("  approved reports per school: " + ", ".join(f"{k}: {v} schools" for k, v in sorted(counts.items())))
    print("  full reports: " + ", ".join(f"{s}/{y}" for s, y, _, _ in full))
    print("  drafts: " + ", ".join(f"{s}/{y}" for s, y in drafts))
    print("  attachments: " + ", ".join(str(p.relative_to(base)) for p in pdfs))
    print("Decisions on 2026-11-23    valid  expiring  expired")
    for t, st in states.items():
        print(f"  {t:22s} {st['valid']:7d} {st['expiring']:9d} {st['expired']:8d}")
    none = sum(1 for s in schools.values() if not s.get("accreditation") and not s.get("national_standard"))
    gone = sum(1 for s in schools.values() if s.get("accreditation") and all(
        state(d) == "expired" for d in s["accreditation"] + s.get("national_standard", [])))
    print(f"  schools with every decision expired: {gone}, with no decision: {none}, "
          f"with registrations: {sum('registration' in s for s in schools.values())}")
    print("Self-check passed.")

if __name__ == "__main__":
    self_check(generate())
