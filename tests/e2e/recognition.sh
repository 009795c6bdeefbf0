# The recognition benchmark's corpus (bench/recognition: real device output from public sources)
# through the parsers, the inventory and the verdict. Its two worst outcomes must never happen:
# a covered maker's record judged not-covered (a wrong clean verdict), and a record of a clean
# maker flagged covered or likely-covered. Coverage figures are printed, not asserted
# (docs/performance.md "Recognition").
set -uo pipefail
cd "$CAMSWEEP_SOURCE_DIR"
out=$("$CAMSWEEP_RECOGNITION" signatures 2026-12-04 bench/recognition/corpus-*.yaml 2>&1) || { echo "FAIL: camsweep-recognition: $out"; exit 1; }
echo "$out"
failures=0
grep -q '^wrong clean: 0 ' <<<"$out" || { echo "FAIL: a covered record was judged not-covered"; failures=$((failures + 1)); }
grep -q '^false covered: 0 of ' <<<"$out" || { echo "FAIL: a clean record was flagged"; failures=$((failures + 1)); }
[ "$failures" -eq 0 ]
