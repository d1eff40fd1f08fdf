/**
 * The terminal face: `skill-radar scan [DIR] [--format text|json|markdown] [--level L] [--role R]`.
 * Exit codes: 0 success, 2 bad usage or an unreadable folder, 1 an internal error. Never prints
 * a stack trace unless SKILL_RADAR_DEBUG is set.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { createEngine, defaultLayout } from '../node/engine';
import { renderMarkdown, renderText } from '../core/report';
import type { Level } from '../core/types';

const USAGE = `Usage: skill-radar scan [DIR] [options]

Scans DIR (default: the bundled sample backend) and shows the skills its code demonstrates.

Options:
  --format text|json|markdown   output format (default: text)
  --level entry|mid|senior      target level for gaps (default: mid)
  --role backend|fullstack      target role (default: backend; fullstack adds frontend gaps)
  --output FILE                 write to FILE instead of standard output
  --no-color                    plain text without colours
  -h, --help                    show this help
`;

class UsageError extends Error {}

/** Where the CLI writes: standard output and error by default. */
export interface CliIO {
  out: NodeJS.WritableStream & { isTTY?: boolean };
  err: NodeJS.WritableStream;
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
  const [command = 'scan', dirArg, ...extra] = positionals;
  try {
    if (command !== 'scan') throw new UsageError(`unknown command "${command}"`);
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    if (!['text', 'json', 'markdown'].includes(values.format!)) throw new UsageError(`--format must be text, json or markdown (got "${values.format}")`);
    if (!['entry', 'mid', 'senior'].includes(values.level!)) throw new UsageError(`--level must be entry, mid or senior (got "${values.level}")`);
    if (!['backend', 'fullstack'].includes(values.role!)) throw new UsageError(`--role must be backend or fullstack (got "${values.role}")`);
  } catch (e) {
    io.err.write(`skill-radar: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }

  const layout = defaultLayout(__dirname);
  const folder = path.resolve(dirArg ?? path.join(layout.dataDir, '..', 'sample'));
  try {
    const st = await fs.stat(folder);
    if (!st.isDirectory()) throw new Error('not a folder');
    await fs.readdir(folder);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'folder not found' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    io.err.write(`skill-radar: cannot scan ${folder}: ${why}\n`);
    return 2;
  }

  let engine;
  try {
    engine = await createEngine(layout);
    const result = await engine.scan(folder, { level: values.level as Level, role: values.role as 'backend' | 'fullstack' });
    const color = values.format === 'text' && !values['no-color'] && !values.output && !!io.out.isTTY && !process.env.NO_COLOR;
    const text =
      values.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : values.format === 'markdown' ? renderMarkdown(result) : renderText(result, { color });
    if (values.output) await fs.writeFile(values.output, text);
    else io.out.write(text);
    return 0;
  } catch (e) {
    io.err.write(`skill-radar: scan failed: ${(e as Error).message}\n`);
    if (process.env.SKILL_RADAR_DEBUG) io.err.write(`${(e as Error).stack}\n`);
    return 1;
  } finally {
    engine?.dispose();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

/** Re-exported for bench/ scripts, which drive the bundled engine directly (e.g. to time rescans). */
export { createEngine, defaultLayout } from '../node/engine';
export { ParseCache } from '../core/analyze';
