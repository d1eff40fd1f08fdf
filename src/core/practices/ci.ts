/**
 * CI/CD practices. Every pipeline file of every supported system is parsed (YAML with line
 * numbers, or text for Jenkins and TeamCity), its steps classified (build, test, lint, security
 * scan, Docker build/push, deploy) and its triggers read. CircleCI orb steps and jobs are classified
 * by name, and jobs the system itself marks as deployments (Bitbucket `deployment:`, GitLab
 * `environment:`, Azure `deployment:` jobs) count as deploy steps. A README badge is never read
 * here, so it can never count as CI.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { LineCounter, Node as YamlNode } from 'yaml';
import type { Evidence } from '../types';
import type { DetectorContext, PracticeDetector } from './types';
import { clip, mapEntries, mapGet, memo, parseYaml, readSafe, seqItems, toJs, findAll, formatCounts, bump } from './util';
import { anyOf, before, thenOnLine, type TextTest } from '../strings';
import { readCommandResolver, type CommandResolver } from './wrappers';

/** What a pipeline step does. */
export type StepKind = 'build' | 'test' | 'lint' | 'security' | 'docker' | 'deploy';

/** Normalised pipeline triggers. */
export type Trigger = 'push' | 'pull_request' | 'schedule' | 'tags' | 'manual' | 'release';

/** A classified step of a pipeline. */
export interface CiStep {
  path: string;
  line?: number;
  job?: string;
  /** The command line or action reference as written (clipped). */
  text: string;
  kinds: StepKindHit[];
}

/** A kind a step was classified as. `via` names the wrapper line that does it (`Makefile:14: go test ./...`). */
export interface StepKindHit {
  kind: StepKind;
  what: string;
  via?: string;
}

/** A database, cache or broker a CI job starts for its steps (service container, `docker compose up`). */
export interface CiService {
  path: string;
  line?: number;
  job?: string;
  /** Image or service name, e.g. `postgres:16`. */
  image: string;
  how: 'service container' | 'compose up' | 'docker run';
}

/** One pipeline file. */
export interface CiPipeline {
  /** Technology id of the CI system, e.g. 'github-actions'. */
  system: string;
  path: string;
  name?: string;
  triggers: Map<Trigger, number | undefined>;
  steps: CiStep[];
  jobs: number;
  /** Infrastructure the pipeline starts for its jobs. */
  services?: CiService[];
}

/** CI systems: technology id, display name and the files that configure them. */
export const CI_SYSTEMS: { id: string; name: string; file: RegExp; format: 'yaml' | 'text' }[] = [
  { id: 'github-actions', name: 'GitHub Actions', file: /^\.github\/workflows\/[^/]+\.ya?ml$/, format: 'yaml' },
  { id: 'gitlab-ci', name: 'GitLab CI', file: /^\.gitlab-ci\.ya?ml$/, format: 'yaml' },
  { id: 'jenkins', name: 'Jenkins', file: /(^|\/)Jenkinsfile([.-][\w.-]+)?$|\.jenkinsfile$/i, format: 'text' },
  { id: 'circleci', name: 'CircleCI', file: /^\.circleci\/config\.ya?ml$/, format: 'yaml' },
  { id: 'azure-pipelines', name: 'Azure Pipelines', file: /(^|\/)azure-pipelines[\w.-]*\.ya?ml$|^\.azure-pipelines\/[^/]+\.ya?ml$/, format: 'yaml' },
  { id: 'bitbucket-pipelines', name: 'Bitbucket Pipelines', file: /^bitbucket-pipelines\.ya?ml$/, format: 'yaml' },
  { id: 'travis-ci', name: 'Travis CI', file: /^\.travis\.ya?ml$/, format: 'yaml' },
  { id: 'drone', name: 'Drone', file: /^\.drone\.ya?ml$/, format: 'yaml' },
  { id: 'woodpecker', name: 'Woodpecker', file: /^\.woodpecker\.ya?ml$|^\.woodpecker\/[^/]+\.ya?ml$/, format: 'yaml' },
  { id: 'buildkite', name: 'Buildkite', file: /^\.buildkite\/pipeline[\w.-]*\.ya?ml$/, format: 'yaml' },
  { id: 'teamcity', name: 'TeamCity', file: /^\.teamcity\/.+\.(kts|xml)$/, format: 'text' },
];

type Rule = [TextTest, string];

