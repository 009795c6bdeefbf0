# A flood of distinct senders and TCP flows (docs/robustness.md "Hostile inputs"): one million
# ARP/DNS frames from distinct random MACs and one million TCP flows from distinct clients, with
# three real cameras among the first frames. The device table (100,000 by default) evicts the
# least important devices, the flow table evicts the least recently used flow, so:
#   - peak RSS stays under the documented ceiling (512 MiB; measured about 250 MB),
#   - the run ends within a generous time bound (120 s; measured 16-21 s on 2 cores),
#   - the cameras are still in the report with their verdicts,
#   - the eviction is reported: a warning line and inputs[].devices_evicted.
# Under AddressSanitizer (build-asan) the binary is several times slower and its RSS is
# shadow memory: the capture is cut to its first 400,000 frames (still four times the device
# cap, so eviction runs under the sanitizer) and the time and memory bounds are not checked.
set -euo pipefail
source "$(dirname "$0")/lib/scratch.sh"
python=/usr/bin/python3
rss_ceiling_kb=$((512 * 1024))
time_ceiling_s=120

"$CAMSWEEP_PCAPGEN" flood-macs -o "$tmp/flood.pcap" 2>/dev/null
sanitized=0
# (grep without -q reads all of ldd's output: with -q, ldd could die of SIGPIPE and pipefail
# would hide the match.)
if ldd "$CAMSWEEP" 2>/dev/null | grep libasan >/dev/null; then
  sanitized=1
  # Keep whole records: the pcap header, then the first 400,000 records.
  "$python" - "$tmp/flood.pcap" "$tmp/cut.pcap" <<'EOF'
import struct, sys
src, dst = sys.argv[1], sys.argv[2]
with open(src, 'rb') as f, open(dst, 'wb') as out:
    out.write(f.read(24))
    for _ in range(400000):
        head = f.read(16)
        caplen = struct.unpack('<I', head[8:12])[0]
        out.write(head + f.read(caplen))
EOF
  mv "$tmp/cut.pcap" "$tmp/flood.pcap"
fi

start=$(date +%s)
status=0
/usr/bin/time -f %M -o "$tmp/rss" "$CAMSWEEP" analyze "$tmp/flood.pcap" --audit-date 2026-11-23 --format json \
  -o "$tmp/flood.json" 2>"$tmp/err" || status=$?
elapsed=$(( $(date +%s) - start ))
if [ "$status" -ne 0 ]; then
  echo "FAIL: camsweep analyze exited $status:"; sed 's/^/    /' "$tmp/err"; exit 1
fi
rss_kb=$(tail -n 1 "$tmp/rss")
echo "flood: peak RSS ${rss_kb} kB, ${elapsed} s (sanitized: $sanitized)"
if [ "$sanitized" -eq 0 ]; then
  [ "$rss_kb" -le "$rss_ceiling_kb" ] || { echo "FAIL: peak RSS ${rss_kb} kB is over the ${rss_ceiling_kb} kB ceiling"; exit 1; }
  [ "$elapsed" -le "$time_ceiling_s" ] || { echo "FAIL: the run took ${elapsed} s, over ${time_ceiling_s} s"; exit 1; }
fi

"$python" - "$tmp/flood.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1], encoding='utf-8'))
failures = []
inp = report['inputs'][0]
if not inp['complete']:
    failures.append('input not complete: %s' % inp['error'])
if inp['devices_evicted'] <= 0:
    failures.append('no device was evicted (devices_evicted = %d)' % inp['devices_evicted'])
if report['summary']['devices'] > 100000:
    failures.append('%d devices held, over the 100,000 cap' % report['summary']['devices'])
warned = [w for w in report['warnings'] if 'device table full (at most 100000 devices and 256 MiB of observations): evicting' in w]
if len(warned) != 1:
    failures.append('expected one eviction warning, got %d: %r' % (len(warned), report['warnings'][:5]))
by_mac = {}
for d in report['devices']:
    for m in d['macs']:
        by_mac[m] = d
want = {
    '58:50:ed:1f:e3:85': ('covered', 'DS-2CD2385G1-I'),   # Hikvision, SADP
    '08:ed:ed:87:42:7a': ('covered', 'IPC-HDW1431T1-S4'),  # Dahua, DHIP
    'ac:cc:8e:3c:04:19': ('not-covered', 'P3343'),         # Axis, DHCP + SSDP
}
for mac, (status, model) in want.items():
    d = by_mac.get(mac)
    if d is None:
        failures.append('camera %s was evicted' % mac)
        continue
    if d['verdict']['status'] != status:
        failures.append('camera %s: verdict %s, want %s' % (mac, d['verdict']['status'], status))
    got_model = (d['model'] or {}).get('value')
    if got_model != model:
        failures.append('camera %s: model %r, want %r' % (mac, got_model, model))
for f in failures:
    print('FAIL: ' + f)
sys.exit(1 if failures else 0)
EOF
echo "flood: OK"
