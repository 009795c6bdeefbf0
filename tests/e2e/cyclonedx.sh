# The CycloneDX export (`camsweep analyze -f cyclonedx`) validates against the official
# CycloneDX 1.5 JSON schema (draft-07, with the SPDX and JSF schemas it references), as shipped
# by the npm package @cyclonedx/cyclonedx-library (pinned in tests/cyclonedx/package-lock.json;
# `npm ci --prefix tests/cyclonedx` installs it, and this script runs that once if it is missing:
# the only network access). Also checked: the serial number is the same on a second run, every
# device of the JSON report is one component with its properties, and the schema really is
# strict (a 1.6-only field and an unknown component type are rejected).
# Needs python3-jsonschema, and nodejs/npm for the install step.
set -uo pipefail
source "$(dirname "$0")/lib/scratch.sh"

schema_dir=tests/cyclonedx/node_modules/@cyclonedx/cyclonedx-library/res/schema
if [ ! -f "$schema_dir/bom-1.5.SNAPSHOT.schema.json" ]; then
  if ! command -v npm >/dev/null; then
    echo "FAIL: $schema_dir missing and no npm to install it (apt-get install nodejs npm; npm ci --prefix tests/cyclonedx)"
    echo "0 passed, 1 failed"; exit 1
  fi
  if ! npm ci --prefix tests/cyclonedx --ignore-scripts --no-audit --no-fund >"$tmp/npm.log" 2>&1; then
    echo "FAIL: npm ci --prefix tests/cyclonedx failed:"; sed 's/^/    /' "$tmp/npm.log"
    echo "0 passed, 1 failed"; exit 1
  fi
fi

source tests/e2e/lib/jsonschema_python.sh  # sets $python

failures=0
: >"$tmp/list"
export_one() {  # label capture
  local base
  base="$tmp/$(printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_')"
  if ! "$CAMSWEEP" analyze "$2" --audit-date 2026-11-23 -f cyclonedx >"$base.cdx.json" 2>"$tmp/stderr"; then
    echo "FAIL: camsweep analyze $2 -f cyclonedx:"; sed 's/^/    /' "$tmp/stderr"
    failures=$((failures + 1)); return
  fi
  "$CAMSWEEP" analyze "$2" --audit-date 2026-11-23 -f cyclonedx >"$base.again.cdx.json" 2>/dev/null
  "$CAMSWEEP" analyze "$2" --audit-date 2026-11-23 -f json >"$base.json" 2>/dev/null
  echo -e "$1\t$base.cdx.json\t$base.again.cdx.json\t$base.json" >>"$tmp/list"
}

export_one sample-lan pcaps/sample-lan.pcap
if [ -n "${CAMSWEEP_PCAPGEN:-}" ]; then
  scenarios=$("$CAMSWEEP_PCAPGEN" write --help 2>/dev/null | sed -n 's/.*scenario TEXT:{\([^}]*\)}.*/\1/p' | tr ',' ' ')
  for scenario in $scenarios; do
    [ "$scenario" = sample-lan ] && continue
    "$CAMSWEEP_PCAPGEN" write "$scenario" -o "$tmp/$scenario.pcap" >/dev/null 2>&1 && export_one "pcapgen:$scenario" "$tmp/$scenario.pcap"
  done
fi

"$python" - "$schema_dir" "$tmp/list" "$failures" <<'EOF'
import copy
import json
import os
import sys
import warnings

import jsonschema
from jsonschema import Draft7Validator

schema_dir, list_path, earlier_failures = sys.argv[1], sys.argv[2], int(sys.argv[3])
BASE = "http://cyclonedx.org/schema/"


def load(name):
    with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
        return json.load(f)


bom = load("bom-1.5.SNAPSHOT.schema.json")
# bom-1.5 refers to "spdx.SNAPSHOT.schema.json" and "jsf-0.82.SNAPSHOT.schema.json" relative to
# its $id, while those files carry the $ids "spdx.schema.json" and "jsf-0.82.schema.json": serve
# each under both names, from disk, never from the network.
store = {}
for name in ("bom-1.5.SNAPSHOT.schema.json", "spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json"):
    doc = load(name)
    store[BASE + name] = doc
    store[doc["$id"]] = doc

try:  # jsonschema >= 4.18
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    registry = Registry().with_resources(
        (uri, Resource.from_contents(doc, default_specification=DRAFT7)) for uri, doc in store.items())
    validator = Draft7Validator(bom, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER)
except ImportError:  # Debian bookworm's 4.10
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        resolver = jsonschema.RefResolver(base_uri=bom["$id"], referrer=bom, store=store)
    validator = Draft7Validator(bom, resolver=resolver, format_checker=Draft7Validator.FORMAT_CHECKER)
Draft7Validator.check_schema(bom)

