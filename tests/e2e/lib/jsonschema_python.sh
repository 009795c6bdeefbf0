# Sourced by the scripts that validate against a JSON schema: sets $python to a python3 with the
# jsonschema module, Debian's first (python3-jsonschema installs there), then whatever python3 is
# on PATH; without one the script fails.
python=""
for candidate in /usr/bin/python3 python3; do
  if "$candidate" -c 'import jsonschema' 2>/dev/null; then python=$candidate; break; fi
done
[ -n "$python" ] || { echo "FAIL: no python3 with the jsonschema module (apt-get install python3-jsonschema)"; echo "0 passed, 1 failed"; exit 1; }
