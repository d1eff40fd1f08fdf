// Scans one hostile workspace once through the bundled CLI (JSON format) and prints one JSON
// line: files, skipped and warning counts, KB read, wall ms, and peak RSS (process.resourceUsage().maxRSS).
const path = require('path');
const { Writable } = require('stream');
const cli = require(path.join(__dirname, '../dist/cli.js'));

const dir = path.resolve(process.argv[2]);
let out = '';
let err = '';
const sink = (f) => new Writable({ write(c, _e, cb) { f(String(c)); cb(); } });
(async () => {
  const t0 = process.hrtime.bigint();
  const code = await cli.main(['scan', dir, '--format', 'json'], { out: sink((s) => (out += s)), err: sink((s) => (err += s)) });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const r = code === 0 ? JSON.parse(out) : undefined;
  console.log(JSON.stringify({
    code,
    files: r?.stats.files ?? 0,
    skipped: r?.stats.skipped.length ?? 0,
    warnings: r?.warnings.length ?? 0,
    bytes: r?.stats.bytes ?? 0,
    wallMs: Math.round(wallMs),
    peakRss: process.resourceUsage().maxRSS * 1024,
    err: err.slice(0, 200),
  }));
})();
