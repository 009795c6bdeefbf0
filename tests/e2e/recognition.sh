# The recognition benchmark's corpus (bench/recognition: real device output from public sources)
# through the parsers, the inventory and the verdict. Its two worst outcomes must never happen:
# a covered maker's record judged not-covered (a wrong clean verdict), and a record of a clean
# maker flagged covered or likely-covered. Coverage figures are printed, not asserted
# (docs/performance.md "Recognition").
set -uo pipefail
cd "$CAMSWEEP_SOURCE_DIR"
# The held-out sets (heldout-*.yaml, collected after the rules) are judged apart, so that their
# figures stay separate; rules are never tuned on them.
failures=0
for corpus in "bench/recognition/corpus-*.yaml" "bench/recognition/heldout-*.yaml"; do
  # shellcheck disable=SC2086 # the pattern is expanded here on purpose
  out=$("$CAMSWEEP_RECOGNITION" signatures 2026-12-04 $corpus 2>&1) || { echo "FAIL: camsweep-recognition $corpus: $out"; exit 1; }
  echo "== $corpus"
  echo "$out"
  grep -q '^wrong clean: 0 ' <<<"$out" || { echo "FAIL: $corpus: a covered record was judged not-covered"; failures=$((failures + 1)); }
  grep -q '^false covered: 0 of ' <<<"$out" || { echo "FAIL: $corpus: a clean record was flagged"; failures=$((failures + 1)); }
done
[ "$failures" -eq 0 ]
