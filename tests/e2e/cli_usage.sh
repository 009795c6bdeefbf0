# Usage errors say what is wrong in a sentence and exit 2 (docs/cli.md): a misspelt command gets
# the nearest one, -q with -v is refused, formats and --fail-on levels take any case, and
# --version names the signature database's dates.
set -uo pipefail
source "$(dirname "$0")/lib/scratch.sh"
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
# The table fits the terminal: at COLUMNS=80 no line is longer (the full layout is 108 wide).
narrow_table=$(COLUMNS=80 "$CAMSWEEP" analyze pcaps/sample-lan.pcap 2>/dev/null)
wide=$(awk '{ if (length($0) > 80) n++ } END { print n + 0 }' <<<"$narrow_table")
full=$(COLUMNS= "$CAMSWEEP" analyze pcaps/sample-lan.pcap 2>/dev/null | awk '{ if (length($0) > 80) n++ } END { print n + 0 }')
if [ "$wide" -eq 0 ] && [ "$full" -gt 0 ] && grep -q "IP 192.168.10.40, MAC 58:50:ed:1f:e3:85" <<<"$narrow_table"; then
  passes=$((passes + 1))
else
  echo "FAIL: COLUMNS=80: $wide lines over 80 columns (full layout: $full)"; failures=$((failures + 1))
fi
# "analyze -" reads standard input (a pipe, through zlib like any pipe): the same inventory, named
# "standard input" and without a digest; a file gets its SHA-256 in JSON.
from_pipe=$(gzip -c pcaps/sample-lan.pcap | "$CAMSWEEP" analyze - -q -f csv --audit-date 2026-11-23)
from_file=$("$CAMSWEEP" analyze pcaps/sample-lan.pcap -q -f csv --audit-date 2026-11-23)
inputs=$(cat pcaps/sample-lan.pcap | "$CAMSWEEP" analyze - pcaps/sample-lan.pcap -q -f json --audit-date 2026-11-23 |
  python3 -c 'import json,sys; print(*[(i["path"], i["sha256"]) for i in json.load(sys.stdin)["inputs"]])')
digest=$(sha256sum pcaps/sample-lan.pcap | cut -d' ' -f1)
if [[ -n "$from_pipe" && "$from_pipe" == "$from_file" && "$inputs" == "('-', None) ('pcaps/sample-lan.pcap', '$digest')" ]]; then
  passes=$((passes + 1))
else
  echo "FAIL: analyze - : same CSV: $([[ "$from_pipe" == "$from_file" ]] && echo yes || echo no); inputs: $inputs"
  failures=$((failures + 1))
fi
# A report never overwrites a capture (-o or --report naming an input, by another path).
cp pcaps/sample-lan.pcap "$tmp/evidence.pcap"
over=$("$CAMSWEEP" analyze "$tmp/evidence.pcap" -f json -o "$tmp/../$(basename "$tmp")/evidence.pcap" 2>&1)
code=$?
if [ $code -eq 2 ] && cmp -s pcaps/sample-lan.pcap "$tmp/evidence.pcap" && [[ "$over" == *"is also an input: a report never overwrites a capture"* ]]; then
  passes=$((passes + 1))
else
  echo "FAIL: -o over the input: exit $code: $over"; failures=$((failures + 1))
fi
# Missing subcommands and option typos before any command are named as such.
for pair in "signatures|signatures needs a command: lint, test, brands" "--verison|unknown option '--verison'; did you mean '--version'?" \
            "help|there is no help command: camsweep --help, or camsweep COMMAND --help"; do
  said=$("$CAMSWEEP" ${pair%%|*} 2>&1)
  if [[ "$said" == *"${pair#*|}"* ]]; then passes=$((passes + 1)); else echo "FAIL: camsweep ${pair%%|*}: $said"; failures=$((failures + 1)); fi
done
said=$("$CAMSWEEP" sniff -i lo --duration 0 2>&1)
if [[ "$said" == *"--duration: must be greater than 0, got 0"* ]]; then passes=$((passes + 1)); else echo "FAIL: --duration 0: $said"; failures=$((failures + 1)); fi
version=$("$CAMSWEEP" --version 2>&1)
if [[ "$version" == "camsweep "* && "$version" == *"vendors as of 20"* && "$version" == *"listings as of 20"* && "$version" == *"OUI registry of 20"* ]]; then
  passes=$((passes + 1))
else
  echo "FAIL: --version printed: $version"; failures=$((failures + 1))
fi
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
