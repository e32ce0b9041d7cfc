#!/usr/bin/env bash
# Whole-run figures of `zhnews extract` over the news bench (19,547 articles): wall time and
# peak memory with --jobs 1 and --jobs 2, a JSON Lines file against an SQLite database, and a
# second SQLite run over the same database (an update in place). Each configuration runs
# ROUNDS times (default 3) in turn and keeps its best, since the machine is shared; compare
# the ratios. The speed-up of --jobs 2 is also given as the median of each round's own ratio.
# Needs ../shared/data/news-bench/articles.jsonl, python3 (to give its lines ids) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
bench=../shared/data/news-bench/articles.jsonl
[ -f "$bench" ] || { echo "no $bench: nothing to measure" >&2; exit 0; }
cargo build --release --quiet
zhnews=target/release/zhnews
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -c '
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    article = json.loads(line)
    date = article.get("date") or ""
    record = {"id": f"news-bench:{n}", "text": article["text"], "title": article.get("title")}
    if len(date) == 8:
        record["published"] = f"{date[:4]}-{date[4:6]}-{date[6:]}"
    print(json.dumps(record, ensure_ascii=False))
' "$bench" > "$work/articles.jsonl"

# run NAME ARGS...: one timed run; prints "NAME seconds peak_kB"
run() {
  local name=$1
  shift
  /usr/bin/time -f "$name %e %M" -o "$work/time" "$zhnews" extract --quiet "$@" - \
    < "$work/articles.jsonl" > /dev/null
  cat "$work/time"
}

for round in $(seq "$rounds"); do
  run jsonl-jobs1 --jobs 1 -o "$work/out.jsonl"
  run jsonl-jobs2 --jobs 2 -o "$work/out.jsonl"
  rm -f "$work/news.db"
  run sqlite-jobs2 --jobs 2 -o "$work/news.db"
  run sqlite-again-jobs2 --jobs 2 -o "$work/news.db"
done | awk '
  { if (!($1 in best) || $2 < best[$1]) best[$1] = $2; if ($3 > peak[$1]) peak[$1] = $3 }
  # Each round runs --jobs 1 right before --jobs 2: their ratio within a round is spared the
  # machine drifting between rounds.
  $1 == "jsonl-jobs1" { jobs1 = $2 }
  $1 == "jsonl-jobs2" { ratios[++paired] = jobs1 / $2 }
  END {
    printf "%-20s %9s %12s\n", "run", "best s", "peak MB"
    n = split("jsonl-jobs1 jsonl-jobs2 sqlite-jobs2 sqlite-again-jobs2", order, " ")
    for (i = 1; i <= n; i++) printf "%-20s %9.2f %12.1f\n", order[i], best[order[i]], peak[order[i]] / 1024
    printf "jobs 2 speed-up over jobs 1: %.2f× (best over best)\n", best["jsonl-jobs1"] / best["jsonl-jobs2"]
    rounds = ""
    for (i = 1; i <= paired; i++) rounds = rounds sprintf(" %.2f", ratios[i])
    # The median of the ratios of the rounds (an insertion sort: a handful of rounds).
    for (i = 2; i <= paired; i++) for (j = i; j > 1 && ratios[j] < ratios[j - 1]; j--) {
      t = ratios[j]; ratios[j] = ratios[j - 1]; ratios[j - 1] = t
    }
    middle = (paired + 1) / 2
    median = paired % 2 ? ratios[middle] : (ratios[paired / 2] + ratios[paired / 2 + 1]) / 2
    printf "jobs 2 speed-up over jobs 1: %.2f× (median of %d rounds, each paired:%s)\n", median, paired, rounds
    printf "SQLite over JSON Lines (jobs 2): %+.1f%%\n", 100 * (best["sqlite-jobs2"] / best["jsonl-jobs2"] - 1)
    printf "second SQLite run over the first: %+.1f%%\n", 100 * (best["sqlite-again-jobs2"] / best["sqlite-jobs2"] - 1)
  }'
