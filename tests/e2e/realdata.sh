# Real IoT Sentinel captures of D-Link, Edimax and Ednet cameras (shared/realdata/pcaps,
# none of them a covered brand): each camera is found, named by its real maker and judged
# not-covered, except the Ednet camera, which shows nothing but its distributor's MAC prefix
# and stays unknown ("by MAC prefix only"); nothing in them is covered or likely-covered.
set -uo pipefail
dir="$CAMSWEEP_REALDATA_DIR/pcaps"
[ -d "$dir" ] || { echo "SKIP: $dir not found (the real captures ship in shared/realdata beside the repo)"; exit 77; }
failures=0
passes=0
check() {  # file mac vendor-display [verdict]
  local out want=${4:-not-covered}
  out=$("$CAMSWEEP" analyze "$dir/$1" --format csv --audit-date 2026-11-23)
  local row
  row=$(grep ",$2," <<<"$out")
  if [[ "$row" != *",$want,"* || "$row" != *",$3,"* ]]; then
    echo "FAIL: $1: camera $2 not judged $want by $3: $row"; failures=$((failures + 1))
  elif [[ "$want" == unknown && "$row" != *"by MAC prefix only"* ]]; then
    echo "FAIL: $1: camera $2 is unknown without naming its likely maker: $row"; failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
  if grep -qE '^dev-[0-9]+,(covered|likely-covered),' <<<"$out"; then
    echo "FAIL: $1: a device is flagged"; failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
}
check iotsentinel_D-LinkCam_Setup-A-1-STA.pcap b0:c5:54:25:5b:0e D-Link
check iotsentinel_EdimaxCam1_Setup-A-1-STA.pcap 74:da:38:80:7a:08 Edimax
check iotsentinel_EdnetCam1_Setup-A-1-STA.pcap 3c:49:37:03:17:db "ASSMANN (Ednet)" unknown
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
