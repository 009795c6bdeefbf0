# The history on SQLite (docs/history.md), as a user drives it: two audits of a site kept with
# --db, `history` and `history --devices`, `diff` between runs and `--since`, `rejudge` on
# another audit date, and the database problems (not a database, a newer schema) each one line
# with exit code 7 while the report is still written.
set -uo pipefail
source "$(dirname "$0")/lib/scratch.sh"
source "$(dirname "$0")/lib/tally.sh"
db="$tmp/audits.db"

# Two audits of one site by one sensor, then another sensor's capture of other devices.
"$CAMSWEEP" analyze pcaps/protocols/proto-sadp.pcap --audit-date 2026-11-23 -q -f json -o "$tmp/first.json" \
  --db "$db" --sensor hq --site "HQ" 2>"$tmp/err" && pass || fail "first run: $(cat "$tmp/err")"
"$CAMSWEEP" analyze pcaps/sample-lan.pcap --audit-date 2026-11-23 -q -f json -o "$tmp/second.json" \
  --db "$db" --sensor hq --site "HQ" 2>"$tmp/err" && pass || fail "second run: $(cat "$tmp/err")"
"$CAMSWEEP" analyze pcaps/protocols/proto-ssdp-wsd.pcap --audit-date 2026-11-23 -q -f csv -o "$tmp/third.csv" \
  --db "$db" --sensor annex 2>"$tmp/err" && pass || fail "third run: $(cat "$tmp/err")"

runs=$("$CAMSWEEP" history --db "$db" -f json)
python3 - "$runs" "$tmp/second.json" <<'EOF' && pass || fail "history -f json: $runs"
import json, sys
runs = json.loads(sys.argv[1])["runs"]
second = json.load(open(sys.argv[2]))
assert [r["sensor"] for r in runs] == ["hq", "hq", "annex"], runs
assert runs[1]["inputs"] == ["sample-lan.pcap"] and runs[1]["site"] == "HQ", runs[1]
assert runs[1]["devices"] == second["summary"]["devices"], runs[1]
assert runs[1]["by_verdict"] == second["summary"]["by_verdict"], runs[1]
assert all(len(r["signatures_digest"]) == 64 for r in runs)
EOF
table=$("$CAMSWEEP" history --db "$db")
grep -E "^3 run\(s\) in " <<<"$table" >/dev/null && pass || fail "history table: $table"

# Every device once; a device of both hq runs is one device, seen in both.
devices=$("$CAMSWEEP" history --db "$db" --devices -f json)
python3 - "$devices" "$tmp/first.json" "$tmp/second.json" <<'EOF' && pass || fail "history --devices"
import json, sys
devices = json.loads(sys.argv[1])["devices"]
first, second = (json.load(open(p)) for p in sys.argv[2:4])
identities = [d["identity"] for d in devices]
assert len(identities) == len(set(identities)), "a device twice"
macs = lambda doc: {m for d in doc["devices"] for m in d["macs"][:1]}
both = macs(first) & macs(second)
assert both, "the two captures share no device"
by_mac = {d["mac"]: d for d in devices}
for mac in both:
    d = by_mac[mac]
    assert d["first_run"] != d["last_run"], d        # seen in both runs
    assert not d["gone"], d
for mac in macs(first) - macs(second):
    assert by_mac[mac]["gone"], by_mac[mac]           # in hq's first run, not in its latest
assert any(d["new"] for d in devices) and all(d["new"] == (d["last_sensor"] == "annex" and d["first_run"] == d["last_run"]) for d in devices)
EOF

# diff between runs: the same as diff between the two JSON reports.
"$CAMSWEEP" diff --db "$db" latest~2 latest~1 -f json >"$tmp/runs.diff.json" && pass || fail "diff --db"
"$CAMSWEEP" diff "$tmp/first.json" "$tmp/second.json" -f json >"$tmp/files.diff.json"
python3 - "$tmp/runs.diff.json" "$tmp/files.diff.json" <<'EOF' && pass || fail "diff --db differs from diff of the files"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for key in ("new", "gone", "changed"):
    assert len(a[key]) == len(b[key]) and len(a[key]) + len(a["gone"]) > 0, (key, len(a[key]), len(b[key]))
