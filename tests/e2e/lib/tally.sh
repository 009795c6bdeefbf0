# Sourced by the end-to-end scripts that count their checks: `pass` and `fail MESSAGE` after each
# one, then `finish_tally [NAME]` last, which prints the counts and exits 1 if any check failed.
failures=0
passes=0
pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
finish_tally() {
  echo "${1:+$1: }$passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
