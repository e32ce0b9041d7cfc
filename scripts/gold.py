#!/usr/bin/env python3
"""Drafts and checks the gold files of corpus/ (see docs/annotation.md).

    scripts/gold.py draft NAME...   writes corpus/NAME.gold.json from zhnews's own output, for a
                                    person to correct: remove what is wrong, add what is missed,
                                    fix values. Never overwrites a gold file (--force does).
    scripts/gold.py check [NAME...] checks that every span's `text` is the original text at
                                    `start`..`end` (character offsets), and says where the text
                                    does occur when it is not; all gold files when no NAME.

The draft runs target/release/zhnews (build it first: cargo build --release), or $ZHNEWS.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

# The fields each type's gold keeps from a record (docs/annotation.md).
FIELDS = {
    "figures": ["text", "start", "end", "value", "high", "unit", "comparator", "role"],
    "dates": ["text", "start", "end", "from", "to", "role"],
    "places": ["text", "start", "end", "kind", "code"],
    "sectors": ["text", "start", "end", "name"],
}


def original_text(name):
    data = (CORPUS / f"{name}.txt").read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    sys.exit(f"corpus/{name}.txt: neither UTF-8 nor GB18030")


def draft(names, force):
    binary = os.environ.get("ZHNEWS", str(ROOT / "target/release/zhnews"))
    for name in names:
        gold_path = CORPUS / f"{name}.gold.json"
        if gold_path.exists() and not force:
            print(f"{gold_path}: exists, left alone (--force replaces it)")
            continue
        out = subprocess.run(
            [binary, "extract", "--format", "jsonl", str(CORPUS / f"{name}.txt")],
            capture_output=True, text=True, check=True,
        ).stdout
        record = json.loads(out.splitlines()[0])
        if "error" in record:
            sys.exit(f"corpus/{name}.txt: {record['error']['message']}")
        gold = {
            kind: [{field: item.get(field) for field in fields} for item in record[kind]]
            for kind, fields in FIELDS.items()
        }
        gold["targets"] = []
        gold_path.write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{gold_path}: drafted, " + ", ".join(f"{len(gold[k])} {k}" for k in FIELDS))


def check(names):
    names = names or sorted(p.name[: -len(".gold.json")] for p in CORPUS.glob("*.gold.json"))
    problems = 0
    for name in names:
        text = original_text(name)
        gold = json.loads((CORPUS / f"{name}.gold.json").read_text(encoding="utf-8"))
        for kind in FIELDS:
            for index, item in enumerate(gold.get(kind, [])):
                start, end, wanted = item.get("start"), item.get("end"), item.get("text")
                if text[start:end] == wanted:
                    continue
                problems += 1
                found = [i for i in range(len(text)) if text.startswith(wanted or "\0", i)]
                hint = f"; {wanted!r} starts at {found}" if found else f"; {wanted!r} is nowhere"
                print(
                    f"corpus/{name}.gold.json: {kind}[{index}]: text at {start}..{end} is "
                    f"{text[start:end]!r}, not {wanted!r}{hint}"
                )
    print(f"{problems} problem(s) in {len(names)} gold file(s)")
    return problems == 0


def main():
    args = sys.argv[1:]
    if not args or args[0] not in ("draft", "check"):
        sys.exit(__doc__)
    if args[0] == "draft":
        force = "--force" in args
        draft([a for a in args[1:] if a != "--force"], force)
    else:
        sys.exit(0 if check(args[1:]) else 1)


if __name__ == "__main__":
    main()
