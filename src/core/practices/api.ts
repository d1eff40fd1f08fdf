/**
 * API styles: REST endpoints from the tree-sitter `routes` matches, GraphQL, gRPC and WebSocket
 * from technologies, schema files and a few unambiguous code markers.
 */
import type { Evidence } from '../types';
import type { DetectorContext, PracticeDetector, QueryMatch } from './types';
import { RouteAnswers } from './route-answers';
import { isTestFile } from './testing';
import { bump, clip, findAll, findFirst, isVendored, readSafe, sourceFiles, techEvidence, techsPresent, runSteps } from './util';
import { trimEndOf } from '../strings';

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** Normalises a `@route.method` capture (get, GetMapping, HttpPost, @app.route...) to an HTTP method or 'ANY'. */
export function httpMethod(raw: string): string {
  const r = raw.replace(/^@/, '').replace(/^.*\./, '').replace(/['"]/g, '').toLowerCase();
  if (VERBS.includes(r)) return r.toUpperCase();
  const m = /^(?:http|map)?(get|post|put|patch|delete|head|options)(?:mapping|attribute)?$/.exec(r);
  if (m) return m[1].toUpperCase();
  return 'ANY';
}

/** Joins a class-level prefix (`@RequestMapping("/api")`, JAX-RS `@Path`) and a method's path into one path. */
export function joinRoutePath(prefix: string, path: string): string {
  if (!prefix) return path;
  const joined = path ? `${trimEndOf(prefix, '/')}/${path.replace(/^\/+/, '')}` : prefix;
  return joined.startsWith('/') ? joined : `/${joined}`;
}

const unquoteRoute = (text: string): string => text.replace(/^['"`]|['"`]$/g, '');
const at = (c: { line: number; column: number }): string => `${c.line}:${c.column}`;

async function detectRest(ctx: DetectorContext): Promise<void> {
  let count = 0;
  const evidence: Evidence[] = [];
  const byMethod: Record<string, number> = {};
  const answers = new RouteAnswers(ctx);
  const json: Evidence[] = [];
  const html: Evidence[] = [];
  let jsonCount = 0;
  let htmlCount = 0;
  for (const pf of ctx.parsed) {
    // A test calling `$this->post('/posts')` or `get "/x"` exercises a route; it does not define one.
    if (isTestFile(pf.path)) continue;
    const matches = pf.matches.routes ?? [];
    // A match with @route.prefix and no @route.method is not a route: it lends the class prefix
    // to the routes of its @route.node (the handler method).
    const prefixes = new Map<string, string>();
    for (const m of matches) {
      const prefix = m.captures['route.prefix'];
      const node = m.captures['route.node'];
      if (prefix && node && !m.captures['route.method']) prefixes.set(at(node), unquoteRoute(prefix.text));
    }
    // One route per node and method; several patterns may see it, not all with its path
    // (JAX-RS `@GET` alone and `@GET @Path("{id}")`).
    const routes = new Map<string, { verb: string; path: string; node: QueryMatch['captures'][string] }>();
    for (const m of matches) {
      const method = m.captures['route.method'];
      const path = m.captures['route.path'];
      const node = m.captures['route.node'] ?? method ?? path;
      if (!node || (!method && m.captures['route.prefix'])) continue;
      const key = `${at(node)}:${method?.text ?? ''}`;
      const route = path ? unquoteRoute(path.text) : '';
      const known = routes.get(key);
      if (known) {
        if (!known.path && route) known.path = route;
        continue;
      }
      routes.set(key, { verb: httpMethod(method?.text ?? ''), path: route, node });
    }
    for (const { verb, path, node } of routes.values()) {
      const full = joinRoutePath(prefixes.get(at(node)) ?? '', path);
      count++;
      bump(byMethod, verb);
      const row: Evidence = { path: pf.path, line: node.line, column: node.column, endColumn: node.endColumn, detail: `${verb} ${full || '(path not literal)'}`.trim() };
      if (evidence.length < 20) evidence.push(row);
      // JSON endpoints are an API; pages and form handlers are server-side rendering.
      const answer = await answers.answer(pf.path, node.line, full, node.text);
      if (answer === 'json') {
        jsonCount++;
        if (json.length < 20) json.push({ ...row, detail: `${row.detail} answers JSON` });
      } else if (answer === 'html') {
        htmlCount++;
        if (html.length < 20) html.push({ ...row, detail: `${row.detail} renders a page or redirects (server-side rendering)` });
      }
    }
  }
  if (count) ctx.report('rest-endpoints', evidence, { count, figures: byMethod });
  if (jsonCount) ctx.report('json-endpoints', json, { count: jsonCount });
  if (htmlCount) ctx.report('server-rendered-pages', html, { count: htmlCount });
}

/** Server-side GraphQL technologies (clients such as apollo-client do not make an API). */
const GRAPHQL_TECHS = ['graphql', 'apollo-server', 'graphql-yoga', 'graphql-http', 'type-graphql', 'nestjs-graphql', 'mercurius', 'graphene', 'strawberry', 'ariadne', 'graphql-java', 'graphql-kotlin', 'spring-graphql', 'netflix-dgs', 'hot-chocolate', 'graphql-dotnet', 'gqlgen', 'graphql-go', 'graphql-ruby', 'graphql-php', 'lighthouse', 'juniper', 'async-graphql', 'caliban', 'sangria', 'pothos', 'postgraphile', 'hasura'];
const GRPC_TECHS = ['grpc', 'grpc-gateway', 'connect-rpc', 'buf', 'protobuf'];
const WS_TECHS = ['websocket', 'socket-io', 'django-channels', 'signalr', 'actioncable', 'laravel-reverb'];

const WS_CODE = /\bnew\s+WebSocketServer\s*\(|\bnew\s+WebSocket\.Server\s*\(|\bio\.on\s*\(\s*['"]connection['"]|@WebSocketGateway\b|@ServerEndpoint\b|@SubscribeMessage\b|\bWebSocketHandler\b|@EnableWebSocket(MessageBroker)?\b|@\w+\.websocket\s*\(|\bwebsocket\.Upgrader\b|\bMapHub<|\bAsync(Json)?WebsocketConsumer\b|\bWebsocketConsumer\b|ActionCable::Channel|\bexpress-ws\b|\bfastify\.register\(\s*websocket|\bws:\/\/|\bupgradeWebSocket\b/;
const GRAPHQL_CODE = /\bgql\s*`|\bbuildSchema\s*\(|@Resolver\s*\(|@QueryMapping\b|@SchemaMapping\b|\bgraphene\.ObjectType\b|@strawberry\.type\b|\bmakeExecutableSchema\s*\(|\bnew\s+ApolloServer\s*\(|\bcreateYoga\s*\(|\bAddGraphQLServer\s*\(/;

async function detectStyles(ctx: DetectorContext): Promise<void> {
  const gql: Evidence[] = [];
  const grpc: Evidence[] = [];
  const ws: Evidence[] = [];
  for (const f of ctx.files) {
    if (isVendored(f.path)) continue;
    if (/\.(graphql|gql|graphqls)$/i.test(f.path)) {
      const text = (await readSafe(ctx, f.path)) ?? '';
      const hit = findFirst(text, /^[ \t]*(type\s+(Query|Mutation|Subscription)\b|schema\s*\{|extend\s+type\s+(Query|Mutation))/m);
      if (hit) gql.push({ path: f.path, line: hit.line, detail: `GraphQL schema: ${clip(hit.lineText, 60)}` });
    } else if (/\.proto$/i.test(f.path)) {
      const text = (await readSafe(ctx, f.path)) ?? '';
      const services = findAll(text, /^[ \t]*service\s+(\w+)\s*\{/m);
      const rpcs = findAll(text, /^[ \t]*rpc\s+\w+\s*\(/m).length;
      for (const s of services) grpc.push({ path: f.path, line: s.line, detail: `gRPC service ${s.match[1]} (${rpcs} rpc method(s) in file)` });
    }
  }
  for (const f of sourceFiles(ctx)) {
    const text = await readSafe(ctx, f.path);
    if (!text) continue;
    for (const [re, list, what] of [[WS_CODE, ws, 'WebSocket endpoint'], [GRAPHQL_CODE, gql, 'GraphQL server code']] as const) {
      if (list.length >= 15) continue;
      const hit = findFirst(text, re);
      if (hit && !/^\s*(\/\/|#|\*)/.test(hit.lineText)) list.push({ path: f.path, line: hit.line, detail: `${what}: ${clip(hit.lineText, 70)}` });
    }
  }
  for (const [id, list, techs] of [['graphql-api', gql, GRAPHQL_TECHS], ['grpc-api', grpc, GRPC_TECHS], ['websocket-api', ws, WS_TECHS]] as const) {
    const present = techsPresent(ctx, techs);
    // protobuf alone is a serialisation format, not an API.
    const counted = id === 'grpc-api' ? present.filter((t) => t !== 'protobuf') : present;
    const evidence = [...list, ...counted.flatMap((t) => techEvidence(ctx, t).map((e) => ({ ...e, detail: `${e.detail} (${t})` })))];
    // A WebSocket library loaded by the framework's defaults (Rails' `require "action_cable/engine"`)
    // is not a real-time API: without a socket endpoint in code the library alone stays a technology.
    if (id === 'websocket-api' && !list.length) continue;
    if (evidence.length) ctx.report(id, evidence.slice(0, 20), { count: list.length || undefined, figures: { libraries: counted.join(', ') || 'none', files: list.length } });
  }
}

/** REST endpoints, GraphQL, gRPC and WebSocket APIs. */
export const detectApis: PracticeDetector = async (ctx) => {
  await runSteps(ctx, 'APIs', [detectRest, detectStyles]);
};
