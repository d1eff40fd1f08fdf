/**
 * Containers and orchestration: Dockerfiles (and their hygiene), Compose files, Kubernetes
 * manifests, Helm charts, Kustomize and load balancing. A `.dockerignore` alone is not Docker and
 * Kubernetes named in prose is not Kubernetes: only files with the right structure count.
 */
import { isMap } from 'yaml';
import type { Evidence } from '../types';
import type { DetectorContext, PracticeDetector } from './types';
import { baseName, clip, dirName, findAll, isVendored, mapEntries, mapGet, memo, nodeLine, parseYaml, readSafe, toJs, runSteps } from './util';

/** One FROM of a Dockerfile. */
export interface DockerStage {
  line: number;
  image: string;
  alias?: string;
  /** True when FROM names an earlier stage or `scratch` (not a registry image). */
  internal: boolean;
  pinned: boolean;
  users: { line: number; user: string }[];
}

/** A parsed Dockerfile. */
export interface DockerfileInfo {
  path: string;
  stages: DockerStage[];
  healthcheck?: { line: number; disabled: boolean };
  expose: number[];
  cmdLines: { line: number; text: string }[];
  /** Malformed lines (1-based), at most three: an unknown instruction, a FROM without an image. */
  problems: { line: number; message: string }[];
}

/** Dockerfile instructions (docs.docker.com/reference/dockerfile). */
const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)([.-][\w.-]+)?$|\.(Dockerfile|dockerfile|Containerfile)$|^dockerfile$/;

/** True for file names Docker tools treat as Dockerfiles (Dockerfile, Dockerfile.dev, api.Dockerfile, Containerfile). */
export function isDockerfileName(path: string): boolean {
  const b = baseName(path);
  return DOCKERFILE_NAME.test(b) && !/\.(md|txt|bak|orig|swp)$/i.test(b);
}

/** Joins continuation lines and keeps the first line number of each instruction. */
function instructions(text: string): { line: number; op: string; args: string }[] {
  const out: { line: number; op: string; args: string }[] = [];
  const lines = text.split(/\r?\n/);
  let buf = '';
  let start = 0;
  let heredoc: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const t = raw.trim();
    // Heredoc bodies (RUN <<EOF ... EOF) are the instruction's, not instructions.
    if (heredoc) {
      if (t === heredoc) heredoc = undefined;
      continue;
    }
    if (!buf && (t === '' || t.startsWith('#'))) continue;
    if (buf && t.startsWith('#')) continue;
    if (!buf) start = i + 1;
    if (/\\\s*$/.test(raw)) {
      buf += raw.replace(/\\\s*$/, ' ');
      continue;
    }
    buf += raw;
    const m = /^[ \t]*([A-Za-z]+)(?:[ \t]+|$)/.exec(buf);
    const op = m ? m[1].toUpperCase() : buf.trim().split(/\s/)[0];
    const args = m ? buf.slice(m[0].length).trim() : buf.trim();
    out.push({ line: start, op, args });
    const doc = /<<-?["']?([A-Za-z_]\w{0,40})["']?/.exec(args);
    if (doc && (op === 'RUN' || op === 'COPY' || op === 'ADD')) heredoc = doc[1];
    buf = '';
  }
  return out;
}

