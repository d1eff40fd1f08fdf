// Runs the peer detector, @specfy/stack-analyser, once over a folder in this process (its library
// API, without the CLI's fixed 500 ms pause before analysing) and prints one JSON line:
// { engineMs, techs, peakRss } (peakRss in bytes, from process.resourceUsage().maxRSS).
import { analyser, FSProvider } from '@specfy/stack-analyser';
import '@specfy/stack-analyser/dist/autoload.js';

const dir = process.argv[2];
const t0 = performance.now();
const res = await analyser({ provider: new FSProvider({ path: dir, ignorePaths: [] }) });
const engineMs = performance.now() - t0;
const techs = new Set();
const walk = (c) => {
  for (const t of c.techs ?? []) techs.add(t);
  for (const ch of c.childs ?? []) walk(ch);
};
walk(res.toJson(dir));
console.log(JSON.stringify({ engineMs: Math.round(engineMs), techs: techs.size, peakRss: process.resourceUsage().maxRSS * 1024 }));
