#!/usr/bin/env python3
"""Convert a minhbach corpus folder into a Hugo site folder, for bench/build.sh.

    python3 bench/to_hugo.py CORPUS OUT [--skeleton bench/hugo] [--jobs N]

CORPUS is a minhbach site root (config.toml, content/pages/*.md, content/schools/<slug>/);
OUT must not exist or be empty. Python 3.11, standard library only.

What it writes (the Hugo equivalent of minhbach's URLs, shared/spec/site.md):
  OUT/hugo.toml                          bench/hugo/hugo.toml with the corpus's title, base_url, …
  OUT/layouts/, OUT/static/, OUT/data/   copied from the skeleton
  OUT/content/_index.md                  the home page
  OUT/content/<page>.md                  content/pages/<page>.md as is (/<page>/)
  OUT/content/truong/<slug>/_index.md    the school: a section whose front matter is school.toml
                                         verbatim plus title and its taxonomy terms (/truong/<slug>/)
  OUT/content/truong/<slug>/<YYYY-YYYY>.md
                                         a report: its front matter plus title, school, year, date
                                         (approved_on) and `draft = true` for a draft; body as is
  OUT/content/<taxonomy>/<term>/_index.md
                                         the display name of each term (terms are folded slugs)

Taxonomies (front matter key = URL folder): dia-ban (commune), huyen-cu (former district), cap-hoc
(level), tinh (province), kiem-dinh (cap-do-N, current accreditation), chuan-quoc-gia (muc-do-N,
current national standard), trang-thai (chua-cong-nhan, sap-het-han, het-hieu-luc). The status
terms are computed here on the corpus's build_date with minhbach's rule (shared/spec/content-format.md):
Hugo can only group pages by front matter; the school and listing pages still compute the
status they display in the templates.

Files are streamed one school at a time; only the term names are kept in memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sys
import time
import tomllib
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPORT_NAME = re.compile(r"^(\d{4})-(\d{4})\.md$")
TABLE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)

LEVELS = {
    "mam-non": "Mầm non",
    "tieu-hoc": "Tiểu học",
    "thcs": "Trung học cơ sở",
    "thpt": "Trung học phổ thông",
    "nhieu-cap": "Nhiều cấp học",
    "gdtx": "Giáo dục thường xuyên",
}
STATUS_TITLES = {
    "chua-cong-nhan": "Trường chưa được công nhận",
    "sap-het-han": "Trường có quyết định sắp hết hiệu lực",
    "het-hieu-luc": "Trường có quyết định đã hết hiệu lực",
}
TAXONOMY_TITLES = {
    "dia-ban": "Địa bàn (xã/phường)",
    "huyen-cu": "Địa bàn cũ (huyện)",
    "cap-hoc": "Cấp học",
    "tinh": "Tỉnh/thành phố",
    "kiem-dinh": "Kiểm định chất lượng giáo dục",
    "chuan-quoc-gia": "Chuẩn quốc gia",
    "trang-thai": "Tình trạng công nhận",
}


def slugify(text: str) -> str:
    """Folded Vietnamese slug (site.md): NFC, lower case, no diacritics, đ → d, other runs → '-'."""
    s = unicodedata.normalize("NFD", text.lower())
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("đ", "d")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def toml_str(value: str) -> str:
    # A JSON string is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(toml_str(v) for v in values) + "]"


def plus_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def status(decisions: list[dict], today: dt.date, warning_days: int) -> tuple[int | None, str]:
    """(current level or None, validity: valid | expiring | expired | none), minhbach's rule."""
    past = []
    for d in decisions:
        decided = d.get("decided")
        if not isinstance(decided, dt.date) or decided > today:
            continue
        until = d.get("valid_until")
        if not isinstance(until, dt.date):
            until = plus_years(decided, 5)
        past.append((d.get("level", 0), until, decided))
    current = [p for p in past if p[1] >= today]
    if current:
        level, until, _ = max(current)
        return level, "expiring" if (until - today).days <= warning_days else "valid"
    if past:
        return None, "expired"
    return None, "none"