/** Parses a Dockerfile text (never throws). ARG defaults are substituted into FROM lines. */
export function parseDockerfile(path: string, text: string): DockerfileInfo {
  const info: DockerfileInfo = { path, stages: [], expose: [], cmdLines: [], problems: [] };
  const args: Record<string, string> = {};
  const aliases = new Set<string>();
  const problem = (line: number, message: string) => {
    if (info.problems.length < 3) info.problems.push({ line, message });
  };
  for (const ins of instructions(text)) {
    if (!INSTRUCTIONS.has(ins.op)) {
      problem(ins.line, `not a Dockerfile instruction: ${JSON.stringify(clip(ins.op, 40))}`);
      continue;
    }
    if (ins.op === 'FROM' && !ins.args.split(/\s+/).some((p) => p && !p.startsWith('--'))) {
      problem(ins.line, 'FROM without an image');
      continue;
    }
    if (ins.op === 'ARG') {
      const m = /^([A-Za-z_]\w*)=("?)([^"\s]*)\2/.exec(ins.args);
      if (m) args[m[1]] = m[3];
    } else if (ins.op === 'FROM') {
      const parts = ins.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      let image = parts[0] ?? '';
      image = image.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (all, name: string) => args[name] ?? all);
      const alias = parts[1]?.toUpperCase() === 'AS' ? parts[2] : undefined;
      const internal = image.toLowerCase() === 'scratch' || aliases.has(image.toLowerCase());
      info.stages.push({ line: ins.line, image, alias, internal, pinned: isPinned(image), users: [] });
      if (alias) aliases.add(alias.toLowerCase());
    } else if (ins.op === 'USER' && info.stages.length) {
      info.stages[info.stages.length - 1].users.push({ line: ins.line, user: ins.args.split(/\s+/)[0] ?? '' });
    } else if (ins.op === 'HEALTHCHECK') {
      info.healthcheck = { line: ins.line, disabled: /^NONE\b/i.test(ins.args) };
    } else if (ins.op === 'EXPOSE') {
      for (const p of ins.args.split(/\s+/)) if (/^\d+/.test(p)) info.expose.push(parseInt(p, 10));
    } else if (ins.op === 'CMD' || ins.op === 'ENTRYPOINT') {
      info.cmdLines.push({ line: ins.line, text: ins.args });
    }
  }
  return info;
}

/** True when an image reference is pinned: a digest, or an explicit tag other than `latest`. */
export function isPinned(image: string): boolean {
  if (image.includes('$')) return false;
  if (/@sha256:[0-9a-f]{16,}/i.test(image)) return true;
  const lastSlash = image.lastIndexOf('/');
  const tagAt = image.indexOf(':', lastSlash + 1);
  if (tagAt < 0) return false;
  const tag = image.slice(tagAt + 1);
  return tag !== '' && tag.toLowerCase() !== 'latest';
}

const ROOT_USERS = new Set(['root', '0', '0:0', 'root:root', 'root:0', '0:root']);

/** Dockerfiles of the workspace, parsed once per scan. Files without a FROM are ignored. */
export function readDockerfiles(ctx: DetectorContext): Promise<DockerfileInfo[]> {
  return memo(ctx, 'containers.dockerfiles', async () => {
    const out: DockerfileInfo[] = [];
    for (const f of ctx.files) {
      if (!isDockerfileName(f.path) || isVendored(f.path)) continue;
      const text = await readSafe(ctx, f.path);
      if (text === undefined) continue;
      const info = parseDockerfile(f.path, text);
      for (const p of info.problems) ctx.warn(`${f.path}: line ${p.line}: ${p.message}`);
      if (info.stages.length) out.push(info);
    }
    return out;
  });
}

/** One Compose service. */
export interface ComposeService {
  name: string;
  file: string;
  line?: number;
  image?: string;
  /** 1-based line of the `image:` value. */
  imageLine?: number;
  build: boolean;
  /** Build context folder, workspace-relative ('' = the Compose file's folder is the root). */
  buildContext?: string;
  /** Dockerfile named by `build.dockerfile`, relative to the context. */
  dockerfile?: string;
  /** The service's `command:` as one string, when set. */
  command?: string;
  dependsOn: string[];
  replicas?: number;
}

const COMPOSE_NAME = /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i;

/** True for Compose file names (docker-compose.yml, docker-compose.prod.yaml, compose.yml, compose.override.yaml). */
export function isComposeName(path: string): boolean {
  return COMPOSE_NAME.test(baseName(path));
}

