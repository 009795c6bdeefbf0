# --fail-on gates CI and scheduled audits: exit 5 when a device is judged at the given level or
# worse (covered < likely-covered < unknown), after the report is written.
set -uo pipefail
cd "$CAMSWEEP_SOURCE_DIR"
failures=0
passes=0
check() {  # want capture level
  local want=$1 capture=$2 level=$3
  "$CAMSWEEP" analyze "$capture" --fail-on "$level" -f csv >/tmp/fail_on.$$ 2>/dev/null
  local rc=$?
  if [ "$rc" -ne "$want" ] || ! grep -q '^dev-001,' /tmp/fail_on.$$; then
    echo "FAIL: $capture --fail-on $level: exit $rc (want $want), report written: $(grep -c '^dev-' /tmp/fail_on.$$)"
    failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
}
edimax="$CAMSWEEP_REALDATA_DIR/pcaps/iotsentinel_EdimaxCam1_Setup-A-1-STA.pcap"  # one not-covered camera
dlink="$CAMSWEEP_REALDATA_DIR/pcaps/iotsentinel_D-LinkCam_Setup-A-1-STA.pcap"    # not-covered camera + unknown router
check 5 pcaps/sample-lan.pcap covered
if [ -d "$CAMSWEEP_REALDATA_DIR/pcaps" ]; then
  check 0 "$edimax" covered
  check 0 "$edimax" unknown
  check 0 "$dlink" likely-covered
  check 5 "$dlink" unknown
else
  echo "note: $CAMSWEEP_REALDATA_DIR/pcaps not found: the real captures' checks are skipped"
fi
# --fail-on says on stderr why it exits 5, and takes its level in any case.
"$CAMSWEEP" analyze pcaps/sample-lan.pcap --fail-on COVERED -q -o /dev/null 2>/tmp/fail_on_err.$$
rc=$?
if [ "$rc" -eq 5 ] && grep -q -- "--fail-on covered: [0-9]* device(s) judged covered or worse; exit code 5" /tmp/fail_on_err.$$; then
  passes=$((passes + 1))
else
  echo "FAIL: --fail-on COVERED: exit $rc, stderr: $(cat /tmp/fail_on_err.$$)"; failures=$((failures + 1))
fi
rm -f /tmp/fail_on_err.$$
"$CAMSWEEP" analyze pcaps/sample-lan.pcap --fail-on clean >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then passes=$((passes + 1)); else echo "FAIL: --fail-on clean: exit $rc (want 2)"; failures=$((failures + 1)); fi
rm -f /tmp/fail_on.$$
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