const TEST_CMDS: Rule[] = [
  [/\b(npm|pnpm|yarn|bun)\s+(run\s+)?test(:[\w:-]+)?\b|\bnpm\s+t\b|\bnpm\s+run\s+test:\w+/, 'JavaScript tests'],
  [/\bnpx\s+(jest|vitest|mocha|ava|playwright\s+test|cypress\s+run)\b|(^|[\s;&|])(jest|vitest|mocha)(\s|$)/, 'JavaScript tests'],
  [/\bnode\s+--test\b|\bdeno\s+test\b|\bbun\s+test\b/, 'JavaScript tests'],
  [/\bpytest\b|\bpython3?\s+-m\s+(pytest|unittest|tox|nox)\b|(^|[;&|]\s*)(tox|nox)(\s|$)|\bmanage\.py\s+test\b/, 'Python tests'],
  [thenOnLine(/\bmvnw?\b/, /\b(test|verify|integration-test)\b/), 'Maven tests'],
  [thenOnLine(/\bgradlew?\b/, /\b(test|check|integrationTest|connectedCheck)\b/), 'Gradle tests'],
  [/\bgo\s+test\b|\bgotestsum\b/, 'Go tests'],
  [/\bdotnet\s+test\b/, '.NET tests'],
  [/\bcargo\s+(test|nextest)\b/, 'Rust tests'],
  [/\brspec\b|\bbundle\s+exec\s+(rake\s+test|rails\s+test)\b|\brails\s+test\b|\brake\s+(test|spec)\b/, 'Ruby tests'],
  [/\bphpunit\b|vendor\/bin\/pest\b|\bcomposer\s+(run(-script)?\s+)?test\b|\bartisan\s+test\b/, 'PHP tests'],
  [anyOf(thenOnLine(/\bsbt\b/, /\btest\b/), /\bmix\s+test\b|\bctest\b|\bmake\s+(test|check)\b|\bswift\s+test\b/), 'tests'],
  [/\bk6\s+run\b|\blocust\b\s+-|\bartillery\s+run\b/, 'load tests'],
];
const LINT_CMDS: Rule[] = [
  [/\beslint\b|\b(npm|pnpm|yarn|bun)\s+(run\s+)?lint\b|\bbiome\s+(check|lint|ci)\b|\bstylelint\b|\btsc\s+--noEmit\b/, 'JavaScript lint'],
  [/\bruff\b|\bflake8\b|\bpylint\b|\bmypy\b|\bblack\s+--check\b|\bisort\s+--check|\bpyright\b/, 'Python lint'],
  [/\bgolangci-lint\b|\bgo\s+vet\b|\bstaticcheck\b|\bgofmt\s+-l\b/, 'Go lint'],
  [anyOf(/\bcargo\s+clippy\b/, thenOnLine(/\bcargo\s+fmt\b/, /--check/)), 'Rust lint'],
  [/\brubocop\b|\bstandardrb\b/, 'Ruby lint'],
  [anyOf(/\bphpstan\b|\bphpcs\b|\bpsalm\b/, thenOnLine(/\bphp-cs-fixer\b/, /--dry-run/), thenOnLine(/\bpint\b/, /--test\b/), thenOnLine(/\brector\b/, /--dry-run/)), 'PHP lint'],
  [/\bcheckstyle\b|\bspotbugs\b|\bpmd\b|\bktlint\b|\bdetekt\b|\bspotless(Check|:check)\b|\bscalafmtCheck\b/, 'JVM lint'],
  [anyOf(thenOnLine(/\bdotnet\s+format\b/, /--verify-no-changes/), /\bdotnet\s+format\s+--check/), '.NET lint'],
  [anyOf(thenOnLine(/\bprettier\b/, /--check/), /\bhadolint\b|\bshellcheck\b|\bmarkdownlint|\byamllint\b|\bactionlint\b|\bansible-lint\b|\bhelm\s+lint\b|\btflint\b|\bterraform\s+(fmt\s+-check|validate)\b|\bpre-commit\s+run\b/), 'lint'],
];
const SECURITY_CMDS: Rule[] = [
  [/\bcodeql\b/, 'CodeQL'],
  [/\bsnyk\b/, 'Snyk'],
  [/\btrivy\b/, 'Trivy'],
  [/\bsemgrep\b/, 'Semgrep'],
  [/\bgitleaks\b|\btrufflehog\b|\bdetect-secrets\b/, 'secret scanning'],
  [/\bbandit\b|\bsafety\s+check\b|\bpip-audit\b/, 'Python security scan'],
  [/\b(npm|pnpm|yarn)\s+audit\b|\baudit-ci\b/, 'dependency audit'],
  [/\bgovulncheck\b|\bgosec\b/, 'Go security scan'],
  [/\bcargo\s+(audit|deny)\b/, 'Rust security scan'],
  [/\bdependency-check\b|\bdependencyCheck|\bowasp\b/i, 'OWASP dependency check'],
  [/\bsonar-scanner\b|\bsonar:sonar\b|\bsonarqube\b|\bsonarcloud\b|\bdotnet\s+sonarscanner\b/i, 'Sonar'],
  [/\bbrakeman\b|\bbundle(r)?[-\s]audit\b/, 'Ruby security scan'],
  [/\bgrype\b|\bcheckov\b|\btfsec\b|\bkics\b|\bosv-scanner\b|\bdocker\s+scout\b|\bzap-(baseline|full-scan|api-scan)/, 'security scan'],
];
const DOCKER_CMDS: Rule[] = [
  [anyOf(thenOnLine(/\bdocker(-|\s+)compose\b/, /\bbuild\b/), /\bdocker\s+(buildx\s+)?build\b|\bdocker\s+buildx\s+bake\b|\bpodman\s+build\b|\bbuildah\s+(bud|build)\b|\bkaniko\b|\bpack\s+build\b|\bko\s+build\b/), 'image build'],
  [/\bdocker\s+push\b|\bpodman\s+push\b|\bbuildah\s+push\b|\bjib(:build|Build)?\b|\bbootBuildImage\b|spring-boot:build-image\b/, 'image build/push'],
];
const DEPLOY_CMDS: Rule[] = [
  [anyOf(/\bkubectl\s+(apply|set\s+image|rollout\s+restart|create|replace)\b/, thenOnLine(/\bkustomize\s+build\b/, /\|\s*kubectl/)), 'kubectl'],
  [/\bhelm\s+(upgrade|install)\b|\bhelmfile\s+(apply|sync)\b/, 'Helm'],
  [/\b(terraform|tofu|terragrunt)\s+apply\b|\bpulumi\s+up\b|\bcdk\s+deploy\b/, 'infrastructure apply'],
  [/\b(serverless|sls)\s+deploy\b|\bsam\s+deploy\b/, 'serverless deploy'],
  [/\baws\s+(ecs\s+update-service|deploy\b|lambda\s+update-function-code|cloudformation\s+deploy|s3\s+sync|elasticbeanstalk)|\beb\s+deploy\b|\bcopilot\s+deploy\b/, 'AWS deploy'],
  [/\bgcloud\s+(run\s+deploy|app\s+deploy|functions\s+deploy|deploy)\b/, 'Google Cloud deploy'],
  [/\baz\s+(webapp\s+(deploy|up)|functionapp\s+deployment|containerapp\s+(update|up)|deployment\s+(group\s+)?create|acr\s+build)\b|\bfunc\s+azure\s+functionapp\s+publish\b|\bazd\s+(up|deploy)\b/, 'Azure deploy'],
  [anyOf(thenOnLine(/\bvercel\b/, /--prod|deploy/), /\bnetlify\s+deploy\b|\b(fly|flyctl)\s+deploy\b|\bheroku\s+(container:release|deploy)|\bgit\s+push\s+heroku\b|\bfirebase\s+deploy\b|\bwrangler\s+(deploy|publish)\b|\brailway\s+up\b|\bkamal\s+deploy\b|\bcap\s+\w+\s+deploy\b|\bdoctl\s+apps\s+(create|update)/), 'platform deploy'],
  [/\bansible-playbook\b|\bargocd\s+app\s+sync\b|\bskaffold\s+(run|deploy)\b|\bflux\s+reconcile\b/, 'deploy'],
];
const BUILD_CMDS: Rule[] = [
  [/\b(npm|pnpm|yarn|bun)\s+(run\s+)?build\b|(^|[\s;&|])tsc(\s|$)|\bvite\s+build\b|\bnext\s+build\b|\bwebpack\b/, 'JavaScript build'],
  [anyOf(thenOnLine(/\bmvnw?\b/, /\b(package|install|compile)\b/), thenOnLine(/\bgradlew?\b/, /\b(build|assemble|bootJar)\b/)), 'JVM build'],
  [/\bgo\s+build\b|\bdotnet\s+(build|publish)\b|\bcargo\s+build\b|\bpython3?\s+-m\s+build\b|\bpoetry\s+build\b|(^|[\s;&|])make(\s|$)/, 'build'],
];

