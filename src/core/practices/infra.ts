/**
 * Infrastructure as code (Terraform/OpenTofu, Pulumi, Ansible, CloudFormation/SAM, CDK, Bicep/ARM),
 * serverless functions (Serverless Framework, SAM, Lambda/Azure/Google handlers, Vercel, Netlify,
 * Cloudflare Workers) and web/application server configuration.
 */
import { isMap, isSeq } from 'yaml';
import type { Evidence } from '../types';
import type { DetectorContext, PracticeDetector } from './types';
import { readDockerfiles } from './containers';
import { isTestFile } from './testing';
import { baseName, clip, findAll, findFirst, isVendored, mapGet, memo, parseYaml, readSafe, sourceFiles, techEvidence, techsOf } from './util';

const TF_CLOUD: Record<string, { tech: string; name: string }> = {
  aws: { tech: 'aws', name: 'AWS' },
  google: { tech: 'gcp', name: 'Google Cloud' },
  'google-beta': { tech: 'gcp', name: 'Google Cloud' },
  azurerm: { tech: 'azure', name: 'Azure' },
  azuread: { tech: 'azure', name: 'Azure' },
};

const TF_SERVERLESS = /^(aws_lambda_function|aws_sfn_state_machine|google_cloudfunctions2?_function|azurerm_(linux_|windows_)?function_app|azurerm_function_app_flex_consumption|google_cloud_run_v2_service|google_cloud_run_service|aws_apigatewayv2_api|aws_api_gateway_rest_api)$/;

/** Serverless facts shared with the architecture hints. */
export interface ServerlessFacts {
  evidence: Evidence[];
  functions: number;
  platforms: Set<string>;
}

