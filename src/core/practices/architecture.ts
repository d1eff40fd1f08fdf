/**
 * Architecture hints: how many deployable services the workspace builds (Compose services with
 * `build:`, Kubernetes workloads, Dockerfiles in separate folders), whether brokers sit between
 * them, whether functions replace servers, and how one codebase is layered (layered, Clean
 * Architecture, hexagonal). Databases, caches, brokers, proxies and test runners are
 * infrastructure, not services; a web process and its worker built from one codebase are one
 * monolith with a worker; a static single-page frontend is a frontend, not a backend service.
 * Each hint is stated with its reasons, never as a verdict.
 */
import type { Evidence, PracticeFinding } from '../types';
import type { DetectorContext, PracticeDetector } from './types';
import { isWorkload, readCompose, readDockerfiles, readK8s, type ComposeService } from './containers';
import { brokerServices, messagingTechs } from './data';
import { readInfra } from './infra';
import { baseName, dirName, findAll, isVendored, readSafe, sourceFiles } from './util';
import { isTestFile } from './testing';
import { trimEndOf } from '../strings';

/** An image name without its registry host (`reg.example.com/x` → `x`): a first segment with a dot inside. */
function withoutRegistry(image: string): string {
  const slash = image.indexOf('/');
  return slash > 0 && image.slice(1, slash - 1).includes('.') ? image.slice(slash + 1) : image;
}

/** A deployable unit: one codebase built into an image, with the roles it runs as. */
export interface Deployable {
  /** The build context folder (Compose), image (Kubernetes) or Dockerfile folder. */
  key: string;
  /** Service or workload names built from it (web, worker, prestart ...). */
  names: string[];
  /** True when it only serves a browser application (a single-page frontend behind nginx). */
  frontend: boolean;
  evidence: Evidence[];
}

/** Deployable units and the evidence for each way of counting them. */
export interface Deployables {
  /** Backend deployables (codebases, not processes; frontends and infrastructure left out). */
  count: number;
  units: Deployable[];
  /** Services left out as infrastructure or test runners, with why. */
  infrastructure: { name: string; why: string; evidence: Evidence }[];
  /** Browser frontends (single-page apps served as static files), not backend services. */
  frontends: string[];
  /** Codebases that run as a web process and a worker process. */
  withWorker: { key: string; names: string[]; evidence: Evidence[] }[];
  compose: { names: string[]; evidence: Evidence[] };
  k8s: { names: string[]; evidence: Evidence[] };
  dockerfiles: { folders: string[]; evidence: Evidence[] };
}

/** Images and service names of infrastructure that the project runs but does not write. */
const INFRA_NAME = /^(db|database|postgres(ql)?|pg|mysql|mariadb|mongo(db)?|redis|valkey|keydb|memcached?|rabbitmq|rabbit|kafka|zookeeper|redpanda|nats|pulsar|activemq|elasticsearch|elastic|opensearch|kibana|logstash|minio|s3|localstack|mailhog|mailpit|mailcatcher|smtp|mail|adminer|pgadmin|phpmyadmin|redis-commander|proxy|reverse-proxy|nginx|traefik|caddy|haproxy|envoy|apache|httpd|varnish|prometheus|grafana|loki|tempo|jaeger|zipkin|otel-collector|collector|alertmanager|consul|vault|etcd|keycloak|selenium|chrome|firefox|browser|sonarqube|registry|dind|docker)([-_].*)?$/i;
const INFRA_IMAGE = /(^|\/)(postgres|postgis|mysql|mariadb|mongo|redis|valkey|keydb|memcached|rabbitmq|kafka|cp-kafka|zookeeper|redpanda|nats|pulsar|activemq|artemis|elasticsearch|opensearch|kibana|logstash|minio|localstack|mailhog|mailpit|mailcatcher|adminer|pgadmin4?|phpmyadmin|nginx|traefik|caddy|haproxy|envoy|httpd|varnish|prometheus|grafana|loki|tempo|jaeger|zipkin|opentelemetry-collector|alertmanager|consul|vault|etcd|keycloak|selenium|standalone-chrome|sonarqube|registry|docker)([:@]|$)/i;
/** Services that run tests against the others: not part of the system. */
const TEST_RUNNER = /^(test|tests|testing|e2e|e2e-tests?|integration-tests?|playwright|cypress|k6|locust|jmeter|newman|pytest|specs?)([-_].*)?$/i;
const TEST_COMMAND = /\b(playwright\s+test|cypress\s+run|pytest|npm\s+(run\s+)?test|go\s+test|rspec|phpunit|k6\s+run|locust|newman\s+run)\b/;
/** Dockerfile folders of infrastructure images (docker/nginx, deploy/postgres, ...). */
const INFRA_FOLDER = /(^|\/)(nginx|proxy|traefik|caddy|haproxy|postgres|postgresql|db|database|mysql|mariadb|redis|mongo|rabbitmq|kafka|elasticsearch|prometheus|grafana|certbot|varnish)$/i;
/** Processes of the same codebase that work off a queue. */
const WORKER_NAME = /(^|[-_])(worker|workers|jobs?|queue|sidekiq|celery|celery-worker|celeryworker|beat|celery-beat|scheduler|cron|consumer|consumers|rq|dramatiq|horizon|good_job|solid_queue)([-_]|$)/i;
const WORKER_COMMAND = /\b(sidekiq|celery\s+(-A\s+\S+\s+)?worker|celery\s+(-A\s+\S+\s+)?beat|rq\s+worker|dramatiq|artisan\s+(queue:work|horizon)|good_job|bin\/jobs|solid_queue|hangfire|worker\.js|jobs:work|python\s+-m\s+\w*worker)\b/i;

