# The bundled sample capture is the generator's output, and its inventory matches the golden
# file. Regenerate both with tools/regen-goldens and review the diff.
set -euo pipefail
source "$(dirname "$0")/lib/scratch.sh"

"$CAMSWEEP_PCAPGEN" write sample-lan -o "$tmp/sample-lan.pcap" 2>/dev/null
cmp "$tmp/sample-lan.pcap" pcaps/sample-lan.pcap || { echo "FAIL: pcaps/sample-lan.pcap is not what camsweep-pcapgen writes"; exit 1; }

"$CAMSWEEP" analyze pcaps/sample-lan.pcap --audit-date 2026-11-23 --format json \
  | sed 's/"camsweep_version": "[^"]*"/"camsweep_version": "X"/' >"$tmp/actual.json"
diff -u pcaps/sample-lan.expected.json "$tmp/actual.json" || { echo "FAIL: inventory differs from pcaps/sample-lan.expected.json"; exit 1; }

"$CAMSWEEP" analyze pcaps/sample-lan.pcap --audit-date 2026-11-23 --format csv >"$tmp/actual.csv"
diff -u pcaps/sample-lan.expected.csv "$tmp/actual.csv" || { echo "FAIL: CSV differs from pcaps/sample-lan.expected.csv"; exit 1; }

# The terminal table fits 108 columns.
"$CAMSWEEP" analyze pcaps/sample-lan.pcap --audit-date 2026-11-23 --no-color >"$tmp/table.txt"
export LC_ALL=C.UTF-8  # count characters, not bytes
while IFS= read -r line; do
  if [ ${#line} -gt 108 ]; then echo "FAIL: table line over 108 columns: $line"; exit 1; fi
done <"$tmp/table.txt"
grep -q '^15 devices: 9 covered, 2 likely-covered, 2 not-covered, 2 unknown' "$tmp/table.txt" || { echo "FAIL: summary line"; cat "$tmp/table.txt"; exit 1; }
echo "sample golden: OK"
