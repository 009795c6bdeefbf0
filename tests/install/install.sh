#!/usr/bin/env bash
# Installation as a user gets it (docs/install.md): the man pages and the bash completion match
# the program; `cmake --install` gives a tree that still works after it is moved (the binary
# finds its signatures relative to itself); the Debian package holds the same tree and declares
# its library dependencies; on CI (root, throw-away machine) `apt install ./camsweep_*.deb`
# installs it for real and it is removed again.
set -euo pipefail
: "${CAMSWEEP:?}" "${CAMSWEEP_SOURCE_DIR:?}" "${CAMSWEEP_BUILD_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
sample="$CAMSWEEP_SOURCE_DIR/pcaps/sample-lan.pcap"
commands=(analyze sniff scan survey diff history rejudge observations protocols signatures)

# --- man pages: one per command, clean roff, every option of --help documented
for page in camsweep "${commands[@]/#/camsweep-}"; do
  file="$CAMSWEEP_BUILD_DIR/man/$page.1"
  [[ -s "$file" ]] || fail "no man page $page.1"
  warnings=$(groff -man -k -ww -z -Tutf8 "$file" 2>&1) || true
  [[ -z "$warnings" ]] || fail "$page.1: groff warns: $warnings"
done
for command in analyze sniff scan diff history rejudge observations; do
  rendered=$(MANWIDTH=200 man -l "$CAMSWEEP_BUILD_DIR/man/camsweep-$command.1" 2>/dev/null)
  for option in $("$CAMSWEEP" "$command" --help | grep -E '^ +-' | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    grep -F -- "$option" <<<"$rendered" >/dev/null || fail "camsweep-$command.1 does not document $option"
  done
done

# --- bash completion, sourced as bash-completion would
complete_line() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _camsweep; echo "${COMPREPLY[*]}"' \
    _ "$CAMSWEEP_BUILD_DIR/completion/camsweep" "$@"
}
[[ "$(complete_line camsweep an)" == "analyze" ]] || fail "completion: 'camsweep an' should give analyze"
[[ "$(complete_line camsweep analyze --fo)" == "--format" ]] || fail "completion: --fo"
[[ "$(complete_line camsweep analyze -f c)" == "csv cyclonedx" ]] || fail "completion: -f c gave '$(complete_line camsweep analyze -f c)'"
[[ "$(complete_line camsweep signatures b)" == "brands" ]] || fail "completion: signatures b"
[[ "$(complete_line camsweep diff --fail-on new-)" == "new-covered new-likely-covered" ]] || fail "completion: diff --fail-on"
(cd "$CAMSWEEP_SOURCE_DIR/pcaps" && [[ "$(complete_line camsweep analyze sample-lan.pc)" == "sample-lan.pcap" ]]) ||
  fail "completion: capture file names"

# --- cmake --install, then the tree moved elsewhere
cmake --install "$CAMSWEEP_BUILD_DIR" --prefix "$work/prefix" >/dev/null
mv "$work/prefix" "$work/moved"
for f in bin/camsweep share/camsweep/signatures/vendors.yaml share/camsweep/signatures/listings.yaml \
         share/man/man1/camsweep-analyze.1 share/bash-completion/completions/camsweep share/doc/camsweep/README.md; do
  [[ -e "$work/moved/$f" ]] || fail "cmake --install did not install $f"
done
version=$(env -u CAMSWEEP_SIGNATURES "$work/moved/bin/camsweep" --version)
grep -F "signatures: $work/moved/share/camsweep/signatures" <<<"$version" >/dev/null ||
  fail "the moved install does not find its own signatures: $version"
devices=$(env -u CAMSWEEP_SIGNATURES "$work/moved/bin/camsweep" analyze -q -f csv "$sample" | tail -n +2 | wc -l)
[[ "$devices" -ge 10 ]] || fail "the moved install found $devices devices in the sample"
# CAMSWEEP_SIGNATURES, then --signatures, take precedence
mkdir "$work/empty"
out=$(CAMSWEEP_SIGNATURES="$work/empty" "$work/moved/bin/camsweep" --version 2>&1) || true
grep -F "$work/empty" <<<"$out" >/dev/null || fail "CAMSWEEP_SIGNATURES is not used: $out"
out=$(CAMSWEEP_SIGNATURES="$work/empty" "$work/moved/bin/camsweep" --version --signatures "$CAMSWEEP_SOURCE_DIR/signatures")
grep -F "signatures: $CAMSWEEP_SOURCE_DIR/signatures" <<<"$out" >/dev/null || fail "--signatures does not win: $out"

# --- the Debian package
(cd "$CAMSWEEP_BUILD_DIR" && cpack -G DEB -B "$work/deb" >/dev/null) || fail "cpack -G DEB failed"
deb=$(ls "$work"/deb/camsweep_*_*.deb)
info=$(dpkg-deb -I "$deb")
for dependency in libpcap0.8 libyaml-cpp0.7 libre2-9 libixml10 libssl3 libpugixml1v5; do
  grep -E "^ Depends:.*\\b$dependency\\b" <<<"$info" >/dev/null || fail "the package does not depend on $dependency: $info"
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/camsweep ./usr/share/camsweep/signatures/vendors.yaml ./usr/share/man/man1/camsweep-scan.1 \
         ./usr/share/bash-completion/completions/camsweep ./usr/share/doc/camsweep/copyright; do
  grep -F " $f" <<<"$contents" >/dev/null || fail "the package lacks $f"
done
if grep -E 'camsweep-(pcapgen|recognition|docgen|lab)|unit_tests' <<<"$contents" >/dev/null; then
  fail "the package carries a test or build tool"
fi
dpkg-deb -x "$deb" "$work/extracted"
env -u CAMSWEEP_SIGNATURES "$work/extracted/usr/bin/camsweep" signatures lint -q >/dev/null || fail "the packaged database does not lint"

# apt install on the machine itself: only where the machine is throw-away (CI) and we are root.
if [[ "${CI:-}" == "true" && $(id -u) -eq 0 ]]; then
  if dpkg -s camsweep >/dev/null 2>&1; then
    echo "note: camsweep is already installed here; apt install not repeated" >&2
  else
    cp "$deb" "$work/camsweep.deb"
    apt-get install -y -q "$work/camsweep.deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt install ./camsweep_*.deb"; }
    trap 'apt-get remove -y -q camsweep >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
    env -u CAMSWEEP_SIGNATURES /usr/bin/camsweep --version | grep -F "signatures: /usr/share/camsweep/signatures" >/dev/null ||
      fail "the installed camsweep does not find /usr/share/camsweep/signatures"
    env -u CAMSWEEP_SIGNATURES /usr/bin/camsweep analyze -q -f json "$sample" >/dev/null || fail "the installed camsweep cannot analyze the sample"
    man -w camsweep-analyze >/dev/null || fail "man camsweep-analyze is not found after apt install"
  fi
else
  echo "note: apt install ./camsweep_*.deb is tried on CI only (CI=true, root): this machine keeps its packages" >&2
fi
echo "install: man pages, completion, relocatable install and Debian package checked"
