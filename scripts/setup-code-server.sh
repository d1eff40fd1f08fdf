#!/usr/bin/env bash
# Installs code-server (a real VS Code 1.100.3 with a Node extension host) into
# .vscode-test/code-server for the integration and end-to-end tiers.
#
# Why code-server and not @vscode/test-electron: these machines reach only the npm
# registry and Debian, and test-electron downloads VS Code from Microsoft.
# 4.100.3 is the last code-server line that runs on Node 20.
# Recipe and reasoning: ../shared/notes/real-vscode.md.
#
# Idempotent: a finished install leaves a stamp file; a half-finished one is wiped
# and redone. Needs `rg` on PATH (Debian's ripgrep, see scripts/ci-apt.sh), because
# @vscode/ripgrep's own install step downloads from GitHub.
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${CODE_SERVER_DIR:-$ROOT/.vscode-test/code-server}"
STAMP="$DEST/.installed-$VERSION"
ENTRY="$DEST/node_modules/code-server/out/node/entry.js"
NPM_FLAGS=(--ignore-scripts --no-audit --no-fund --loglevel=error)

log() { echo "setup-code-server: $*" >&2; }

if [[ -f "$STAMP" && -f "$ENTRY" ]]; then
  log "code-server $VERSION already installed in $DEST"
  exit 0
fi

RG="$(command -v rg || true)"
if [[ -z "$RG" ]]; then
  log "ERROR: ripgrep (rg) is not on PATH; install it first (apt-get install -y ripgrep, or scripts/ci-apt.sh)"
  exit 1
fi

start=$(date +%s)
log "installing code-server $VERSION into $DEST (about 35 s, ~320 MB)"
rm -rf "$DEST"
mkdir -p "$DEST"
cd "$DEST"
echo '{"private":true}' > package.json

# --ignore-scripts: code-server's post-install refuses to run as root, then fails on
# ripgrep's download and on kerberos (needs libkrb5-dev, not needed at run time).
npm install "${NPM_FLAGS[@]}" "code-server@$VERSION"
npm rebuild argon2 --loglevel=error

cd node_modules/code-server/lib/vscode
npm install --omit=dev "${NPM_FLAGS[@]}"
npm rebuild @vscode/spdlog native-watchdog --loglevel=error
# node-pty's post-step (an npx node-gyp call) fails harmlessly once the addon itself
# is built, so its noise goes to a log that is shown only if the addon is missing.
if ! npm rebuild node-pty --loglevel=error >"$DEST/node-pty-rebuild.log" 2>&1; then
  if [[ ! -f node_modules/node-pty/build/Release/pty.node ]]; then
    cat "$DEST/node-pty-rebuild.log" >&2
    log "ERROR: node-pty did not build"
    exit 1
  fi
fi

mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$RG" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
ln -sf code-linux.sh bin/remote-cli/code-server
ln -sf browser-linux.sh bin/helpers/browser.sh

cd extensions
npm install --omit=dev "${NPM_FLAGS[@]}"

# Smoke check: the server entry runs and reports its version.
node "$ENTRY" --version >/dev/null

touch "$STAMP"
log "done in $(( $(date +%s) - start )) s"
