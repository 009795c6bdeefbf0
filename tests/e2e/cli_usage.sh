# Usage errors say what is wrong in a sentence and exit 2 (docs/cli.md): a misspelt command gets
# the nearest one, -q with -v is refused, formats and --fail-on levels take any case, and
# --version names the signature database's dates.
set -uo pipefail
cd "$CAMSWEEP_SOURCE_DIR"
failures=0
passes=0
expect() {  # want-exit want-stderr-substring args...
  local want=$1 text=$2
  shift 2
  local err rc
  err=$("$CAMSWEEP" "$@" 2>&1 >/dev/null)
  rc=$?
  if [ "$rc" -eq "$want" ] && [[ "$err" == *"$text"* ]]; then
    passes=$((passes + 1))
  else
    echo "FAIL: camsweep $*: exit $rc (want $want), stderr '$err' (want '$text')"
    failures=$((failures + 1))
  fi
}
expect 2 "unknown command 'analyse'; did you mean 'analyze'?" analyse pcaps/sample-lan.pcap
expect 2 "unknown command 'scna'; did you mean 'scan'?" scna 127.0.0.1
expect 2 "unknown signatures command 'lnit'; did you mean 'lint'?" signatures lnit
expect 2 "unknown command 'frobnicate' (commands: analyze, sniff" frobnicate
expect 2 "no command given (commands: analyze" 
expect 2 "-q/--quiet and -v/--verbose cannot be used together" analyze pcaps/sample-lan.pcap -q -v
expect 2 "unexpected argument: --bogus" analyze pcaps/sample-lan.pcap --bogus
expect 0 "" analyze pcaps/sample-lan.pcap -f JSON -q -o /dev/null
expect 2 "--format" analyze pcaps/sample-lan.pcap -f yaml -q -o /dev/null
# -f JSON writes JSON, not the table.
if "$CAMSWEEP" analyze pcaps/sample-lan.pcap -f Json -q 2>/dev/null | /usr/bin/python3 -c 'import json,sys; json.load(sys.stdin)'; then
  passes=$((passes + 1))
else
  echo "FAIL: -f Json did not write JSON"; failures=$((failures + 1))
fi
version=$("$CAMSWEEP" --version 2>&1)
if [[ "$version" == "camsweep "* && "$version" == *"vendors as of 20"* && "$version" == *"listings as of 20"* && "$version" == *"OUI registry of 20"* ]]; then
  passes=$((passes + 1))
else
  echo "FAIL: --version printed: $version"; failures=$((failures + 1))
fi
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
