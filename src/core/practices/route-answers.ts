/**
 * What an HTTP route answers with: JSON (an API endpoint), an HTML page or a form handler that
 * redirects (server-side rendering). REST API design needs JSON
 * endpoints; server-rendered form handlers are server-side rendering. Decided from the handler's
 * code: for routing tables (Rails config/routes.rb, Laravel routes/*.php, Django urls.py) from
 * the controller or view the route names, else from the code right after the route.
 */
import type { DetectorContext } from './types';
import { baseName, dirName, memoOnText, readSafe } from './util';

/** What a route answers with. */
export type RouteAnswer = 'json' | 'html';

/** Code that answers with JSON. */
const JSON_MARK = /@RestController\b|@ResponseBody\b|\bResponseEntity\b|\bres\.(json|jsonp)\s*\(|\bres\.send\s*\(\s*[{[]|\.json\s*\(\s*[{[\w]|\bjsonify\s*\(|\bJsonResponse\b|\bJSONResponse\b|\brender\s*(?:\(\s*)?json:|\bformat\.json\b|->json\s*\(|\bJsonResource\b|\bResourceCollection\b|::collection\s*\(|\bnew\s+\w+Resource\s*\(|\bc\.(JSON|IndentedJSON|AbortWithStatusJSON|PureJSON)\s*\(|\bctx\.JSON\s*\(|\bjson\.NewEncoder\b|\bwrite_?JSON\s*\(|\[ApiController\]|\bResults\.(Ok|Json|Created|NoContent|NotFound|BadRequest)\b|\bTypedResults\.|\bHttpResponse::\w+\(\)\.json\b|\bweb::Json\b|\baxum::Json\b|\bJson\s*\(|\bserializers\.\w+|\bAPIView\b|\bViewSet\b|@api_view\b|\bResponse\s*\(\s*(serializer|data|status|\{)|\bActionController::API\b|\bto_json\b|\bas_json\b|application\/json|\bresponse_model\s*=/;
/** Code that renders a page or redirects after a form post. */
const HTML_MARK = /\brender_template\s*\(|\brender\s*\(\s*request\s*,|\bTemplateResponse\b|\bres\.render\s*\(|\breturn\s+view\s*\(|\bview\s*\(\s*['"][\w.:-]+['"]|->view\s*\(|\bModelAndView\b|\bmodel\.addAttribute\s*\(|\breturn\s+"(redirect:)?[\w/-]+"\s*;|\bredirect_to\b|\brender\s+:\w+|\brender\s+["'][\w/]+["']|\bredirect\s*\(\s*\)\s*->|\bto_route\s*\(|\bredirect\s*\(\s*['"]|\bHTMLResponse\b|\bc\.HTML\s*\(|\.ExecuteTemplate\s*\(|\bctx\.Render\s*\(|\breturn\s+View\s*\(|\bRedirectToAction\s*\(|\bRedirectToPage\s*\(|\bPage\s*\(\s*\)|\bHttpResponseRedirect\b|\brender_to_response\b|\bInertia::render\b|\bhtml\s*:\s*true/;

/** JSON, HTML or undefined for a piece of handler code. */
export function answerOf(code: string): 'json' | 'html' | undefined {
  const json = JSON_MARK.test(code);
  const html = HTML_MARK.test(code);
  if (json && !html) return 'json';
  if (html && !json) return 'html';
  if (json && html) {
    // A handler that does both (respond_to with format.html and format.json) serves an API too.
    return 'json';
  }
  return undefined;
}

/** The lines of the function or method defined at or after 0-based line `from` (at most 60 lines). */
function bodyFrom(lines: string[], from: number): string {
  const start = Math.max(0, from);
  const indent = /^\s*/.exec(lines[start] ?? '')?.[0].length ?? 0;
  const out = [lines[start] ?? ''];
  for (let i = start + 1; i < lines.length && i < start + 60; i++) {
    const l = lines[i];
    if (l.trim() && (/^\s*/.exec(l)?.[0].length ?? 0) <= indent && /^\s*(def|public|private|protected|function|async\s+def|class|@|\[Http|end\b|}\s*$)/.test(l) && i > start + 1) {
      if (/^\s*(end|})\s*$/.test(l)) out.push(l);
      break;
    }
    out.push(l);
  }
  return out.join('\n');
}

/** The body of `name` (a method or function) in `text`, or undefined. */
function bodyOf(text: string, name: string): string | undefined {
  const lines = text.split('\n');
  const re = new RegExp(`^\\s*(?:(?:public|private|protected|static|async)\\s+)*(?:def|function|fun|func)\\s+${name.replace(/[^\w]/g, '')}\\b|^\\s*class\\s+${name.replace(/[^\w]/g, '')}\\b`);
  const i = lines.findIndex((l) => re.test(l));
  return i >= 0 ? bodyFrom(lines, i) : undefined;
}

/** Decides what routes answer with, reading the handlers' code (memoised per file). */
export class RouteAnswers {
  private readonly texts = new Map<string, string | undefined>();
  private railsApiOnly?: boolean;

  constructor(private readonly ctx: DetectorContext) {}

  private async text(path: string): Promise<string | undefined> {
    if (!this.texts.has(path)) this.texts.set(path, await readSafe(this.ctx, path));
    return this.texts.get(path);
  }

  /**
   * What the route defined at 1-based `line` of `file` (with path `routePath` and the raw text of
   * its node) answers with; `json` when nothing in the code says otherwise.
   */
  async answer(file: string, line: number, routePath: string, nodeText: string): Promise<RouteAnswer> {
    const text = (await this.text(file)) ?? '';
    const lines = memoOnText(text, 'lines', () => text.split('\n'));
    const b = baseName(file);
    if (b === 'routes.rb') return this.rails(file, lines, line, routePath, nodeText);
    if (/(^|\/)routes\/[\w-]+\.php$/.test(file)) return this.laravel(file, lines[line - 1] ?? nodeText, text);
    if (b === 'urls.py') return this.django(file, lines[line - 1] ?? nodeText);
    // The handler sits at the route: read from the route line to the next route.
    return memoOnText(text, `answer-at/${line}`, () => answerOf(bodyFrom(lines, line - 1))) ?? memoOnText(text, 'answer-of', () => answerOf(text)) ?? 'json';
  }

  private async rails(file: string, lines: string[], line: number, routePath: string, nodeText: string): Promise<RouteAnswer> {
    if (this.railsApiOnly === undefined) {
      const app = (await this.text(joinRel(dirName(file), 'application.rb'))) ?? '';
      this.railsApiOnly = /config\.api_only\s*=\s*true/.test(app);
    }
    if (this.railsApiOnly) return 'json';
    const root = dirName(dirName(file));
    const target = /["']([\w/]+)#(\w+)["']/.exec(nodeText) ?? /to:\s*["']([\w/]+)#(\w+)["']/.exec(nodeText);
    const resource = /^\s*resources?\s+:(\w+)/.exec(nodeText);
    const name = target?.[1] ?? resource?.[1] ?? routePath.replace(/^:/, '').replace(/^\//, '').split('/')[0];
    // Enclosing `namespace :api do` blocks prefix the controller's folder.
    let ns = '';
    let indent = /^\s*/.exec(lines[line - 1] ?? '')?.[0].length ?? 0;
    for (let i = line - 2; i >= 0 && indent > 0; i--) {
      const own = /^\s*/.exec(lines[i])?.[0].length ?? 0;
      if (!lines[i].trim() || own >= indent) continue;
      indent = own;
      const space = /^\s*(?:namespace|scope\s+module:)\s*:?(\w+)/.exec(lines[i]);
      if (space) ns = `${space[1]}/${ns}`;
    }
    const controller = joinRel(root, `app/controllers/${ns}${name}_controller.rb`);
    const code = await this.text(controller);
    if (code) {
      if (/ActionController::API\b/.test(code) || /(^|\/)api\//.test(`${ns}${name}`)) return 'json';
      const action = target?.[2];
      const body = action ? bodyOf(code, action) : undefined;
      // A Rails controller action without `render json:` renders its view.
      return (body ? answerOf(body) : undefined) ?? answerOf(code) ?? 'html';
    }
    return /(^|\/)api\//.test(`${ns}${name}`) ? 'json' : 'html';
  }

  private async laravel(file: string, routeLine: string, routesText: string): Promise<RouteAnswer> {
    const api = /(^|\/)routes\/api\.php$/.test(file);
    const closure = answerOf(routeLine);
    if (closure) return closure;
    const m = /\[\s*\\?([\w\\]+)::class\s*,\s*['"](\w+)['"]\s*\]/.exec(routeLine) ?? /['"]([\w\\]+)@(\w+)['"]/.exec(routeLine);
    if (m) {
      const short = m[1].split('\\').pop()!;
      const use = new RegExp(`^use\\s+([\\w\\\\]+\\\\${short})\\s*;`, 'm').exec(routesText)?.[1] ?? m[1];
      const path = joinRel(dirName(dirName(file)), `${use.replace(/^App\\/, 'app\\').replace(/\\/g, '/')}.php`);
      const code = await this.text(path);
      if (code) {
        const body = bodyOf(code, m[2]);
        const a = (body ? answerOf(body) : undefined) ?? answerOf(code);
        if (a) return a;
      }
    }
    return api ? 'json' : 'html';
  }

  private async django(file: string, routeLine: string): Promise<RouteAnswer> {
    const m = /\bviews\.(\w+)|\b(\w+)\.as_view\s*\(|,\s*(\w+)\s*[,)]/.exec(routeLine);
    const name = m?.[1] ?? m?.[2] ?? m?.[3];
    for (const candidate of [joinRel(dirName(file), 'views.py'), ...this.ctx.files.filter((f) => f.path.startsWith(joinRel(dirName(file), 'views/')) && f.path.endsWith('.py')).map((f) => f.path)]) {
      const code = await this.text(candidate);
      if (!code) continue;
      const body = name ? bodyOf(code, name) : undefined;
      if (body) return answerOf(body) ?? (/\bViewSet|APIView|serializer/i.test(body) ? 'json' : 'html');
    }
    return /\bViewSet|APIView|router\.|api/i.test(routeLine) ? 'json' : 'html';
  }
}

function joinRel(dir: string, rel: string): string {
  return dir ? `${dir}/${rel}` : rel;
}
