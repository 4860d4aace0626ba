#!/usr/bin/env bash
# Installs what dramatis needs to build, run and test, from Debian packages.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libespeak-ng-dev libopus-dev libogg-dev libopusenc-dev
  libsndfile1-dev libinih-dev libutf8proc-dev libebur128-dev libspeexdsp-dev
  # the EPUB, HTML and Markdown importers
  libzip-dev libxml2-dev libcmark-dev
  # the importers' libFuzzer targets (scripts/fuzz.sh)
  clang libclang-rt-14-dev
  libavformat-dev libavcodec-dev libavutil-dev
  # used by the tests and benchmarks to check what dramatis writes
  opus-tools ffmpeg sox espeak-ng python3 time
  # scripts/voicemeter.py (voice table, bench-voices.sh)
  python3-numpy
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