/** IaC and serverless facts, computed once per scan. */
export function readInfra(ctx: DetectorContext): Promise<{ iac: Evidence[]; tools: Set<string>; serverless: ServerlessFacts }> {
  return memo(ctx, 'infra.facts', async () => {
    const iac: Evidence[] = [];
    const tools = new Set<string>();
    const serverless: ServerlessFacts = { evidence: [], functions: 0, platforms: new Set() };
    const clouds = new Map<string, Evidence[]>();
    const fn = (e: Evidence, platform: string, n = 1) => {
      serverless.evidence.push(e);
      serverless.functions += n;
      serverless.platforms.add(platform);
    };

    for (const f of ctx.files) {
      if (isVendored(f.path)) continue;
      const b = baseName(f.path);
      const lower = b.toLowerCase();

      if (/\.(tf|tofu)$/.test(lower)) {
        const text = (await readSafe(ctx, f.path)) ?? '';
        const resources = findAll(text, /^[ \t]*resource\s+"([\w-]+)"\s+"([\w-]+)"/m);
        const providers = findAll(text, /^[ \t]*provider\s+"([\w-]+)"|^[ \t]*([\w-]+)\s*=\s*\{\s*source\s*=\s*"[\w.-]+\/([\w-]+)"/m);
        const modules = findAll(text, /^[ \t]*module\s+"([\w-]+)"/m);
        if (!resources.length && !providers.length && !modules.length && !/^[ \t]*(terraform|variable|output|data|locals)\b/m.test(text)) continue;
        tools.add(lower.endsWith('.tofu') ? 'OpenTofu' : 'Terraform');
        iac.push({ path: f.path, line: (resources[0] ?? providers[0] ?? modules[0])?.line ?? 1, detail: `Terraform: ${resources.length} resource(s), ${modules.length} module(s)` });
        for (const p of providers) {
          const name = p.match[1] ?? p.match[3];
          const cloud = TF_CLOUD[name];
          if (cloud) clouds.set(cloud.tech, [...(clouds.get(cloud.tech) ?? []), { path: f.path, line: p.line, detail: `Terraform provider ${name}` }]);
        }
        for (const r of resources) {
          const prefix = r.match[1].split('_')[0];
          const cloud = TF_CLOUD[prefix];
          if (cloud && !clouds.has(cloud.tech)) clouds.set(cloud.tech, [{ path: f.path, line: r.line, detail: `Terraform resource ${r.match[1]}` }]);
          if (TF_SERVERLESS.test(r.match[1]) && !/api_?gateway|apigatewayv2/.test(r.match[1])) fn({ path: f.path, line: r.line, detail: `Terraform ${r.match[1]} "${r.match[2]}"` }, cloud?.name ?? prefix);
        }
        continue;
      }
      if (/^pulumi(\.[\w-]+)?\.ya?ml$/i.test(b)) {
        const text = (await readSafe(ctx, f.path)) ?? '';
        const rt = findFirst(text, /^runtime:\s*(\S+)/m);
        if (b.toLowerCase() === 'pulumi.yaml' || b.toLowerCase() === 'pulumi.yml') {
          if (!rt && !/^name:/m.test(text)) continue;
          tools.add('Pulumi');
          iac.push({ path: f.path, line: rt?.line ?? 1, detail: `Pulumi project${rt ? ` (${rt.match[1]})` : ''}` });
        }
        continue;
      }
      if (lower === 'cdk.json') {
        tools.add('AWS CDK');
        iac.push({ path: f.path, line: 1, detail: 'AWS CDK app' });
        clouds.set('aws', [...(clouds.get('aws') ?? []), { path: f.path, line: 1, detail: 'AWS CDK app' }]);
        continue;
      }
      if (/\.bicep$/.test(lower)) {
        const text = (await readSafe(ctx, f.path)) ?? '';
        const res = findAll(text, /^[ \t]*resource\s+\w+\s+'([\w./-]+)@/m);
        tools.add('Bicep');
        iac.push({ path: f.path, line: res[0]?.line ?? 1, detail: `Bicep template with ${res.length} resource(s)` });
        clouds.set('azure', [...(clouds.get('azure') ?? []), { path: f.path, line: res[0]?.line ?? 1, detail: 'Bicep template' }]);
        // A Function app is a Microsoft.Web/sites resource of kind 'functionapp'; a parameter such as
        // functionAppScaleLimit on a web app is not one.
        const kind = findAll(text, /^[ \t]*kind:\s*'[\w,]*'/im).find((h) => /functionapp/i.test(h.match[0]));
        if (kind && res.some((r) => /Microsoft\.Web\/sites/.test(r.match[1]))) fn({ path: f.path, line: kind.line, detail: 'Azure Function app in Bicep' }, 'Azure');
        continue;
      }
      if (/\.(ya?ml|json|template)$/.test(lower) && f.size < 2_000_000) {
        // CloudFormation/SAM/ARM use tags such as !Ref that plain YAML rejects: read them as text.
        const head = /cloudformation|template|stack|sam|infra|cfn|deploy|arm|azuredeploy/i.test(f.path) || /^(template|serverless)\.(ya?ml|json)$/.test(lower);
        if (head || lower.endsWith('.template')) {
          const text = (await readSafe(ctx, f.path)) ?? '';
          // Keys, not mentions: a top-level YAML key or a JSON property.
          const cfn = findFirst(text, /^[ \t]*"?AWSTemplateFormatVersion"?\s*:|^[ \t]*"?Transform"?\s*:\s*(?:\[\s*)?["']?AWS::Serverless/m);
          const types = findAll(text, /"?Type"?\s*:\s*"?(AWS::[\w:]+)/);
          if (cfn || types.length >= 1 && /^Resources:|"Resources"\s*:/m.test(text)) {
            const sam = /AWS::Serverless/.test(text);
            tools.add(sam ? 'AWS SAM' : 'CloudFormation');
            iac.push({ path: f.path, line: cfn?.line ?? types[0]?.line ?? 1, detail: `${sam ? 'SAM' : 'CloudFormation'} template with ${types.length} resource(s)` });
            clouds.set('aws', [...(clouds.get('aws') ?? []), { path: f.path, line: cfn?.line ?? 1, detail: 'CloudFormation template' }]);
            for (const t of types) if (/AWS::(Serverless::Function|Lambda::Function)$/.test(t.match[1])) fn({ path: f.path, line: t.line, detail: t.match[1] }, 'AWS');
            continue;
          }
          const arm = findFirst(text, /"\$schema"\s*:\s*"https:\/\/schema\.management\.azure\.com\/schemas\/[^"]*deploymentTemplate/);
          if (arm) {
            tools.add('ARM templates');
            iac.push({ path: f.path, line: arm.line, detail: 'Azure Resource Manager template' });
            continue;
          }
        }
      }
      if (/\.ya?ml$/.test(lower) && /(playbook|site|main|deploy|provision|setup|ansible|roles\/|tasks\/)/i.test(f.path)) {
        const text = (await readSafe(ctx, f.path)) ?? '';
        if (!/^[ \t]*(?:-[ \t]*)?hosts:/m.test(text)) continue;
        const y = parseYaml(ctx, f.path, text, false);
        const root = y?.docs[0]?.contents;
        if (isSeq(root) && root.items.some((p) => isMap(p) && mapGet(p, 'hosts') !== undefined && (mapGet(p, 'tasks') !== undefined || mapGet(p, 'roles') !== undefined))) {
          tools.add('Ansible');
          const hit = findFirst(text, /^[ \t]*(?:-[ \t]*)?hosts:/m);
          iac.push({ path: f.path, line: hit?.line ?? 1, detail: 'Ansible playbook (hosts + tasks/roles)' });
        }
      }
    }

    for (const [tech, ev] of clouds) ctx.reportTechnology(tech, ev.slice(0, 5));
    await serverlessFacts(ctx, serverless, fn, tools.has('AWS CDK') || tools.has('AWS SAM'));
    return { iac, tools, serverless };
  });
}

async function serverlessFacts(ctx: DetectorContext, facts: ServerlessFacts, fn: (e: Evidence, platform: string, n?: number) => void, awsTooling = false): Promise<void> {
  const hasHostJson = ctx.files.some((f) => baseName(f.path) === 'host.json');
  for (const f of ctx.files) {
    if (isVendored(f.path)) continue;
    const b = baseName(f.path);
    if (/^serverless\.(ya?ml|json|ts|js)$/.test(b)) {
      const text = (await readSafe(ctx, f.path)) ?? '';
      const fns = findFirst(text, /^functions\s*:|"functions"\s*:|\bfunctions\s*:/m);
      const provider = findFirst(text, /^[ \t]*name:\s*(aws|azure|google|openwhisk|knative)\b|provider:[^\S\n]*\n\s*name:\s*(\w+)/m);
      if (!fns) continue;
      const count = /\.ya?ml$/.test(b) ? countYamlFunctions(text) : 1;
      const raw = (provider?.match[1] ?? provider?.match[2] ?? '').toLowerCase();
      const platform = ({ aws: 'AWS', azure: 'Azure', google: 'Google Cloud' } as Record<string, string>)[raw] ?? 'Serverless Framework';
      fn({ path: f.path, line: fns.line, detail: `Serverless Framework service with ${count} function(s)` }, platform, Math.max(1, count));
    } else if (b === 'function.json' && hasHostJson) {
      const text = (await readSafe(ctx, f.path)) ?? '';
      const hit = findFirst(text, /"bindings"/);
      if (hit) fn({ path: f.path, line: hit.line, detail: 'Azure Functions function.json bindings' }, 'Azure');
    } else if (b === 'host.json') {
      const text = (await readSafe(ctx, f.path)) ?? '';
      if (/"version"\s*:\s*"2\.0"/.test(text) && /extensionBundle|functionTimeout|"logging"/.test(text)) fn({ path: f.path, line: 1, detail: 'Azure Functions host.json' }, 'Azure', 0);
    } else if (b === 'vercel.json' || b === 'now.json') {
      fn({ path: f.path, line: 1, detail: 'Vercel configuration (serverless/edge functions)' }, 'Vercel', 0);
    } else if (b === 'netlify.toml') {
      const text = (await readSafe(ctx, f.path)) ?? '';
      const hit = findFirst(text, /^[ \t]*\[functions\]|functions\s*=|^[ \t]*\[build\]/m);
      fn({ path: f.path, line: hit?.line ?? 1, detail: 'Netlify configuration' }, 'Netlify', 0);
    } else if (/^wrangler\.(toml|jsonc?)$/.test(b)) {
      fn({ path: f.path, line: 1, detail: 'Cloudflare Workers configuration' }, 'Cloudflare', 1);
    } else if (b === 'firebase.json') {
      const text = (await readSafe(ctx, f.path)) ?? '';
      const hit = findFirst(text, /"functions"\s*:/);
      if (hit) fn({ path: f.path, line: hit.line, detail: 'Firebase Cloud Functions' }, 'Firebase', 0);
    } else if (/^(netlify\/functions|api)\/[^/]+\.[jt]s$/.test(f.path) && ctx.files.some((x) => /^(vercel|netlify)\.(json|toml)$/.test(x.path))) {
      fn({ path: f.path, line: 1, detail: 'serverless function file' }, /netlify/.test(f.path) ? 'Netlify' : 'Vercel');
    }
  }
  // A handler counts when something deploys it: its platform's library or SDK in the file, or a
  // deployment configuration for that platform in the workspace (serverless.yml, SAM, CDK,
  // Terraform, host.json). A function named handler, or any Request( call, is not a function.
  const deployedTo = new Set(facts.platforms);
  if (awsTooling) deployedTo.add('AWS');
  const hostJson = ctx.files.some((f) => baseName(f.path) === 'host.json');
  const HANDLERS: { re: RegExp; what: string; platform: string; real?: RegExp; config?: boolean }[] = [
    { re: /\bexports\.handler\s*=|module\.exports\.handler\s*=|export\s+(const|async\s+function|function)\s+handler\b[^\n]*\(\s*event\b/, what: 'Lambda-style handler (event)', platform: 'AWS', real: /from\s+['"]aws-lambda['"]|require\(['"]aws-lambda['"]\)|@aws-lambda-powertools\/|@middy\/core/ },
    { re: /^[ \t]*def\s+(lambda_handler|handler)\s*\(\s*event\s*,\s*context\s*\)/m, what: 'Lambda handler (event, context)', platform: 'AWS', real: /\bfrom\s+aws_lambda_powertools\b|\bimport\s+aws_lambda_powertools\b|\bfrom\s+mangum\b/ },
    { re: /\blambda\.Start(WithOptions)?\s*\(/, what: 'Go Lambda handler', platform: 'AWS', real: /github\.com\/aws\/aws-lambda-go\/lambda/ },
    { re: /implements\s+RequestHandler\s*</, what: 'Java Lambda RequestHandler', platform: 'AWS', real: /com\.amazonaws\.services\.lambda\.runtime/ },
    { re: /\bILambdaContext\b/, what: '.NET Lambda handler', platform: 'AWS', real: /Amazon\.Lambda\.Core/ },
    { re: /\[FunctionName\(|\[Function\(\s*(nameof\(|")/, what: 'Azure Functions entry point', platform: 'Azure', config: true },
    { re: /\bfunc\.FunctionApp\s*\(/, what: 'Azure Functions app (Python v2)', platform: 'Azure', real: /^[ \t]*import\s+azure\.functions\b/m },
    { re: /\bapp\.(http|timer|storageQueue|serviceBusQueue|serviceBusTopic|eventHub|cosmosDB)\s*\(\s*['"]/, what: 'Azure Functions entry point', platform: 'Azure', real: /from\s+['"]@azure\/functions['"]|require\(['"]@azure\/functions['"]\)/ },
    { re: /@functions_framework\.(http|cloud_event)\b/, what: 'Google Cloud Function (Functions Framework)', platform: 'Google Cloud', real: /\bimport\s+functions_framework\b/ },
    { re: /\bfunctions\.(http|cloudEvent)\s*\(\s*['"]/, what: 'Google Cloud Function (Functions Framework)', platform: 'Google Cloud', real: /['"]@google-cloud\/functions-framework['"]/ },
    { re: /\b(functions\.https\.onRequest|functions\.https\.onCall|onRequest|onCall|onDocument\w+|onSchedule)\s*\(/, what: 'Firebase Cloud Function', platform: 'Google Cloud', real: /['"]firebase-functions(\/[\w/]+)?['"]/ },
  ];
  for (const f of sourceFiles(ctx)) {
    // Test code quotes handlers as strings and fakes them; only application code deploys them.
    if (isTestFile(f.path)) continue;
    const text = await readSafe(ctx, f.path);
    if (!text) continue;
    for (const h of HANDLERS) {
      const hit = findFirst(text, h.re);
      if (!hit || /^\s*(\/\/|#|\*)/.test(hit.lineText)) continue;
      const deployed = (h.real && h.real.test(text)) || (h.config ? hostJson : deployedTo.has(h.platform));
      if (!deployed) continue;
      fn({ path: f.path, line: hit.line, detail: `${h.what}: ${clip(hit.lineText, 70)}` }, h.platform);
      break;
    }
  }
}

function countYamlFunctions(text: string): number {
  const m = /^functions:\s*\n((?:[ \t]+.*\n?|\s*\n)*)/m.exec(text);
  if (!m) return 1;
  const indents = [...m[1].matchAll(/^([ \t]+)[\w-]+:\s*$/gm)].map((x) => x[1].length);
  if (!indents.length) return 1;
  const min = Math.min(...indents);
  return indents.filter((i) => i === min).length;
}

const WEB_SERVER_TECHS = ['nginx', 'apache-httpd', 'caddy', 'haproxy', 'traefik', 'envoy', 'iis', 'gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'granian', 'waitress', 'uwsgi', 'pm2', 'puma', 'unicorn-ruby', 'passenger', 'php-fpm', 'supervisord', 'tomcat', 'wildfly', 'heroku-procfile'];

/** Tomcat's server.xml: under conf/, or anywhere below a tomcat* folder (two linear checks, not one `\/.*server\.xml$` search). */
const TOMCAT_SERVER_XML = { test: (p: string): boolean => /(^|\/)conf\/server\.xml$/.test(p) || (p.endsWith('server.xml') && /(^|\/)tomcat[\w-]*\//.test(p)) };

const SERVER_FILES: [{ test(path: string): boolean }, string, RegExp?][] = [
  [/(^|\/)nginx[\w.-]*\.conf(\.template)?$|(^|\/)(nginx|conf\.d|sites-(available|enabled))\/[^/]+(\.conf)?$/, 'Nginx', /^[ \t]*(server|location|upstream|http)[ \t]*(?:[\w./~^*$-]+[ \t]*)?\{/m],
  [/(^|\/)(httpd|apache2?)[\w.-]*\.conf$|(^|\/)\.htaccess$/, 'Apache httpd', /<VirtualHost|RewriteRule|<Directory|DocumentRoot/],
  [/(^|\/)web\.config$/, 'IIS', /<system\.webServer>/],
  [/(^|\/)Caddyfile$/, 'Caddy'],
  [/(^|\/)haproxy\.cfg$/, 'HAProxy'],
  [/(^|\/)traefik\.(ya?ml|toml)$/, 'Traefik'],
  [/(^|\/)Procfile$/, 'Procfile', /^[ \t]*web\s*:/m],
  [/(^|\/)gunicorn[\w.-]*\.(conf\.)?py$|(^|\/)gunicorn\.conf$/, 'gunicorn'],
  [/(^|\/)(uwsgi\.ini|uwsgi\.ya?ml)$/, 'uWSGI'],
  [/(^|\/)(ecosystem\.config\.[cm]?js|pm2\.(json|ya?ml)|process\.ya?ml)$/, 'PM2', /apps|script/],
  [/(^|\/)config\/puma\.rb$|(^|\/)puma\.rb$/, 'Puma'],
  [/(^|\/)(unicorn|passenger)[\w.-]*\.rb$|(^|\/)Passengerfile\.json$/, 'Unicorn/Passenger'],
  [TOMCAT_SERVER_XML, 'Tomcat', /<Server\b|<Connector\b/],
  [/(^|\/)standalone(-\w+)?\.xml$/, 'WildFly', /urn:jboss:domain/],
  [/(^|\/)supervisord?\.conf$|(^|\/)supervisor\/.{1,4096}\.conf$/, 'Supervisor', /\[program:/],
  [/(^|\/)[\w-]+\.service$/, 'systemd unit', /^\[Service\]/m],
];

async function detectServers(ctx: DetectorContext): Promise<void> {
  const evidence: Evidence[] = [];
  const servers = new Set<string>();
  for (const f of ctx.files) {
    if (isVendored(f.path)) continue;
    for (const [re, name, content] of SERVER_FILES) {
      if (!re.test(f.path)) continue;
      let line = 1;
      if (content) {
        const hit = findFirst((await readSafe(ctx, f.path)) ?? '', content);
        if (!hit) continue;
        line = hit.line;
      }
      servers.add(name);
      evidence.push({ path: f.path, line, detail: `${name} configuration` });
      break;
    }
  }
  // Application servers started by a container or a Procfile.
  for (const d of await readDockerfiles(ctx)) {
    for (const c of d.cmdLines) {
      const m = /\b(gunicorn|uvicorn|hypercorn|daphne|waitress-serve|pm2(-runtime)?|puma|unicorn|nginx|httpd|caddy|php-fpm|passenger|java\s+-jar)\b/.exec(c.text);
      if (m) {
        servers.add(m[1]);
        evidence.push({ path: d.path, line: c.line, detail: `container starts ${m[1]}` });
      }
    }
  }
  // Servers known from dependencies or files (gunicorn in requirements, nginx.conf matched by the data).
  for (const t of techsOf(ctx, ['web-server'], WEB_SERVER_TECHS, ['netty', 'undertow', 'jetty'])) {
    if ([...servers].some((s) => s.toLowerCase().startsWith(t.split('-')[0]))) continue;
    servers.add(t);
    evidence.push(...techEvidence(ctx, t).map((e) => ({ ...e, detail: `${e.detail} (server ${t})` })));
  }
  if (evidence.length) ctx.report('web-server-config', evidence.slice(0, 15), { count: servers.size, figures: { servers: [...servers].join(', ') } });
}

/** Infrastructure as code, serverless functions and web server configuration. */
export const detectInfra: PracticeDetector = async (ctx) => {
  try {
    const { iac, tools, serverless } = await readInfra(ctx);
    const iacTechs = techsOf(ctx, ['iac'], ['terraform', 'opentofu', 'pulumi', 'aws-cdk', 'aws-sam', 'cloudformation', 'bicep', 'azure-resource-manager', 'ansible', 'crossplane', 'cdktf', 'terragrunt', 'sst'], ['vagrant']).filter((t) => ![...tools].some((x) => x.toLowerCase().replace(/\s+/g, '-').includes(t.replace(/^aws-/, ''))));
    const iacEvidence = [...iac, ...iacTechs.flatMap((t) => techEvidence(ctx, t).map((e) => ({ ...e, detail: `${e.detail} (infrastructure tool ${t})` })))];
    if (iacEvidence.length) ctx.report('infrastructure-as-code', iacEvidence.slice(0, 25), { count: iac.length || undefined, figures: { tools: [...tools, ...iacTechs].join(', '), files: iac.length } });
    const fnTechs = techsOf(ctx, ['serverless'], ['aws-lambda', 'azure-functions', 'gcp-cloud-functions', 'firebase-functions', 'cloudflare-workers', 'netlify-functions', 'vercel-functions', 'serverless-framework', 'chalice', 'zappa', 'knative', 'openfaas']);
    const fnEvidence = serverless.evidence.length ? serverless.evidence : fnTechs.flatMap((t) => techEvidence(ctx, t).map((e) => ({ ...e, detail: `${e.detail} (serverless platform ${t})` })));
    if (fnEvidence.length) {
      ctx.report('serverless-functions', fnEvidence.slice(0, 20), {
        count: serverless.functions || undefined,
        figures: { functions: serverless.functions, platforms: [...serverless.platforms].join(', ') },
      });
    }
  } catch (e) {
    ctx.warn(`infrastructure: ${(e as Error).message}`);
  }
  await detectServers(ctx).catch((e) => ctx.warn(`web servers: ${(e as Error).message}`));
};
