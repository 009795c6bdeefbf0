# Debian packages camsweep needs to build and test (docs/dependencies.md).
# Sourced by tools/run-sample and tools/run-tests; installs only what is missing, quietly.
# What building needs (tools/run-sample installs only these; GoogleTest because configuring the
# tree finds it), then what the test suite adds (tools/run-tests).
CAMSWEEP_BUILD_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libpcap-dev zlib1g-dev libyaml-cpp-dev libre2-dev nlohmann-json3-dev libcli11-dev libpugixml-dev
  libupnp-dev libboost1.81-dev libssl-dev
  libsqlite3-dev libpq-dev
  libgtest-dev
)
CAMSWEEP_DEBIAN_PACKAGES=(
  "${CAMSWEEP_BUILD_PACKAGES[@]}"
  python3 python3-yaml
  iproute2 bsdutils
  python3-jsonschema
  # the install test (tests/install): the Debian package (cpack: dpkg-shlibdeps, file), man pages
  dpkg-dev file groff-base man-db
  # the fleet test (tests/history/postgres.sh) starts a throw-away cluster of its own
  postgresql
  chromium
  clang-14 libclang-rt-14-dev
  # the namespace lab's real peers (tools/lab, docs/lab.md)
  minidlna wsdd avahi-daemon openssl python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good
)

# camsweep_install_deps [--build-only]: the build's packages only, or everything the tests use.
camsweep_install_deps() {
  local missing=() packages=("${CAMSWEEP_DEBIAN_PACKAGES[@]}")
  [ "${1:-}" = "--build-only" ] && packages=("${CAMSWEEP_BUILD_PACKAGES[@]}")
  for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  # Node.js drives the browser test; a machine may already have its own node and npm (e.g. from
  # another packager), which Debian's npm package would conflict with.
  if [ "${1:-}" != "--build-only" ]; then
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "camsweep: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  # The lab's peers (avahi, minidlna) are services: they must never start on this machine's own
  # network, only inside the lab's namespaces. A policy that denies every service start, for the
  # install only, unless the machine already has one.
  local policy=/usr/sbin/policy-rc.d own_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && own_policy=1
  fi
  # Installing postgresql would create and start a default cluster on TCP port 5432; the tests
  # make their own, on a Unix socket in a temporary directory.
  if [[ " ${missing[*]} " == *" postgresql "* ]] && ! grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf; then
    $sudo mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | $sudo tee -a /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  local status=0
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
  [ -n "$own_policy" ] && $sudo rm -f "$policy"
  return $status
}

# Configure (once) and build into DIR with Ninja. Arguments before "--target" go to cmake's
# configure step, the ones after it name the targets to build (default: all).
camsweep_build() {
  local dir="$1"; shift
  local configure=() targets=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--target" ]; then shift; targets=("$@"); break; fi
    configure+=("$1"); shift
  done
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${configure[@]}" >/dev/null
  fi
  local target_args=()
  [ ${#targets[@]} -gt 0 ] && target_args=(--target "${targets[@]}")
  if ! cmake --build "$dir" "${target_args[@]}" --parallel "$(nproc)" >"$dir/build.log" 2>&1; then
    cat "$dir/build.log" >&2
    echo "camsweep: build failed (log: $dir/build.log)" >&2
    return 1
  fi
}

# npm packages the tests use (playwright-core, the CycloneDX schemas), from their lock files.
camsweep_install_node_modules() {
  local dir
  for dir in "$@"; do
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
      npm ci --no-audit --no-fund --loglevel=error --prefix "$dir" >/dev/null
      touch "$dir/node_modules"
    fi
  done
}
