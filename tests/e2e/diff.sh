# `camsweep diff OLD.json NEW.json [-f table|json|html]` on reports made by camsweep itself:
#  1. the sample capture judged on 2021-06-01 and on 2026-11-23 (the Lorex relation changes from
#     subsidiary_of to oem_of; Dahua and Huawei gain 1260H / NS-CMIC listings);
#  2. the 2026 report against a copy edited here (python3, no jq): a firmware upgrade, a new DHCP
#     lease, a replaced NIC (matched by serial), a verdict change, a gone and a new device, and
#     hostile strings for the writers to escape.
#  3. format_version 1 and 2 reports against version 3 ones (no change where only "sent" or
#     "mac_origins" differ).
# Bad input (broken JSON, not a camsweep report, unknown format_version, missing file) fails with
# one line naming the file.
set -uo pipefail
source "$(dirname "$0")/lib/scratch.sh"
source "$(dirname "$0")/lib/tally.sh"

"$CAMSWEEP" analyze pcaps/sample-lan.pcap --audit-date 2021-06-01 -f json >"$tmp/2021.json" || fail "analyze 2021"
"$CAMSWEEP" analyze pcaps/sample-lan.pcap --audit-date 2026-11-23 -f json >"$tmp/2026.json" || fail "analyze 2026"

python3 - "$tmp/2026.json" "$tmp/edited.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
devices = {d["id"]: d for d in doc["devices"]}
devices["dev-002"]["firmware"]["value"] = "V5.8.0build 260101 <script>alert(1)</script>\u001b[2J"
devices["dev-003"]["ips"] = ["192.168.10.99"]                       # DHCP
devices["dev-006"]["macs"] = ["08:ed:ed:00:00:99"]                  # NIC replaced, serial kept
devices["dev-012"]["verdict"]["status"] = "unknown"                 # verdict changed
new = json.loads(json.dumps(devices["dev-011"]))                    # a second Axis camera
new["id"] = "dev-016"
new["macs"] = ["ac:cc:8e:3c:04:99"]
new["uuids"] = ["upnp-basicdevice-1_0-accc8e3c0499"]
new["ips"] = ["192.168.10.5"]                                       # the gone device's IP
doc["devices"] = [d for d in doc["devices"] if d["id"] != "dev-005"] + [new]
json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"), indent=2, ensure_ascii=False)
EOF

run_diff() {  # name expected-exit args... ; output in $tmp/out, stderr in $tmp/err
  local name=$1 want=$2
  shift 2
  "$CAMSWEEP" diff "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$name: exit $got (want $want):"; sed 's/^/    /' "$tmp/err"; return 1
  fi
  return 0
}

# Compares a JSON diff against expectations: summary counts and "id field before after" lines.
check_json() {  # name new gone changed unchanged expectations-file
  python3 - "$tmp/out" "$2" "$3" "$4" "$5" "$6" <<'EOF' && pass || fail "$1"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
want = dict(zip(["new", "gone", "changed", "unchanged"], map(int, sys.argv[2:6])))
ok = doc.get("format") == "camsweep-inventory-diff" and doc.get("format_version") == 1
if not ok:
    print("    not a camsweep-inventory-diff document")
if doc.get("summary") != want:
    print(f"    summary {doc.get('summary')}, want {want}")
    ok = False
got = set()
for m in doc.get("changed", []):
    for c in m["changes"]:
        got.add((m["newer"]["id"], m["matched_by"], c["field"], c["before"], c["after"]))
for line in open(sys.argv[6], encoding="utf-8"):
    dev, how, field, before, after = (None if v == "-" else v for v in line.rstrip("\n").split("\t"))
    if (dev, how, field, before, after) not in got:
        print(f"    missing change {dev} ({how}) {field}: {before} -> {after}")
        ok = False
sys.exit(0 if ok else 1)
EOF
}

# 1. Audit date 2021 vs 2026: nothing new or gone; verdict details change.
if run_diff "2021 vs 2026, json" 0 "$tmp/2021.json" "$tmp/2026.json" -f json; then
  printf '%s\t%s\t%s\t%s\t%s\n' \
    dev-014 mac confidence 0.500 0.400 \
    dev-014 mac chain "lorex -subsidiary_of-> dahua" "lorex -oem_of-> dahua" \
    dev-014 mac other_listing - d1260h-dahua-2022 \
    dev-001 mac other_listing - nscmic-huawei-2021 >"$tmp/want1"
  check_json "2021 vs 2026: changes" 0 0 7 8 "$tmp/want1"
