# Debian packages camsweep needs to build and test (docs/dependencies.md).
# Sourced by tools/run-sample and tools/run-tests; installs only what is missing, quietly.
CAMSWEEP_DEBIAN_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libpcap-dev zlib1g-dev libyaml-cpp-dev libre2-dev nlohmann-json3-dev libcli11-dev libpugixml-dev
  libgtest-dev
  python3 python3-yaml
  iproute2 bsdutils
)

camsweep_install_deps() {
  local missing=()
  for pkg in "${CAMSWEEP_DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "camsweep: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Configure (once) and build into build/ with Ninja. Extra arguments go to cmake.
camsweep_build() {
  local dir="$1"; shift
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  fi
  if ! cmake --build "$dir" --parallel "$(nproc)" >"$dir/build.log" 2>&1; then
    cat "$dir/build.log" >&2
    echo "camsweep: build failed (log: $dir/build.log)" >&2
    return 1
  fi
}
