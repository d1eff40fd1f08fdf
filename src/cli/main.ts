/**
 * The terminal face: `skill-radar scan [DIR] [--format text|json|markdown|profile] [--level L] [--role R] [--author P]...`
 * and `skill-radar profile DIR... [--author P]...` (one skills profile across several checkouts).
 * Exit codes: 0 success, 2 bad usage or an unreadable folder, 1 an internal error. Never prints
 * a stack trace unless SKILL_RADAR_DEBUG is set.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { createEngine, defaultLayout } from '../node/engine';
import { renderMarkdown, renderText } from '../core/report';
import { renderProfile } from '../core/profile';
import { applyTarget, rankSteps, toNextStep } from '../core/guidance';
import { escapeControls } from '../core/escape';
import type { Knowledge } from '../core/knowledge';
import type { AnalysisResult, Level } from '../core/types';

const USAGE = `Usage: skill-radar scan [DIR] [options]
       skill-radar profile DIR... [options]

scan     shows the skills DIR's code demonstrates (default DIR: the bundled sample backend),
         and, when its git history has commits of yours, which of them your commits show.
profile  writes a Markdown skills profile (like a CV section) of what your own commits in
         each DIR demonstrate, with links to the code; several DIRs are merged.

Options:
  --format text|json|markdown|profile   output format of scan (default: text)
  --author PATTERN              who "you" are in git history, matched against "Name <email>"
                                like git log --author (repeatable; default: user.email from
                                the repository's git config, then ~/.gitconfig)
  --half-life MONTHS            months after which a personal finding counts half (default: 12)
  --level entry|mid|senior      target level the next steps are ranked for (default: mid)
  --role backend|fullstack      target role (default: backend; fullstack adds frontend gaps)
  --output FILE                 write to FILE instead of standard output
  --cache DIR                   keep per-file facts in DIR between runs (off by default): unchanged
                                files are neither read nor parsed again
  --no-color                    plain text without colours
  -h, --help                    show this help
`;

class UsageError extends Error {}

/** Where the CLI writes: standard output and error by default. */
export interface CliIO {
  out: NodeJS.WritableStream & { isTTY?: boolean };
  /** Progress is drawn here only when it is a terminal. */
  err: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/** Draws "Scanning… 45% (1,234/2,700 files)" on one terminal line, at most every 100 ms; clear() erases it. */
function progressLine(err: CliIO['err']) {
  let last = 0;
  let shown = false;
  return {
    update(phase: string, done?: number, total?: number) {
      const t = Date.now();
      if (t - last < 100) return;
      last = t;
      const files = done !== undefined && total ? ` ${Math.floor((100 * done) / total)}% (${done.toLocaleString('en')}/${total.toLocaleString('en')} source files)` : '';
      const line = `Scanning… ${phase}${files}`.slice(0, Math.max(20, (err.columns ?? 80) - 1));
      err.write(`\r\x1b[K${line}`);
      shown = true;
    },
    clear() {
      if (shown) err.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO = { out: process.stdout, err: process.stderr }): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        level: { type: 'string', default: 'mid' },
        role: { type: 'string', default: 'backend' },
        output: { type: 'string' },
        author: { type: 'string', multiple: true },
        'half-life': { type: 'string' },
        cache: { type: 'string' },
        'no-color': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err.write(`skill-radar: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out.write(USAGE);
    return 0;
  }
  const [command = 'scan', ...dirs] = positionals;
  const halfLife = values['half-life'] === undefined ? undefined : Number(values['half-life']);
  try {
    if (command !== 'scan' && command !== 'profile') throw new UsageError(`unknown command "${command}"`);
    if (command === 'scan' && dirs.length > 1) throw new UsageError(`unexpected arguments: ${dirs.slice(1).join(' ')}`);
    if (command === 'profile' && !dirs.length) throw new UsageError('profile needs at least one folder');
    if (!['text', 'json', 'markdown', 'profile'].includes(values.format!)) throw new UsageError(`--format must be text, json or markdown (or profile) (got "${values.format}")`);
    if (halfLife !== undefined && !(halfLife > 0 && halfLife <= 600)) throw new UsageError(`--half-life must be a number of months between 1 and 600 (got "${values['half-life']}")`);
    if (!['entry', 'mid', 'senior'].includes(values.level!)) throw new UsageError(`--level must be entry, mid or senior (got "${values.level}")`);
    if (!['backend', 'fullstack'].includes(values.role!)) throw new UsageError(`--role must be backend or fullstack (got "${values.role}")`);
  } catch (e) {
    io.err.write(`skill-radar: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }

  const layout = defaultLayout(__dirname);
  const folders = (dirs.length ? dirs : [path.join(layout.dataDir, '..', 'sample')]).map((d) => path.resolve(d));
  for (const folder of folders) {
    try {
      const st = await fs.stat(folder);
      if (!st.isDirectory()) throw new Error('not a folder');
      await fs.readdir(folder);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'folder not found' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      io.err.write(`skill-radar: cannot scan ${escapeControls(folder)}: ${escapeControls(why)}\n`);
      return 2;
    }
  }

  let engine;
  const progress = io.err.isTTY && !process.env.CI ? progressLine(io.err) : undefined;
  // Ctrl-C stops the scan between files and exits 130, leaving no half-written cache.
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
  };
  if (io.err === process.stderr) process.on('SIGINT', onSigint);
  try {
    engine = await createEngine(layout);
    const personal = { authors: values.author, authorsLabel: '--author', halfLifeMonths: halfLife };
    const results: AnalysisResult[] = [];
    for (const folder of folders) {
      results.push(
        await engine.scan(folder, {
          level: values.level as Level,
          role: values.role as 'backend' | 'fullstack',
          personal,
          ...(values.cache ? { cacheDir: path.resolve(values.cache) } : {}),
          onProgress: progress?.update,
          isCancelled: () => interrupted,
        }),
      );
      progress?.clear();
    }
    const result = results[0];
    const color = values.format === 'text' && !values['no-color'] && !values.output && !!io.out.isTTY && !process.env.NO_COLOR;
    // The whole ranking: the first steps are result.nextSteps, the rest are "more".
    const steps = rankSteps(engine.knowledge, result, result.target).map(toNextStep);
    // Markdown-like outputs get a last pass so no raw control byte from the workspace reaches a
    // terminal or a file (the renderers escape values already; text colours are the renderer's own).
    const text =
      command === 'profile' || values.format === 'profile'
        ? escapeControls(renderProfile(results), { keepNewlines: true })
        : values.format === 'json'
          ? JSON.stringify(result, null, 2) + '\n'
          : values.format === 'markdown'
            ? renderMarkdown(result, { steps })
            : renderText(result, { color, steps });
    if (command === 'profile' || values.format === 'profile') {
      for (const r of results) {
        if (!r.person) io.err.write(`skill-radar: ${escapeControls(r.root)}: no git history or no identity (set user.email in git config or pass --author)\n`);
        else if (!r.person.commits) io.err.write(`skill-radar: ${escapeControls(r.root)}: no commits by ${escapeControls(r.person.identitySource === '--author' ? values.author!.join(', ') : r.person.emails[0] ?? r.person.names[0] ?? 'you')}\n`);
      }
    }
    if (values.output) await fs.writeFile(values.output, text);
    else io.out.write(text);
    return 0;
  } catch (e) {
    progress?.clear();
    if (interrupted) {
      io.err.write('skill-radar: scan cancelled\n');
      return 130;
    }
    io.err.write(`skill-radar: scan failed: ${escapeControls((e as Error).message)}\n`);
    if (process.env.SKILL_RADAR_DEBUG) io.err.write(`${(e as Error).stack}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    engine?.dispose();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

/** Re-exported for bench/ scripts, which drive the bundled engine directly (e.g. to time rescans). */
export { createEngine, defaultLayout, stampKnowledge } from '../node/engine';
export { ParseCache } from '../core/analyze';
export { ScanClient } from '../node/scan-client';
export { loadKnowledge } from '../core/knowledge';

/**
 * What a face does on a target change, for the bench: statuses re-evaluated for `target` and the
 * next steps ranked again, from the finished analysis (no rescan). Returns the re-targeted result.
 */
export function rerank(result: AnalysisResult, target: { level: Level; role: 'backend' | 'fullstack' }, k: Knowledge): AnalysisResult {
  const r = applyTarget(k, result, target);
  rankSteps(k, r, target);
  return r;
}
