// Runs one scan in this process through the bundled CLI, then a rescan with a warm parse cache
// (what the extension does after a save), and prints the figures as one JSON line:
// stats of the first scan, wallMs, rescanMs, and peak RSS (process.resourceUsage().maxRSS, KB → bytes).
const path = require('path');
const { Writable } = require('stream');
const cli = require(path.join(__dirname, '../dist/cli.js'));

const dir = path.resolve(process.argv[2]);
let out = '';
const sink = new Writable({ write(c, _e, cb) { out += c; cb(); } });

(async () => {
  const t0 = process.hrtime.bigint();
  const code = await cli.main(['scan', dir, '--format', 'json'], { out: sink, err: process.stderr });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (code !== 0) process.exit(code);
  const r = JSON.parse(out);
  const engine = await cli.createEngine(cli.defaultLayout(path.join(__dirname, '../dist')));
  const cache = new cli.ParseCache();
  await engine.scan(dir, { parseCache: cache });
  const t1 = process.hrtime.bigint();
  await engine.scan(dir, { parseCache: cache });
  const rescanMs = Number(process.hrtime.bigint() - t1) / 1e6;
  engine.dispose();
  console.log(JSON.stringify({ ...r.stats, skipped: r.stats.skipped.length, technologies: r.technologies.length, wallMs: Math.round(wallMs), rescanMs: Math.round(rescanMs), peakRss: process.resourceUsage().maxRSS * 1024 }));
})();
