# Device strings cannot drive a terminal, a spreadsheet or a browser (docs/robustness.md
# "Hostile inputs"). The hostile-banners capture (src/synth/hostile_banners.cpp) carries markup,
# script, invalid UTF-8, ESC/BEL/C1 terminal sequences and values that start spreadsheet
# formulas. Checked here, per writer:
#   table (default and --verbose): no C0 control byte but newline, no DEL, valid UTF-8 and no
#     C1 control (U+0080..U+009F), so nothing a terminal would act on;
#   CSV: parses (python3 csv); no cell starts with = + - @ TAB CR, the hostile formulas are
#     there with a leading apostrophe, no control character in any cell;
#   JSON: valid UTF-8, parses, no raw ESC, and the invalid bytes of the Axis banner are kept as
#     \xNN text, not dropped; values no rule matches are in each device's `sent` (CSV and HTML too);
#   HTML: no raw <script>alert and no event-handler attribute (onerror=, onload=...) inside a tag
#     (escaped text such as "&lt;img src=x onerror=..." is fine; the browser test,
#     tests/e2e/html_report.sh, runs the page).
set -euo pipefail
source "$(dirname "$0")/lib/scratch.sh"
python=/usr/bin/python3

"$CAMSWEEP_PCAPGEN" write hostile-banners -o "$tmp/hostile.pcap" 2>/dev/null
run() { "$CAMSWEEP" analyze "$tmp/hostile.pcap" --audit-date 2026-11-23 "$@"; }
run --no-color >"$tmp/table.txt" 2>/dev/null
run --verbose >"$tmp/table-verbose.txt" 2>"$tmp/table-verbose.err"
run --format csv -o "$tmp/report.csv" 2>/dev/null
run --format json -o "$tmp/report.json" 2>/dev/null
run --format html -o "$tmp/report.html" 2>/dev/null

"$python" - "$tmp" <<'EOF'
import csv, io, json, os, re, sys
tmp = sys.argv[1]
failures = []

def fail(msg):
    failures.append(msg)

def terminal_safe(name, data):
    for i, b in enumerate(data):
        if (b < 0x20 and b != 0x0a) or b == 0x7f:
            fail('%s: control byte 0x%02x at offset %d: %r' % (name, b, i, data[max(0, i - 30):i + 10]))
            return
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as e:
        fail('%s: not valid UTF-8: %s' % (name, e))
        return
    for i, ch in enumerate(text):
        if 0x80 <= ord(ch) <= 0x9f:
            fail('%s: C1 control U+%04X at character %d' % (name, ord(ch), i))
            return

for name in ('table.txt', 'table-verbose.txt', 'table-verbose.err'):
    data = open(os.path.join(tmp, name), 'rb').read()
    terminal_safe(name, data)
table = open(os.path.join(tmp, 'table.txt'), encoding='utf-8').read()
verbose = open(os.path.join(tmp, 'table-verbose.txt'), encoding='utf-8').read()
# The hostile devices are shown (escaped), not dropped.
for mac in ('08:ed:ed:87:42:98', '08:ed:ed:87:42:97', 'ac:cc:8e:3c:04:99'):
    if mac not in table:
        fail('table: device %s missing' % mac)
if '\\x1b' not in verbose:
    fail('table --verbose: the escape sequences should be visible as \\x1b text')

# CSV
raw = open(os.path.join(tmp, 'report.csv'), 'rb').read()
try:
    rows = list(csv.reader(io.StringIO(raw.decode('utf-8'), newline='')))
except Exception as e:  # noqa: BLE001
    fail('csv: does not parse: %s' % e)
    rows = []
if rows:
    width = len(rows[0])
    for r, row in enumerate(rows):
        if len(row) != width:
            fail('csv row %d: %d cells, header has %d' % (r, len(row), width))
        for c, cell in enumerate(row):
            if cell[:1] in ('=', '+', '-', '@', '\t', '\r'):
                fail('csv row %d cell %d starts a formula: %r' % (r, c, cell[:40]))
            if any(ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f for ch in cell):
                fail('csv row %d cell %d holds a control character: %r' % (r, c, cell[:60]))
    cells = [cell for row in rows for cell in row]
    # What each device sent, matched or not: the DHCP hostname no rule matches is in `sent`.
    if rows[0][-1] != 'sent':
        fail('csv: the last column should be sent, not %r' % rows[0][-1])
    elif not any('dhcp.hostname="><img src=x onerror=alert(5)>' in row[-1] for row in rows[1:]):
        fail('csv: the unmatched hostile DHCP hostname is not in a sent cell')
    for start in ("'=HYPERLINK(", "'+cmd|", "'-2+3+cmd|", "'@SUM(1+1)"):
        if not any(cell.startswith(start) for cell in cells):
            fail('csv: no neutralised cell starting with %r' % start)

# JSON
raw = open(os.path.join(tmp, 'report.json'), 'rb').read()
if b'\x1b' in raw:
    fail('json: raw ESC byte')
try:
    report = json.loads(raw.decode('utf-8'))
except Exception as e:  # noqa: BLE001
    fail('json: not valid UTF-8 JSON: %s' % e)
    report = None
if report is not None:
    strings = []
    def walk(v):
        if isinstance(v, str):
            strings.append(v)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
    walk(report)
    if not any('<script>alert(7)</script>\\xff\\xfe' in s for s in strings):
        fail('json: the invalid bytes of the Axis SSDP banner are not kept as \\xff\\xfe text')
    if not any(s.startswith('=HYPERLINK(') and '\x1b]0;owned' in s for s in strings):
        fail('json: the hostile model should be kept verbatim (JSON-escaped), not dropped')
    sent = [(f['field'], f['value']) for d in report['devices'] for f in d['sent']]
    for want in (('dhcp.hostname', '"><img src=x onerror=alert(5)>'), ('dhip.machine_name', '<b onmouseover=alert(11)>cam</b>')):
        if want not in sent:
            fail('json: %s=%r (matched by no rule) missing from sent' % want)

# HTML
html = open(os.path.join(tmp, 'report.html'), encoding='utf-8').read()
if '<script>alert' in html:
    fail('html: raw <script>alert')
handler = re.search(r'<[a-zA-Z][^<>]*\son[a-z]+\s*=', html)
if handler:
    fail('html: event-handler attribute in markup: %r' % handler.group(0)[:80])
if 'onerror=alert' not in html.replace('&lt;', '<'):
    fail('html: the hostile text should be shown escaped, not dropped')
if '<td class="value">&lt;b onmouseover=alert(11)&gt;cam&lt;/b&gt;</td>' not in html:
    fail('html: the unmatched DHIP machine name should be in "What it sent", escaped')

for f in failures:
    print('FAIL: ' + f)
sys.exit(1 if failures else 0)
EOF
echo "safe output: OK"
