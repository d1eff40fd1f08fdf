// Prints speed and memory figures for scans. Not a test: these machines are shared and noisy,
// so figures are printed for people to read, never asserted.
// Usage: npm run bench [-- DIR ...]   (default: the sample, every fixture, this repository, and
// /usr/lib/python3/dist-packages when present as a large real tree)
import { execFileSync } from 'child_process';
import { readdirSync, existsSync } from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test/fixtures');
const targets = process.argv.slice(2).length
  ? process.argv.slice(2).map((d) => path.resolve(d))
  : [
      path.join(root, 'sample'),
      ...readdirSync(fixtures).map((d) => path.join(fixtures, d)).filter((d) => existsSync(path.join(d, 'expected.json'))),
      root,
      // A large real tree when the machine has one (Debian's Python packages).
      ...['/usr/lib/python3/dist-packages'].filter((d) => existsSync(d)),
    ];

const cols = ['files', 'parsed', 'techs', 'KB read', 'scan ms', 'wall ms', 'rescan ms', 'peak RSS MB'];
console.log('workspace'.padEnd(34), ...cols.map((c) => c.padStart(11)));
for (const dir of targets) {
  const r = JSON.parse(execFileSync(process.execPath, [path.join(root, 'bench/one.cjs'), dir], { encoding: 'utf8', maxBuffer: 256 << 20 }));
  const rel = path.relative(root, dir);
  const name = (rel.startsWith('..') ? dir : rel || '(this repository)').slice(-34);
  const row = [r.files, r.parsedFiles, r.technologies, Math.round(r.bytes / 1024), r.durationMs, r.wallMs, r.rescanMs, Math.round(r.peakRss / 1048576)];
  console.log(name.padEnd(34), ...row.map((v) => String(v).padStart(11)));
}
