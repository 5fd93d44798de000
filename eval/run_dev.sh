#!/usr/bin/env bash
# Build the dev set (whole and by subset) and the second dev set, and score every build.
# usage: eval/run_dev.sh [OUT_ROOT]   (default /tmp/kg-dev; the repository's .venv is used)
# KG_SCORER overrides where score.py is found (default: ../shared/eval/score.py beside the repository).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/tmp/kg-dev}"
py="$repo/.venv/bin/python"
kg="$repo/.venv/bin/kg"
scorer="${KG_SCORER:-$repo/../shared/eval/score.py}"
dev="$repo/eval/dev"
art="$dev/articles"
mkdir -p "$out"

"$py" "$repo/eval/make_gold.py" "$dev/annotations.txt" "$dev" --out "$out/gold.json"

run() {  # name, gold-subset selection (or "all"), inputs...  ($gold_all: the gold to cut from)
    local name="$1" selection="$2"; shift 2
    local gold="${gold_all:-$out/gold.json}"
    if [ "$selection" != all ]; then
        gold="$out/gold.$name.json"
        # shellcheck disable=SC2086
        "$py" "$repo/eval/subset_gold.py" "${gold_all:-$out/gold.json}" $selection --out "$gold"
    fi
    if ! "$kg" build "$@" --out "$out/$name" > "$out/$name.build.log" 2>&1; then
        echo "build $name failed; last lines of $out/$name.build.log:" >&2
        tail -n 5 "$out/$name.build.log" >&2
        return 1
    fi
    echo "=== $name"
    "$py" "$scorer" "$gold" "$out/$name/graph.ttl" --show > "$out/$name.score.txt"
    "$py" "$repo/eval/score_places.py" "$gold" "$out/$name/graph.ttl" --show >> "$out/$name.score.txt"
    grep -E '^(Person|Organization|Model|affiliations|created|quoted|Place|entities) ' "$out/$name.score.txt"
}

run all all "$art" "$dev/sentences.jsonl"
run articles "--prefix A" "$art"
run sentences "--prefix S" "$dev/sentences.jsonl"
run traditional "--docs A09 A10 A11 A12" "$art"/09_* "$art"/10_* "$art"/11_* "$art"/12_*
run messy "--docs A06 A08 A11" "$art"/06_* "$art"/08_* "$art"/11_*

dev2="$repo/eval/dev2"
"$py" "$repo/eval/make_gold.py" "$dev2/annotations.txt" "$dev2" --out "$out/dev2.gold.json"
gold_all="$out/dev2.gold.json" run dev2 all "$dev2/articles" "$dev2/sentences.jsonl"
echo "details (--show): $out/*.score.txt"