function infraReason(s: ComposeService): string | undefined {
  if (TEST_RUNNER.test(s.name) || (s.command && TEST_COMMAND.test(s.command)) || (s.dockerfile && /playwright|cypress|test|e2e/i.test(s.dockerfile))) return 'runs tests against the others';
  if (s.image && INFRA_IMAGE.test(withoutRegistry(s.image).split(':')[0] + ':')) return `runs ${s.image}`;
  if (!s.build && INFRA_NAME.test(s.name)) return 'infrastructure';
  if (s.build && INFRA_NAME.test(s.name) && (!s.buildContext || INFRA_FOLDER.test(s.buildContext) || /\b(nginx|postgres|redis|traefik)\b/.test(s.buildContext))) return 'an infrastructure image built locally';
  return undefined;
}

/** Counts deployable backend codebases three ways and keeps the largest count. */
export async function countDeployables(ctx: DetectorContext): Promise<Deployables> {
  const { services } = await readCompose(ctx);
  const dockerfiles = await readDockerfiles(ctx);
  const infrastructure: Deployables['infrastructure'] = [];
  const frontendFolders = await frontendBuildFolders(ctx);

  // Compose: services built from source, grouped by build context (and Dockerfile).
  const byContext = new Map<string, Deployable>();
  for (const s of services) {
    const ev: Evidence = { path: s.file, line: s.line, detail: `compose service ${s.name}${s.build ? ' is built from source' : s.image ? ` runs ${s.image}` : ''}` };
    const why = infraReason(s);
    if (why) {
      infrastructure.push({ name: s.name, why, evidence: ev });
      continue;
    }
    if (!s.build) continue;
    const key = `${s.buildContext ?? dirName(s.file)}|${s.dockerfile ?? 'Dockerfile'}`;
    let unit = byContext.get(key);
    if (!unit) byContext.set(key, (unit = { key: s.buildContext || '.', names: [], frontend: frontendFolders.has(s.buildContext ?? ''), evidence: [] }));
    unit.names.push(s.name);
    unit.evidence.push(ev);
  }
  const composeUnits = [...byContext.values()];

  // Kubernetes workloads, grouped by image; databases and caches run as workloads too.
  const objects = (await readK8s(ctx)).filter(isWorkload).filter((o) => o.kind !== 'Job' && o.kind !== 'CronJob' && o.name);
  const k8sUnits = new Map<string, Deployable>();
  for (const o of objects) {
    const ev: Evidence = { path: o.path, line: o.line, detail: `${o.kind} ${o.name ?? ''}`.trim() };
    if (INFRA_NAME.test(o.name!) || (o.kind === 'StatefulSet' && /db|sql|redis|mongo|kafka|elastic|rabbit/i.test(o.name!))) {
      infrastructure.push({ name: o.name!, why: 'infrastructure workload', evidence: ev });
      continue;
    }
    const key = trimEndOf((o.name ?? '').replace(WORKER_NAME, ''), '-_') || o.name!;
    let unit = k8sUnits.get(key);
    if (!unit) k8sUnits.set(key, (unit = { key, names: [], frontend: /^(web-?ui|ui|frontend|client|spa)$/i.test(key), evidence: [] }));
    unit.names.push(o.name!);
    unit.evidence.push(ev);
  }

  // Dockerfiles in separate folders: infrastructure images, test images and frontends left out.
  const folderUnits = new Map<string, Deployable>();
  for (const d of dockerfiles) {
    const folder = dirName(d.path);
    const final = d.stages[d.stages.length - 1];
    const ev: Evidence = { path: d.path, line: d.stages[0].line, detail: `Dockerfile in ${folder || 'the root'}` };
    if (/playwright|cypress|\.test$|-test$|\.e2e$/i.test(baseName(d.path)) || INFRA_FOLDER.test(folder) || (d.stages.length === 1 && INFRA_IMAGE.test(`${final.image.split(':')[0]}:`) && !/nginx/.test(final.image))) {
      infrastructure.push({ name: d.path, why: 'an infrastructure or test image', evidence: ev });
      continue;
    }
    if (/test|e2e/i.test(baseName(d.path).replace(/^Dockerfile/i, ''))) continue;
    let unit = folderUnits.get(folder);
    if (!unit) folderUnits.set(folder, (unit = { key: folder || '.', names: [], frontend: frontendFolders.has(folder) || (/nginx|caddy|httpd/.test(final.image) && d.stages.length > 1), evidence: [] }));
    unit.names.push(baseName(d.path));
    unit.evidence.push(ev);
  }

  const backend = (units: Deployable[]) => units.filter((u) => !u.frontend);
  const candidates = [backend(composeUnits), backend([...k8sUnits.values()]), backend([...folderUnits.values()])];
  const units = candidates.reduce((a, b) => (b.length > a.length ? b : a), [] as Deployable[]);
  const withWorker = [...composeUnits, ...k8sUnits.values()]
    .filter((u) => !u.frontend && u.names.length >= 2)
    .map((u) => {
      const roles = services.filter((s) => u.names.includes(s.name));
      const worker = u.names.some((n) => WORKER_NAME.test(n)) || roles.some((s) => s.command && WORKER_COMMAND.test(s.command));
      return worker ? { key: u.key, names: u.names, evidence: u.evidence } : undefined;
    })
    .filter((x): x is NonNullable<typeof x> => !!x);
  // A Procfile with a web and a worker process is the same shape.
  for (const f of ctx.files) {
    if (baseName(f.path) !== 'Procfile' || isVendored(f.path)) continue;
    const text = (await readSafe(ctx, f.path)) ?? '';
    const procs = findAll(text, /^([\w-]+):\s*(.+)$/m).map((h) => ({ name: h.match[1], cmd: h.match[2], line: h.line }));
    const web = procs.find((p) => p.name === 'web');
    const worker = procs.find((p) => p.name !== 'web' && p.name !== 'release' && (WORKER_NAME.test(p.name) || WORKER_COMMAND.test(p.cmd)));
    if (web && worker && !withWorker.some((w) => w.key === (dirName(f.path) || '.'))) {
      withWorker.push({ key: dirName(f.path) || '.', names: [web.name, worker.name], evidence: [{ path: f.path, line: worker.line, detail: `Procfile runs ${worker.name} beside web: ${worker.cmd.trim()}` }] });
    }
  }

  const composeBackend = backend(composeUnits);
  return {
    count: units.length,
    units,
    infrastructure,
    frontends: [...new Set([...composeUnits, ...k8sUnits.values(), ...folderUnits.values()].filter((u) => u.frontend).map((u) => u.key))],
    withWorker,
    compose: { names: composeBackend.flatMap((u) => u.names), evidence: composeBackend.flatMap((u) => u.evidence) },
    k8s: { names: backend([...k8sUnits.values()]).flatMap((u) => u.names), evidence: backend([...k8sUnits.values()]).flatMap((u) => u.evidence) },
    dockerfiles: { folders: backend([...folderUnits.values()]).map((u) => u.key), evidence: backend([...folderUnits.values()]).flatMap((u) => u.evidence) },
  };
}

