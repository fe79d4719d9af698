#!/usr/bin/env bash
# The Debian packages the test suite needs beyond Python and npm: Chromium (browser
# tests) and HAProxy (the test of two Rasa replicas). Installed with apt when missing
# and possible (root, or password-less sudo); otherwise a clear message and exit 1.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo -n); else sudo=(none); fi
if ! command -v apt-get >/dev/null 2>&1 || [ "${sudo[*]}" = none ]; then
  echo "The tests need these Debian packages: ${missing[*]}." >&2
  echo "Install them (e.g. 'sudo apt-get install ${missing[*]}') and run 'make test' again." >&2
  exit 1
fi
echo ">> installing ${missing[*]} with apt (needed by the browser and replica tests)"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