/** Compose services of the workspace, parsed once per scan. */
export function readCompose(ctx: DetectorContext): Promise<{ files: string[]; services: ComposeService[] }> {
  return memo(ctx, 'containers.compose', async () => {
    const files: string[] = [];
    const services: ComposeService[] = [];
    for (const f of ctx.files) {
      if (!isComposeName(f.path) || isVendored(f.path)) continue;
      const text = await readSafe(ctx, f.path);
      if (text === undefined) continue;
      const y = parseYaml(ctx, f.path, text);
      const root = y?.docs[0]?.contents;
      const svc = mapGet(root, 'services');
      if (!y || !isMap(svc)) continue;
      files.push(f.path);
      for (const e of mapEntries(svc)) {
        const imageNode = mapGet(e.value, 'image');
        const image = toJs(imageNode);
        const deps = toJs(mapGet(e.value, 'depends_on'));
        const replicas = toJs(mapGet(mapGet(e.value, 'deploy'), 'replicas'));
        const build = toJs(mapGet(e.value, 'build'));
        const context = typeof build === 'string' ? build : build && typeof build === 'object' ? (build as { context?: unknown }).context : undefined;
        const dockerfile = build && typeof build === 'object' ? (build as { dockerfile?: unknown }).dockerfile : undefined;
        const command = toJs(mapGet(e.value, 'command'));
        services.push({
          name: e.key,
          file: f.path,
          line: nodeLine(e.keyNode, y.lc),
          image: typeof image === 'string' ? image : undefined,
          imageLine: nodeLine(imageNode, y.lc),
          build: mapGet(e.value, 'build') !== undefined,
          ...(typeof context === 'string' ? { buildContext: joinDir(dirName(f.path), context.replace(/^\.\/?/, '').replace(/\/$/, '')) } : mapGet(e.value, 'build') !== undefined ? { buildContext: dirName(f.path) } : {}),
          ...(typeof dockerfile === 'string' ? { dockerfile } : {}),
          ...(typeof command === 'string' ? { command } : Array.isArray(command) ? { command: command.map(String).join(' ') } : {}),
          dependsOn: Array.isArray(deps) ? deps.map(String) : deps && typeof deps === 'object' ? Object.keys(deps) : [],
          replicas: typeof replicas === 'number' ? replicas : undefined,
        });
      }
    }
    return { files, services };
  });
}

/** One Kubernetes object found in a manifest. */
export interface K8sObject {
  path: string;
  line?: number;
  apiVersion: string;
  kind: string;
  name?: string;
  serviceType?: string;
}

/** apiVersion prefixes that use apiVersion+kind but are not Kubernetes objects. */
const NOT_K8S = /^(backstage\.io|skaffold\/|kind\.x-k8s\.io|kuttl\.dev|ctlptl\.dev|k3d\.io|config\.lagoon|dagger)/;

