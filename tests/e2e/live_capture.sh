# Live capture: inside two network namespaces this test creates (and removes), the sample
# capture's frames are sent over a veth pair while `camsweep sniff` listens on the other end;
# once with --duration, once stopped by SIGINT. Nothing leaves the namespaces.
set -uo pipefail
cd "$CAMSWEEP_SOURCE_DIR"
if [ "$(id -u)" -ne 0 ]; then echo "FAIL: the live-capture test needs root (network namespaces)"; exit 1; fi
tag="cs$$"
tmp=$(mktemp -d)
cleanup() {
  ip netns del "${tag}a" 2>/dev/null
  ip netns del "${tag}b" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "${tag}a" && ip netns add "${tag}b" || { echo "FAIL: cannot create network namespaces"; exit 1; }
ip link add "${tag}va" netns "${tag}a" type veth peer name "${tag}vb" netns "${tag}b" || { echo "FAIL: cannot create veth pair"; exit 1; }
ip -n "${tag}a" link set "${tag}va" up
ip -n "${tag}b" link set "${tag}vb" up
failures=0
passes=0

wait_listening() {  # until sniff has said it is capturing
  for _ in $(seq 50); do grep -q 'capturing on' "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

check_inventory() {  # name csv
  if grep -q ',covered,.*,Hikvision,.*,DS-2CD2385G1-I,' "$2" && grep -q ',not-covered,.*,Axis,' "$2" &&
     grep -q ',likely-covered,.*,Lorex,' "$2"; then
    passes=$((passes + 1))
  else
    echo "FAIL: $1: inventory incomplete:"; sed 's/^/    /' "$2"; failures=$((failures + 1))
  fi
}

# 1. --duration ends the capture by itself.
ip netns exec "${tag}b" "$CAMSWEEP" sniff -i "${tag}vb" --duration 4 --audit-date 2026-11-23 -f csv \
  -o "$tmp/duration.csv" 2>"$tmp/duration.err" &
sniffer=$!
wait_listening "$tmp/duration.err" || { echo "FAIL: sniff did not start"; cat "$tmp/duration.err"; exit 1; }
ip netns exec "${tag}a" "$CAMSWEEP_PCAPGEN" replay -i "${tag}va" pcaps/sample-lan.pcap 2>/dev/null
wait $sniffer
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: sniff --duration exit $rc"; cat "$tmp/duration.err"; failures=$((failures + 1)); }
check_inventory "--duration" "$tmp/duration.csv"
if grep -q 'new device' "$tmp/duration.err"; then passes=$((passes + 1)); else
  echo "FAIL: no 'new device' updates while capturing"; failures=$((failures + 1)); fi

# 1b. -w keeps the packets (the auditor's evidence): the file analyze reads back gives the same
#     inventory; -D lists the interfaces with the namespace's veth among them.
ip netns exec "${tag}b" "$CAMSWEEP" sniff -i "${tag}vb" --duration 4 --audit-date 2026-11-23 -q -f csv \
  -o "$tmp/kept-live.csv" -w "$tmp/kept.pcap" 2>"$tmp/kept.err" &
sniffer=$!
sleep 1
ip netns exec "${tag}a" "$CAMSWEEP_PCAPGEN" replay -i "${tag}va" pcaps/sample-lan.pcap 2>/dev/null
wait $sniffer || { echo "FAIL: sniff -w exit $?"; cat "$tmp/kept.err"; failures=$((failures + 1)); }
"$CAMSWEEP" analyze "$tmp/kept.pcap" --audit-date 2026-11-23 -f csv -o "$tmp/kept.csv" 2>"$tmp/kept-analyze.err"
check_inventory "sniff -w, read back" "$tmp/kept.csv"
if [ "$(cut -d, -f2 "$tmp/kept.csv" | sort | uniq -c)" = "$(cut -d, -f2 "$tmp/kept-live.csv" | sort | uniq -c)" ]; then passes=$((passes + 1)); else
  echo "FAIL: the kept capture judges differently from the live run"; failures=$((failures + 1)); fi
if ip netns exec "${tag}b" "$CAMSWEEP" sniff -D | grep "^[0-9]*\.${tag}vb \[Up" >/dev/null; then passes=$((passes + 1)); else
  echo "FAIL: sniff -D does not list ${tag}vb:"; ip netns exec "${tag}b" "$CAMSWEEP" sniff -D | sed 's/^/    /'; failures=$((failures + 1)); fi
ip netns exec "${tag}b" "$CAMSWEEP" sniff --duration 1 >/dev/null 2>"$tmp/noif.err"
rc=$?
if [ $rc -eq 2 ] && grep -q "sniff needs -i IFACE" "$tmp/noif.err"; then passes=$((passes + 1)); else
  echo "FAIL: sniff without -i: exit $rc"; cat "$tmp/noif.err"; failures=$((failures + 1)); fi

# 2. SIGINT and SIGTERM write the final inventory (nothing lost).
for sig in INT TERM; do
  ip netns exec "${tag}b" "$CAMSWEEP" sniff -i "${tag}vb" --filter udp --audit-date 2026-11-23 -f csv \
    -o "$tmp/sig$sig.csv" 2>"$tmp/sig$sig.err" &
  sniffer=$!
  wait_listening "$tmp/sig$sig.err" || { echo "FAIL: sniff did not start"; cat "$tmp/sig$sig.err"; exit 1; }
  ip netns exec "${tag}a" "$CAMSWEEP_PCAPGEN" replay -i "${tag}va" pcaps/sample-lan.pcap 2>/dev/null
  sleep 1
  kill -$sig $sniffer
  wait $sniffer
  rc=$?
  [ $rc -eq 0 ] || { echo "FAIL: sniff after SIG$sig exit $rc"; cat "$tmp/sig$sig.err"; failures=$((failures + 1)); }
  check_inventory "SIG$sig" "$tmp/sig$sig.csv"
done
cp "$tmp/sigINT.csv" "$tmp/sigint.csv"
# The BPF filter kept ARP out: no device lists arp among its protocols.
if grep -qE ',([a-z0-9]+ \| )*arp( \||$)' "$tmp/sigint.csv"; then echo "FAIL: --filter udp let ARP through"; failures=$((failures + 1)); else passes=$((passes + 1)); fi

# 3. --duration ends the capture on an interface where nothing arrives (no frame ever wakes the
#    read): within a few seconds, not at the test's timeout.
timeout 15 ip netns exec "${tag}b" "$CAMSWEEP" sniff -i "${tag}vb" --duration 1 -q -f csv -o "$tmp/quiet.csv" 2>"$tmp/quiet.err"
rc=$?
if [ $rc -eq 0 ]; then passes=$((passes + 1)); else
  echo "FAIL: sniff --duration 1 on a quiet interface: exit $rc (124: still waiting after 15 s)"; cat "$tmp/quiet.err"
  failures=$((failures + 1)); fi

# 4. A bad interface or filter is one clear line and a non-zero exit.
ip netns exec "${tag}b" "$CAMSWEEP" sniff -i nosuch0 --duration 1 >/dev/null 2>"$tmp/bad.err"
rc=$?
if [ $rc -ne 1 ] || ! grep -q '^camsweep: nosuch0: ' "$tmp/bad.err"; then echo "FAIL: bad interface: exit $rc"; cat "$tmp/bad.err"; failures=$((failures + 1)); else passes=$((passes + 1)); fi
ip netns exec "${tag}b" "$CAMSWEEP" sniff -i "${tag}vb" --filter 'udp and and' --duration 1 >/dev/null 2>"$tmp/badf.err"
rc=$?
if [ $rc -ne 1 ] || ! grep -q "^camsweep: filter 'udp and and': " "$tmp/badf.err"; then echo "FAIL: bad filter: exit $rc"; cat "$tmp/badf.err"; failures=$((failures + 1)); else passes=$((passes + 1)); fi

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
