#!/usr/bin/env bash
# Instructions per pipeline stage over the first N articles of the news bench (default 2000),
# counted by callgrind: repeatable on a shared machine, where wall time is not. Prints each
# stage's count and its share of normalise + segment, and what linking (with writing its
# targets and reports) adds to the rest of the run: each article's record, built and written
# as JSON.
# Needs valgrind (apt-get install valgrind) and ../shared/data/news-bench/articles.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-2000}
bench=$(cargo bench --no-run 2>&1 | grep -o 'target/release/deps/pipeline-[0-9a-f]*' | head -n 1)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
ZHNEWS_BENCH_MODE=instructions ZHNEWS_BENCH_ARTICLES=$articles \
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bench" >/dev/null 2>&1
# The call lines (`=> file:function (Nx)`) carry each stage's inclusive count from its caller.
callgrind_annotate --inclusive=yes --tree=calling "$out" | awk -v articles="$articles" '
  function count(s) { gsub(",", "", s); return s + 0 }
  function keep(name, n) { if (n > stage[name]) stage[name] = n }
  /=> .*Normalizer::normalize \(/   { keep("normalise", count($1)) }
  /=> .*Segmenter::segment \(/      { keep("segment", count($1)) }
  /=> .*Document::new \(/           { keep("analyse", count($1)) }
  /=> .*extract::numbers::find \(/  { keep("numbers", count($1)) }
  /=> .*extract::figures::find \(/  { keep("figures", count($1)) }
  /=> .*Sectors::find \(/           { keep("sectors", count($1)) }
  /=> .*Places::find \(/            { keep("places", count($1)) }
  /=> .*Dates::find \(/             { keep("dates", count($1)) }
  /=> .*Targets::find \(/           { keep("targets", count($1)) }
  /=> .*pipeline::record_as_json \(/ { keep("record", count($1)) }
  /=> .*pipeline::write_links \(/    { keep("write_links", count($1)) }
  END {
    base = stage["normalise"] + stage["segment"]
    printf "%d articles: instructions per stage, and share of normalise + segment\n", articles
    printf "%-32s %15.0f\n", "normalise", stage["normalise"]
    printf "%-32s %15.0f\n", "segment", stage["segment"]
    printf "%-32s %15.0f %7.1f%%\n", "analyse (normalise, segment, ...)", stage["analyse"], 100 * stage["analyse"] / base
    printf "%-32s %15.0f %7.1f%%\n", "numbers (for figures)", stage["numbers"], 100 * stage["numbers"] / base
    printf "%-32s %15.0f %7.1f%%\n", "figures", stage["figures"], 100 * stage["figures"] / base
    printf "%-32s %15.0f %7.1f%%\n", "sectors", stage["sectors"], 100 * stage["sectors"] / base
    printf "%-32s %15.0f %7.1f%%\n", "places", stage["places"], 100 * stage["places"] / base
    printf "%-32s %15.0f %7.1f%%\n", "dates", stage["dates"], 100 * stage["dates"] / base
    printf "%-32s %15.0f %7.1f%%\n", "targets (linking)", stage["targets"], 100 * stage["targets"] / base
    printf "%-32s %15.0f %7.1f%%\n", "record as JSON (the whole run)", stage["record"], 100 * stage["record"] / base
    printf "%-32s %15.0f %7.1f%%\n", "targets and reports as JSON", stage["write_links"], 100 * stage["write_links"] / base
    linking = stage["targets"] + stage["write_links"]
    rest = stage["record"] - linking
    printf "linking, with its output written, adds %.1f%% to the rest of the run (%.0f)\n", 100 * linking / rest, rest
  }'