/** Kubernetes objects (YAML documents with apiVersion and kind), parsed once per scan. */
export function readK8s(ctx: DetectorContext): Promise<K8sObject[]> {
  return memo(ctx, 'containers.k8s', async () => {
    const out: K8sObject[] = [];
    for (const f of ctx.files) {
      if (!/\.ya?ml$/i.test(f.path) || isVendored(f.path) || isComposeName(f.path) || f.path.startsWith('.github/')) continue;
      const text = await readSafe(ctx, f.path);
      // Cheap structural pre-check: both keys at the start of a line.
      if (!text || !/^apiVersion:/m.test(text) || !/^kind:/m.test(text)) continue;
      const inChartTemplates = /(^|\/)templates\//.test(f.path) && text.includes('{{');
      const y = inChartTemplates ? undefined : parseYaml(ctx, f.path, text);
      if (!y) {
        // Helm templates are not YAML until rendered: read apiVersion/kind line by line.
        const kinds = findAll(text, /^kind:\s*["']?([A-Za-z]+)/m);
        const apis = findAll(text, /^apiVersion:\s*["']?([\w./-]+)/m);
        kinds.forEach((k, i) => {
          const api = apis[i]?.match[1] ?? '';
          if (!NOT_K8S.test(api)) out.push({ path: f.path, line: k.line, apiVersion: api, kind: k.match[1] });
        });
        continue;
      }
      for (const doc of y.docs) {
        const api = toJs(mapGet(doc.contents, 'apiVersion'));
        const kind = toJs(mapGet(doc.contents, 'kind'));
        if (typeof api !== 'string' || typeof kind !== 'string' || NOT_K8S.test(api)) continue;
        const name = toJs(mapGet(mapGet(doc.contents, 'metadata'), 'name'));
        const type = toJs(mapGet(mapGet(doc.contents, 'spec'), 'type'));
        // The `kind:` line is what identifies the object.
        const line = nodeLine(mapGet(doc.contents, 'kind'), y.lc) ?? nodeLine(doc.contents, y.lc);
        out.push({ path: f.path, line, apiVersion: api, kind, name: typeof name === 'string' ? name : undefined, serviceType: typeof type === 'string' ? type : undefined });
      }
    }
    return out;
  });
}

async function detectDocker(ctx: DetectorContext): Promise<void> {
  const dockerfiles = await readDockerfiles(ctx);
  if (!dockerfiles.length) return;
  const ev = (d: DockerfileInfo, line: number, detail: string): Evidence => ({ path: d.path, line, detail });
  ctx.reportTechnology('docker', dockerfiles.map((d) => ev(d, d.stages[0].line, `FROM ${d.stages[0].image}`)));
  ctx.report('dockerfile', dockerfiles.map((d) => ev(d, d.stages[0].line, `Dockerfile with ${d.stages.length} stage(s), base ${clip(d.stages[0].image, 60)}`)), {
    count: dockerfiles.length,
    figures: { dockerfiles: dockerfiles.length },
  });

  const multi = dockerfiles.filter((d) => d.stages.length >= 2);
  if (multi.length) {
    ctx.report('docker-multistage', multi.map((d) => ev(d, d.stages[d.stages.length - 1].line, `${d.stages.length} stages: ${d.stages.map((s) => s.alias ?? s.image).join(' → ')}`)), { count: multi.length });
  }

  const nonRoot: Evidence[] = [];
  const runsAsRoot: string[] = [];
  for (const d of dockerfiles) {
    const final = d.stages[d.stages.length - 1];
    const user = final.users[final.users.length - 1];
    if (user && !ROOT_USERS.has(user.user.toLowerCase())) nonRoot.push(ev(d, user.line, `final stage runs as USER ${user.user}`));
    else if (!user && /[:-]nonroot\b/i.test(final.image)) nonRoot.push(ev(d, final.line, `final stage base ${final.image} runs as non-root`));
    else runsAsRoot.push(d.path);
  }
  if (nonRoot.length) ctx.report('docker-non-root', nonRoot, { count: nonRoot.length, figures: { nonRoot: nonRoot.length, asRoot: runsAsRoot.length } });

  const health = dockerfiles.filter((d) => d.healthcheck && !d.healthcheck.disabled);
  if (health.length) ctx.report('docker-healthcheck', health.map((d) => ev(d, d.healthcheck!.line, 'HEALTHCHECK instruction')), { count: health.length });

  const pinned: Evidence[] = [];
  const unpinned: string[] = [];
  for (const d of dockerfiles) {
    for (const s of d.stages) {
      if (s.internal) continue;
      if (s.pinned) pinned.push(ev(d, s.line, `base image pinned: ${clip(s.image, 80)}`));
      else unpinned.push(`${d.path}:${s.line} ${s.image}`);
    }
  }
  if (pinned.length) {
    ctx.report('docker-pinned-base', pinned, {
      count: pinned.length,
      figures: { pinned: pinned.length, unpinned: unpinned.length, ...(unpinned.length ? { unpinnedImages: clip(unpinned.join(', '), 200) } : {}) },
    });
  }
}

async function detectCompose(ctx: DetectorContext): Promise<void> {
  const { files, services } = await readCompose(ctx);
  if (!files.length) return;
  ctx.reportTechnology('docker-compose', files.map((f) => ({ path: f, line: 1, detail: 'Compose file with services' })));
  const names = [...new Set(services.map((s) => s.name))];
  ctx.report(
    'compose-services',
    services.map((s) => ({ path: s.file, line: s.line, detail: `service ${s.name}: ${s.build ? 'built from source' : ''}${s.build && s.image ? ', ' : ''}${s.image ? `image ${s.image}` : ''}` || `service ${s.name}` })),
    {
      count: names.length,
      figures: {
        services: names.join(', '),
        images: [...new Set(services.map((s) => s.image).filter(Boolean))].join(', ') || 'none',
        built: [...new Set(services.filter((s) => s.build).map((s) => s.name))].join(', ') || 'none',
        files: files.length,
      },
    },
  );
}

async function detectOrchestration(ctx: DetectorContext): Promise<void> {
  const objects = await readK8s(ctx);
  const lb: Evidence[] = [];
  if (objects.length) {
    const byKind: Record<string, number> = {};
    for (const o of objects) byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
    const evidence = objects.map((o) => ({ path: o.path, line: o.line, detail: `${o.kind}${o.name ? ` ${o.name}` : ''} (${o.apiVersion})` }));
    ctx.reportTechnology('kubernetes', evidence.slice(0, 5));
    ctx.report('kubernetes-manifests', evidence.slice(0, 30), {
      count: objects.length,
      figures: { objects: objects.length, kinds: Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(', '), files: new Set(objects.map((o) => o.path)).size },
    });
    for (const o of objects) {
      if (o.kind === 'Service' && o.serviceType === 'LoadBalancer') lb.push({ path: o.path, line: o.line, detail: `Service ${o.name ?? ''} of type LoadBalancer`.replace('  ', ' ') });
      if (o.kind === 'Ingress' || o.kind === 'HTTPRoute' || o.kind === 'Gateway' || o.kind === 'IngressRoute' || o.kind === 'VirtualService') lb.push({ path: o.path, line: o.line, detail: `${o.kind}${o.name ? ` ${o.name}` : ''} routes traffic across pods` });
    }
  }
  for (const f of ctx.files) {
    const b = baseName(f.path);
    if (isVendored(f.path)) continue;
    if (/\.conf$|^nginx[\w.-]*$|\.conf\.template$/i.test(b) && /nginx|conf\.d|sites-(available|enabled)|\.conf$/i.test(f.path)) {
      const text = await readSafe(ctx, f.path);
      if (!text) continue;
      for (const h of findAll(text, /^[ \t]*upstream\s+([\w.-]+)\s*\{/m, 20)) lb.push({ path: f.path, line: h.line, detail: `Nginx upstream ${h.match[1]}` });
    } else if (/^haproxy\.cfg$/i.test(b)) {
      const text = await readSafe(ctx, f.path);
      const h = text ? findAll(text, /^[ \t]*backend\s+\S+/m, 1)[0] : undefined;
      if (h) lb.push({ path: f.path, line: h.line, detail: `HAProxy ${h.lineText}` });
    }
  }
  if (lb.length) ctx.report('load-balancing', lb, { count: lb.length });

  const charts = ctx.files.filter((f) => baseName(f.path) === 'Chart.yaml' || baseName(f.path) === 'Chart.yml');
  const chartEv: Evidence[] = [];
  for (const c of charts) {
    const text = await readSafe(ctx, c.path);
    if (!text) continue;
    const y = parseYaml(ctx, c.path, text);
    const name = toJs(mapGet(y?.docs[0]?.contents, 'name'));
    if (typeof name === 'string') {
      const templates = ctx.files.filter((f) => f.path.startsWith(joinDir(dirName(c.path), 'templates/'))).length;
      chartEv.push({ path: c.path, line: nodeLine(mapGet(y?.docs[0]?.contents, 'name'), y!.lc), detail: `Helm chart ${name} (${templates} template file(s))` });
    }
  }
  if (chartEv.length) {
    ctx.report('helm-chart', chartEv, { count: chartEv.length });
    ctx.reportTechnology('helm', chartEv);
  }

  const kustom = ctx.files.filter((f) => /^(kustomization\.ya?ml|Kustomization)$/.test(baseName(f.path)));
  if (kustom.length) {
    const ev: Evidence[] = [];
    for (const k of kustom) {
      const text = (await readSafe(ctx, k.path)) ?? '';
      const res = findAll(text, /^(resources|bases|patches\w*|images|components):/m, 5);
      ev.push({ path: k.path, line: res[0]?.line ?? 1, detail: `Kustomize ${res.map((r) => r.match[1]).join(', ') || 'configuration'}` });
    }
    ctx.report('kustomize', ev, { count: ev.length, figures: { overlays: kustom.filter((k) => /overlays\//.test(k.path)).length } });
  }
}

function joinDir(dir: string, rest: string): string {
  return dir ? `${dir}/${rest}` : rest;
}

/** Dockerfiles and their hygiene, Compose services, Kubernetes, Helm, Kustomize, load balancing. */
export const detectContainers: PracticeDetector = async (ctx) => {
  await runSteps(ctx, 'containers', [detectDocker, detectCompose, detectOrchestration]);
};

/** Whether a Kubernetes object is a deployable workload. */
export function isWorkload(o: K8sObject): boolean {
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'DeploymentConfig', 'Rollout', 'CronJob', 'Job'].includes(o.kind);
}
