// Shared plumbing for the tiers that run Skill Radar inside a real VS Code:
// code-server (VS Code 1.100.3, Node extension host) driven by Debian's headless Chromium
// through playwright-core. See ../shared/notes/real-vscode.md for why this route.
//
// Everything started here (code-server, Chromium) is tracked and torn down by
// `cleanup()`, which also runs on exit and on SIGINT/SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_DIR = process.env.CODE_SERVER_DIR || path.join(ROOT, '.vscode-test', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.SKILL_RADAR_CHROMIUM || '/usr/bin/chromium';
export const VSIX = path.join(ROOT, 'dist', 'skill-radar.vsix');
export const RESULTS_DIR = path.join(ROOT, 'test-results');

// The flags the machine notes prescribe: without the background-networking ones Chromium
// keeps dialling Google on a closed network.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

/** User settings that keep the workbench quiet and deterministic for a test. */
export const TEST_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.hover.delay': 300,
  'editor.minimap.enabled': false,
  // Sticky headers duplicate tree rows in the DOM and hide the row under them.
  'workbench.tree.enableStickyScroll': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

const started = new Set(); // { kill(): void } handles
let cleaningUp = false;

export function log(tag, ...args) {
  console.log(`[${tag} ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

/** Why the real-VS Code tiers cannot run here, or null when they can. */
export function missingPrerequisite({ autoSetup = true } = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    return `${CHROMIUM} not found (install Debian's chromium: scripts/ci-apt.sh, as root)`;
  }
  if (!fs.existsSync(CODE_SERVER_ENTRY) && autoSetup && process.env.SKILL_RADAR_NO_SETUP !== '1') {
    // The setup script is idempotent and needs only the npm registry and `rg`.
    log('setup', 'code-server is not installed; running scripts/setup-code-server.sh');
    const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'setup-code-server.sh')], { stdio: 'inherit' });
    if (r.status !== 0) return 'scripts/setup-code-server.sh failed (see its output above)';
  }
  if (!fs.existsSync(CODE_SERVER_ENTRY)) {
    return `code-server not installed at ${CODE_SERVER_DIR} (run scripts/setup-code-server.sh)`;
  }
  return null;
}

/** Prints a skip line nobody can miss; returns the exit code to use. */
export function reportSkip(tier, reason) {
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\n!!! ${tier.toUpperCase()} SKIPPED: ${reason}\n${bar}`);
  console.log(`${tier}: SKIPPED (${reason})`);
  if (process.env.SKILL_RADAR_ALLOW_E2E_SKIP === '1') {
    console.error(`!!! SKILL_RADAR_ALLOW_E2E_SKIP=1 is set, so this skip does not fail the run.\n`);
    return 0;
  }
  console.error(`!!! Failing because the ${tier} tier did not run (set SKILL_RADAR_ALLOW_E2E_SKIP=1 to allow).\n`);
  return 1;
}

export function vsceBin() {
  return path.join(ROOT, 'node_modules', '.bin', 'vsce');
}

/**
 * Runs `vsce package` in `cwd`. stdin is closed so that any yes/no prompt of vsce
 * answers "no" and fails instead of hanging the run.
 */
export function vscePackage(cwd, out, extraArgs = []) {
  const args = ['package', '--no-dependencies', '-o', out, ...extraArgs];
  const r = spawnSync(vsceBin(), args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`vsce ${args.join(' ')} failed in ${cwd} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return out;
}

/**
 * The Skill Radar vsix, packaged when missing or older than the bundle or the manifest.
 * Building the bundle is not done here: `node esbuild.js --production` comes first.
 */
export function ensureExtensionVsix() {
  const bundle = path.join(ROOT, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run \`node esbuild.js --production\` first`);
  }
  const newestInput = Math.max(
    fs.statSync(bundle).mtimeMs,
    fs.statSync(path.join(ROOT, 'package.json')).mtimeMs,
  );
  if (fs.existsSync(VSIX) && fs.statSync(VSIX).mtimeMs >= newestInput) {
    log('vsix', `up to date: ${path.relative(ROOT, VSIX)}`);
    return VSIX;
  }
  log('vsix', 'packaging with vsce');
  // Relative README links need a repository URL to be rewritten; a test package does not
  // care, and without the flag vsce refuses to package until package.json names a host.
  vscePackage(ROOT, VSIX, ['--no-rewrite-relative-links']);
  return VSIX;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** An error that `waitFor` passes straight through instead of retrying. */
export class FatalError extends Error {}

/** Polls `fn` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor(what, fn, { timeoutMs = 30000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      if (e instanceof FatalError) throw e;
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}` +
        (lastError ? ` (last error: ${lastError.message})` : ''));
    }
    await sleep(intervalMs);
  }
}

/** A fresh user-data-dir and extensions dir under the OS temp folder. */
export function makeProfile(prefix, extraSettings = {}) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const dataDir = path.join(base, 'data');
  const extDir = path.join(base, 'extensions');
  fs.mkdirSync(path.join(dataDir, 'User'), { recursive: true });
  fs.mkdirSync(extDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'User', 'settings.json'),
    JSON.stringify({ ...TEST_SETTINGS, ...extraSettings }, null, 2));
  return { base, dataDir, extDir, configFile: path.join(base, 'config.yaml') };
}