/** Folders whose package.json builds a browser application (React, Vue, Angular, Svelte with Vite/webpack, no server framework). */
async function frontendBuildFolders(ctx: DetectorContext): Promise<Set<string>> {
  const out = new Set<string>();
  for (const f of ctx.files) {
    if (baseName(f.path) !== 'package.json' || isVendored(f.path)) continue;
    const text = (await readSafe(ctx, f.path)) ?? '';
    const browser = /"(react-dom|vue|@angular\/core|svelte|solid-js|preact)"\s*:/.test(text) && /"(vite|webpack|@angular\/cli|react-scripts|parcel|@sveltejs\/kit)"\s*:/.test(text);
    const server = /"(express|fastify|koa|@nestjs\/core|@hapi\/hapi|next|nuxt|@remix-run\/node|hono)"\s*:/.test(text);
    if (browser && !server) out.add(dirName(f.path));
  }
  return out;
}

/**
 * Folder names of layers. `explicit` names are the vocabulary of Clean Architecture and
 * hexagonal designs (domain, application, infrastructure, ports, adapters); the others are the
 * everyday controller/service/repository layering of most web frameworks.
 */
const LAYERS: { layer: string; re: RegExp; explicit: boolean }[] = [
  { layer: 'domain', re: /^(domain|core|entities)$/i, explicit: true },
  { layer: 'domain', re: /^(model|models)$/i, explicit: false },
  { layer: 'application', re: /^(application|usecases?|use_?cases)$/i, explicit: true },
  { layer: 'application', re: /^(services|service)$/i, explicit: false },
  { layer: 'infrastructure', re: /^(infrastructure|infra|persistence)$/i, explicit: true },
  { layer: 'infrastructure', re: /^(repositor(y|ies)|data|dal)$/i, explicit: false },
  { layer: 'adapters', re: /^(adapters?)$/i, explicit: true },
  { layer: 'ports', re: /^(ports?)$/i, explicit: true },
  { layer: 'presentation', re: /^(presentation|interfaces)$/i, explicit: true },
  { layer: 'presentation', re: /^(web|api|webapi|controllers?|http|rest|handlers?|ui)$/i, explicit: false },
];

