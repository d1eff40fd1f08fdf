// Prints speed and memory figures for scans. Not a test: these machines are shared and noisy, so
// figures are printed for people to read, never asserted. Alternate runs, medians, load average shown.
//
// Usage: npm run bench [-- [--peer] [--rounds N] [--no-real] [--big] [DIR ...]]
//   default workspaces: the bundled sample and the real workspaces of bench/fetch-workspaces.mjs
//   (fetched into bench/.cache on first use from the npm registry and Debian packages)
//   --peer     also run @specfy/stack-analyser on the same folders, alternating with ours, and print ratios
//   --rounds   runs per workspace and tool (default 3; medians are printed)
//   --big      add the generated 100k-file monorepo (bench/gen-monorepo.mjs), one round, no peer
//   --no-personal  skip the personal lens's overhead (bench/personal.cjs), printed last otherwise
//   --hostile  only the hostile set (bench/hostile.mjs: the bad-input corpus at full size, issue 14);
//              it is printed after the others otherwise (--no-hostile skips it)
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';
import { fetchWorkspaces } from './fetch-workspaces.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f, d) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);
const rounds = Number(opt('--rounds', 3));
const peer = flag('--peer');
const dirs = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--rounds');

if (flag('--hostile')) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench/hostile.mjs')], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const targets = dirs.length
  ? dirs.map((d) => ({ name: path.basename(path.resolve(d)), dir: path.resolve(d), real: true }))
  : [{ name: 'sample (21 files)', dir: path.join(root, 'sample'), real: false }, ...(flag('--no-real') ? [] : fetchWorkspaces().map((w) => ({ ...w, real: true })))];