def split_front_matter(text: str) -> tuple[str, str] | None:
    if not text.startswith("+++"):
        return None
    end = text.find("\n+++", 3)
    if end < 0:
        return None
    fm = text[text.index("\n") + 1 : end + 1]
    rest = text[end + 4 :]
    if rest.startswith("\r\n"):
        rest = rest[2:]
    elif rest.startswith("\n"):
        rest = rest[1:]
    return fm, rest


def convert_school(job: tuple[str, str, str, str, int]) -> tuple[int, int, dict[str, dict[str, str]]]:
    """Write one school's section and reports. Returns (reports, drafts, {taxonomy: {slug: title}})."""
    src_dir, dst_root, default_province, today_iso, warning_days = job
    src = Path(src_dir)
    slug = src.name
    today = dt.date.fromisoformat(today_iso)
    school_text = (src / "school.toml").read_text(encoding="utf-8")
    school = tomllib.loads(school_text)
    name = school.get("name", slug)

    terms: dict[str, dict[str, str]] = {}

    def term(taxonomy: str, title: str, slug_: str | None = None) -> str:
        s = slug_ or slugify(title)
        terms.setdefault(taxonomy, {})[s] = title
        return s

    province = school.get("province", default_province)
    header = [f"title = {toml_str(name)}"]
    if "province" not in school:
        header.append(f"province = {toml_str(province)}")
    header.append(f"dia-ban = {toml_list([term('dia-ban', school.get('commune', ''))])}")
    if school.get("former_district"):
        header.append(f"huyen-cu = {toml_list([term('huyen-cu', school['former_district'])])}")
    level = school.get("level", "")
    header.append(f"cap-hoc = {toml_list([term('cap-hoc', LEVELS.get(level, level), level)])}")
    header.append(f"tinh = {toml_list([term('tinh', province)])}")
    acc_level, acc = status(school.get("accreditation", []), today, warning_days)
    std_level, std = status(school.get("national_standard", []), today, warning_days)
    if acc_level is not None:
        t = term("kiem-dinh", f"Trường đạt kiểm định cấp độ {acc_level}", f"cap-do-{acc_level}")
        header.append(f"kiem-dinh = {toml_list([t])}")
    if std_level is not None:
        t = term("chuan-quoc-gia", f"Trường đạt chuẩn quốc gia mức độ {std_level}", f"muc-do-{std_level}")
        header.append(f"chuan-quoc-gia = {toml_list([t])}")
    states = []
    if acc_level is None and std_level is None:
        states.append("chua-cong-nhan")
    if "expiring" in (acc, std):
        states.append("sap-het-han")
    if "expired" in (acc, std):
        states.append("het-hieu-luc")
    if states:
        header.append(f"trang-thai = {toml_list([term('trang-thai', STATUS_TITLES[s], s) for s in states])}")

    dst = Path(dst_root) / slug
    dst.mkdir(parents=True)
    # school.toml's own top-level keys come before its [[tables]], so the header goes first.
    (dst / "_index.md").write_text(
        "+++\n" + "\n".join(header) + "\n" + school_text.rstrip("\n") + "\n+++\n", encoding="utf-8"
    )

    reports = drafts = 0
    for entry in os.scandir(src):
        m = REPORT_NAME.match(entry.name)
        if not m or not entry.is_file():
            continue
        year = entry.name[:-3]
        with open(entry.path, encoding="utf-8") as f:
            text = f.read()
        parts = split_front_matter(text)
        if parts is None:
            raise SystemExit(f"{entry.path}: no +++ front matter")
        fm_text, body = parts
        # Only the top-level keys (status, approved_on) are needed: parse the part before the
        # first [table] header ([results] is most of the front matter and Hugo parses it anyway).
        table = TABLE_HEADER.search(fm_text)
        fm = tomllib.loads(fm_text[: table.start()] if table else fm_text)
        head = [
            f"title = {toml_str(f'Báo cáo tự đánh giá năm học {year}')}",
            f"school = {toml_str(name)}",
            f"year = {toml_str(year)}",
        ]
        if fm.get("status") == "approved":
            if isinstance(fm.get("approved_on"), dt.date):
                head.append(f"date = {fm['approved_on'].isoformat()}")
            reports += 1
        else:
            head.append("draft = true")
            drafts += 1
        with open(dst / entry.name, "w", encoding="utf-8") as f:
            f.write("+++\n")
            f.write("\n".join(head))
            f.write("\n")
            f.write(fm_text)
            f.write("+++\n")
            f.write(body)
    return reports, drafts, terms