EOF
"$CAMSWEEP" diff --db "$db" --since 2000-01-01 --sensor hq -f json >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -F "no run before 2000-01-01 of sensor hq" "$tmp/err" >/dev/null && pass || fail "diff --since before any run: $(cat "$tmp/err")"
# --since: the first audit is moved back to October (runs made seconds apart share a date).
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute("SELECT id FROM runs ORDER BY started_at LIMIT 1").fetchone()[0]
c.execute("UPDATE runs SET started_at = ? WHERE id = ?", ("2026-10-01T10:00:00.000000Z", r)); c.commit()' "$db"
"$CAMSWEEP" diff --db "$db" --since 2026-11-01 --sensor hq -f json >"$tmp/since.json" && pass || fail "diff --since"
python3 - "$tmp/since.json" "$tmp/runs.diff.json" <<'EOF' && pass || fail "diff --since: hq's runs before and after"
import json, sys
since, runs = (json.load(open(p)) for p in sys.argv[1:3])
assert since["older"]["source"] != since["newer"]["source"], since["older"]
assert len(since["new"]) == len(runs["new"]) and len(since["gone"]) == len(runs["gone"]), (since["new"], runs["new"])
EOF
"$CAMSWEEP" diff --db "$db" nosuchrun latest 2>"$tmp/err"
[ $? -eq 2 ] && grep -F "no run 'nosuchrun'" "$tmp/err" >/dev/null && pass || fail "unknown run: $(cat "$tmp/err")"

# rejudge: the same database and date change nothing; in 2019 Lorex was still a Dahua
# subsidiary, so the sample's Lorex recorder changes its chain.
same=$("$CAMSWEEP" rejudge --db "$db" latest~1 --audit-date 2026-11-23 -f json -q)
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert not d["changed"] and not d["new"] and not d["gone"], d' "$same" \
  && pass || fail "rejudge with the same database changed something"
then=$("$CAMSWEEP" rejudge --db "$db" latest~1 --audit-date 2019-06-01 -f json -q)
python3 - "$then" <<'EOF' && pass || fail "rejudge in 2019: $then"
import json, sys
d = json.loads(sys.argv[1])
chains = [c for dev in d["changed"] for c in dev["changes"] if c.get("field") == "chain"]
assert any("subsidiary_of" in json.dumps(c) for c in chains), d["changed"]
EOF
[ "$("$CAMSWEEP" history --db "$db" -f json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["runs"]))')" = 3 ] \
  && pass || fail "rejudge stored a run"
# Reading a history never makes one: a mistyped path stays missing.
"$CAMSWEEP" history --db "$tmp/audit.db" 2>"$tmp/err"
[ $? -eq 7 ] && [ ! -e "$tmp/audit.db" ] && grep -F "no history database here" "$tmp/err" >/dev/null && pass ||
  fail "history on a missing file: $(cat "$tmp/err")"
"$CAMSWEEP" diff --db "$db" --since 2999-01-01 --sensor annex 2>"$tmp/err"
[ $? -eq 2 ] && grep -F "nothing to compare" "$tmp/err" >/dev/null && pass || fail "--since with one run: $(cat "$tmp/err")"

# Problems: one line each, exit 7, and the report is still written.
echo '{"not": "a database"}' >"$tmp/notadb.db"
"$CAMSWEEP" analyze pcaps/sample-lan.pcap -q -f json -o "$tmp/kept.json" --db "$tmp/notadb.db" 2>"$tmp/err"
code=$?
[ $code -eq 7 ] && [ -s "$tmp/kept.json" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
  grep -F "notadb.db: history database: file is not a database" "$tmp/err" >/dev/null && pass ||
  fail "not a database: exit $code: $(cat "$tmp/err")"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("INSERT INTO camsweep_schema VALUES (99, \"later\")"); c.commit()' "$db"
"$CAMSWEEP" analyze pcaps/sample-lan.pcap -q -f json -o "$tmp/kept2.json" --db "$db" 2>"$tmp/err"
code=$?
[ $code -eq 7 ] && [ -s "$tmp/kept2.json" ] && grep -F "schema version 99, newer than this camsweep" "$tmp/err" >/dev/null && pass ||
  fail "newer schema: exit $code: $(cat "$tmp/err")"
"$CAMSWEEP" analyze pcaps/sample-lan.pcap -q -f csv -o "$tmp/kept3.csv" --db "$tmp/nosuchdir/h.db" 2>"$tmp/err"
[ $? -eq 7 ] && [ -s "$tmp/kept3.csv" ] && grep -F "cannot open the history database" "$tmp/err" >/dev/null && pass ||
  fail "missing directory: $(cat "$tmp/err")"

finish_tally history