if (flag('--big')) {
  const big = path.join(root, 'bench/.cache/monorepo-100k');
  if (!existsSync(path.join(big, '.done'))) execFileSync(process.execPath, [path.join(root, 'bench/gen-monorepo.mjs'), big], { stdio: 'inherit' });
  targets.push({ name: 'generated monorepo 100k', dir: big, real: false, big: true });
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cli = path.join(root, 'dist/cli.js');
const peerCli = path.join(root, 'node_modules/@specfy/stack-analyser/dist/cli.js');
const hasCache = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes('--cache');
const cacheArgs = (dir) => (hasCache ? ['--cache', dir] : []);

/** Runs a command; returns wall ms (process start to exit) and peak RSS in MB (GNU time), or throws. */
function timed(cmd, args, opts = {}) {
  const full = TIME ? [TIME, ['-f', '@@%M', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', maxBuffer: 512 << 20, ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-500)}`);
  const m = /@@(\d+)/.exec(r.stderr);
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

console.log(`Skill Radar bench — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, load average ${load()}`);
console.log(`${rounds} alternating round(s) per workspace; medians. Wall = process start to exit; RSS = peak resident set (GNU time).`);
if (peer) console.log('Peer: @specfy/stack-analyser 1.27.3 — "peer CLI" is its command (which pauses 500 ms before analysing), "peer engine" its library call alone.');
console.log('');

const rows = [];
for (const t of targets) {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'sr-bench-cache-'));
  const out = path.join(cacheDir, 'out.json');
  const r = { name: t.name, cold: [], warm: [], rss: [], warmRss: [], peerCli: [], peerRss: [], peerEngine: [] };
  try {
    // One untimed run fills the cross-session cache and warms the OS file cache for both tools.
    timed(process.execPath, [cli, 'scan', t.dir, '--format', 'json', '--output', out, ...cacheArgs(cacheDir)]);
    const stats = JSON.parse(require_(out)).stats;
    r.files = stats.files;
    r.parsed = stats.parsedFiles;
    r.mb = stats.bytes / 1048576;
    for (let i = 0; i < (t.big ? 1 : rounds); i++) {
      const c = timed(process.execPath, [cli, 'scan', t.dir, '--format', 'json', '--output', out]);
      r.cold.push(c.ms);
      r.rss.push(c.rssMb);
      if (hasCache) {
        const w = timed(process.execPath, [cli, 'scan', t.dir, '--format', 'json', '--output', out, ...cacheArgs(cacheDir)]);
        r.warm.push(w.ms);
        r.warmRss.push(w.rssMb);
      }
      if (peer && !t.big) {
        const p = timed(process.execPath, [peerCli, t.dir, '-o', path.relative(cacheDir, out)], { cwd: cacheDir });
        r.peerCli.push(p.ms);
        r.peerRss.push(p.rssMb);
        const e = timed(process.execPath, [path.join(root, 'bench/peer.mjs'), t.dir]);
        r.peerEngine.push(JSON.parse(e.stdout).engineMs);
      }
    }
    // In-process figures: phases, parse throughput, rescan after a save, re-rank, main-thread block.
    const one = timed(process.execPath, ['--expose-gc', path.join(root, 'bench/one.cjs'), t.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    r.one = JSON.parse(one.stdout.trim().split('\n').pop());
    if (r.one.parseList) {
      const list = path.join(cacheDir, 'list.json');
      writeFileSync(list, JSON.stringify(r.one.parseList));
      r.raw1 = JSON.parse(timed(process.execPath, [path.join(root, 'bench/raw-parse.mjs'), list, '1']).stdout);
      r.raw2 = JSON.parse(timed(process.execPath, [path.join(root, 'bench/raw-parse.mjs'), list, '2']).stdout);
    }
  } catch (e) {
    r.error = e.message;
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  rows.push(r);
  process.stderr.write(`bench: ${t.name} done (load ${load()})\n`);
}

function require_(p) {
  return execFileSync('cat', [p], { encoding: 'utf8', maxBuffer: 512 << 20 });
}

const pad = (s, n) => String(s).padStart(n);
const W = 26;
const head = ['files', 'src MB', 'cold ms', 'warm ms', 'RSS MB'].concat(peer ? ['peer CLI', 'peer eng', 'peer RSS', 'cold/CLI', 'warm/CLI', 'cold/eng', 'RSS/peer'] : []);
console.log('workspace'.padEnd(W), ...head.map((h) => pad(h, 9)));
for (const r of rows) {
  if (r.error) {
    console.log(r.name.padEnd(W), 'error:', r.error.split('\n')[0]);
    continue;
  }
  const cold = median(r.cold);
  const warm = median(r.warm);
  const rss = median(r.rss);
  const cells = [r.files, fmt(r.mb, 1), fmt(cold), fmt(warm), fmt(rss)];
  if (peer) {
    const pc = median(r.peerCli);
    const pe = median(r.peerEngine);
    const pr = median(r.peerRss);
    Object.assign(r, { ratioCold: cold / pc, ratioWarm: warm / pc, ratioRss: rss / pr, ratioEngine: cold / pe });
    cells.push(fmt(pc), fmt(pe), fmt(pr), fmt(cold / pc, 2), fmt(warm / pc, 2), fmt(cold / pe, 2), fmt(rss / pr, 2));
  }
  console.log(r.name.slice(0, W).padEnd(W), ...cells.map((c) => pad(c, 9)));
}

console.log('');
const phaseNames = [...new Set(rows.flatMap((r) => Object.keys(r.one?.phases ?? {})))];
const head2 = ['engine ms', ...phaseNames.map((p) => p.split(' ').pop().slice(0, 9)), 'parse MB/s', 'raw 1 thr', 'raw 2 thr', '% of raw2', 'rescan ms', 'rerank ms', 'block ms', 'block 2nd', 'rerank wkr', 'reopen ms'];
console.log('workspace'.padEnd(W), ...head2.map((h) => pad(h, 10)));
for (const r of rows) {
  if (!r.one) continue;
  const o = r.one;
  const cells = [
    fmt(o.engineMs),
    ...phaseNames.map((p) => fmt(o.phases?.[p])),
    fmt(o.parseMbPerS, 2),
    fmt(r.raw1?.mbPerS, 2),
    fmt(r.raw2?.mbPerS, 2),
    r.raw2 ? fmt((100 * o.parseMbPerS) / r.raw2.mbPerS) + '%' : '–',
    fmt(o.rescanMs, 1),
    fmt(o.rerankMs, 1),
    fmt(o.blockMs, 1),
    fmt(o.rescanBlockMs, 1),
    fmt(o.rerankWorkerMs, 1),
    fmt(o.cachedActivationMs),
  ];
  r.pctRaw = r.raw2 ? o.parseMbPerS / r.raw2.mbPerS : NaN;
  console.log(r.name.slice(0, W).padEnd(W), ...cells.map((c) => pad(c, 10)));
}
console.log(`phases: ${phaseNames.join(', ')} (ms, in-process run). parse MB/s = source bytes parsed and queried / parse phase wall;`);
console.log('raw = web-tree-sitter parsing alone of the same files in 1 and 2 worker threads. rescan = engine time after one saved source file;');
console.log('rerank = recomputing statuses and next steps for a new target level; block = longest main-thread event-loop block during a');
console.log("cold scan through the scan worker (the extension host's path; worker start included), block 2nd = during a rescan;");
console.log("rerank wkr = a target change as the extension makes it (the scan worker re-ranks its last result, the host receives it); the host");
console.log('no longer loads the catalog: next steps, re-ranks and hover cards come from the scan worker. reopen = a new scan worker');
console.log("answering with the result the last session saved in the cache folder (a reopened workspace: worker start to the result the");
console.log('tree is filled from; the scan that replaces it follows, with cached facts).');

const real = rows.filter((r) => !r.error && targets.find((t) => t.name === r.name)?.real);
if (real.length) {
  console.log('');
  const goal = (label, value, limit, unit = '', lower = true) => {
    const ok = Number.isFinite(value) && (lower ? value <= limit : value >= limit);
    console.log(`${ok ? 'MET    ' : 'NOT MET'}  ${label}: ${fmt(value, unit === '×' ? 2 : 1)}${unit} (goal ${lower ? '≤' : '≥'} ${limit}${unit})`);
  };
  console.log(`Goals over the ${real.length} real workspaces (medians), load average now ${load()}:`);
  if (peer) {
    goal('cold scan / peer CLI wall', median(real.map((r) => r.ratioCold)), 1.0, '×');
    goal('warm scan (cache) / peer CLI wall', median(real.map((r) => r.ratioWarm)), 0.3, '×');
    goal('peak RSS / peer', median(real.map((r) => r.ratioRss)), 1.0, '×');
    console.log(`         (cold scan / peer engine alone, no CLI pause: ${fmt(median(real.map((r) => r.ratioEngine)), 2)}×)`);
  }
  goal('parse throughput / raw web-tree-sitter on 2 threads', 100 * median(real.map((r) => r.pctRaw)), 80, '%', false);
  goal('longest main-thread block during a scan', Math.max(...real.map((r) => Math.max(r.one?.blockMs ?? NaN, r.one?.rescanBlockMs ?? NaN, r.one?.rerankBlockMs ?? NaN))), 20, ' ms');
  goal('rescan after one save (engine, worst workspace)', Math.max(...real.map((r) => r.one?.rescanMs ?? NaN)), 50, ' ms');
  goal('re-rank on a target change (worst workspace)', Math.max(...real.map((r) => r.one?.rerankMs ?? NaN)), 50, ' ms');
  goal('re-rank through the scan worker, as the extension does (worst)', Math.max(...real.map((r) => r.one?.rerankWorkerMs ?? NaN)), 50, ' ms');
  goal('result for the tree after reopening a cached workspace (worst)', Math.max(...real.map((r) => r.one?.cachedActivationMs ?? NaN)), 1000, ' ms');
  const sample = rows.find((r) => r.name.startsWith('sample'));
  if (sample && !sample.error) goal('CLI cold start-up on the 21-file sample', median(sample.cold), 300, ' ms');
}

if (!flag('--no-personal') && !dirs.length) {
  console.log('');
  spawnSync(process.execPath, [path.join(root, 'bench/personal.cjs')], { stdio: 'inherit' });
}

if (!flag('--no-hostile') && !dirs.length) spawnSync(process.execPath, [path.join(root, 'bench/hostile.mjs')], { stdio: 'inherit' });
