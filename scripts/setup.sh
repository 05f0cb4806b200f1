#!/usr/bin/env bash
# Installs what ctl needs from Debian's packages (only what is missing) and builds it.
# Works as root, or as a user with sudo. Usage: scripts/setup.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git ccache
  clang libclang-rt-14-dev llvm
  postgresql postgresql-contrib libpq-dev
  libcli11-dev nlohmann-json3-dev doctest-dev libfmt-dev libsodium-dev libtomlplusplus-dev
  libcurl4-openssl-dev libssl-dev openssl libcpp-httplib-dev libhpdf-dev
  hyperfine jq time poppler-utils fonts-dejavu-core
  zsh fish man-db bash-completion
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "setup: installing ${missing[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

[ "${1:-}" = "--no-build" ] && exit 0

# ccache keys on paths relative to the checkout, so a fresh clone reuses what another built.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
build_dir="${CTL_BUILD_DIR:-build}"
werror=OFF
[ -n "${CI:-}" ] && werror=ON
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCTL_WERROR="$werror" >&2
cmake --build "$build_dir" -j "$(nproc)" >&2