/** Layers of one codebase: its style, rows, and how many layers are named in the explicit vocabulary. */
export interface Layering {
  style: string;
  layers: string[];
  /** Layers named domain/application/infrastructure/ports/adapters (projects or folders). */
  explicit: number;
  evidence: Evidence[];
}

/**
 * How the code of one deployable is layered: .NET projects named *.Domain/*.Core,
 * *.Application, *.Infrastructure, *.Web/*.Api (Clean Architecture), sibling folders named
 * domain / application / infrastructure (Clean), ports with adapters (hexagonal), or the
 * everyday controllers / services / repositories layering.
 */
export async function detectLayers(ctx: DetectorContext): Promise<Layering | undefined> {
  const files = sourceFiles(ctx, 20_000);
  // .NET: one project per layer.
  const projects = ctx.files.filter((f) => /\.csproj$/.test(f.path) && !isVendored(f.path) && !/test/i.test(f.path));
  const byProject = new Map<string, string>();
  for (const p of projects) {
    const name = baseName(p.path).replace(/\.csproj$/, '').split('.').pop() ?? '';
    const layer = /^(Web|Api|WebApi|WebUI|Server|Mvc|Blazor|Host)$/i.test(name) ? 'presentation' : LAYERS.find((l) => l.explicit && l.re.test(name))?.layer;
    if (layer && !byProject.has(layer)) byProject.set(layer, p.path);
  }
  if (byProject.has('domain') && byProject.has('infrastructure') && (byProject.has('application') || byProject.has('presentation'))) {
    return {
      style: 'Clean Architecture (one project per layer)',
      layers: [...byProject.keys()],
      explicit: byProject.size,
      evidence: [...byProject.entries()].map(([layer, path]) => ({ path, line: 1, detail: `${layer} layer: project ${baseName(path)}` })),
    };
  }
  // Folders holding source, by parent: the layer of each folder segment.
  type Seen = { folder: string; file: string; n: number; explicit: boolean };
  const parents = new Map<string, Map<string, Seen>>();
  for (const f of files) {
    if (/(^|\/)(tests?|spec|__tests__)\//.test(f.path) || isTestFile(f.path)) continue;
    const segs = f.path.split('/').slice(0, -1);
    for (let i = 0; i < segs.length; i++) {
      const l = LAYERS.find((x) => x.re.test(segs[i]));
      if (!l) continue;
      const parent = segs.slice(0, i).join('/');
      const layers = parents.get(parent) ?? parents.set(parent, new Map()).get(parent)!;
      const known = layers.get(l.layer);
      if (known) {
        known.n++;
        known.explicit ||= l.explicit;
      } else layers.set(l.layer, { folder: segs.slice(0, i + 1).join('/'), file: f.path, n: 1, explicit: l.explicit });
    }
  }
  let best: Layering | undefined;
  // Hexagonal layouts nest ports under application/ and adapters beside it (application/port/in,
  // adapter/out/persistence): ports and adapters anywhere in the same source tree count together.
  const all = new Map<string, Seen>();
  for (const layers of parents.values()) for (const [layer, v] of layers) if (v.explicit && !all.has(layer)) all.set(layer, v);
  if (all.has('ports') && all.has('adapters')) {
    best = {
      style: 'hexagonal (ports and adapters)',
      layers: [...all.keys()],
      explicit: all.size,
      evidence: [...all.entries()].map(([layer, v]) => ({ path: v.file, line: 1, detail: `${layer === 'ports' ? 'ports' : `${layer} layer`}: ${v.folder}/` })),
    };
  }
  for (const layers of parents.values()) {
    const has = (l: string, explicit = false) => !!layers.get(l) && (!explicit || layers.get(l)!.explicit);
    const explicit = [...layers.values()].filter((v) => v.explicit).length;
    let style: string | undefined;
    if (has('ports', true) && has('adapters', true)) style = 'hexagonal (ports and adapters)';
    else if (has('domain', true) && has('infrastructure', true) && (has('application', true) || has('presentation'))) style = 'Clean Architecture (domain, application, infrastructure)';
    else if (layers.size >= 3 && has('presentation') && (has('application') || has('infrastructure'))) style = 'layered (controllers, services, data access)';
    if (!style) continue;
    const candidate: Layering = {
      style,
      layers: [...layers.keys()],
      explicit,
      evidence: [...layers.entries()].map(([layer, v]) => ({ path: v.file, line: 1, detail: `${layer} layer: ${v.folder}/ (${v.n} source file${v.n === 1 ? '' : 's'})` })),
    };
    if (!best || candidate.explicit > best.explicit || (candidate.explicit === best.explicit && candidate.layers.length > best.layers.length)) best = candidate;
  }
  return best;
}

/** Multiple services and the architecture-* hints with their reasons. */
export const detectArchitecture: PracticeDetector = async (ctx) => {
  try {
    const dep = await countDeployables(ctx);
    const reasons: string[] = [];
    const composeCodebases = new Set(dep.compose.evidence.length ? dep.units.filter((u) => u.names.some((n) => dep.compose.names.includes(n))).map((u) => u.key) : []).size;
    const fromCodebases = composeCodebases && composeCodebases !== dep.compose.names.length ? ` from ${composeCodebases} codebase(s)` : '';
    if (dep.compose.names.length) reasons.push(`Compose builds ${dep.compose.names.length} service(s)${fromCodebases}: ${dep.compose.names.join(', ')}`);
    if (dep.k8s.names.length) reasons.push(`${dep.k8s.names.length} Kubernetes workload(s): ${dep.k8s.names.slice(0, 6).join(', ')}`);
    if (dep.dockerfiles.folders.length > 1) reasons.push(`Dockerfiles in ${dep.dockerfiles.folders.length} folders`);
    const frontends = dep.frontends.length ? `; browser frontends, not backend services: ${dep.frontends.join(', ')}` : '';
    const infraNote = dep.infrastructure.length || dep.frontends.length ? `not counted as services: ${dep.infrastructure.slice(0, 6).map((i) => `${i.name} (${i.why})`).join(', ')}${frontends}`.replace(': ;', ':') : '';
    const serviceEvidence = dep.units.flatMap((u) => u.evidence);

    if (dep.count >= 2) {
      ctx.report('multiple-services', serviceEvidence.slice(0, 20), { count: dep.count, figures: { services: dep.count, reasons: [...reasons, ...(infraNote ? [infraNote] : [])].join('; ') } });
    }

    const { brokers, queues } = messagingTechs(ctx);
    const brokerSvcs = await brokerServices(ctx);
    const brokerReasons = [
      ...brokers.map((b) => `message broker client ${b}`),
      ...brokerSvcs.map((s) => `Compose runs broker ${s.image} (${s.name})`),
    ];
    const brokerEvidence: Evidence[] = brokerSvcs.map((s) => ({ path: s.file, line: s.line, detail: `broker service ${s.name} (${s.image})` }));

    const { serverless, tools } = await readInfra(ctx);
    const fnCount = serverless.functions;

    if (brokerReasons.length && (dep.count >= 2 || brokers.length)) {
      ctx.report('architecture-event-driven', [...brokerEvidence, ...serviceEvidence].slice(0, 15).concat(brokerEvidence.length || serviceEvidence.length ? [] : [{ path: '', detail: brokerReasons.join('; ') }]), {
        figures: { hint: 'event-driven', reasons: [...brokerReasons, ...(dep.count >= 2 ? [`${dep.count} deployable services`] : [])].join('; ') },
      });
    }

    const microservices = dep.count >= 3 || (dep.count >= 2 && (brokerReasons.length > 0 || dep.k8s.names.length >= 2));
    if (microservices) {
      ctx.report('architecture-microservices', serviceEvidence.slice(0, 15), {
        count: dep.count,
        figures: { hint: 'microservices', reasons: [...reasons, ...brokerReasons, ...(infraNote ? [infraNote] : [])].join('; ') },
      });
    }

    const serverlessFirst = fnCount >= 1 && (fnCount >= 2 || tools.has('AWS SAM') || serverless.platforms.size > 0) && dep.count <= 1;
    if (serverlessFirst) {
      ctx.report('architecture-serverless', serverless.evidence.slice(0, 10), {
        count: fnCount,
        figures: { hint: 'serverless', reasons: `${fnCount} function(s) on ${[...serverless.platforms].join(', ')}${dep.count ? '; at most one container' : '; no containers'}` },
      });
    }

    const layers = await detectLayers(ctx);
    if (layers) {
      // The count is the layers named in the Clean/hexagonal vocabulary: everyday controller/service
      // layering is a hint, a deliberate layered design is more.
      ctx.report('architecture-layered', layers.evidence, { count: Math.max(1, layers.explicit), figures: { hint: layers.style, layers: layers.layers.join(', '), namedLayers: layers.explicit } });
    }

    const code = sourceFiles(ctx).length;
    if (!microservices && !serverlessFirst && dep.count <= 1 && code >= 3) {
      const worker = dep.withWorker[0];
      const why = [
        dep.count === 1 ? 'one deployable unit' : 'no container or workload definitions beyond a single app',
        `${code} source files in one codebase`,
        ...(worker ? [`it runs as ${worker.names.join(' and ')} from the same code (a monolith with a worker, not separate services)`] : []),
        ...(queues.length ? [`background jobs through ${queues.join(', ')} inside the same codebase`] : []),
        ...(layers ? [`organised in layers: ${layers.style}`] : []),
        ...(infraNote ? [infraNote] : []),
      ];
      const evidence = [...(worker?.evidence ?? []), ...(serviceEvidence.length ? serviceEvidence : dep.dockerfiles.evidence)];
      ctx.report('architecture-monolith', evidence.slice(0, 5), {
        figures: { hint: `${worker ? 'monolith with a worker' : 'monolith'}${layers ? `, ${layers.style}` : ''}`, reasons: why.join('; ') },
      });
    }
  } catch (e) {
    ctx.warn(`architecture: ${(e as Error).message}`);
  }
};

/**
 * Turns the architecture-* practices of a finished scan into the result's `architecture` hint
 * (style plus reasons), or undefined when no hint was found.
 */
export function architectureHint(practices: PracticeFinding[]): { style: string; reasons: string[] } | undefined {
  const get = (id: string) => practices.find((p) => p.id === id);
  const reasonsOf = (p?: PracticeFinding) => String(p?.figures?.reasons ?? '').split('; ').filter(Boolean);
  const ms = get('architecture-microservices');
  const ed = get('architecture-event-driven');
  const sl = get('architecture-serverless');
  const mono = get('architecture-monolith');
  const layered = get('architecture-layered');
  if (sl) return { style: 'serverless', reasons: reasonsOf(sl) };
  if (ms && ed) return { style: 'event-driven microservices', reasons: [...new Set([...reasonsOf(ms), ...reasonsOf(ed)])] };
  if (ms) return { style: 'microservices', reasons: reasonsOf(ms) };
  if (ed) return { style: 'event-driven', reasons: reasonsOf(ed) };
  if (mono) return { style: String(mono.figures?.hint ?? 'monolith'), reasons: reasonsOf(mono) };
  if (layered) return { style: String(layered.figures?.hint), reasons: layered.evidence.map((e) => e.detail) };
  return undefined;
}