const ACTION_RULES: { re: RegExp; kind: StepKind; what: string }[] = [
  { re: /^github\/codeql-action\//i, kind: 'security', what: 'CodeQL' },
  { re: /^snyk\/|snyk-scan|snyk/i, kind: 'security', what: 'Snyk' },
  { re: /trivy/i, kind: 'security', what: 'Trivy' },
  { re: /semgrep/i, kind: 'security', what: 'Semgrep' },
  { re: /gitleaks|trufflehog|secret-detection|git-secrets/i, kind: 'security', what: 'secret scanning' },
  { re: /sonar/i, kind: 'security', what: 'Sonar' },
  { re: /^anchore\/|grype|checkov|tfsec|osv-scanner|ossf\/scorecard-action|dependency-review-action|zaproxy\/|gosec|govulncheck|bandit|docker\/scout-action|Security\/(SAST|Dependency-Scanning|Container-Scanning|DAST|Secret-Detection|SAST-IaC)/i, kind: 'security', what: 'security scan' },
  { re: /^docker\/(build-push-action|bake-action)|redhat-actions\/(buildah-build|push-to-registry)|docker-build-push|^plugins\/(docker|kaniko|ecr|gcr|acr)\b|plugin-docker-buildx|^docker\/(build|publish)\b|^circleci\/docker|^Docker@\d+\b.*\b(build|push|buildAndPush)\b/i, kind: 'docker', what: 'image build/push' },
  { re: /^(azure\/(k8s-deploy|webapps-deploy|functions-action|arm-deploy|container-apps-deploy-action|aks-set-context)|aws-actions\/(amazon-ecs-deploy-task-definition|aws-cloudformation-github-deploy)|google-github-actions\/(deploy-cloudrun|deploy-appengine|deploy-cloud-functions|get-gke-credentials)|superfly\/flyctl-actions|akhileshns\/heroku-deploy|cloudflare\/wrangler-action|FirebaseExtended\/action-hosting-deploy|serverless\/github-action|amondnet\/vercel-action|nwtgck\/actions-netlify|actions\/deploy-pages|peaceiris\/actions-gh-pages|JamesIves\/github-pages-deploy-action|appleboy\/(ssh-action|drone-ssh)|pelotech\/drone-helm3|deliverybot\/helm)/i, kind: 'deploy', what: 'deploy action' },
  { re: /^(KubernetesManifest|Kubernetes|HelmDeploy|AzureWebApp|AzureRmWebAppDeployment|AzureFunctionApp|AzureContainerApps|AzureResourceManagerTemplateDeployment|AzureResourceGroupDeployment|SqlAzureDacpacDeployment)@\d+/i, kind: 'deploy', what: 'Azure deploy task' },
  { re: /^TerraformTask\w*@\d+\b.*\bapply\b/i, kind: 'deploy', what: 'terraform apply' },
  { re: /[/-]deploy\b|\bdeploy[/-]|atlassian\/(aws|azure|google|heroku|kubectl|helm|ssh-run|scp|sftp|rsync|ftp|firebase|cloudflare)/i, kind: 'deploy', what: 'deploy' },
  { re: /^(DotNetCoreCLI@\d+\b.*\btest\b|VSTest@\d+|Maven@\d+\b.*\b(test|verify)\b|Gradle@\d+\b.*\b(test|check)\b|Npm@\d+\b.*\btest\b)/i, kind: 'test', what: 'test task' },
  { re: /cypress-io\/github-action|^\w+\/test$|mikepenz\/action-junit-report|dorny\/test-reporter|PublishTestResults@/i, kind: 'test', what: 'tests' },
  { re: /super-linter|golangci-lint|lint-action|reviewdog\/|^psf\/black|ruff-action|hadolint|actionlint|pre-commit\/action|markdownlint|\/lint$|eslint/i, kind: 'lint', what: 'lint' },
];

function classifyWith(text: string, rules: Rule[]): string | undefined {
  for (const [re, what] of rules) if (re.test(text)) return what;
  return undefined;
}

/** Classifies one shell command line of a pipeline. Comments and echo lines never count. */
export function classifyCommand(command: string): { kind: StepKind; what: string }[] {
  const line = command.trim();
  if (!line || line.startsWith('#') || line.startsWith('//') || /^(echo|printf)\s/.test(line)) return [];
  const out: { kind: StepKind; what: string }[] = [];
  const add = (kind: StepKind, what: string | undefined) => what && out.push({ kind, what });
  add('test', classifyWith(line, TEST_CMDS));
  add('lint', classifyWith(line, LINT_CMDS));
  add('security', classifyWith(line, SECURITY_CMDS));
  add('docker', classifyWith(line, DOCKER_CMDS));
  add('deploy', classifyWith(line, DEPLOY_CMDS));
  if (!out.length) add('build', classifyWith(line, BUILD_CMDS));
  return out;
}

/**
 * `s` without a closing quote run (one to three of ' and ") with an optional `)` and blanks after
 * it, as /['"]{1,3}\s*\)?\s*$/ removed, scanning back from the end once.
 */
function withoutClosingQuote(s: string): string {
  let end = s.trimEnd().length;
  if (s[end - 1] === ')') end = s.slice(0, end - 1).trimEnd().length;
  let q = 0;
  while (q < 3 && end - q > 0 && (s[end - q - 1] === "'" || s[end - q - 1] === '"')) q++;
  return q ? s.slice(0, end - q) : s;
}

/**
 * TeamCity Kotlin DSL runners that test: `maven { goals = "clean verify" }`, `gradle { tasks = "test" }`
 * on one line. What /\\b(maven|gradle)\\s*\\{[^}]*\\b(goals|tasks)\\s*=\\s*"[^"]*\\b(test|verify|check)\\b/ finds,
 * with each block and each string read once.
 */
function teamcityJvmTests(line: string): boolean {
  const block = /\b(maven|gradle)\s*\{/g;
  const assign = /\b(goals|tasks)\s*=\s*"/g;
  // Every search starts where the last one of its kind stopped, so the line is read a bounded number of times.
  let next: RegExpExecArray | null | undefined;
  for (let m = block.exec(line); m; m = block.exec(line)) {
    const close = line.indexOf('}', block.lastIndex);
    const end = close < 0 ? line.length : close;
    if (!next || next.index < block.lastIndex) {
      assign.lastIndex = block.lastIndex;
      next = assign.exec(line);
    }
    while (next && next.index < end) {
      const quote = line.indexOf('"', assign.lastIndex);
      if (/\b(test|verify|check)\b/.test(line.slice(assign.lastIndex, quote < 0 ? undefined : quote))) return true;
      if (quote < 0) return false;
      assign.lastIndex = quote + 1;
      next = assign.exec(line);
    }
    if (!next || close < 0) return false;
    block.lastIndex = close + 1;
  }
  return false;
}

/**
 * Lines that run a command `head` (before any `#`) followed later on the line by `tail` (a global
 * regex), at most `max`: each as a hit whose match is the whole line and its group 1 the last
 * `tail` group 1. Per line, linear (a /^[^#\\n]*HEAD[^\\n]*TAIL[^\\n]*$/m search is quadratic).
 */
function dockerLines(text: string, head: RegExp, tail: RegExp, max: number): { line: number; lineText: string; match: string[] }[] {
  const out: { line: number; lineText: string; match: string[] }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const raw = lines[i];
    const h = head.exec(before(raw, '#'));
    if (!h) continue;
    let last: RegExpExecArray | undefined;
    tail.lastIndex = h.index + h[0].length;
    for (let t = tail.exec(raw); t; t = tail.exec(raw)) last = t;
    if (last) out.push({ line: i + 1, lineText: raw.trim(), match: [raw, last[1] ?? last[0]] });
  }
  return out;
}

/** Images of databases, caches and brokers that tests can reach (service containers, compose services). */
export const INFRA_IMAGE = /(^|\/)(postgres|postgis|postgresql|mysql|mariadb|mongo|mongodb|redis|redis-server|valkey|rabbitmq|kafka|cp-kafka|redpanda|elasticsearch|opensearch|memcached|mssql|mcr\.microsoft\.com\/mssql|sqlserver|cassandra|scylla|localstack|minio|nats|couchdb|neo4j|clickhouse|cockroach|cockroachdb|oracle|gvenzl\/oracle-xe|dynamodb-local|amazon\/dynamodb-local|db|database)([:@\s\/]|$)/i;

/**
 * Classifies a command, following wrappers (Makefile targets, scripts, npm/composer/Poetry/tox/nox
 * scripts) when the command itself names no tool. `cwd` is the folder it runs in ('' = root).
 */
export function classifyThrough(command: string, resolver?: CommandResolver, cwd = ''): StepKindHit[] {
  const direct: StepKindHit[] = classifyCommand(command);
  const expanded = resolver ? resolver.expand(command, cwd) : [];
  if (!expanded.length) return direct;
  // Per kind, the line that does the work: a leaf (a tool, not another wrapper) when there is one.
  const best = new Map<StepKind, { what: string; r: (typeof expanded)[number]; leaf: boolean }>();
  for (const r of expanded) {
    const leaf = resolver!.expand(r.text).length === 0;
    for (const k of classifyCommand(r.text)) {
      if (k.kind === 'build') continue;
      const known = best.get(k.kind);
      if (!known || (leaf && !known.leaf)) best.set(k.kind, { what: k.what, r, leaf });
    }
  }
  const out: StepKindHit[] = [];
  const seen = new Set<StepKind>();
  for (const [kind, { what, r }] of best) {
    seen.add(kind);
    // The chain's last link is the file the line comes from: name it once, with its line.
    const chain = r.via.split(' → ').filter((link) => link !== r.path).join(' → ');
    out.push({ kind, what, via: `${chain ? `${chain} → ` : ''}${r.path}:${r.line}: ${clip(r.text, 70)}` });
  }
  // tox and nox are runners of any session (`tox -e lint`): what they run decides. A script named
  // `test` (`npm test`, `make test`, `composer test`) stays a test step whatever its body names.
  const runner = /(^|[;&|]\s*)(python3?\s+-m\s+)?(tox|nox)(\s|$)/.test(command);
  for (const k of direct) if (!seen.has(k.kind) && k.kind !== 'build' && !(runner && k.kind === 'test')) out.push(k);
  return out.length ? out : direct;
}

/** Step or job names that say the step runs the tests ("Run tests", "pytest", "unit-tests"). */
const TEST_STEP_NAME = /\btests?\b|\btesting\b|\bspecs?\b|\bpytest\b|\bphpunit\b|\brspec\b/i;
const NOT_TEST_STEP_NAME = /\b(upload|publish|report|results?|cache|install|setup|set up|deps|dependencies|lint|coverage|artifact|summary|notify|build image|docker)\b/i;

/** True when a step or job name says it runs tests. */
export function isTestStepName(name: string): boolean {
  return TEST_STEP_NAME.test(name) && !NOT_TEST_STEP_NAME.test(name);
}

/** CircleCI orb commands and jobs (`ruby/rspec-test`, `node/test`, `python/test`, `go/test`...). */
/**
 * An orb step `namespace/name` whose name has one of `words` as whole dash-separated parts
 * (`ruby/rspec-test`, `node/run-tests-ci`); case-insensitive. String checks, not a
 * /^[\\w-]+\\/([\\w-]*-)?(…)(-[\\w-]*)?$/ search that backtracks over every dash of a long name.
 */
function orbStep(...words: string[]): TextTest {
  return {
    test(ref: string): boolean {
      const m = /^[\w-]+\/([\w-]+)$/.exec(ref);
      const name = m ? `-${m[1].toLowerCase()}-` : '';
      return !!m && words.some((w) => name.includes(`-${w}-`));
    },
  };
}

const ORB_RULES: { re: TextTest; kind: StepKind; what: string }[] = [
  { re: orbStep('test', 'tests', 'rspec', 'rspec-test', 'minitest', 'pytest', 'jest', 'mocha', 'phpunit', 'run-test', 'run-tests'), kind: 'test', what: 'orb test step' },
  { re: orbStep('lint', 'rubocop', 'rubocop-check', 'eslint', 'flake8', 'golangci-lint', 'check-format'), kind: 'lint', what: 'orb lint step' },
  { re: anyOf(orbStep('scan', 'audit', 'scan-image'), /^(snyk|anchore|sonarcloud|trivy)\//i), kind: 'security', what: 'orb security scan' },
  { re: orbStep('deploy', 'deploy-service-update', 'update-service', 'rollout', 'install-helm-chart', 'upgrade-helm-chart'), kind: 'deploy', what: 'orb deploy step' },
];

/** Classifies a CircleCI orb command or job reference (no `@version`: orbs are versioned under `orbs:`). */
export function classifyOrb(ref: string): { kind: StepKind; what: string }[] {
  const out = classifyAction(ref);
  const seen = new Set(out.map((k) => k.kind));
  if (!/^[\w-]+\/[\w-]+$/.test(ref)) return out;
  for (const r of ORB_RULES) {
    if (!seen.has(r.kind) && r.re.test(ref)) {
      seen.add(r.kind);
      out.push({ kind: r.kind, what: r.what });
    }
  }
  return out;
}

/** Classifies an action, orb, pipe, plugin, task or template reference. */
export function classifyAction(ref: string): { kind: StepKind; what: string }[] {
  const out: { kind: StepKind; what: string }[] = [];
  const seen = new Set<StepKind>();
  for (const r of ACTION_RULES) {
    if (!seen.has(r.kind) && r.re.test(ref)) {
      seen.add(r.kind);
      out.push({ kind: r.kind, what: r.what });
    }
  }
  return out;
}

const COMMAND_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'after-script', 'bash', 'pwsh', 'powershell', 'command', 'commands', 'install', 'before_install', 'after_success', 'before_deploy']);
const REF_KEYS = new Set(['uses', 'pipe', 'template', 'component', 'orb']);

/** What a walk over one CI YAML file shares. */
interface WalkContext {
  path: string;
  lc: LineCounter;
  text: string;
  steps: CiStep[];
  resolver?: CommandResolver;
}

/** Walks a CI YAML tree collecting classified commands and references. `cwd` is the working directory of the steps. */
function walkSteps(node: YamlNode | null | undefined, wc: WalkContext, job: string | undefined, depth = 0, parentKey = '', cwd = ''): void {
  if (!node || depth > 40) return;
  const { path, lc, text, steps } = wc;
  const push = (t: string, line: number | undefined, kinds: StepKindHit[]) => {
    if (kinds.length) steps.push({ path, line, job, text: clip(t, 120), kinds });
  };
  const commands = (value: YamlNode | null, dir: string) => {
    if (isScalar(value) && typeof value.value === 'string') {
      const start = value.range?.[0] ?? 0;
      let from = start;
      let here = dir;
      for (const raw of value.value.split('\n')) {
        const cmd = raw.trim();
        if (!cmd) continue;
        const at = text.indexOf(cmd, from);
        const line = at >= 0 ? lc.linePos(at).line : lc.linePos(start).line;
        if (at >= 0) from = at + cmd.length;
        const cd = /^cd\s+([\w./-]+)\s*$/.exec(cmd);
        if (cd) here = joinDir(here, cd[1]);
        push(cmd, line, classifyThrough(cmd, wc.resolver, here));
      }
    } else if (isSeq(value)) {
      for (const item of value.items as YamlNode[]) {
        if (isScalar(item) || isSeq(item)) commands(item, dir);
        else walkSteps(item, wc, job, depth + 1, '', dir);
      }
    } else if (isMap(value)) {
      // CircleCI `run: { command: ... }`.
      walkSteps(value, wc, job, depth + 1, '', dir);
    }
  };
  const ref = (value: string, at: YamlNode) => {
    const line = at.range ? lc.linePos(at.range[0]).line : undefined;
    push(value, line, classifyAction(value));
  };
  const orb = (value: string, at: YamlNode) => {
    const line = at.range ? lc.linePos(at.range[0]).line : undefined;
    push(value, line, classifyOrb(value));
  };
  if (isSeq(node)) {
    for (const item of node.items as YamlNode[]) walkSteps(item, wc, job, depth + 1, '', cwd);
    return;
  }
  if (!isMap(node)) return;
  // GitHub `working-directory:` / `defaults.run.working-directory`, CircleCI `working_directory:`.
  const wd = toJs(mapGet(node, 'working-directory') ?? mapGet(node, 'working_directory') ?? mapGet(mapGet(mapGet(node, 'defaults'), 'run'), 'working-directory'));
  const dir = typeof wd === 'string' && !wd.includes('$') ? joinDir(cwd, wd.replace(/^~\/project\/?/, '')) : cwd;
  const stepName = toJs(mapGet(node, 'name') ?? mapGet(node, 'displayName') ?? mapGet(node, 'label'));
  for (const { key, keyNode, value } of mapEntries(node)) {
    if (COMMAND_KEYS.has(key)) {
      const before = steps.length;
      commands(value, dir);
      // A step named "Run tests" whose command names no known runner still runs the tests.
      const named = typeof stepName === 'string' ? stepName : depth === 1 && /\.gitlab-ci\.ya?ml$/.test(wc.path) ? job : undefined;
      if (named && isTestStepName(named) && !steps.slice(before).some((st) => st.kinds.some((k) => k.kind === 'test')) && value) {
        const line = value.range ? lc.linePos(value.range[0]).line : undefined;
        const first = isScalar(value) ? String(value.value).split('\n').find((l) => l.trim())?.trim() ?? '' : '';
        steps.push({ path, line, job, text: clip(first || `name: ${named}`, 120), kinds: [{ kind: 'test', what: `step named "${clip(named, 40)}"` }] });
      }
      continue;
    }
    if (REF_KEYS.has(key) && isScalar(value) && typeof value.value === 'string') {
      ref(value.value, value);
      continue;
    }
    if (key === 'task' && isScalar(value)) {
      // Azure Pipelines tasks: classify the task name with its inputs (Docker@2 command: buildAndPush).
      const inputs = toJs(mapGet(node, 'inputs'));
      const extra = inputs && typeof inputs === 'object' ? Object.values(inputs as Record<string, unknown>).filter((v) => typeof v === 'string').join(' ') : '';
      ref(`${String(value.value)} ${extra}`.trim(), value);
      continue;
    }
    if (key === 'image' && isScalar(value) && typeof value.value === 'string' && depth > 0) {
      // Drone/Woodpecker plugin images (plugins/docker...) act as steps.
      const kinds = classifyAction(value.value);
      if (kinds.length) ref(value.value, value);
      continue;
    }
    if (key === 'deploy' && depth === 0 && (isMap(value) || isSeq(value)) && mapGet(value, 'provider') !== undefined || (key === 'deploy' && depth === 0 && seqItems(value).some((i) => mapGet(i, 'provider') !== undefined))) {
      // Travis `deploy:` providers deploy by definition.
      const provider = JSON.stringify(toJs(value) ?? '').match(/"provider"\s*:\s*"([^"]+)"/)?.[1] ?? 'provider';
      push(`deploy: ${provider}`, keyNode.range ? lc.linePos(keyNode.range[0]).line : undefined, [{ kind: 'deploy', what: `Travis deploy (${provider})` }]);
    }
    if (key === 'plugins' && isSeq(value)) {
      // Buildkite: `plugins: - docker-compose#v5: {build: app}`.
      for (const item of value.items as YamlNode[]) {
        for (const e of mapEntries(item)) ref(`${e.key} ${JSON.stringify(toJs(e.value) ?? '')}`, e.keyNode);
        if (isScalar(item) && typeof item.value === 'string') ref(item.value, item);
      }
      continue;
    }
    if ((key === 'steps' || key === 'jobs') && isSeq(value)) {
      // CircleCI steps may be bare orb commands (`- node/test`) or `- orb/cmd: {...}`; workflow
      // `jobs:` lists may name orb jobs the same way (`- python/test: {pkg-manager: pip}`).
      for (const item of value.items as YamlNode[]) {
        if (isScalar(item) && typeof item.value === 'string') orb(item.value, item);
        else {
          const entries = mapEntries(item);
          if (entries.length === 1 && entries[0].key.includes('/')) orb(entries[0].key, entries[0].keyNode);
        }
      }
    }
    // Job names: keys under `jobs:` (GitHub, CircleCI) or top-level maps with a script (GitLab).
    const childJob = job ?? ((parentKey === 'jobs' && isMap(value)) || (depth === 0 && isMap(value) && mapGet(value, 'script')) ? key : undefined);
    walkSteps(value, wc, childJob, depth + 1, key, dir);
  }
}

