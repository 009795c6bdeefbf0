# The per-protocol golden captures (pcaps/protocols/, list in protocol_goldens.list): each pcap is
# exactly what camsweep-pcapgen writes, its observation log (camsweep observations) equals
# <name>.observations.jsonl, so a parser change shows there and a rule change does not; the facts
# below about its inventory hold (so a regenerated golden that lost a device cannot pass), and the capture cut at 2/3
# gives exit 1, one line naming the file, and the devices from before the cut.
# Regenerate with tools/regen-goldens and review the diff.
set -uo pipefail
source "$(dirname "$0")/lib/scratch.sh"
source "$(dirname "$0")/lib/tally.sh"

# Facts per capture. "full" and "cut" lines are CSV columns verdict,vendor,model,mac of a device
# that must be in the inventory of the whole capture / of the capture cut at 2/3; "json" lines
# are strings the JSON inventory must contain (counts, vendor ids, the rule that proves each
# protocol was read); "unknown" names a MAC that must stay without a maker.
facts() {
  case $1 in
    proto-arp-dhcp) cat <<'F'
full likely-covered,Huawei,,00:18:82:3a:51:10
full likely-covered,Hikvision,,44:19:b6:2c:71:0a
full not-covered,Axis,P3343,ac:cc:8e:5a:10:22
full not-covered,D-Link,DCS-935L,b0:c5:54:25:5b:0e
full likely-covered,Dahua,,e0:50:8b:3d:44:90
cut likely-covered,Hikvision,,44:19:b6:2c:71:0a
cut not-covered,Axis,P3343,ac:cc:8e:5a:10:22
json "malformed": 6,
json "devices": 5,
json "rule": "axis.dhcp.vendor-class.camera",
json "rule": "dlink.dhcp.hostname.dcs",
F
    ;;
    proto-dhcpv6-eui64) cat <<'F'
full likely-covered,Hikvision,,68:6d:bc:ee:f8:f0
full likely-covered,Dahua,,3c:e3:6b:1a:2b:3c
full unknown,Axis,,ac:cc:8e:7b:2f:01
full likely-covered,Huawei,,00:18:82:3a:51:10
cut likely-covered,Hikvision,,68:6d:bc:ee:f8:f0
cut likely-covered,Dahua,,3c:e3:6b:1a:2b:3c
json "malformed": 4,
json "devices": 5,
json "fe80::6a6d:bcff:feee:f8f0"
json "fe80::3ee3:6bff:fe1a:2b3c"
unknown 06:00:00:00:0b:ad
F
    ;;
    proto-dns-mdns) cat <<'F'
full covered,Hikvision,,24:28:fd:6e:03:9b
full covered,Dahua,,9c:14:63:51:7a:02
full not-covered,XiongMai,,00:12:31:41:e6:85
full covered,Hikvision,DS-2CD2722FWD-IZS,bc:ba:c2:33:90:17
full not-covered,Axis,M5014,ac:cc:8e:3c:04:19
cut covered,Hikvision,,24:28:fd:6e:03:9b
cut not-covered,XiongMai,,00:12:31:41:e6:85
cut covered,Hikvision,DS-2CD2722FWD-IZS,bc:ba:c2:33:90:17
json "malformed": 8,
json "devices": 7,
json "rule": "hikvision.dns.hik-connect.device",
json "rule": "dahua.dns.easy4ipcloud.device",
json "rule": "xiongmai.dns.secu100",
json "rule": "hikvision.mdns.service.cgi",
json "rule": "axis.mdns.service.video",
json "llmnr",
json "nbns",
unknown 02:5e:11:20:30:40
unknown 06:00:00:00:0b:ad
F
    ;;
    proto-ssdp-wsd) cat <<'F'
full covered,Huawei,,00:18:82:3a:51:10
full not-covered,Axis,,ac:cc:8e:3c:04:19
full covered,Hikvision,DS-2CD2385G1-I,58:50:ed:1f:e3:85
full covered,Dahua,IPC-HFW2228M-I1-V2,38:af:29:0c:5e:71
cut covered,Huawei,,00:18:82:3a:51:10
cut not-covered,Axis,,ac:cc:8e:3c:04:19
json "malformed": 4,
json "devices": 6,
json "rule": "huawei.ssdp.server.atp-igd",
json "rule": "hikvision.wsd.namespace.event-topics",
json "rule": "dahua.wsd.hardware.ipc",
unknown 06:00:00:00:0b:ad
F
    ;;
    proto-sadp) cat <<'F'
