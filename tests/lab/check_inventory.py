#!/usr/bin/env python3
"""Checks a camsweep JSON inventory against expectations, one per argument:

    IP=VENDOR/BRAND:VERDICTS[:FLAGS]

VENDOR and BRAND are signature ids or "-" (none named); VERDICTS is a "|"-separated set of
allowed verdict statuses; FLAGS: "mac" (a MAC is known), "offsubnet" (marked scan.off_subnet),
"active" / "passive" (observed by the prober / by the capture). Prints one line per failed check
and the tally; exits 1 on any failure.
"""
import json
import sys


def main() -> int:
    inventory = json.load(open(sys.argv[1]))
    by_ip, split = {}, set()
    for device in inventory["devices"]:
        for ip in device["ips"]:
            if ip in by_ip:
                split.add(ip)
            by_ip[ip] = device
    failures = 0
    for expectation in sys.argv[2:]:
        ip, rest = expectation.split("=", 1)
        parts = rest.split(":")
        vendor, brand = parts[0].split("/")
        verdicts = set(parts[1].split("|"))
        flags = parts[2].split(",") if len(parts) > 2 and parts[2] else []
        device = by_ip.get(ip)
        problems = []
        if device is None:
            problems.append("not found")
        elif ip in split:
            problems.append("split over several devices")
        else:
            named = (device.get("vendor") or {}).get("id") or "-"
            branded = (device.get("brand") or {}).get("id") or "-"
            status = device["verdict"]["status"]
            fields = {s["field"] for s in device.get("sent", [])}
            # The prober's evidence says where with "scan: ..."; a capture's names its frame.
            # Evidence is kept once per rule and value, so an exchange both captured and probed
            # shows one origin there; the prober's own fields (scan.tcp_open) and ARP frames
            # (only a capture sees them) tell the two apart as well.
            origins = set()
            if "scan.tcp_open" in fields:
                origins.add("active")
            if "arp.op" in fields:
                origins.add("passive")
            for evidence in device.get("evidence", []):
                where = evidence.get("where", "")
                if evidence.get("protocol") == "oui" or where.startswith("kernel neighbour table"):
                    continue
                origins.add("active" if where.startswith("scan:") else "passive")
            if named != vendor:
                problems.append(f"vendor {named}, expected {vendor}")
            if brand != "*" and branded != brand:
                problems.append(f"brand {branded}, expected {brand}")
            if status not in verdicts:
                problems.append(f"verdict {status}, expected one of {sorted(verdicts)}")
            if "mac" in flags and not device["macs"]:
                problems.append("no MAC")
            if "offsubnet" in flags and "scan.off_subnet" not in fields:
                problems.append("not marked scan.off_subnet")
            for origin in ("active", "passive"):
                if origin in flags and origin not in origins:
                    problems.append(f"no {origin} observation (has {sorted(o for o in origins if o)})")
        if problems:
            failures += 1
            print(f"FAIL {ip}: " + "; ".join(problems))
    print(f"{sys.argv[1]}: {len(sys.argv) - 2 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
