// Runs one scan in this process through the bundled CLI and prints its stats, wall time and
// peak RSS (process.resourceUsage().maxRSS, KB → bytes) as one JSON line.
const path = require('path');
const { Writable } = require('stream');
const { main } = require(path.join(__dirname, '../dist/cli.js'));

const dir = process.argv[2];
let out = '';
const sink = new Writable({ write(c, _e, cb) { out += c; cb(); } });
const t0 = process.hrtime.bigint();
main(['scan', dir, '--format', 'json'], { out: sink, err: process.stderr }).then((code) => {
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (code !== 0) process.exit(code);
  const r = JSON.parse(out);
  console.log(JSON.stringify({ ...r.stats, skipped: r.stats.skipped.length, technologies: r.technologies.length, wallMs: Math.round(wallMs), peakRss: process.resourceUsage().maxRSS * 1024 }));
});
