/**
 * Architecture hints: how many deployable services the workspace builds (Compose services with
 * `build:`, Kubernetes workloads, Dockerfiles in separate folders), whether brokers sit between
 * them, and whether functions replace servers. Each hint is stated with its reasons, never as a
 * verdict.
 */
import type { Evidence, PracticeFinding } from '../types';
import type { DetectorContext, PracticeDetector } from './types';
import { isWorkload, readCompose, readDockerfiles, readK8s } from './containers';
import { brokerServices, messagingTechs } from './data';
import { readInfra } from './infra';
import { dirName, sourceFiles } from './util';

/** Deployable units and the evidence for each way of counting them. */
export interface Deployables {
  count: number;
  compose: { names: string[]; evidence: Evidence[] };
  k8s: { names: string[]; evidence: Evidence[] };
  dockerfiles: { folders: string[]; evidence: Evidence[] };
}

/** Counts deployable services three ways and keeps the largest count. */
export async function countDeployables(ctx: DetectorContext): Promise<Deployables> {
  const { services } = await readCompose(ctx);
  const built = services.filter((s) => s.build);
  const composeNames = [...new Set(built.map((s) => s.name))];
  // Templated objects (Helm) have no literal name and usually duplicate a plain manifest: not counted.
  const objects = (await readK8s(ctx)).filter(isWorkload).filter((o) => o.kind !== 'Job' && o.kind !== 'CronJob' && o.name);
  const k8sNames = [...new Set(objects.map((o) => o.name!))];
  const dockerfiles = await readDockerfiles(ctx);
  const folders = [...new Set(dockerfiles.map((d) => dirName(d.path)))];
  return {
    count: Math.max(composeNames.length, k8sNames.length, folders.length),
    compose: { names: composeNames, evidence: built.map((s) => ({ path: s.file, line: s.line, detail: `compose service ${s.name} is built from source` })) },
    k8s: { names: k8sNames, evidence: objects.map((o) => ({ path: o.path, line: o.line, detail: `${o.kind} ${o.name ?? ''}`.trim() })) },
    dockerfiles: { folders, evidence: dockerfiles.map((d) => ({ path: d.path, line: d.stages[0].line, detail: `Dockerfile in ${dirName(d.path) || 'the root'}` })) },
  };
}

/** Multiple services and the architecture-* hints with their reasons. */
export const detectArchitecture: PracticeDetector = async (ctx) => {
  try {
    const dep = await countDeployables(ctx);
    const reasons: string[] = [];
    if (dep.compose.names.length) reasons.push(`Compose builds ${dep.compose.names.length} service(s): ${dep.compose.names.join(', ')}`);
    if (dep.k8s.names.length) reasons.push(`${dep.k8s.names.length} Kubernetes workload(s): ${dep.k8s.names.slice(0, 6).join(', ')}`);
    if (dep.dockerfiles.folders.length > 1) reasons.push(`Dockerfiles in ${dep.dockerfiles.folders.length} folders`);
    const serviceEvidence = [...dep.compose.evidence, ...dep.k8s.evidence, ...(dep.dockerfiles.folders.length > 1 ? dep.dockerfiles.evidence : [])];

    if (dep.count >= 2) {
      ctx.report('multiple-services', serviceEvidence.slice(0, 20), { count: dep.count, figures: { services: dep.count, reasons: reasons.join('; ') } });
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
        figures: { hint: 'microservices', reasons: [...reasons, ...brokerReasons].join('; ') },
      });
    }

    const serverlessFirst = fnCount >= 1 && (fnCount >= 2 || tools.has('AWS SAM') || serverless.platforms.size > 0) && dep.count <= 1;
    if (serverlessFirst) {
      ctx.report('architecture-serverless', serverless.evidence.slice(0, 10), {
        count: fnCount,
        figures: { hint: 'serverless', reasons: `${fnCount} function(s) on ${[...serverless.platforms].join(', ')}${dep.count ? '; at most one container' : '; no containers'}` },
      });
    }

    const code = sourceFiles(ctx).length;
    if (!microservices && !serverlessFirst && dep.count <= 1 && code >= 3) {
      const why = [
        dep.count === 1 ? 'one deployable unit' : 'no container or workload definitions beyond a single app',
        `${code} source files in one codebase`,
        ...(queues.length ? [`background jobs through ${queues.join(', ')} inside the same codebase`] : []),
      ];
      ctx.report('architecture-monolith', (serviceEvidence.length ? serviceEvidence : dep.dockerfiles.evidence).slice(0, 5), {
        figures: { hint: 'monolith', reasons: why.join('; ') },
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
  if (sl) return { style: 'serverless', reasons: reasonsOf(sl) };
  if (ms && ed) return { style: 'event-driven microservices', reasons: [...new Set([...reasonsOf(ms), ...reasonsOf(ed)])] };
  if (ms) return { style: 'microservices', reasons: reasonsOf(ms) };
  if (ed) return { style: 'event-driven', reasons: reasonsOf(ed) };
  if (mono) return { style: 'monolith', reasons: reasonsOf(mono) };
  return undefined;
}
