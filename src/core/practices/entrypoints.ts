/**
 * Application entry points: the file that starts the codebase as a running service (a Django
 * project's manage.py and WSGI module, a Rack config.ru, Laravel's artisan, a front controller, an
 * ASP.NET Core Program.cs, a Spring Boot application class, a Go or Rust main that serves, an npm
 * start script, a Node server that listens). A reusable app or a library has none: the guidance
 * step reads the absence as "nothing here to deploy" (no health-check or container steps).
 */
import type { Evidence } from '../types';
import type { PracticeDetector } from './types';
import { baseName, findFirst, isVendored, readSafe } from './util';

/** Test code, examples and demo projects never make a codebase deployable (`com/example/` Java packages do not count as examples). */
const NOT_APP = /(^|\/)(tests?|spec|__tests__|testdata|fixtures?|examples|samples|example_?project|demo|docs?)\//i;

/** The kind of entry read from any JavaScript or TypeScript file. */
const NODE_LISTEN = 'Node server that listens';

/** Path, what it is, and the text that must be in it (files up to 256 KiB are read). */
const ENTRY_FILES: [RegExp, string, RegExp?][] = [
  [/(^|\/)manage\.py$/, 'Django project (manage.py)', /DJANGO_SETTINGS_MODULE|execute_from_command_line/],
  [/(^|\/)[aw]sgi\.py$/, 'WSGI/ASGI application module', /get_[aw]sgi_application|^application\s*=/m],
  [/(^|\/)(app|main|server|run|serve)\.py$/, 'Python server start', /\buvicorn\.run\s*\(|\bapp\.run\s*\(|\bweb\.run_app\s*\(|\bwaitress\.serve\s*\(|\bmake_server\s*\(/],
  [/(^|\/)config\.ru$/, 'Rack application (config.ru)', /^[ \t]*run\b/m],
  [/^([^/]+\/)?artisan$/, 'Laravel artisan'],
  [/^([^/]+\/)?(public\/)?index\.php$/, 'PHP front controller'],
  [/(^|\/)Program\.cs$/, 'ASP.NET Core host (Program.cs)', /WebApplication\.Create|CreateHostBuilder|CreateDefaultBuilder|Host\.Create/],
  [/(^|\/)\w*Application\.(java|kt)$/, 'Spring Boot application class', /SpringApplication\.run|runApplication\s*</],
  [/(^|\/)main\.go$/, 'Go server main', /\bListenAndServe\w*\s*\(|\.Serve\s*\(|\bgrpc\.NewServer\s*\(|\.Run\s*\(\s*("|:|addr)/],
  [/(^|\/)src\/(main\.rs|bin\/[^/]+\.rs)$/, 'Rust server main', /HttpServer::new|axum::serve|axum::Server|Server::bind|rocket::build|#\[rocket::main\]|#\[actix_web::main\]|TcpListener::bind/],
  [/\.[cm]?[jt]s$/, NODE_LISTEN, /(app|App|server|Server)\.listen\s*\(|\)\.listen\s*\(\s*(process\.env|port|PORT|\d{2,5}|config)/],
];

/** The 1-based line of a package.json's `scripts.start` (npm start), or undefined when it has none or is not JSON. */
function startScriptLine(text: string): number | undefined {
  try {
    const pkg = JSON.parse(text) as { scripts?: Record<string, unknown> };
    if (typeof pkg?.scripts?.start !== 'string') return undefined;
  } catch {
    return undefined;
  }
  const at = text.indexOf('"start"');
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/** Entry points of a deployable application (practice `app-entrypoint`). */
export const detectEntryPoints: PracticeDetector = async (ctx) => {
  const evidence: Evidence[] = [];
  const kinds = new Set<string>();
  for (const f of ctx.files) {
    if (isVendored(f.path) || NOT_APP.test(f.path) || f.size > 256 * 1024) continue;
    if (baseName(f.path) === 'package.json' && f.path.split('/').length <= 2) {
      const line = startScriptLine((await readSafe(ctx, f.path)) ?? '');
      if (line) {
        kinds.add('npm start script');
        evidence.push({ path: f.path, line, detail: 'npm start script' });
      }
      continue;
    }
    for (const [re, what, content] of ENTRY_FILES) {
      if (!re.test(f.path)) continue;
      // One listening Node file is enough: the rest of a large tree is not read for it.
      if (what === NODE_LISTEN && kinds.has(NODE_LISTEN)) break;
      let line = 1;
      if (content) {
        const hit = findFirst((await readSafe(ctx, f.path)) ?? '', content);
        if (!hit) continue;
        line = hit.line;
      }
      kinds.add(what);
      evidence.push({ path: f.path, line, detail: what });
      break;
    }
    if (evidence.length >= 20) break;
  }
  if (evidence.length) ctx.report('app-entrypoint', evidence, { count: evidence.length, figures: { kinds: [...kinds].join(', ') } });
};
