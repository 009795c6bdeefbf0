# Sourced by the end-to-end scripts: they run from the source tree and keep their files in a
# scratch directory, $tmp, removed when the script exits.
cd "$CAMSWEEP_SOURCE_DIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