fi

# 2. Edited copy.
if run_diff "edited, json" 0 "$tmp/2026.json" "$tmp/edited.json" --format json; then
  printf '%s\t%s\t%s\t%s\t%s\n' \
    dev-002 mac firmware "V5.7.3build 230217" $'V5.8.0build 260101 <script>alert(1)</script>\e[2J' \
    dev-003 mac ip - 192.168.10.99 \
    dev-003 mac ip 192.168.10.41 - \
    dev-006 serial mac - 08:ed:ed:00:00:99 \
    dev-006 serial mac 08:ed:ed:87:42:7a - \
    dev-012 mac verdict not-covered unknown >"$tmp/want2"
  check_json "edited: changes" 1 1 4 10 "$tmp/want2"
  python3 - "$tmp/out" <<'EOF' && pass || fail "edited: new and gone devices"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
new, gone = doc["new"], doc["gone"]
ok = [d["macs"] for d in new] == [["ac:cc:8e:3c:04:99"]] and [d["macs"] for d in gone] == [["02:5e:11:20:30:40"]]
if not ok:
    print(f"    new {[d['macs'] for d in new]}, gone {[d['macs'] for d in gone]}")
sys.exit(0 if ok else 1)
EOF
fi

if run_diff "edited, table" 0 "$tmp/2026.json" "$tmp/edited.json"; then
  export LC_ALL=C.UTF-8  # count characters, not bytes
  ok=1
  while IFS= read -r line; do
    if [ ${#line} -gt 100 ]; then fail "table line over 100 columns: $line"; ok=0; fi
  done <"$tmp/out"
  if grep -q $'\e' "$tmp/out"; then fail "table carries a raw ESC"; ok=0; fi
  grep -q '^1 new, 1 gone, 4 changed, 10 unchanged$' "$tmp/out" || { fail "table summary line"; sed 's/^/    /' "$tmp/out"; ok=0; }
  grep -q 'matched by serial 6C01E93PAG69A7D' "$tmp/out" || { fail "table: NIC change not matched by serial"; ok=0; }
  [ "$ok" -eq 1 ] && pass
fi

if run_diff "edited, html" 0 "$tmp/2026.json" "$tmp/edited.json" -f html; then
  if head -1 "$tmp/out" | grep -q '^<!DOCTYPE html>' && ! grep -q '<script' "$tmp/out" && ! grep -q $'\e' "$tmp/out" \
     && grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/out" && grep -q '</html>' "$tmp/out"; then
    pass
  else
    fail "html: not a self-contained, escaped page"; sed 's/^/    /' "$tmp/out" | head -20
  fi
fi

if run_diff "identical" 0 "$tmp/2026.json" "$tmp/2026.json" -f json; then
  printf '' >"$tmp/none"
  check_json "identical reports" 0 0 0 15 "$tmp/none"
fi

# 3. Format_version 1, 2 and 3 reports (as camsweep wrote them before each device's "sent", then
# its "mac_origins", then the title, site, notices and input digests were added) diff against
# today's version 4 reports, both ways.
python3 - "$tmp/2026.json" "$tmp/v1.json" "$tmp/v2.json" "$tmp/v3.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc["format_version"] == 4 and all("sent" in d and "sent_omitted" in d and "mac_origins" in d for d in doc["devices"])
doc["format_version"] = 3
for key in ("title", "site", "notices"):
    del doc[key]
for i in doc["inputs"]:
    del i["first_packet"], i["last_packet"], i["sha256"]
json.dump(doc, open(sys.argv[4], "w", encoding="utf-8"), indent=2, ensure_ascii=False)
doc["format_version"] = 2
for d in doc["devices"]:
    del d["mac_origins"]
json.dump(doc, open(sys.argv[3], "w", encoding="utf-8"), indent=2, ensure_ascii=False)
doc["format_version"] = 1
for d in doc["devices"]:
    del d["sent"], d["sent_omitted"]
json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"), indent=2, ensure_ascii=False)
EOF
: >"$tmp/none"
if run_diff "v1 vs v3" 0 "$tmp/v1.json" "$tmp/2026.json" -f json; then check_json "v1 vs v3: no change" 0 0 0 15 "$tmp/none"; fi
if run_diff "v3 vs v1" 0 "$tmp/2026.json" "$tmp/v1.json" -f json; then check_json "v3 vs v1: no change" 0 0 0 15 "$tmp/none"; fi
if run_diff "v2 vs v3" 0 "$tmp/v2.json" "$tmp/2026.json" -f json; then check_json "v2 vs v3: no change" 0 0 0 15 "$tmp/none"; fi
if run_diff "v3 vs v2" 0 "$tmp/2026.json" "$tmp/v2.json" -f json; then check_json "v3 vs v2: no change" 0 0 0 15 "$tmp/none"; fi
if run_diff "v3 vs v4" 0 "$tmp/v3.json" "$tmp/2026.json" -f json; then check_json "v3 vs v4: no change" 0 0 0 15 "$tmp/none"; fi
if run_diff "v1 vs edited v3" 0 "$tmp/v1.json" "$tmp/edited.json" -f json; then
  check_json "v1 vs edited v3: changes" 1 1 4 10 "$tmp/want2"
fi
if run_diff "v2 vs edited v3" 0 "$tmp/v2.json" "$tmp/edited.json" -f json; then
  check_json "v2 vs edited v3: changes" 1 1 4 10 "$tmp/want2"
fi

# Bad input: a non-zero exit and one line on stderr naming the file (and for JSON the position).
bad() {  # name stderr-pattern args...
  local name=$1 pattern=$2
  shift 2
  "$CAMSWEEP" diff "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$? lines
  lines=$(grep -c . "$tmp/err")
  if [ "$got" -eq 0 ] || [ "$lines" -ne 1 ] || ! grep -qE "$pattern" "$tmp/err"; then
    fail "$name: exit $got, stderr ($lines lines):"; sed 's/^/    /' "$tmp/err"
  else
    pass
  fi
}
# --fail-on new-covered (CI gates between two audits): exit 5 only for a device that is new, or
# newly judged, covered; said on stderr.
python3 - "$tmp/2026.json" "$tmp/newcov.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
dahua = next(d for d in doc["devices"] if d["id"] == "dev-009")      # a covered Dahua camera
twin = json.loads(json.dumps(dahua))
twin["id"] = "dev-099"
twin["macs"] = ["e0:50:8b:11:22:99"]
twin["serials"] = ["8F02B51PAZ1C499"]
twin["uuids"] = []
twin["ips"] = ["192.168.1.199"]
doc["devices"].append(twin)
json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"), indent=2)
EOF
run_diff "edited --fail-on new-covered (nothing newly covered)" 0 "$tmp/2026.json" "$tmp/edited.json" --fail-on new-covered && pass
if run_diff "a new covered camera --fail-on NEW-COVERED" 5 "$tmp/2026.json" "$tmp/newcov.json" --fail-on NEW-COVERED -o "$tmp/gate.txt"; then
  if grep -q -- "--fail-on new-covered: 1 device(s) newly judged covered; exit code 5" "$tmp/err" && [ -s "$tmp/gate.txt" ]; then pass
  else fail "--fail-on new-covered: stderr '$(cat "$tmp/err")', or no report written"; fi
fi
run_diff "the same reports without --fail-on" 0 "$tmp/2026.json" "$tmp/newcov.json" && pass

printf '{\n  "format": "camsweep-inventory",\n  oops\n' >"$tmp/broken.json"
bad "broken JSON" "broken\.json: not valid JSON: parse error at line 3, column" "$tmp/broken.json" "$tmp/2026.json"
"$CAMSWEEP" analyze pcaps/sample-lan.pcap --audit-date 2026-11-23 -f csv >"$tmp/report.csv"
bad "CSV instead of JSON" "report\.csv: not valid JSON" "$tmp/2026.json" "$tmp/report.csv"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["format_version"]=5; json.dump(d,open(sys.argv[2],"w"))' \
  "$tmp/2026.json" "$tmp/v5.json"
bad "format_version 5" "v5\.json: unsupported format_version 5 \(this camsweep reads versions 1 to 4\)" "$tmp/2026.json" "$tmp/v5.json"
bad "missing file" "nosuch\.json: cannot open" "$tmp/nosuch.json" "$tmp/2026.json"

finish_tally
