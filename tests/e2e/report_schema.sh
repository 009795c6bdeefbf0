# The JSON report conforms to its published schema, docs/report.schema.json (JSON Schema
# 2020-12, format checking on): the golden sample, a fresh analysis of every capture under pcaps/,
# of every capture camsweep-pcapgen writes and of the real captures in shared/realdata. Broken
# documents (an unknown verdict status, a device without `verdict`, `sent` or `mac_origins`, an
# id.* key in `sent`, entries omitted below the bound, an unknown MAC source) must be rejected.
# Beyond the schema: every MAC of `macs` has its `mac_origins` entry, and every entry that is not
# a router's alone (frame:routed) is one of `macs`.
# Needs Debian's python3-jsonschema.
set -uo pipefail
source "$(dirname "$0")/lib/scratch.sh"
source tests/e2e/lib/jsonschema_python.sh  # sets $python

failures=0
# Reports to check, one "label<TAB>file" per line.
: >"$tmp/list"
echo -e "pcaps/sample-lan.expected.json\tpcaps/sample-lan.expected.json" >>"$tmp/list"

analyze() {  # label capture
  local out="$tmp/report-$(printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_').json"
  "$CAMSWEEP" analyze "$2" --audit-date 2026-11-23 --format json >"$out" 2>"$tmp/stderr"
  local rc=$?
  # 1 = incomplete input: the report is still written and must still conform.
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "FAIL: camsweep analyze $2 exited $rc:"; sed 's/^/    /' "$tmp/stderr"
    failures=$((failures + 1))
    return
  fi
  echo -e "$1\t$out" >>"$tmp/list"
}

for capture in pcaps/*.pcap pcaps/*.pcapng; do
  [ -e "$capture" ] && analyze "$capture" "$capture"
done
if [ -n "${CAMSWEEP_PCAPGEN:-}" ]; then
  scenarios=$("$CAMSWEEP_PCAPGEN" write --help 2>/dev/null | sed -n 's/.*scenario TEXT:{\([^}]*\)}.*/\1/p' | tr ',' ' ')
  for scenario in $scenarios; do
    "$CAMSWEEP_PCAPGEN" write "$scenario" -o "$tmp/$scenario.pcap" >/dev/null 2>&1 \
      && analyze "pcapgen:$scenario" "$tmp/$scenario.pcap"
  done
fi
realdata="${CAMSWEEP_REALDATA_DIR:-}/pcaps"
if [ -d "$realdata" ]; then
  for capture in "$realdata"/*.pcap "$realdata"/*.pcapng; do
    [ -e "$capture" ] && analyze "realdata:$(basename "$capture")" "$capture"
  done
else
  echo "note: $realdata not found, real captures not checked"
fi

"$python" - docs/report.schema.json "$tmp/list" "$failures" <<'EOF'
import copy
import json
import sys

import jsonschema
from jsonschema import Draft202012Validator

schema_path, list_path, earlier_failures = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

passed, failed = 0, earlier_failures


def problems(doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def describe(error):
    where = "/".join(str(p) for p in error.absolute_path) or "(document)"
    return f"{where}: {error.message[:300]}"


sample = None
with open(list_path, encoding="utf-8") as f:
    entries = [line.rstrip("\n").split("\t") for line in f if line.strip()]
for label, path in entries:
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print(f"FAIL: {label}: not readable JSON: {e}")
        failed += 1
        continue
    if sample is None:
        sample = doc
    errors = problems(doc)
    if errors:
        print(f"FAIL: {label}: {len(errors)} schema violation(s):")
        for e in errors[:10]:
            print("    " + describe(e))
        failed += 1
        continue
    # The rule across keys the schema cannot state: mac_origins covers macs, and only routers'
    # MACs are outside them.
    mismatched = []
    for device in doc.get("devices", []):
        identifying = [o["mac"] for o in device["mac_origins"] if o["sources"] != ["frame:routed"]]
        if sorted(identifying) != sorted(device["macs"]):
            mismatched.append(f"{device['id']}: macs {device['macs']}, identifying origins {identifying}")
    if mismatched:
        print(f"FAIL: {label}: mac_origins and macs disagree:")
        for m in mismatched[:10]:
            print("    " + m)
        failed += 1
    else:
        passed += 1


def must_reject(label, doc, keyword):
    global passed, failed
    errors = problems(doc)
    if not errors:
        print(f"FAIL: {label}: accepted by the schema")
        failed += 1
    elif not any(keyword in describe(e) or keyword in str(e.schema_path) for e in errors):
        print(f"FAIL: {label}: rejected, but not for the expected reason:")
        for e in errors[:5]:
            print("    " + describe(e))
        failed += 1
    else:
        passed += 1


if sample is None or not sample.get("devices"):
    print("FAIL: no sample document with devices to derive the negative checks from")
    failed += 1
else:
    bad_status = copy.deepcopy(sample)
    bad_status["devices"][0]["verdict"]["status"] = "probably-fine"
    must_reject("unknown verdict status", bad_status, "probably-fine")
    no_verdict = copy.deepcopy(sample)
    del no_verdict["devices"][-1]["verdict"]
    must_reject("device without verdict", no_verdict, "'verdict' is a required property")
    no_sent = copy.deepcopy(sample)
    del no_sent["devices"][0]["sent"]
    must_reject("device without sent (format_version 2)", no_sent, "'sent' is a required property")
    no_origins = copy.deepcopy(sample)
    del no_origins["devices"][0]["mac_origins"]
    must_reject("device without mac_origins (format_version 3)", no_origins, "'mac_origins' is a required property")
    bad_source = copy.deepcopy(sample)
    bad_source["devices"][0]["mac_origins"].append({"mac": "aa:bb:cc:dd:ee:ff", "sources": ["guessed"]})
    must_reject("an unknown MAC source", bad_source, "guessed")
    version2 = copy.deepcopy(sample)
    version2["format_version"] = 2
    must_reject("format_version 2 against the version 3 schema", version2, "format_version")
    identity = copy.deepcopy(sample)
    identity["devices"][0]["sent"].append({"protocol": "arp", "field": "id.mac", "value": "aa:bb:cc:dd:ee:ff",
                                           "first_seen": "2026-11-02T09:00:00.000000Z"})
    must_reject("an id.* key in sent", identity, "not")
    omitted = copy.deepcopy(sample)
    omitted["devices"][0]["sent_omitted"] = 3
    must_reject("sent_omitted below the bound", omitted, "minItems")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
EOF