full covered,Hikvision,DS-2CD2385G1-I,58:50:ed:1f:e3:85
full covered,Hikvision,DS-7804HQH-K1,68:6d:bc:ee:f8:f0
full covered,Hikvision,DS-2CD2143G2-I,4c:bd:8f:72:19:a4
full covered,Hikvision,,e0:ca:3c:05:66:d1
cut covered,Hikvision,DS-2CD2385G1-I,58:50:ed:1f:e3:85
json "malformed": 7,
json "devices": 5,
json "rule": "hikvision.sadp-l2.inquiry-response",
json "rule": "hikvision.sadp-l2.device-online",
json "DS-7804HQH-K10420190822CCCHD53257168WCVU"
F
    ;;
    proto-dhip-5050) cat <<'F'
full covered,Dahua,IPC-HDW1431T1-S4,08:ed:ed:87:42:7a
full covered,Dahua,SS 3530 MF FACE W,b4:4c:3b:f4:e3:01
full covered,Dahua,MHDX 1016,58:10:8c:4d:3b:fa
full covered,Dahua,IPC-HFW1230S,3c:e3:6b:1a:2b:3c
cut covered,Dahua,IPC-HDW1431T1-S4,08:ed:ed:87:42:7a
cut covered,Dahua,SS 3530 MF FACE W,b4:4c:3b:f4:e3:01
json "malformed": 7,
json "devices": 5,
json "rule": "dahua.d5050.search-reply",
json "rule": "oem.dhip.vendor.intelbras",
unknown 02:5e:11:20:30:40
F
    ;;
    proto-xiongmai) cat <<'F'
full not-covered,XiongMai,,00:12:31:08:bb:97
full not-covered,XiongMai,,00:12:31:09:b7:9e
full not-covered,XiongMai,,a8:b5:8e:12:5a:6b
cut not-covered,XiongMai,,00:12:31:08:bb:97
json "malformed": 5,
json "devices": 4,
json "rule": "xiongmai.xm.version",
F
    ;;
    proto-tcp-banners) cat <<'F'
full covered,Hikvision,,c0:56:e3:8a:21:4f
full covered,Dahua,,38:af:29:6d:10:c2
full covered,Hikvision,,80:be:af:19:3c:e7
cut covered,Hikvision,,c0:56:e3:8a:21:4f
cut covered,Dahua,,38:af:29:6d:10:c2
json "malformed": 1,
json "devices": 5,
json "rule": "hikvision.http.server.app-webs",
json "rule": "hikvision.http.realm.ip-camera",
json "rule": "hikvision.rtsp.realm.ip-camera",
json "rule": "dahua.http.title.web-service",
json "rule": "dahua.rtsp.server.dahua",
json "rule": "hikvision.tls.subject",
unknown 06:00:00:00:0b:ad
F
    ;;
    proto-vlan-linktypes) cat <<'F'
full covered,Hikvision,DS-7804HQH-K1,68:6d:bc:ee:f8:f0
full covered,Dahua,IPC-HDW1431T1-S4,08:ed:ed:87:42:7a
full not-covered,Axis,P3343,ac:cc:8e:3c:04:19
cut covered,Hikvision,DS-7804HQH-K1,68:6d:bc:ee:f8:f0
json "malformed": 3,
json "devices": 4,
F
    ;;
    proto-linux-sll2) cat <<'F'
full covered,Hikvision,DS-2CD2385G1-I,58:50:ed:1f:e3:85
full covered,Dahua,IPC-HDW1431T1-S4,08:ed:ed:87:42:7a
full not-covered,Axis,,ac:cc:8e:3c:04:19
cut covered,Hikvision,DS-2CD2385G1-I,58:50:ed:1f:e3:85
json 276
json "malformed": 2,
json "devices": 4,
F
    ;;
    proto-maker-discovery) cat <<'F'
full not-covered,Bosch,,00:04:63:37:03:86
full not-covered,Hanwha Vision,SND-6083,00:16:6c:7d:75:6e
full not-covered,Vivotek,FD9167-HT,00:02:d1:5a:10:33
full not-covered,Sony,SRG-H40UH,08:00:46:12:34:56
full not-covered,i-PRO,WV-X22700-V2L,d4:2d:c5:2a:8d:13
full not-covered,Ubiquiti,UVC G3 Flex,74:83:c2:10:db:91
cut not-covered,Bosch,,00:04:63:37:03:86
cut not-covered,Sony,SRG-H40UH,08:00:46:12:34:56
json "malformed": 5,
json "devices": 8,
json "rule": "bosch.autodetect.reply",
json "rule": "hanwha.discovery.reply",
json "rule": "vivotek.search.reply",
json "rule": "sony.setup.reply",
json "rule": "ipro.easyip.reply",
json "rule": "ubiquiti.discovery.reply",
unknown 02:5e:11:20:30:40
unknown 06:00:00:00:0b:ad
F
    ;;
    *) echo "nofacts" ;;
  esac
}