passed, failed = 0, earlier_failures


def check(label, ok, why):
    global passed, failed
    if ok:
        passed += 1
    else:
        print(f"FAIL: {label}: {why}")
        failed += 1


def violations(doc):
    out = []
    for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in e.absolute_path) or "(document)"
        out.append(f"{where}: {e.message[:300]}")
    return out


def props(component, name):
    return [p["value"] for p in component.get("properties", []) if p.get("name") == name]


first = None
with open(list_path, encoding="utf-8") as f:
    entries = [line.rstrip("\n").split("\t") for line in f if line.strip()]
for label, path, again_path, report_path in entries:
    try:
        with open(path, encoding="utf-8") as f:
            bom_doc = json.load(f)
        with open(again_path, encoding="utf-8") as f:
            again = json.load(f)
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        check(label, False, f"not readable JSON: {e}")
        continue
    if first is None:
        first = bom_doc
    problems = violations(bom_doc)
    check(label + ": valid CycloneDX 1.5", not problems, "schema violations:\n    " + "\n    ".join(problems[:10]))
    check(label + ": specVersion", bom_doc.get("specVersion") == "1.5" and bom_doc.get("bomFormat") == "CycloneDX",
          f"bomFormat/specVersion {bom_doc.get('bomFormat')}/{bom_doc.get('specVersion')}")
    check(label + ": stable serialNumber", bom_doc.get("serialNumber") == again.get("serialNumber"),
          f"{bom_doc.get('serialNumber')} then {again.get('serialNumber')}")
    check(label + ": timestamp from the audit date", bom_doc.get("metadata", {}).get("timestamp") == "2026-11-23T00:00:00Z",
          f"metadata.timestamp {bom_doc.get('metadata', {}).get('timestamp')}")
    components = bom_doc.get("components", [])
    refs = [c.get("bom-ref") for c in components]
    check(label + ": unique bom-refs", len(refs) == len(set(refs)), f"duplicate bom-ref in {refs}")
    devices = report.get("devices", [])
    check(label + ": one component per device", refs == [d["id"] for d in devices],
          f"components {refs} vs devices {[d['id'] for d in devices]}")
    mismatches = []
    for device, component in zip(devices, components):
        want_name = (device.get("model") or {}).get("value") or "unidentified device"
        want_version = (device.get("firmware") or {}).get("value")
        verdict = device["verdict"]
        if component.get("type") != "device":
            mismatches.append(f"{device['id']}: type {component.get('type')}")
        if component.get("name") != want_name or component.get("version") != want_version:
            mismatches.append(f"{device['id']}: name/version {component.get('name')}/{component.get('version')}")
        if props(component, "camsweep:verdict") != [verdict["status"]]:
            mismatches.append(f"{device['id']}: camsweep:verdict {props(component, 'camsweep:verdict')}")
        if props(component, "camsweep:confidence") != ["%.3f" % verdict["confidence"]]:
            mismatches.append(f"{device['id']}: camsweep:confidence {props(component, 'camsweep:confidence')}")
        if [v.split(" ", 1)[0] for v in props(component, "camsweep:listing")] != [l["id"] for l in verdict["listings"]]:
            mismatches.append(f"{device['id']}: camsweep:listing {props(component, 'camsweep:listing')}")
        if any(l["citation"] not in v for l, v in zip(verdict["listings"], props(component, "camsweep:listing"))):
            mismatches.append(f"{device['id']}: a camsweep:listing lacks its citation")
        if props(component, "camsweep:mac") != device["macs"] or props(component, "camsweep:ip") != device["ips"]:
            mismatches.append(f"{device['id']}: camsweep:mac/ip")
        if props(component, "camsweep:serial") != device["serials"]:
            mismatches.append(f"{device['id']}: camsweep:serial")
        if device.get("vendor") and component.get("author") != device["vendor"]["name"]:
            mismatches.append(f"{device['id']}: author {component.get('author')}")
        if props(component, "camsweep:purpose_qualified") != [str(verdict["purpose_qualified"]).lower()]:
            mismatches.append(f"{device['id']}: camsweep:purpose_qualified")
    check(label + ": components match the JSON report", not mismatches, "\n    ".join(mismatches))

if first is None or not first.get("components"):
    check("strictness", False, "no exported BOM with components to derive the negative checks from")
else:
    with_manufacturer = copy.deepcopy(first)
    with_manufacturer["components"][0]["manufacturer"] = {"name": "Hikvision"}  # a CycloneDX 1.6 field
    check("1.6-only component.manufacturer rejected", bool(violations(with_manufacturer)), "accepted")
    bad_type = copy.deepcopy(first)
    bad_type["components"][0]["type"] = "camera"
    check("unknown component type rejected", bool(violations(bad_type)), "accepted")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
EOF