/**
 * Installs vsix files. A copied, unpacked folder is not picked up: VS Code keeps an
 * index of installed extensions (extensions.json) that only an install updates.
 */
export function installExtensions(profile, vsixPaths) {
  const args = [CODE_SERVER_ENTRY, '--config', profile.configFile,
    '--extensions-dir', profile.extDir, '--user-data-dir', profile.dataDir];
  for (const v of vsixPaths) args.push('--install-extension', v);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120000 });
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0 || /Failed Installing/i.test(out)) {
    throw new Error(`installing ${vsixPaths.join(', ')} failed (exit ${r.status}):\n${out}`);
  }
  log('install', out.trim().split('\n').filter((l) => /install/i.test(l)).join(' | '));
}

/**
 * Starts code-server on a free loopback port with `folder` (or a `.code-workspace` file,
 * `workspace`) to open. Its output goes to `logFile`. Resolves once it answers HTTP.
 */
export async function startCodeServer(profile, { folder, workspace, env = {}, logFile }) {
  const target = workspace || folder;
  const query = workspace ? `workspace=${encodeURIComponent(workspace)}` : `folder=${encodeURIComponent(folder)}`;
  const port = await freePort();
  const args = [CODE_SERVER_ENTRY, '--config', profile.configFile, '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', profile.dataDir,
    '--extensions-dir', profile.extDir, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', target];
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  // detached: a process group of its own, so the extension host and its helpers are
  // killed together with the server.
  const child = spawn(process.execPath, args, {
    cwd: path.dirname(target), env: { ...process.env, ...env }, stdio: ['ignore', out, out], detached: true,
  });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const handle = {
    child, port, logFile, url: `http://127.0.0.1:${port}/?${query}`,
    kill: () => killGroup(child),
  };
  started.add(handle);
  await waitFor('code-server to answer HTTP', async () => {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}); see ${logFile}`);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    return res && res.ok;
  }, { timeoutMs: 60000, intervalMs: 300 }).catch((e) => {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${tail(logFile)}`);
    throw e;
  });
  return handle;
}

function killGroup(child) {
  // Even when the server itself has exited, its extension host may live on in the group.
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  // SIGKILL whatever ignores SIGTERM; synchronous so it also works from an exit handler.
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return; // group gone
    }
    spawnSync('sleep', ['0.1']);
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch { /* already gone */ }
}

/** Launches Debian's Chromium through playwright-core (never a downloaded browser). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  started.add({ kill: () => browser.close().catch(() => {}) });
  return browser;
}

/** Opens the workbench and waits until it has rendered. */
export async function openWorkbench(browser, url, { timeoutMs = 90000 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  return page;
}

export async function cleanup() {
  if (cleaningUp) return;
  cleaningUp = true;
  // Browser first (async close), then the server groups (synchronous kill).
  for (const h of [...started].reverse()) {
    try {
      await Promise.race([h.kill(), sleep(5000)]);
    } catch { /* best effort */ }
  }
  started.clear();
  cleaningUp = false;
}

function cleanupSync() {
  for (const h of started) {
    if (h.child) h.kill();
  }
}

process.on('exit', cleanupSync);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanupSync();
    process.exit(130);
  });
}

export function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

/** The extension host log of a code-server profile, for diagnosing failures. */
export function extensionHostLogs(profile) {
  const found = [];
  const walk = (dir) => {
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^(exthost|remoteexthost)\.log$/.test(e.name)) found.push(p);
    }
  };
  walk(path.join(profile.dataDir, 'logs'));
  return found;
}

/**
 * Error entries (an "[error]" line and its stack lines) from the extension host logs
 * that mention `needle`, e.g. a failed activation of our extension.
 */
export function extensionHostErrors(profile, needle = 'skill-radar') {
  const blocks = [];
  for (const f of extensionHostLogs(profile)) {
    let current = null;
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      const stamped = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(line);
      if (stamped && /\[error\]/.test(line)) {
        if (!current) {
          current = [line];
          blocks.push(current);
        } else current.push(line);
      } else if (stamped) {
        current = null;
      } else if (current) {
        current.push(line);
      }
    }
  }
  return blocks.map((b) => b.join('\n')).filter((b) => b.includes(needle));
}

/** Keeps the extension host logs in test-results/ and deletes the temporary profile. */
export function keepLogsAndRemoveProfile(profile, name) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const logs = extensionHostLogs(profile);
  const text = logs.map((f) => `--- ${path.relative(profile.base, f)}\n${fs.readFileSync(f, 'utf8')}`).join('\n');
  if (logs.length) fs.writeFileSync(path.join(RESULTS_DIR, `${name}-exthost.log`), text);
  fs.rmSync(profile.base, { recursive: true, force: true });
}

/** Picks the fixture workspace the real-VS Code tiers open (`name` under test/fixtures). */
export function fixtureFolder(name = 'node-ts-service') {
  const candidates = [
    name === 'node-ts-service' ? process.env.SKILL_RADAR_FIXTURE : undefined,
    path.join(ROOT, 'test', 'fixtures', name),
    name === 'node-ts-service' ? path.join(ROOT, 'sample') : undefined,
  ].filter(Boolean);
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`no fixture folder found (tried ${candidates.join(', ')})`);
  return path.resolve(found);
}
