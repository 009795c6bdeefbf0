# The HTML report in headless Chromium (docs/report-format.md §4): the sample's report shows the
# same counts as its JSON, filters, sorts and expands evidence, makes no request outside file://;
# a report written from hostile banners runs no injected script and shows the markup as text.
# Needs Debian's chromium and nodejs + npm, and `npm ci --prefix tests/browser` (tools/run-tests
# does both). Screenshots, a PDF print and the two reports are kept in
#   ${CAMSWEEP_ARTIFACT_DIR:-<build dir>/artifacts}/html-report/
set -euo pipefail
source "$(dirname "$0")/lib/scratch.sh"
artifacts="${CAMSWEEP_ARTIFACT_DIR:-$(dirname "$CAMSWEEP")/artifacts}/html-report"
mkdir -p "$artifacts"
rm -f "$artifacts"/*.png "$artifacts"/*.pdf "$artifacts"/*.html

chromium="${CHROMIUM:-/usr/bin/chromium}"
missing=""
[ -x "$chromium" ] || missing="$missing chromium ($chromium)"
command -v node >/dev/null || missing="$missing node"
[ -d tests/browser/node_modules/playwright-core ] || missing="$missing tests/browser/node_modules/playwright-core"
if [ -n "$missing" ]; then
  echo "FAIL: missing:$missing"
  echo "  install: apt-get install chromium nodejs npm && npm ci --prefix tests/browser"
  exit 1
fi

# The sample: HTML through --format html and through --report, and the JSON to compare with.
# The capture is named by its absolute path: the report must show its file name only.
sample="$PWD/pcaps/sample-lan.pcap"
named=(--title "Q4 camera audit" --site "Building 12, VLAN 40")
"$CAMSWEEP" analyze "$sample" --audit-date 2026-11-23 "${named[@]}" --format html -o "$tmp/sample.html" 2>/dev/null
"$CAMSWEEP" analyze "$sample" --audit-date 2026-11-23 "${named[@]}" --format json -o "$tmp/sample.json" \
  --report "$tmp/sample-report.html" 2>/dev/null
cmp "$tmp/sample.html" "$tmp/sample-report.html" || { echo "FAIL: --report and --format html differ"; exit 1; }
# Same input, same bytes.
"$CAMSWEEP" analyze "$sample" --audit-date 2026-11-23 "${named[@]}" --format html 2>/dev/null | cmp - "$tmp/sample.html" \
  || { echo "FAIL: the HTML report is not stable for the same input"; exit 1; }

# Hostile banners: SSDP SERVER, DHCP hostname / vendor class and DHIP fields carrying markup.
"$CAMSWEEP_PCAPGEN" write hostile-banners -o "$tmp/hostile.pcap" 2>/dev/null
"$CAMSWEEP" analyze "$tmp/hostile.pcap" --audit-date 2026-11-23 --format html -o "$tmp/hostile.html" 2>/dev/null
if grep -q '<img' "$tmp/hostile.html"; then echo "FAIL: an <img> element in the hostile report"; exit 1; fi

# Notices come first: a truncated capture, and listings far older than the audit date.
head -c 3000 "$sample" >"$tmp/truncated.pcap"
"$CAMSWEEP" analyze "$tmp/truncated.pcap" --audit-date 2027-06-01 --format html -o "$tmp/notices.html" 2>/dev/null || true
notices=$(python3 - "$tmp/notices.html" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
banner = html.find('<div id="notices" role="alert">')
kinds = re.findall(r'<p class="notice" data-kind="([a-z-]+)">', html)
print("before-header" if 0 <= banner < html.find("<header>") else "misplaced", *kinds)
EOF
)
[[ "$notices" == "before-header incomplete-input stale-listings" ]] || { echo "FAIL: HTML notices: $notices"; exit 1; }

cp "$tmp/sample.html" "$tmp/sample.json" "$tmp/hostile.html" "$tmp/notices.html" "$artifacts/"
SCREENSHOT_DIR="$artifacts" CHROMIUM="$chromium" \
  node tests/browser/html_report.mjs "$tmp/sample.html" "$tmp/sample.json" "$tmp/hostile.html"
echo "html report: OK (screenshots in $artifacts)"
