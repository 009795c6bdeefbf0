#!/usr/bin/env bash
# The namespace lab end to end (CTest label `lab`, docs/lab.md): tools/lab up, then `scan`,
# `sniff` and `survey` from the scanner's namespace, each inventory checked device by device;
# tools/lab down in every path. Needs root, network namespaces and the lab's Debian peers
# (tools/deps.sh); skips (exit 77) with the reason when the machine has no namespaces.
set -uo pipefail
ROOT="${CAMSWEEP_SOURCE_DIR:?}"
: "${CAMSWEEP:?}" "${CAMSWEEP_LAB_DEVICE:?}"
export CAMSWEEP_LAB_DEVICE
CHECK="$ROOT/tests/lab/check_inventory.py"
SCRATCH="$(mktemp -d)"
in_scanner() { ip netns exec cslab-scan "$@"; }

if [ "$(id -u)" -ne 0 ]; then echo "SKIP: the lab needs root (network namespaces)"; exit 77; fi
if ! ip netns add cslab-probe 2>/dev/null; then echo "SKIP: this machine cannot create network namespaces"; exit 77; fi
ip netns del cslab-probe

source "$ROOT/tests/e2e/lib/tally.sh"
cleanup() { "$ROOT/tools/lab" down >/dev/null 2>&1; rm -rf "$SCRATCH"; }
trap cleanup EXIT
"$ROOT/tools/lab" down >/dev/null 2>&1  # what a crashed run left behind
"$ROOT/tools/lab" up || { echo "FAIL: tools/lab up"; exit 1; }
"$ROOT/tools/lab" status >/dev/null && pass || fail "tools/lab status after up"

SCOPE=(10.77.1.0/27 10.77.2.0/28)
QUICK=(--connect-timeout 0.3 --udp-wait 1 --audit-date 2026-12-03)
CLEAN="not-covered|unknown"  # a real peer is reported, never judged covered
EXPECTED=(
  10.77.1.10=hikvision/hikvision:covered:mac,active
  192.168.1.64=hikvision/hikvision:covered:offsubnet,mac    # factory address, off the subnet
  10.77.1.11=dahua/dahua:covered:mac
  10.77.1.12=dahua/amcrest:covered:mac                      # a Dahua OEM unit
  10.77.1.13=axis/*:not-covered:mac
  10.77.1.14=axis/*:not-covered:mac
  10.77.1.15=hikvision/*:covered                            # OEM NVR on Hikvision firmware
  10.77.1.16=xiongmai/*:not-covered:mac
  10.77.1.17=hanwha/*:not-covered:mac
  10.77.1.18=bosch/*:not-covered:mac
  10.77.1.19=hikvision/*:covered:mac                        # the video doorbell, by its certificate
  10.77.1.25=huawei/*:covered:mac                           # ONT: covered for any purpose
  "10.77.1.26=-/-:unknown|not-covered"                      # hostile: bounded, named as nobody
  "10.77.1.20=-/-:$CLEAN:mac"                               # minidlna
  "10.77.1.21=-/-:$CLEAN:mac"                               # wsdd
  "10.77.1.22=-/-:$CLEAN:mac"                               # GStreamer RTSP server
  "10.77.1.23=-/-:$CLEAN:mac"                               # avahi
  "10.77.1.24=-/-:$CLEAN:mac"                               # OpenSSL TLS web server
  10.77.2.10=hikvision/hikvision:covered                    # behind the router
  10.77.2.11=dahua/dahua:covered
  10.77.2.12=axis/*:not-covered
)
strip() { sed 's/[[:space:]]*#.*//' <<<"$1"; }
expectations=(); for e in "${EXPECTED[@]}"; do expectations+=("$(strip "$e")"); done

# scan: every device of both subnets, the routed one included.
if in_scanner "$CAMSWEEP" scan "${SCOPE[@]}" "${QUICK[@]}" -q -f json -o "$SCRATCH/scan.json" 2>"$SCRATCH/scan.err"; then pass
else fail "scan exited $?: $(tail -3 "$SCRATCH/scan.err")"; fi
python3 "$CHECK" "$SCRATCH/scan.json" "${expectations[@]}" && pass || fail "scan inventory"

# sniff: the replies a scan causes, captured on the scanner's link, name the same makers.
in_scanner "$CAMSWEEP" sniff -i eth0 --duration 8 --audit-date 2026-12-03 -q -f json -o "$SCRATCH/sniff.json" 2>"$SCRATCH/sniff.err" &
sniffer=$!
sleep 1
in_scanner "$CAMSWEEP" scan 10.77.1.0/27 "${QUICK[@]}" --no-follow-ups -q -o /dev/null 2>/dev/null
wait "$sniffer" && pass || fail "sniff exited non-zero: $(tail -3 "$SCRATCH/sniff.err")"
python3 "$CHECK" "$SCRATCH/sniff.json" 10.77.1.10=hikvision/hikvision:covered:passive 10.77.1.11=dahua/dahua:covered:passive \
  192.168.1.64=hikvision/hikvision:covered:passive && pass || fail "sniff inventory"

# survey: capture and scan together into one inventory, both kinds of evidence on one device.
if in_scanner "$CAMSWEEP" survey -i eth0 10.77.1.0/27 "${QUICK[@]}" --linger 1 -q -f json -o "$SCRATCH/survey.json" 2>"$SCRATCH/survey.err"; then pass
else fail "survey exited $?: $(tail -3 "$SCRATCH/survey.err")"; fi
python3 "$CHECK" "$SCRATCH/survey.json" 10.77.1.10=hikvision/hikvision:covered:active,passive,mac \
  10.77.1.12=dahua/amcrest:covered:active,passive "10.77.1.22=-/-:$CLEAN" && pass || fail "survey inventory"

"$ROOT/tools/lab" down >/dev/null && ! "$ROOT/tools/lab" status >/dev/null && pass || fail "tools/lab down leaves nothing"
[ -z "$(ip netns list | grep '^cslab-')" ] && pass || fail "namespaces left after down"
finish_tally lab_site
