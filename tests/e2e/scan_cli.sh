# `camsweep scan` command line, with nothing sent: refusals (exit 2, one line naming the target),
# the host cap, target files and exclusions, --dry-run listing the hosts and the probes.
set -uo pipefail
source "$(dirname "$0")/lib/scratch.sh"
source "$(dirname "$0")/lib/tally.sh"

refuses() {  # refuses PATTERN ARGS...: exit 2 and one stderr line matching PATTERN
    local pattern=$1; shift
    "$CAMSWEEP" scan "$@" >"$tmp/out" 2>"$tmp/err"
    local code=$?
    if [ "$code" -ne 2 ]; then fail "scan $* exited $code, not 2"; return; fi
    if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q -- "$pattern" "$tmp/err"; then fail "scan $*: $(cat "$tmp/err")"; return; fi
    if [ -s "$tmp/out" ]; then fail "scan $* wrote a report"; return; fi
    pass
}
refuses "whole address space" 0.0.0.0/0
refuses "whole address space" ::/0
refuses "multicast" 239.255.255.250
refuses "broadcast" 255.255.255.255
refuses "not resolved" camera.example
refuses "over the cap" 10.0.0.0/8
refuses "no targets" --dry-run
refuses "ports" 127.0.0.1 --ports 0
refuses "no host" 127.0.0.1 --exclude 127.0.0.0/8

printf '# cameras\n127.0.0.1-5\n127.0.1.0/30\n' >"$tmp/targets"
printf '127.0.0.3\n' >"$tmp/exclude"
if "$CAMSWEEP" scan -iL "$tmp/targets" --excludefile "$tmp/exclude" --exclude 127.0.1.2 --dry-run >"$tmp/plan" 2>"$tmp/err"; then
    hosts=$(grep -v '^#' "$tmp/plan" | tr '\n' ' ')
    if [ "$hosts" = "127.0.0.1 127.0.0.2 127.0.0.4 127.0.0.5 127.0.1.1 " ]; then pass; else fail "dry-run hosts: $hosts"; fi
    if grep -q '^#   udp/37020  sadp' "$tmp/plan" && grep -q '^#   tcp/554  RTSP OPTIONS' "$tmp/plan"; then pass; else fail "dry-run probes: $(cat "$tmp/plan")"; fi
    if grep -q 'nothing was sent' "$tmp/plan"; then pass; else fail "dry-run does not say nothing was sent"; fi
else
    fail "dry-run exited $?: $(cat "$tmp/err")"
fi
first=$("$CAMSWEEP" scan 10.0.0.0/8 --max-hosts 20000000 --dry-run 2>/dev/null | head -1 || true)  # head closes the pipe early
case "$first" in *"16777214 host"*) pass ;; *) fail "--max-hosts does not raise the cap: $first" ;; esac
scan_help=$("$CAMSWEEP" scan --help)  # whole, then searched: grep -q closing a pipe early is a SIGPIPE under pipefail
if grep -- '--dry-run' <<<"$scan_help" >/dev/null; then pass; else fail "scan --help"; fi

finish_tally scan_cli
