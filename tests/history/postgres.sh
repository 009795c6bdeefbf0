#!/usr/bin/env bash
# The history on PostgreSQL (docs/history.md), against a real server this script starts and
# removes: a throw-away cluster in a temporary directory, listening on a Unix socket only (no TCP
# port is opened), run as the postgres user when we are root. Checked:
#  - six sensors writing at once, twice, into one new database (the first round also races the
#    migration) lose and duplicate no device: the inventory is the one the same runs make one
#    after another in SQLite;
#  - a schema from a newer camsweep, and a server gone, are one line each and exit 7, with the
#    report still written.
# Skips (exit 77) when Debian's postgresql package is not installed.
set -euo pipefail
: "${CAMSWEEP:?}" "${CAMSWEEP_SOURCE_DIR:?}"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$pgbin" || ! -x "$pgbin/initdb" || ! -x "$pgbin/pg_ctl" ]]; then
  echo "SKIP: no PostgreSQL server here (apt-get install postgresql); the fleet tests need a real one"
  exit 77
fi
as_postgres=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || { echo "SKIP: running as root without a postgres user to run the server as"; exit 77; }
  as_postgres=(runuser -u postgres --)
fi
cd "$CAMSWEEP_SOURCE_DIR"
work=$(mktemp -d)
chmod 755 "$work"
[[ $(id -u) -eq 0 ]] && chown postgres "$work"
port=$((40000 + RANDOM % 20000))
stop_server() { "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; }
trap 'stop_server; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; [[ -f "$work/server.log" ]] && tail -n 5 "$work/server.log"; exit 1; }

"${as_postgres[@]}" "$pgbin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 >"$work/initdb.log" 2>&1 ||
  { cat "$work/initdb.log"; fail "initdb"; }
"${as_postgres[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-k $work -p $port -c listen_addresses=''" start >/dev/null || fail "the server did not start"
"$pgbin/psql" -h "$work" -p "$port" -U postgres -d postgres -qc "CREATE DATABASE fleet" >/dev/null && \
  "$pgbin/psql" -h "$work" -p "$port" -U postgres -d postgres -qc "CREATE DATABASE rejected" >/dev/null || fail "createdb"
url="postgresql:///fleet?host=$work&port=$port&user=postgres"

# Six sensors: each sees the sample LAN (the same 15 devices) and a capture of its own.
captures=(proto-sadp proto-ssdp-wsd proto-dhip-5050 proto-tcp-banners proto-maker-discovery proto-dns-mdns)
run_sensor() {  # sensor number, database
  "$CAMSWEEP" analyze pcaps/sample-lan.pcap "pcaps/protocols/${captures[$1]}.pcap" --audit-date 2026-11-23 -q -f csv \
    -o "$work/report-$1.csv" --db "$2" --sensor "sensor-$1" 2>"$work/err-$1"
}
for round in 1 2; do
  pids=()
  for i in 0 1 2 3 4 5; do run_sensor "$i" "$url" & pids+=($!); done
  for i in 0 1 2 3 4 5; do wait "${pids[$i]}" || fail "round $round, sensor $i: $(cat "$work/err-$i")"; done
done
for round in 1 2; do
  for i in 0 1 2 3 4 5; do run_sensor "$i" "$work/reference.db" || fail "reference run $i: $(cat "$work/err-$i")"; done
done
"$CAMSWEEP" history --db "$url" --devices -f json >"$work/fleet.json" || fail "history --devices on PostgreSQL"
"$CAMSWEEP" history --db "$work/reference.db" --devices -f json >"$work/reference.json"
"$CAMSWEEP" history --db "$url" -f json >"$work/runs.json"
python3 - "$work/fleet.json" "$work/reference.json" "$work/runs.json" <<'PY' || fail "the concurrent writers' inventory"
import json, sys
fleet, reference = (json.load(open(p))["devices"] for p in sys.argv[1:3])
runs = json.load(open(sys.argv[3]))["runs"]
identities = [d["identity"] for d in fleet]
assert len(identities) == len(set(identities)), "a device stored twice"
assert sorted(identities) == sorted(d["identity"] for d in reference), (len(identities), len(reference))
assert len(runs) == 12 and {r["sensor"] for r in runs} == {f"sensor-{i}" for i in range(6)}, len(runs)
by_id = {d["identity"]: d for d in reference}
for d in fleet:
    assert d["verdict"] == by_id[d["identity"]]["verdict"], d
print(f"{len(identities)} devices from {len(runs)} runs of 6 concurrent sensors, none lost or doubled")
PY

# A schema from a newer camsweep.
"$pgbin/psql" -h "$work" -p "$port" -U postgres -d fleet -qc "INSERT INTO camsweep_schema VALUES (99, 'later')" >/dev/null
code=0
"$CAMSWEEP" analyze pcaps/sample-lan.pcap -q -f json -o "$work/kept.json" --db "$url" 2>"$work/err" || code=$?
[[ $code -eq 7 && -s "$work/kept.json" ]] && grep -F "schema version 99, newer than this camsweep" "$work/err" >/dev/null ||
  fail "newer schema: exit $code: $(cat "$work/err")"

# The server goes away: one line, exit 7, the report written.
stop_server
code=0
"$CAMSWEEP" analyze pcaps/sample-lan.pcap -q -f json -o "$work/kept2.json" --db "$url" 2>"$work/err" || code=$?
[[ $code -eq 7 && -s "$work/kept2.json" && $(wc -l <"$work/err") -eq 1 ]] &&
  grep -F "cannot connect to the history database" "$work/err" >/dev/null || fail "server gone: exit $code: $(cat "$work/err")"
echo "postgres: concurrent writers, newer schema and a server gone checked"
