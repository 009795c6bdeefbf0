# Bad input gets one clear line on stderr naming the problem, a non-zero exit and no crash;
# a truncated capture still yields its partial inventory.
set -uo pipefail
source "$(dirname "$0")/lib/scratch.sh"
failures=0
passes=0

# expect NAME EXPECTED_EXIT STDERR_PATTERN -- command...
expect() {
  local name=$1 want=$2 pattern=$3
  shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  local lines
  lines=$(grep -c . "$tmp/err")
  if [ "$got" -ne "$want" ] || ! grep -qE "$pattern" "$tmp/err" || [ "$lines" -ne 1 ]; then
    echo "FAIL: $name: exit $got (want $want), stderr ($lines lines):"; sed 's/^/    /' "$tmp/err"
    failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
}

expect "missing file" 1 "nosuch\.pcap: cannot open: No such file" -- "$CAMSWEEP" analyze "$tmp/nosuch.pcap"
# Nothing read: an earlier report at the output path is kept, never replaced by an empty one.
echo "the report of the last audit" >"$tmp/kept.json"
expect "missing file, -o an existing report" 1 "nosuch\.pcap: cannot open" -- "$CAMSWEEP" analyze "$tmp/nosuch.pcap" -f json -o "$tmp/kept.json"
if [ "$(cat "$tmp/kept.json")" = "the report of the last audit" ]; then passes=$((passes + 1)); else echo "FAIL: an unreadable input overwrote the report"; failures=$((failures + 1)); fi
"$CAMSWEEP" analyze "$tmp/a.pcap" "$tmp/b.pcap" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(tail -1 "$tmp/err")" = "camsweep: nothing could be read from any input; no report written" ]; then
  passes=$((passes + 1))
else
  echo "FAIL: two missing files: exit $rc, stdout $(wc -c <"$tmp/out") bytes, stderr:"; sed 's/^/    /' "$tmp/err"; failures=$((failures + 1))
fi
# "-o -" is standard output; a report that cannot be written has its own exit code (6).
"$CAMSWEEP" analyze pcaps/sample-lan.pcap -f csv -o - 2>/dev/null | grep '^dev-001,' >/dev/null && passes=$((passes + 1)) || { echo "FAIL: -o - did not write to standard output"; failures=$((failures + 1)); }
expect "unwritable report" 6 "cannot write" -- "$CAMSWEEP" analyze pcaps/sample-lan.pcap -q -o "$tmp/no/such/dir/report.txt"
head -c 4096 /dev/urandom >"$tmp/garbage.pcap"
printf 'not a capture at all\n' >"$tmp/text.pcap"
expect "garbage file" 1 "text\.pcap: not a pcap or pcapng capture" -- "$CAMSWEEP" analyze "$tmp/text.pcap"
expect "unknown flag" 2 "^camsweep: .*--frobnicate.*\(see camsweep --help\)$" -- "$CAMSWEEP" analyze --frobnicate pcaps/sample-lan.pcap
expect "bad format value" 2 "^camsweep: .*--format" -- "$CAMSWEEP" analyze -f xml pcaps/sample-lan.pcap
expect "bad audit date" 2 "audit-date '2026-13-45' is not a date" -- "$CAMSWEEP" analyze --audit-date 2026-13-45 pcaps/sample-lan.pcap

# A truncated capture: an error line naming the file, exit 1, and the devices read before the cut.
size=$(stat -c %s pcaps/sample-lan.pcap)
head -c $((size * 2 / 3)) pcaps/sample-lan.pcap >"$tmp/truncated.pcap"
expect "truncated capture" 1 "truncated\.pcap: capture ends early after frame [0-9]+" -- \
  "$CAMSWEEP" analyze "$tmp/truncated.pcap" --format csv --audit-date 2026-11-23
if ! grep -q '^dev-00[0-9],covered,.*Hikvision' "$tmp/out"; then
  echo "FAIL: truncated capture lost the devices read before the cut"; failures=$((failures + 1))
else
  passes=$((passes + 1))
fi
# Random bytes behind a valid pcap header must not crash the analyzer either.
{ head -c 24 pcaps/sample-lan.pcap; head -c 65536 /dev/urandom; } >"$tmp/noise.pcap"
"$CAMSWEEP" analyze "$tmp/noise.pcap" >/dev/null 2>&1
rc=$?
if [ "$rc" -ge 128 ]; then echo "FAIL: crash (exit $rc) on random records"; failures=$((failures + 1)); else passes=$((passes + 1)); fi

# Invalid signature YAML: "file:line:col: invalid YAML", exit 3.
cp -r signatures "$tmp/sigs"
printf 'vendors:\n  - id: [unclosed\n' >"$tmp/sigs/vendors.yaml"
"$CAMSWEEP" analyze pcaps/sample-lan.pcap --signatures "$tmp/sigs" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 3 ] || ! grep -qE '^sigs/vendors\.yaml:[0-9]+:[0-9]+: invalid YAML' "$tmp/err"; then
  echo "FAIL: invalid YAML: exit $rc"; sed 's/^/    /' "$tmp/err"; failures=$((failures + 1))
else
  passes=$((passes + 1))
fi
# An unknown vendor id in a rule is named with its place.
cp -r signatures "$tmp/sigs2"
sed -i '0,/vendor: hikvision/s//vendor: hikvison/' "$tmp/sigs2/rules/hikvision.yaml"
"$CAMSWEEP" signatures lint --signatures "$tmp/sigs2" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 3 ] || ! grep -qE "^sigs2/rules/hikvision\.yaml:[0-9]+:[0-9]+: rule .* vendor 'hikvison' is not a vendor id" "$tmp/out"; then
  echo "FAIL: unknown vendor id: exit $rc"; sed 's/^/    /' "$tmp/out"; failures=$((failures + 1))
else
  passes=$((passes + 1))
fi

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