# check NAME CSV_FILE KIND: every "KIND" fact line is a device row of the CSV.
check_rows() {
  local name=$1 csv=$2 kind=$3 ok=1 line
  cut -d, -f2,5,7,12 "$csv" >"$tmp/rows"
  while IFS= read -r line; do
    grep -qxF -- "$line" "$tmp/rows" || { fail "$name ($kind): no device '$line'"; ok=0; }
  done < <(facts "$name" | sed -n "s/^$kind //p")
  return $((1 - ok))
}

while read -r name; do
  case $name in ''|'#'*) continue ;; esac
  pcap=pcaps/protocols/$name.pcap
  ok=1
  if [ "$(facts "$name")" = nofacts ]; then fail "$name: no facts listed in protocol_goldens.sh"; continue; fi

  # 1. The committed capture is exactly the generator's output.
  if ! "$CAMSWEEP_PCAPGEN" write "$name" -o "$tmp/$name.pcap" 2>/dev/null; then
    fail "$name: camsweep-pcapgen cannot write it"; continue
  fi
  cmp -s "$tmp/$name.pcap" "$pcap" || { fail "$pcap is not what camsweep-pcapgen writes"; ok=0; }
  size=$(stat -c %s "$pcap")
  [ "$size" -lt 51200 ] || { fail "$pcap is $size bytes (keep goldens under 50 KB)"; ok=0; }

  # 2. Its observation log equals the golden (what the protocols read, before any rule).
  "$CAMSWEEP" observations "$pcap" -o "$tmp/actual.jsonl" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 0 ] || { fail "$name: observations exit $rc"; sed 's/^/    /' "$tmp/err"; ok=0; }
  diff -u "pcaps/protocols/$name.observations.jsonl" "$tmp/actual.jsonl" >"$tmp/diff" || {
    fail "$name: observations differ from pcaps/protocols/$name.observations.jsonl"; head -40 "$tmp/diff"; ok=0; }
  "$CAMSWEEP" analyze "$pcap" --audit-date 2026-11-23 --format json -q 2>"$tmp/err" >"$tmp/actual.json"
  rc=$?
  [ "$rc" -eq 0 ] || { fail "$name: analyze exit $rc"; sed 's/^/    /' "$tmp/err"; ok=0; }

  # 3. The facts hold.
  "$CAMSWEEP" analyze "$pcap" --audit-date 2026-11-23 --format csv -q >"$tmp/actual.csv" 2>/dev/null
  check_rows "$name" "$tmp/actual.csv" full || ok=0
  while IFS= read -r want; do
    grep -qF -- "$want" "$tmp/actual.json" || { fail "$name: JSON lacks $want"; ok=0; }
  done < <(facts "$name" | sed -n 's/^json //p')
  while IFS= read -r want; do
    if grep -F -- ",$want," "$tmp/actual.csv" | grep -qv '^dev-[0-9]*,unknown,'; then fail "$name: $want was given a maker"; ok=0; fi
  done < <(facts "$name" | sed -n 's/^unknown //p')

  # 4. Cut at 2/3: exit 1, one line naming the file, the devices from before the cut.
  head -c $((size * 2 / 3)) "$pcap" >"$tmp/$name-truncated.pcap"
  "$CAMSWEEP" analyze "$tmp/$name-truncated.pcap" --audit-date 2026-11-23 --format csv -q >"$tmp/cut.csv" 2>"$tmp/cut.err"
  rc=$?
  lines=$(grep -c . "$tmp/cut.err")
  if [ "$rc" -ne 1 ] || [ "$lines" -ne 1 ] || ! grep -qE "$name-truncated\.pcap: capture ends early after frame [0-9]+" "$tmp/cut.err"; then
    fail "$name truncated: exit $rc (want 1), stderr ($lines lines):"; sed 's/^/    /' "$tmp/cut.err"; ok=0
  fi
  check_rows "$name" "$tmp/cut.csv" cut || ok=0

  [ "$ok" -eq 1 ] && passes=$((passes + 1))
done <tests/e2e/protocol_goldens.list

finish_tally
