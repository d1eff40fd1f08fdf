#!/usr/bin/env bash
# Installs the Debian packages the integration and end-to-end tiers need:
# chromium (driven headless by playwright-core; Playwright must never download a
# browser) and ripgrep (code-server's search, in place of @vscode/ripgrep's download).
# Does nothing when both are present. Needs root (or sudo) to install. Recommended
# packages stay on: they bring the fonts (fonts-liberation) that screenshots need.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "ci-apt: chromium and ripgrep already installed" >&2
  exit 0
fi

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "ci-apt: ERROR: need root to install ${missing[*]}" >&2
    exit 1
  fi
fi

echo "ci-apt: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq "${missing[@]}"
