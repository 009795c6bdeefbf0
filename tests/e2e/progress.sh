# On a terminal, analyze draws a progress bar and ends with a summary line; off a terminal it
# prints neither (the report stays clean for pipes and files).
set -uo pipefail
source "$(dirname "$0")/lib/scratch.sh"
failures=0
passes=0
# script(1) gives the command a pseudo-terminal; its output is what the terminal showed.
script -qec "$CAMSWEEP analyze pcaps/sample-lan.pcap -o $tmp/report.txt" /dev/null >"$tmp/tty.txt" 2>&1
if grep -q 'pkt/s' "$tmp/tty.txt" && grep -qE 'camsweep: read [0-9]+ packets .* from 1 file\(s\) in [0-9.]+ s .*; 15 devices' "$tmp/tty.txt"; then
  passes=$((passes + 1))
else
  echo "FAIL: no progress bar or summary on a terminal:"; cat -v "$tmp/tty.txt"; failures=$((failures + 1))
fi
"$CAMSWEEP" analyze pcaps/sample-lan.pcap -o "$tmp/report.txt" 2>"$tmp/pipe.txt"
if [ -s "$tmp/pipe.txt" ]; then echo "FAIL: progress written off a terminal:"; cat -v "$tmp/pipe.txt"; failures=$((failures + 1)); else passes=$((passes + 1)); fi
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
