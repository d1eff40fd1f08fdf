// The personal lens's cost: scans of a 3,000+-commit history with the pass off and on, in one
// process, alternating, and prints the medians and the overhead (target: at most +25%).
// The history is generated once with isomorphic-git (bench/history.cjs) into a cache folder.
// Usage: node bench/personal.cjs [DIR AUTHOR]  (default: the generated history, --author ada@acme)
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const cli = require(path.join(__dirname, '../dist/cli.js'));

const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  let dir = process.argv[2];
  const author = process.argv[3] ?? 'ada@acme.example';
  if (!dir) {
    dir = path.join(os.tmpdir(), 'skill-radar-bench-history-3200');
    if (!fs.existsSync(path.join(dir, '.git'))) {
      process.stderr.write(`generating a 3,200-commit history in ${dir} (about 2 minutes, once)\n`);
      execFileSync(process.execPath, [path.join(__dirname, 'history.cjs'), dir, '3200'], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
  }
  const engine = await cli.createEngine(cli.defaultLayout(path.join(__dirname, '../dist')));
  // Wall time, and this process's CPU time, which other jobs on a shared machine disturb less.
  const scan = async (enabled) => {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const r = await engine.scan(dir, { personal: { enabled, authors: [author] } });
    const c = process.cpuUsage(c0);
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpu: (c.user + c.system) / 1000, r };
  };
  await scan(true); // warm the grammars and the file cache
  const off = [];
  const on = [];
  const offCpu = [];
  const onCpu = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const a = await scan(false);
    off.push(a.ms);
    offCpu.push(a.cpu);
    const s = await scan(true);
    on.push(s.ms);
    onCpu.push(s.cpu);
    last = s.r;
  }
  engine.dispose();
  const p = last.person;
  const mine = last.skills.filter((s) => s.personal?.status === 'authored').length;
  const base = median(off);
  const withLens = median(on);
  console.log('\npersonal lens (median of %d scans each, same process)', RUNS);
  const pct = (a, b) => `${(((b - a) / a) * 100).toFixed(1)}%`;
  console.log(['workspace', 'commits', 'yours', 'files', 'scan ms', '+lens ms', 'overhead', 'scan cpu', '+lens cpu', 'cpu overhd'].map((c, i) => (i ? c.padStart(11) : c.padEnd(34))).join(''));
  console.log(
    [dir.slice(-34).padEnd(34), `${p?.totalCommits ?? 0}${p?.truncated ? '+' : ''}`, p?.commits ?? 0, last.stats.files, Math.round(base), Math.round(withLens), pct(base, withLens),
      Math.round(median(offCpu)), Math.round(median(onCpu)), pct(median(offCpu), median(onCpu))]
      .map((v, i) => (i ? String(v).padStart(11) : v))
      .join(''),
  );
  console.log(`  ${author}: ${mine} skills authored, excluded ${p?.excluded.merges ?? 0} merges and ${p?.excluded.bulk ?? 0} bulk commits`);
})();