def write_md(path: Path, front: list[str], body: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("+++\n" + "\n".join(front) + "\n+++\n" + body, encoding="utf-8")


def main() -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--skeleton", type=Path, default=here / "hugo")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    t0 = time.monotonic()

    corpus: Path = args.corpus
    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        print(f"to_hugo: {out} exists and is not empty", file=sys.stderr)
        return 2
    config = tomllib.loads((corpus / "config.toml").read_text(encoding="utf-8"))
    build_date = config.get("build_date")
    if not isinstance(build_date, dt.date):
        build_date = dt.date.today()
    warning_days = int(config.get("expiry_warning_days", 180))
    default_province = config.get("province", "")

    out.mkdir(parents=True, exist_ok=True)
    for sub in ("layouts", "static", "data"):
        if (args.skeleton / sub).is_dir():
            shutil.copytree(args.skeleton / sub, out / sub)
    hugo_toml = (args.skeleton / "hugo.toml").read_text(encoding="utf-8")
    base_url = config.get("base_url", "https://example.org/")
    for key, value in {
        "BASE_URL": base_url if base_url.endswith("/") else base_url + "/",
        "TITLE": config.get("title", ""),
        "AUTHORITY": config.get("authority", ""),
        "PROVINCE": default_province,
        "BUILD_DATE": build_date.isoformat(),
        "EXPIRY_WARNING_DAYS": str(warning_days),
    }.items():
        hugo_toml = hugo_toml.replace(f'"@{key}@"', toml_str(value))
    (out / "hugo.toml").write_text(hugo_toml, encoding="utf-8")

    content = out / "content"
    write_md(content / "_index.md", [f"title = {toml_str(config.get('title', ''))}"])
    pages = 0
    pages_dir = corpus / "content" / "pages"
    if pages_dir.is_dir():
        for page in sorted(pages_dir.glob("*.md")):
            shutil.copyfile(page, content / page.name)
            pages += 1
    # /truong/ itself is not a page in minhbach: the section exists for its children only.
    write_md(
        content / "truong" / "_index.md",
        ['title = "Trường"', "[_build]", '  render = "never"', '  list = "always"'],
    )

    schools_root = content / "truong"
    jobs = (
        (e.path, str(schools_root), default_province, build_date.isoformat(), warning_days)
        for e in os.scandir(corpus / "content" / "schools")
        if e.is_dir()
    )
    terms: dict[str, dict[str, str]] = {}
    schools = reports = drafts = 0

    def collect(result: tuple[int, int, dict[str, dict[str, str]]]) -> None:
        nonlocal schools, reports, drafts
        r, d, t = result
        schools += 1
        reports += r
        drafts += d
        for taxonomy, names in t.items():
            terms.setdefault(taxonomy, {}).update(names)
        if schools % 5000 == 0:
            print(f"to_hugo: {schools} schools…", file=sys.stderr)

    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            for result in pool.map(convert_school, jobs, chunksize=64):
                collect(result)
    else:
        for job in jobs:
            collect(convert_school(job))

    n_terms = 0
    for taxonomy, names in terms.items():
        write_md(content / taxonomy / "_index.md", [f"title = {toml_str(TAXONOMY_TITLES[taxonomy])}"])
        for slug, title in names.items():
            write_md(content / taxonomy / slug / "_index.md", [f"title = {toml_str(title)}"])
            n_terms += 1

    print(
        f"to_hugo: {schools} schools, {reports} approved reports, {drafts} drafts, {pages} pages, "
        f"{n_terms} taxonomy terms → {out} in {time.monotonic() - t0:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