function joinDir(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.replace(/\\/g, '/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/**
 * Jobs a CI system itself marks as deployments: Bitbucket steps with `deployment:`, GitLab jobs
 * with an `environment:` (not stop/prepare/verify/access actions), Azure Pipelines `deployment:`
 * jobs and their `environment:`.
 */
function deploymentSteps(system: string, root: unknown, lc: LineCounter, path: string): CiStep[] {
  const out: CiStep[] = [];
  const lineOf = (n: YamlNode | null | undefined) => (n?.range ? lc.linePos(n.range[0]).line : undefined);
  const envName = (v: unknown): string | undefined => {
    const js = toJs(v);
    if (typeof js === 'string') return js;
    if (js && typeof js === 'object') {
      const o = js as { name?: unknown; action?: unknown };
      if (typeof o.action === 'string' && /^(stop|prepare|verify|access)$/.test(o.action)) return undefined;
      return typeof o.name === 'string' ? o.name : 'environment';
    }
    return undefined;
  };
  const walk = (node: unknown, depth: number, job?: string): void => {
    if (depth > 30) return;
    if (isSeq(node)) {
      for (const item of node.items) walk(item, depth + 1, job);
      return;
    }
    if (!isMap(node)) return;
    if (system === 'bitbucket-pipelines') {
      const dep = mapGet(node, 'deployment');
      const name = toJs(mapGet(node, 'name'));
      if (isScalar(dep) && mapGet(node, 'script')) {
        out.push({ path, line: lineOf(dep), job: typeof name === 'string' ? name : job, text: `deployment: ${String(dep.value)}`, kinds: [{ kind: 'deploy', what: `Bitbucket deployment to ${String(dep.value)}` }] });
      }
    }
    if (system === 'azure-pipelines') {
      const dep = mapGet(node, 'deployment');
      if (isScalar(dep)) {
        const env = envName(mapGet(node, 'environment'));
        out.push({ path, line: lineOf(dep), job: String(dep.value), text: `deployment: ${String(dep.value)}${env ? ` (environment ${env})` : ''}`, kinds: [{ kind: 'deploy', what: `Azure deployment job${env ? ` to ${env}` : ''}` }] });
        return;
      }
    }
    for (const e of mapEntries(node)) walk(e.value, depth + 1, job);
  };
  if (system === 'gitlab-ci') {
    const entries = mapEntries(root);
    const extended = new Set<string>();
    for (const e of entries) {
      const ext = toJs(mapGet(e.value, 'extends'));
      for (const x of Array.isArray(ext) ? ext : [ext]) if (typeof x === 'string') extended.add(x);
    }
    for (const e of entries) {
      if (!isMap(e.value) || (e.key.startsWith('.') && !extended.has(e.key))) continue;
      const envNode = mapGet(e.value, 'environment');
      const env = envNode ? envName(envNode) : undefined;
      if (env) out.push({ path, line: lineOfKey(e.value, 'environment', lc), job: e.key, text: `environment: ${env}`, kinds: [{ kind: 'deploy', what: `GitLab deployment to ${env}` }] });
    }
  } else if (system === 'bitbucket-pipelines' || system === 'azure-pipelines') {
    walk(root, 0);
  }
  return out;
}

function lineOfKey(node: unknown, key: string, lc: LineCounter): number | undefined {
  if (!isMap(node)) return undefined;
  for (const e of mapEntries(node)) if (e.key === key) return e.keyNode.range ? lc.linePos(e.keyNode.range[0]).line : undefined;
  return undefined;
}

function githubTriggers(root: unknown, lc: LineCounter, triggers: Map<Trigger, number | undefined>): void {
  const on = mapGet(root, 'on') ?? mapGet(root, 'true');
  const line = lineOfKey(root, 'on', lc);
  const name = (n: string, l: number | undefined) => {
    const map: Record<string, Trigger> = { push: 'push', pull_request: 'pull_request', pull_request_target: 'pull_request', schedule: 'schedule', workflow_dispatch: 'manual', repository_dispatch: 'manual', release: 'release' };
    const t = map[n];
    if (t && !triggers.has(t)) triggers.set(t, l);
  };
  if (isScalar(on)) name(String(on.value), line);
  for (const item of seqItems(on)) if (isScalar(item)) name(String(item.value), nodeLineOf(item, lc) ?? line);
  for (const e of mapEntries(on)) {
    const l = e.keyNode.range ? lc.linePos(e.keyNode.range[0]).line : line;
    name(e.key, l);
    if (e.key === 'push' && mapGet(e.value, 'tags') && !triggers.has('tags')) triggers.set('tags', lineOfKey(e.value, 'tags', lc) ?? l);
  }
}

function nodeLineOf(n: YamlNode, lc: LineCounter): number | undefined {
  return n.range ? lc.linePos(n.range[0]).line : undefined;
}

function textTriggers(text: string, rules: [RegExp, Trigger][], triggers: Map<Trigger, number | undefined>): void {
  for (const [re, t] of rules) {
    const hit = findAll(text, re, 1)[0];
    if (hit && !triggers.has(t)) triggers.set(t, hit.line);
  }
}

function yamlTriggers(system: string, root: unknown, lc: LineCounter, text: string, triggers: Map<Trigger, number | undefined>): void {
  switch (system) {
    case 'github-actions':
      githubTriggers(root, lc, triggers);
      break;
    case 'gitlab-ci':
      triggers.set('push', undefined);
      textTriggers(text, [
        [/merge_request_event|^[ \t]*-\s*merge_requests\s*$|\$CI_MERGE_REQUEST_/m, 'pull_request'],
        [/\$CI_COMMIT_TAG|^[ \t]*-\s*tags\s*$/m, 'tags'],
        [/CI_PIPELINE_SOURCE\s*==\s*["']schedule["']|^[ \t]*-\s*schedules\s*$/m, 'schedule'],
        [/^[ \t]*when:\s*manual\b/m, 'manual'],
      ], triggers);
      break;
    case 'azure-pipelines': {
      const trigger = mapGet(root, 'trigger');
      if (!(isScalar(trigger) && String(trigger.value) === 'none')) triggers.set('push', lineOfKey(root, 'trigger', lc));
      if (trigger && mapGet(trigger, 'tags')) triggers.set('tags', lineOfKey(trigger, 'tags', lc));
      const pr = mapGet(root, 'pr');
      if (pr && !(isScalar(pr) && String(pr.value) === 'none')) triggers.set('pull_request', lineOfKey(root, 'pr', lc));
      if (mapGet(root, 'schedules')) triggers.set('schedule', lineOfKey(root, 'schedules', lc));
      break;
    }
    case 'bitbucket-pipelines': {
      const p = mapGet(root, 'pipelines');
      for (const e of mapEntries(p)) {
        const l = nodeLineOf(e.keyNode, lc);
        if (e.key === 'default' || e.key === 'branches') triggers.set('push', triggers.get('push') ?? l);
        if (e.key === 'pull-requests') triggers.set('pull_request', l);
        if (e.key === 'tags') triggers.set('tags', l);
        if (e.key === 'custom') triggers.set('manual', l);
      }
      break;
    }
    case 'travis-ci':
      // Travis builds pushes and pull requests unless told otherwise.
      triggers.set('push', undefined);
      triggers.set('pull_request', undefined);
      textTriggers(text, [[/^[ \t]*tags:\s*true\b|\$TRAVIS_TAG/m, 'tags']], triggers);
      break;
    case 'circleci':
      triggers.set('push', undefined);
      textTriggers(text, [
        [/^[ \t]*(?:-\s*)?schedule:[ \t]*$/m, 'schedule'],
        [/^[ \t]*tags:\s*$/m, 'tags'],
      ], triggers);
      break;
    case 'drone':
    case 'woodpecker': {
      const hits = findAll(text, /^[ \t]*(?:-\s*)?event:\s*(\S.*)$|^[ \t]*-\s*(push|pull_request|tag|cron|manual)[ \t]*$/m);
      for (const h of hits) {
        const v = (h.match[1] ?? h.match[2] ?? '').toLowerCase();
        if (/push/.test(v)) triggers.set('push', triggers.get('push') ?? h.line);
        if (/pull_request/.test(v)) triggers.set('pull_request', triggers.get('pull_request') ?? h.line);
        if (/tag/.test(v)) triggers.set('tags', triggers.get('tags') ?? h.line);
        if (/cron/.test(v)) triggers.set('schedule', triggers.get('schedule') ?? h.line);
        if (/manual|custom/.test(v)) triggers.set('manual', triggers.get('manual') ?? h.line);
      }
      if (!triggers.size) triggers.set('push', undefined);
      break;
    }
    default:
      triggers.set('push', undefined);
  }
}

function textPipeline(system: string, path: string, text: string, resolver?: CommandResolver): CiPipeline {
  const steps: CiStep[] = [];
  const triggers = new Map<Trigger, number | undefined>();
  const lines = text.split(/\r?\n/);
  let inBlockComment = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (inBlockComment) {
      if (line.includes('*/')) inBlockComment = false;
      return;
    }
    if (line.startsWith('/*')) {
      inBlockComment = !line.includes('*/');
      return;
    }
    if (line.startsWith('//') || line.startsWith('*')) return;
    let kinds = classifyThrough(withoutClosingQuote(line.replace(/^(sh|bat|powershell|pwsh|scriptContent\s*=)\s*\(?\s*(label:\s*['"][^'"]*['"],\s*script:\s*)?/, '').replace(/^['"]{1,3}/, '')), resolver);
    if (!kinds.length && /\bwithSonarQubeEnv\b|\bdependencyCheck\b/.test(line)) kinds = [{ kind: 'security', what: 'Sonar/OWASP' }];
    if (!kinds.length && /\bdocker\.build\(|\.push\(\s*(?:['"]\w*['"]?\s*|\w+['"]?\s*)?\)/.test(line) && /docker/.test(line)) kinds = [{ kind: 'docker', what: 'image build/push' }];
    if (!kinds.length && /\bjunit\s+['"(]/.test(line)) kinds = [{ kind: 'test', what: 'test reports' }];
    // TeamCity Kotlin DSL runners: maven { goals = "clean verify" }, gradle { tasks = "test" }, dockerCommand { ... }.
    if (!kinds.length && teamcityJvmTests(line)) kinds = [{ kind: 'test', what: 'JVM tests' }];
    if (!kinds.length && /\bdockerCommand\s*\{|\bdockerBuild\s*\{/.test(line)) kinds = [{ kind: 'docker', what: 'image build' }];
    if (kinds.length) steps.push({ path, line: i + 1, text: clip(line, 120), kinds });
  });
  textTriggers(text, [
    [/\bcron\s*\(|\bschedule\s*\{/, 'schedule'],
    [/\bchangeRequest\s*\(|\bpullRequests\s*\{|\bCHANGE_ID\b/, 'pull_request'],
    [/\bbuildingTag\s*\(|\btag\s+['"(]|\bTAG_NAME\b/, 'tags'],
    [/\bpollSCM\s*\(|\bgithubPush\s*\(|\bvcs\s*\{/, 'push'],
  ], triggers);
  if (!triggers.has('push') && system === 'jenkins') triggers.set('push', undefined);
  const jobs = findAll(text, system === 'jenkins' ? /\bstage\s*\(/ : /\bobject\s+\w+\s*:\s*BuildType\b|^[ \t]*<build-type\b/m).length;
  return { system, path, triggers, steps, jobs };
}

async function gitlabIncludes(ctx: DetectorContext, root: unknown): Promise<string[]> {
  const inc = toJs(mapGet(root, 'include'));
  const list = Array.isArray(inc) ? inc : inc ? [inc] : [];
  const out: string[] = [];
  for (const item of list) {
    const local = typeof item === 'string' ? item : (item as { local?: string } | null)?.local;
    if (typeof local === 'string' && !/^https?:/.test(local)) out.push(local.replace(/^\//, ''));
  }
  return out.filter((p) => ctx.files.some((f) => f.path === p));
}

/**
 * What Travis CI runs when a file names a `language:` but no `script:` (its per-language default
 * build script, e.g. `npm test` for node_js, `bundle exec rake` for ruby).
 */
export const TRAVIS_DEFAULT_SCRIPT: Record<string, (has: (file: string) => boolean) => string | undefined> = {
  node_js: () => 'npm test',
  ruby: () => 'bundle exec rake',
  java: (has) => (has('build.gradle') || has('build.gradle.kts') ? 'gradle check' : has('pom.xml') ? 'mvn test -B' : undefined),
  jdk: (has) => (has('build.gradle') || has('build.gradle.kts') ? 'gradle check' : has('pom.xml') ? 'mvn test -B' : undefined),
  groovy: (has) => (has('build.gradle') ? 'gradle check' : has('pom.xml') ? 'mvn test -B' : undefined),
  go: (has) => (has('Makefile') ? 'make' : 'go test -v ./...'),
  php: () => 'phpunit',
  rust: () => 'cargo test --verbose',
  scala: () => 'sbt test',
  elixir: () => 'mix test',
  clojure: () => 'lein test',
  perl: () => 'make test',
};

function travisDefaultSteps(ctx: DetectorContext, root: unknown, lc: LineCounter, path: string, resolver?: CommandResolver): CiStep[] {
  const lang = toJs(mapGet(root, 'language'));
  if (typeof lang !== 'string' || mapGet(root, 'script') !== undefined) return [];
  // Matrix entries with their own script run that script instead; the default still runs for the others.
  const make = TRAVIS_DEFAULT_SCRIPT[lang.trim().toLowerCase()];
  const has = (file: string) => ctx.files.some((f) => f.path === file);
  const cmd = make?.(has);
  if (!cmd) return [];
  const kinds = classifyThrough(cmd, resolver).filter((k) => k.kind !== 'build');
  if (!kinds.length) return [];
  const line = lineOfKey(root, 'language', lc);
  return [{ path, line, text: `language: ${lang} (default script: ${cmd})`, kinds: kinds.map((k) => ({ ...k, what: `${k.what} (Travis CI default for ${lang})` })) }];
}

/**
 * Databases, caches and brokers a pipeline starts for its jobs: GitHub `services:`, GitLab
 * `services:`, CircleCI secondary `docker:` images, Travis `services:`, Bitbucket step services,
 * Drone/Woodpecker services, and `docker compose up` / `docker run -d` steps.
 */
function ciServices(system: string, root: unknown, lc: LineCounter, path: string, text: string): CiService[] {
  const out: CiService[] = [];
  const lineOf = (n: unknown) => {
    const r = (n as { range?: [number, number, number] } | undefined)?.range;
    return r ? lc.linePos(r[0]).line : undefined;
  };
  const addImage = (image: string, at: unknown, job?: string) => {
    if (INFRA_IMAGE.test(image.trim())) out.push({ path, line: lineOf(at), job, image: image.trim(), how: 'service container' });
  };
  const fromList = (list: unknown, job?: string) => {
    for (const item of seqItems(list)) {
      if (isScalar(item)) addImage(String(item.value), item, job);
      else {
        const name = mapGet(item, 'name') ?? mapGet(item, 'image');
        if (isScalar(name)) addImage(String(name.value), name, job);
      }
    }
  };
  if (system === 'github-actions') {
    for (const j of mapEntries(mapGet(root, 'jobs'))) {
      for (const svc of mapEntries(mapGet(j.value, 'services'))) {
        const image = mapGet(svc.value, 'image') ?? svc.value;
        if (isScalar(image)) addImage(String(image.value), image, j.key);
      }
    }
  } else if (system === 'gitlab-ci') {
    fromList(mapGet(root, 'services'));
    for (const j of mapEntries(root)) if (isMap(j.value)) fromList(mapGet(j.value, 'services'), j.key);
  } else if (system === 'circleci') {
    for (const j of mapEntries(mapGet(root, 'jobs'))) {
      const docker = seqItems(mapGet(j.value, 'docker'));
      for (const item of docker.slice(1)) {
        const image = mapGet(item, 'image');
        if (isScalar(image)) addImage(String(image.value), image, j.key);
      }
    }
  } else if (system === 'travis-ci') {
    fromList(mapGet(root, 'services'));
  } else if (system === 'bitbucket-pipelines') {
    const defs = new Map(mapEntries(mapGet(mapGet(root, 'definitions'), 'services')).map((e) => [e.key, toJs(mapGet(e.value, 'image'))]));
    const walk = (node: unknown, depth: number): void => {
      if (depth > 20) return;
      if (isSeq(node)) for (const i of node.items) walk(i, depth + 1);
      if (!isMap(node)) return;
      for (const item of seqItems(mapGet(node, 'services'))) {
        if (!isScalar(item)) continue;
        const name = String(item.value);
        const image = defs.get(name);
        if (INFRA_IMAGE.test(typeof image === 'string' ? image : name) || INFRA_IMAGE.test(name)) out.push({ path, line: lineOf(item), image: typeof image === 'string' ? image : name, how: 'service container' });
      }
      for (const e of mapEntries(node)) if (e.key !== 'definitions') walk(e.value, depth + 1);
    };
    walk(mapGet(root, 'pipelines'), 0);
  } else if (system === 'drone' || system === 'woodpecker') {
    fromList(mapGet(root, 'services'));
  } else if (system === 'azure-pipelines') {
    for (const c of seqItems(mapGet(mapGet(root, 'resources'), 'containers'))) {
      const image = mapGet(c, 'image');
      if (isScalar(image)) addImage(String(image.value), image);
    }
  }
  // `docker compose up` / `docker run -d postgres` before the tests, in any system.
  for (const h of dockerLines(text, /\bdocker(?:-|\s+)compose\b/, /\s(up|run)\b/g, 20)) {
    if (/\bdown\b/.test(h.match[0]) || (h.match[1] === 'run' && !INFRA_IMAGE.test(h.match[0]))) continue;
    out.push({ path, line: h.line, image: clip(h.lineText.replace(/^-\s*(run:\s*)?/, ''), 80), how: 'compose up' });
  }
  for (const h of dockerLines(text, /\bdocker\s+run\b/, /\s-d\b/g, 10)) {
    if (INFRA_IMAGE.test(h.match[0].split(/\s+/).pop() ?? '') || /\b(postgres|mysql|mariadb|mongo|redis)\b/.test(h.match[0])) out.push({ path, line: h.line, image: clip(h.lineText, 80), how: 'docker run' });
  }
  return out;
}

/** Every pipeline of the workspace, parsed once per scan. */
export function readPipelines(ctx: DetectorContext): Promise<CiPipeline[]> {
  return memo(ctx, 'ci.pipelines', async () => {
    const pipelines: CiPipeline[] = [];
    const queue: { path: string; system: (typeof CI_SYSTEMS)[number] }[] = [];
    for (const f of ctx.files) {
      const system = CI_SYSTEMS.find((s) => s.file.test(f.path));
      if (system) queue.push({ path: f.path, system });
    }
    const seen = new Set<string>();
    const resolver = queue.length ? await readCommandResolver(ctx) : undefined;
    while (queue.length) {
      const { path, system } = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const text = await readSafe(ctx, path);
      if (text === undefined) continue;
      if (system.format === 'text') {
        pipelines.push(textPipeline(system.id, path, text, resolver));
        continue;
      }
      const parsed = parseYaml(ctx, path, text);
      if (!parsed) continue;
      const root = parsed.docs[0]?.contents;
      if (!root) continue;
      const steps: CiStep[] = [];
      for (const doc of parsed.docs) {
        walkSteps(doc.contents as YamlNode, { path, lc: parsed.lc, text, steps, resolver }, undefined);
        steps.push(...deploymentSteps(system.id, doc.contents, parsed.lc, path));
      }
      if (system.id === 'travis-ci') steps.push(...travisDefaultSteps(ctx, root, parsed.lc, path, resolver));
      const services = ciServices(system.id, root, parsed.lc, path, text);
      const triggers = new Map<Trigger, number | undefined>();
      yamlTriggers(system.id, root, parsed.lc, text, triggers);
      const name = toJs(mapGet(root, 'name'));
      const jobsNode = mapGet(root, 'jobs');
      const jobs = isMap(jobsNode) ? jobsNode.items.length
        : system.id === 'gitlab-ci' ? mapEntries(root).filter((e) => isMap(e.value) && (mapGet(e.value, 'script') || mapGet(e.value, 'trigger'))).length
        : steps.length ? 1 : 0;
      pipelines.push({ system: system.id, path, name: typeof name === 'string' ? name : undefined, triggers, steps, jobs, ...(services.length ? { services } : {}) });
      if (system.id === 'gitlab-ci') {
        for (const inc of await gitlabIncludes(ctx, root)) queue.push({ path: inc, system });
      }
    }
    return pipelines;
  });
}

/** One command-like line of a pipeline file, with its 1-based line; lines a wrapper runs carry `via`. */
export interface PipelineLine {
  path: string;
  line: number;
  text: string;
  /** For a line read from a wrapper (Makefile, script): the wrapper chain (`make ci → make test`). */
  via?: string;
  /** For a line read from a wrapper: the pipeline line (`path:line`) that calls it. */
  from?: string;
}

/**
 * Every line of every pipeline file that could be a command (comments, echo lines and blank
 * lines dropped), for detectors that look for one flag or tool (coverage, formatters).
 */
export function pipelineLines(ctx: DetectorContext): Promise<PipelineLine[]> {
  return memo(ctx, 'ci.lines', async () => {
    const out: PipelineLine[] = [];
    const resolver = await readCommandResolver(ctx);
    const seen = new Set<string>();
    for (const f of ctx.files) {
      if (!CI_SYSTEMS.some((s) => s.file.test(f.path))) continue;
      const text = await readSafe(ctx, f.path);
      if (!text) continue;
      text.split(/\r?\n/).forEach((raw, i) => {
        // `- run: cmd`, `script: cmd`, `sh 'cmd'`: keep the command itself.
        const t = raw.trim().replace(/^-\s+/, '').replace(/^(run|script|command|commands|cmd|bash|pwsh|powershell|sh|bat)\s*(?::\s*(?:(?:[|>]-?|-)\s*)?|(?:\(\s*)?['"]\s*)/, '');
        if (!t || /^(#|\/\/|\*|\/\*)/.test(t) || /^(echo|printf|Write-Host)\s/.test(t) || /^(name|displayName|description)\s*:/.test(t)) return;
        out.push({ path: f.path, line: i + 1, text: t });
        // What a wrapper the line calls runs (make coverage, scripts/test.sh, npm run test:cov).
        for (const r of resolver.expand(t)) {
          const key = `${r.path}:${r.line}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ path: r.path, line: r.line, text: r.text, via: r.via, from: `${f.path}:${i + 1}` });
        }
      });
    }
    return out;
  });
}

const KIND_PRACTICE: Record<Exclude<StepKind, 'build'>, string> = {
  test: 'ci-runs-tests',
  lint: 'ci-lint',
  security: 'ci-security-scan',
  docker: 'ci-docker-build',
  deploy: 'continuous-deployment',
};

const systemName = (id: string) => CI_SYSTEMS.find((s) => s.id === id)?.name ?? id;

/** Reports CI systems, what their pipelines do and when they run. */
export const detectCi: PracticeDetector = async (ctx) => {
  let pipelines: CiPipeline[];
  try {
    pipelines = await readPipelines(ctx);
  } catch (e) {
    ctx.warn(`CI: ${(e as Error).message}`);
    return;
  }
  if (!pipelines.length) return;

  const bySystem = new Map<string, CiPipeline[]>();
  for (const p of pipelines) bySystem.set(p.system, [...(bySystem.get(p.system) ?? []), p]);
  for (const [system, ps] of bySystem) {
    ctx.reportTechnology(system, ps.map((p) => ({ path: p.path, line: 1, detail: `${systemName(system)} pipeline` })));
  }

  const kindCounts: Record<string, number> = {};
  for (const p of pipelines) for (const s of p.steps) for (const k of s.kinds) bump(kindCounts, k.kind);
  const allTriggers = new Set<string>();
  for (const p of pipelines) for (const t of p.triggers.keys()) allTriggers.add(t);
  ctx.report(
    'ci-pipeline',
    pipelines.map((p) => ({
      path: p.path,
      line: 1,
      detail: `${systemName(p.system)} pipeline${p.name ? ` "${clip(p.name, 40)}"` : ''}; triggers: ${[...p.triggers.keys()].join(', ') || 'none found'}; steps: ${formatCounts(Object.fromEntries(countKinds(p))) || 'none classified'}`,
    })),
    {
      count: pipelines.length,
      figures: {
        systems: [...bySystem.entries()].map(([s, ps]) => `${systemName(s)} (${ps.length})`).join(', '),
        pipelines: pipelines.length,
        triggers: [...allTriggers].join(', '),
        ...(Object.keys(kindCounts).length ? { steps: formatCounts(kindCounts) } : {}),
      },
    },
  );

  for (const kind of Object.keys(KIND_PRACTICE) as (keyof typeof KIND_PRACTICE)[]) {
    const evidence: Evidence[] = [];
    const whats = new Set<string>();
    for (const p of pipelines) {
      for (const s of p.steps) {
        const k = s.kinds.find((x) => x.kind === kind);
        if (!k) continue;
        whats.add(k.what);
        evidence.push({ path: s.path, line: s.line, detail: `${s.job ? `job ${s.job}: ` : ''}${k.what}: ${s.text}${k.via ? ` (runs ${k.via})` : ''}` });
      }
    }
    if (!evidence.length) continue;
    const figures: Record<string, string | number> = { steps: evidence.length, tools: [...whats].join(', ') };
    if (kind === 'deploy') {
      const deploying = pipelines.filter((p) => p.steps.some((s) => s.kinds.some((k) => k.kind === 'deploy')));
      figures.triggers = [...new Set(deploying.flatMap((p) => [...p.triggers.keys()]))].join(', ');
      figures.pipelines = deploying.map((p) => p.path).join(', ');
    }
    ctx.report(KIND_PRACTICE[kind], evidence.slice(0, 25), { count: evidence.length, figures });
    if (kind === 'test') ctx.report('tests-in-ci', evidence.slice(0, 25), { count: evidence.length, figures });
  }

  const prEvidence: Evidence[] = pipelines
    .filter((p) => p.triggers.has('pull_request'))
    .map((p) => ({ path: p.path, line: p.triggers.get('pull_request'), detail: `${systemName(p.system)} runs on pull/merge requests${p.triggers.get('pull_request') === undefined ? ' (the system default)' : ''}` }));
  if (prEvidence.length) ctx.report('ci-on-pull-request', prEvidence, { count: prEvidence.length });
};

function countKinds(p: CiPipeline): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of p.steps) for (const k of s.kinds) m.set(k.kind, (m.get(k.kind) ?? 0) + 1);
  return m;
}
