/**
 * Documentation and hygiene: README and its sections, LICENSE (with an SPDX guess), project
 * files, docs folders, ADRs, API docs and request collections, linters, formatters, editor and
 * debugging setup, git hooks and dev containers.
 */
import { parse as parseJsonc } from 'jsonc-parser';
import type { Evidence } from '../types';
import type { DetectorContext, PracticeDetector } from './types';
import { baseName, clip, dirName, findAll, findFirst, isVendored, matchConfigFiles, readSafe, sourceFiles, techEvidence, techsOf, techsPresent, type ConfigFileRule, runSteps } from './util';
import { pipelineLines } from './ci';
import { trimEndOf } from '../strings';

const README = /^readme(\.(md|markdown|rst|txt|adoc|org))?$/i;

const SPACE = /\s/;

/**
 * The title of a Markdown ATX heading (`## Title ##`, up to three spaces of indent) or an AsciiDoc
 * one (`== Title`); undefined for any other line. Linear scans in place of
 * /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/, whose lazy title and trailing runs retried every split of a
 * long blank or `#` run.
 */
function atxTitle(l: string): string | undefined {
  let i = 0;
  while (i < 3 && i < l.length && SPACE.test(l[i])) i++;
  const mark = l[i] === '#' ? '#' : i === 0 && l[0] === '=' ? '=' : '';
  if (!mark) return undefined;
  let j = i;
  while (j < l.length && l[j] === mark) j++;
  if (j - i > 6 || j >= l.length || !SPACE.test(l[j])) return undefined;
  const rest = l.slice(j).trimStart();
  if (!rest) return undefined;
  if (mark === '=') return rest;
  // A closing run of # (with blanks around it) is not part of the title; the title keeps its first character.
  return rest[0] + trimEndOf(rest.slice(1).trimEnd(), '#').trimEnd();
}

/** Headings of a README: Markdown (ATX and setext), reStructuredText and AsciiDoc. */
export function readmeHeadings(text: string): { line: number; title: string }[] {
  const lines = text.split(/\r?\n/);
  const out: { line: number; title: string }[] = [];
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^[ \t]*(```|~~~)/.test(l)) fence = !fence;
    if (fence) continue;
    const title = atxTitle(l);
    if (title !== undefined) out.push({ line: i + 1, title });
    else if (i + 1 < lines.length && l.trim() && !/^[ \t]*[-*+>|]/.test(l) && /^([=\-~^"'`#*+])\1{2,}\s*$/.test(lines[i + 1]) && lines[i + 1].trim().length >= Math.min(3, l.trim().length)) {
      out.push({ line: i + 1, title: l.trim() });
    } else if (/^<h[1-6][^>]*>(.+?)<\/h[1-6]>/i.test(l.trim())) {
      out.push({ line: i + 1, title: l.trim().replace(/<[^<>]+>/g, '') });
    }
  }
  return out;
}

/** README section kinds and the heading words that announce them. */
export const README_SECTIONS: [string, RegExp][] = [
  ['install', /\b(install(ation|ing)?|setup|set up|getting started|quick ?start|prerequisites|requirements|local development|development setup|build(ing)?)\b/i],
  ['usage', /\b(usage|how to use|using|running|run(ning)? (it|locally|the)|examples?|configuration|deploy(ment|ing)?|cli)\b/i],
  ['tests', /\b(test|tests|testing)\b/i],
  ['api', /\b(api|endpoints?|routes|reference|http interface)\b/i],
];

const LICENSES: [string, RegExp[]][] = [
  ['AGPL-3.0', [/GNU AFFERO GENERAL PUBLIC LICENSE/i]],
  ['LGPL-3.0', [/GNU LESSER GENERAL PUBLIC LICENSE/i, /Version 3/i]],
  ['LGPL-2.1', [/GNU LESSER GENERAL PUBLIC LICENSE/i, /Version 2\.1/i]],
  ['GPL-3.0', [/GNU GENERAL PUBLIC LICENSE/i, /Version 3/i]],
  ['GPL-2.0', [/GNU GENERAL PUBLIC LICENSE/i, /Version 2/i]],
  ['Apache-2.0', [/Apache License/i, /Version 2\.0/i]],
  ['MPL-2.0', [/Mozilla Public License,? (Version|v\.?) ?2\.0/i]],
  ['EPL-2.0', [/Eclipse Public License\s*(?:-\s*)?v(ersion)? ?2\.0/i]],
  ['BSL-1.0', [/Boost Software License/i]],
  ['Unlicense', [/free and unencumbered software released into the public domain/i]],
  ['CC0-1.0', [/CC0 1\.0 Universal/i]],
  ['ISC', [/Permission to use, copy, modify, and\/or distribute this software for any purpose/i]],
  ['MIT', [/Permission is hereby granted, free of charge/i]],
  ['BSD-3-Clause', [/Redistribution and use in source and binary forms/i, /Neither the name|names of (its|the) contributors/i]],
  ['BSD-2-Clause', [/Redistribution and use in source and binary forms/i]],
];

/** Guesses an SPDX identifier from a license text; 'unknown' when nothing matches. */
export function guessSpdx(text: string): string {
  const tag = /SPDX-License-Identifier:\s*([\w.+-]+)/.exec(text);
  if (tag) return tag[1];
  for (const [id, res] of LICENSES) if (res.every((re) => re.test(text))) return id;
  if (/^[ \t]*(The )?MIT License/im.test(text)) return 'MIT';
  return 'unknown';
}

const LICENSE_FILE = /^(licen[sc]e|copying|unlicense)([.-][\w.-]*)?$/i;

async function detectReadme(ctx: DetectorContext): Promise<void> {
  const readmes = ctx.files.filter((f) => README.test(baseName(f.path)) && !isVendored(f.path)).sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.length - b.path.length);
  // The project's README sits at the root, or one folder down (the project inside the folder
  // opened, a monorepo's package); a theme's, plugin's or docs subfolder's README deeper down is not it.
  if (!readmes.length || readmes[0].path.split('/').length > 2) return;
  const main = readmes[0];
  const text = (await readSafe(ctx, main.path)) ?? '';
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).length;
  ctx.report('readme', [{ path: main.path, line: 1, detail: `README with ${lines} non-blank lines` }], {
    figures: { lines, readmes: readmes.length },
  });
  const all = readmeHeadings(text);
  // The first heading near the top is the project's title ("# orders-api"), not a section.
  const headings = all.length && all[0].line <= 3 ? all.slice(1) : all;
  const evidence: Evidence[] = [];
  const found: string[] = [];
  for (const [kind, re] of README_SECTIONS) {
    const h = headings.find((x) => re.test(x.title));
    if (h) {
      found.push(kind);
      evidence.push({ path: main.path, line: h.line, detail: `${kind} section: "${clip(h.title, 60)}"` });
    }
  }
  if (evidence.length) {
    ctx.report('readme-sections', evidence, {
      count: found.length,
      figures: { sections: found.join(', '), missing: README_SECTIONS.map(([k]) => k).filter((k) => !found.includes(k)).join(', ') || 'none', headings: headings.length, lines },
    });
  }
}

async function detectLicense(ctx: DetectorContext): Promise<void> {
  const files = ctx.files.filter((f) => LICENSE_FILE.test(baseName(f.path)) && !dirName(f.path).includes('/') && !isVendored(f.path) && (dirName(f.path) === '' || /^(\.github|docs?)$/.test(dirName(f.path))));
  const evidence: Evidence[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    const text = (await readSafe(ctx, f.path)) ?? '';
    const id = guessSpdx(text);
    ids.add(id);
    evidence.push({ path: f.path, line: 1, detail: `license file (${id === 'unknown' ? 'license not recognised' : id})` });
  }
  // A license declared only in a manifest still says under which terms the code is shared.
  if (!evidence.length) {
    for (const [file, re] of [
      ['package.json', /^[ \t]*"license"\s*:\s*"([^"]+)"/m],
      ['pyproject.toml', /^[ \t]*license\s*=\s*(?:\{\s*text\s*=\s*)?"([^"]+)"/m],
      ['Cargo.toml', /^[ \t]*license\s*=\s*"([^"]+)"/m],
      ['composer.json', /^[ \t]*"license"\s*:\s*"([^"]+)"/m],
    ] as [string, RegExp][]) {
      if (!ctx.files.some((f) => f.path === file)) continue;
      const hit = findFirst((await readSafe(ctx, file)) ?? '', re);
      if (hit && !/^(UNLICENSED|proprietary|SEE LICENSE)/i.test(hit.match[1])) {
        ids.add(hit.match[1]);
        evidence.push({ path: file, line: hit.line, detail: `license declared in ${file}: ${hit.match[1]} (no LICENSE file)` });
      }
    }
  }
  if (evidence.length) ctx.report('license', evidence, { figures: { spdx: [...ids].join(', '), licenseFile: files.length ? 'yes' : 'no' } });
}

const PROJECT_FILES: [string, RegExp, string][] = [
  ['contributing', /^(\.github\/|docs\/)?contributing(\.(md|rst|txt|adoc))?$/i, 'contribution guide'],
  ['code-of-conduct', /^(\.github\/|docs\/)?code[_-]of[_-]conduct(\.(md|rst|txt|adoc))?$/i, 'code of conduct'],
  ['changelog', /^(docs\/)?(changelog|changes|history|news|releases|release[_-]notes)(\.(md|rst|txt|adoc))?$/i, 'changelog'],
];

async function detectProjectFiles(ctx: DetectorContext): Promise<void> {
  for (const [id, re, what] of PROJECT_FILES) {
    const hits = ctx.files.filter((f) => re.test(f.path));
    if (!hits.length) continue;
    const evidence: Evidence[] = [];
    for (const f of hits) {
      const text = (await readSafe(ctx, f.path)) ?? '';
      const figures = id === 'changelog' ? ` with ${findAll(text, /^#{1,3}\s*\[?v?\d+\.\d+/m).length} version entries` : '';
      evidence.push({ path: f.path, line: 1, detail: `${what}${figures}` });
    }
    ctx.report(id, evidence, { count: hits.length });
  }

  const docFolders = new Map<string, number>();
  for (const f of ctx.files) {
    const m = /^((?:[\w.-]+\/)?(docs?|documentation|wiki))\//i.exec(f.path);
    if (m && !isVendored(f.path) && /\.(md|mdx|rst|adoc|txt|html|ya?ml|json|png|svg|puml|drawio)$/i.test(f.path)) docFolders.set(m[1], (docFolders.get(m[1]) ?? 0) + 1);
  }
  const siteConfigs = ctx.files.filter((f) => /^(mkdocs\.ya?ml|docusaurus\.config\.(js|ts)|book\.toml|antora\.yml|\.readthedocs\.ya?ml|docs\/conf\.py|doc\/conf\.py)$/.test(f.path));
  if (docFolders.size || siteConfigs.length) {
    const evidence: Evidence[] = [...docFolders.entries()].map(([d, n]) => ({ path: d, detail: `documentation folder with ${n} file(s)` }));
    evidence.push(...siteConfigs.map((f) => ({ path: f.path, line: 1, detail: 'documentation site configuration' })));
    ctx.report('docs-folder', evidence, { count: [...docFolders.values()].reduce((a, b) => a + b, 0), figures: { folders: [...docFolders.keys()].join(', ') || 'none', siteGenerators: siteConfigs.map((f) => baseName(f.path)).join(', ') || 'none' } });
  }

  const adrs = ctx.files.filter((f) => /(^|\/)(docs?\/)?(adr|adrs|decisions|architecture\/decisions|architecture-decisions)\/[^/]*\.(md|rst|adoc|txt)$/i.test(f.path) && !/readme|template/i.test(baseName(f.path)));
  if (adrs.length) {
    ctx.report('adr', adrs.slice(0, 20).map((f) => ({ path: f.path, line: 1, detail: 'architecture decision record' })), { count: adrs.length, figures: { records: adrs.length, folder: dirName(adrs[0].path) } });
  }
}

const API_DOC_TECHS = ['springdoc', 'springfox', 'swagger-core', 'microprofile-openapi', 'swagger-jsdoc', 'swagger-ui-express', 'nestjs-swagger', 'fastify-swagger', 'tsoa', 'drf-spectacular', 'drf-yasg', 'fastapi', 'flasgger', 'flask-smorest', 'apispec', 'aspnetcore-openapi', 'swashbuckle', 'nswag', 'l5-swagger', 'swagger-php', 'nelmio-api-doc', 'scribe', 'swaggo', 'oapi-codegen', 'ogen', 'rswag', 'grape-swagger', 'utoipa', 'aide', 'poem-openapi', 'openapi', 'openapi-generator', 'asyncapi', 'redoc', 'scalar', 'api-blueprint', 'raml'];
/** Request-collection tools that the data files as api-docs; they count as collections here. */
const COLLECTION_TECHS = ['postman', 'insomnia', 'bruno', 'http-files', 'hurl'];
const API_DOC_HINTS: Record<string, string[]> = {
  springdoc: ['org.springdoc:*'], springfox: ['io.springfox:*'], 'nestjs-swagger': ['@nestjs/swagger'], 'fastify-swagger': ['@fastify/swagger'],
  swashbuckle: ['swashbuckle.aspnetcore*'], nswag: ['nswag.aspnetcore'], 'l5-swagger': ['darkaonline/l5-swagger'], swaggo: ['github.com/swaggo/swag'], rswag: ['rswag', 'rswag-api'],
};

/** Code that publishes an API description: Swashbuckle/NSwag/ASP.NET OpenAPI, @nestjs/swagger, springdoc annotations, swagger-jsdoc, drf-spectacular views, swaggo/utoipa annotations. */
const API_DOC_WIRING = /\bAdd(SwaggerGen|OpenApiDocument|OpenApi|EndpointsApiExplorer)\s*\(|\bUse(Swagger|SwaggerUI|SwaggerUi3|OpenApi|ReDoc)\s*\(|\bMapOpenApi\s*\(|\bSwaggerModule\.(setup|createDocument)\s*\(|\bnew\s+DocumentBuilder\s*\(|@(OpenAPIDefinition|Operation|Tag|ApiOperation|ApiTags|ApiResponse)\s*\(|\bswaggerJSDoc\s*\(|\bswaggerUi\.(serve|setup)\b|\bSpectacular(API|Swagger|Redoc)View\b|\bget_schema_view\s*\(|^[ \t]*\/\/[ \t]*@(title|Summary|Router)[ \t]+\S|#\[utoipa::path\b|#\[derive\([^)#]*\bOpenApi\b|\bregister\(\s*(fastifySwagger|swagger)\b/m;

async function detectApiDocs(ctx: DetectorContext): Promise<void> {
  const evidence: Evidence[] = [];
  const kinds = new Set<string>();
  for (const f of ctx.files) {
    if (isVendored(f.path) || !/\.(ya?ml|json)$/i.test(f.path) || f.size > 5_000_000) continue;
    const b = baseName(f.path).toLowerCase();
    const named = /openapi|swagger|asyncapi|api-?spec|api-?docs/.test(b);
    if (!named && !/(^|\/)(api|spec|specs|docs?|openapi)\//i.test(f.path)) continue;
    const text = (await readSafe(ctx, f.path)) ?? '';
    const head = text.slice(0, 4000);
    const hit = findFirst(head, /^[ \t]*["']?(openapi|swagger|asyncapi)["']?\s*:\s*["']?(\d[\w.]*)/m);
    if (hit) {
      kinds.add(`${hit.match[1]} ${hit.match[2]}`);
      evidence.push({ path: f.path, line: hit.line, detail: `${hit.match[1] === 'swagger' ? 'Swagger' : hit.match[1] === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI'} ${hit.match[2]} document` });
    }
  }
  // A documentation generator wired into the code (AddSwaggerGen, SwaggerModule.setup, swagger
  // annotations): the code that publishes the description, not only its package line.
  for (const f of sourceFiles(ctx)) {
    if (evidence.length >= 20) break;
    const text = await readSafe(ctx, f.path);
    if (!text) continue;
    const hit = findFirst(text, API_DOC_WIRING);
    if (hit && !/^\s*(\/\/|#|\*)/.test(hit.lineText)) {
      kinds.add('generator wired in code');
      evidence.push({ path: f.path, line: hit.line, detail: `API documentation wired in code: ${clip(hit.lineText, 80)}` });
    }
  }
  for (const id of techsOf(ctx, ['api-docs'], API_DOC_TECHS, COLLECTION_TECHS)) {
    // FastAPI serves OpenAPI docs at /docs unless docs_url=None; the framework itself is the generator.
    kinds.add(id);
    evidence.push(...techEvidence(ctx, id, API_DOC_HINTS[id]).map((e) => ({ ...e, detail: `${e.detail} — ${id === 'fastapi' ? 'FastAPI generates OpenAPI docs automatically' : 'API documentation generator'}` })));
  }
  if (evidence.length) ctx.report('api-docs', evidence, { count: evidence.length, figures: { sources: [...kinds].join(', ') } });

  const collections: Evidence[] = [];
  const tools = new Set<string>();
  for (const f of ctx.files) {
    if (isVendored(f.path)) continue;
    const b = baseName(f.path);
    let tool: string | undefined;
    if (/\.postman_collection\.json$/i.test(b) || /(^|\/)postman\/.{1,4096}\.json$/i.test(f.path)) tool = 'Postman';
    else if (/^insomnia.*\.(json|ya?ml)$/i.test(b) || /(^|\/)\.insomnia\//.test(f.path)) tool = 'Insomnia';
    else if (/\.bru$/i.test(b) || b === 'bruno.json') tool = 'Bruno';
    else if (/\.(http|rest)$/i.test(b)) tool = 'HTTP request file';
    else if (/\.hoppscotch\.json$/i.test(b)) tool = 'Hoppscotch';
    if (tool) {
      tools.add(tool);
      collections.push({ path: f.path, line: 1, detail: `${tool} request collection` });
    }
  }
  for (const id of techsPresent(ctx, COLLECTION_TECHS)) {
    if (collections.some((e) => e.detail.toLowerCase().includes(id.split('-')[0]))) continue;
    tools.add(id);
    collections.push(...techEvidence(ctx, id).map((e) => ({ ...e, detail: `${e.detail} (request collection tool ${id})` })));
  }
  if (collections.length) ctx.report('api-collections', collections.slice(0, 20), { count: collections.length, figures: { tools: [...tools].join(', ') } });
}

interface ToolRule extends ConfigFileRule {
  tool: string;
}

const LINT_RULES: ToolRule[] = [
  { tool: 'ESLint', file: /(^|\/)(\.eslintrc(\.(js|cjs|json|ya?ml))?|eslint\.config\.(js|mjs|cjs|ts|mts))$/ },
  { tool: 'ESLint', file: /(^|\/)package\.json$/, content: /^[ \t]*"eslintConfig"\s*:/m },
  { tool: 'Biome', file: /(^|\/)biome\.jsonc?$/ },
  { tool: 'Stylelint', file: /(^|\/)(\.stylelintrc(\.\w+)?|stylelint\.config\.(js|cjs|mjs))$/ },
  { tool: 'TSLint', file: /(^|\/)tslint\.json$/ },
  { tool: 'Ruff', file: /(^|\/)\.?ruff\.toml$/ },
  { tool: 'Ruff', file: /(^|\/)pyproject\.toml$/, content: /^\[tool\.ruff/m },
  { tool: 'Pylint', file: /(^|\/)(\.pylintrc|pylintrc)$/ },
  { tool: 'Pylint', file: /(^|\/)pyproject\.toml$/, content: /^\[tool\.pylint/m },
  { tool: 'mypy', file: /(^|\/)(mypy\.ini|\.mypy\.ini)$/ },
  { tool: 'mypy', file: /(^|\/)(pyproject\.toml|setup\.cfg)$/, content: /^\[(tool\.)?mypy/m },
  { tool: 'flake8', file: /(^|\/)\.flake8$/ },
  { tool: 'flake8', file: /(^|\/)(setup\.cfg|tox\.ini)$/, content: /^\[flake8\]/m },
  { tool: 'Checkstyle', file: /(^|\/)checkstyle[\w-]*\.xml$/ },
  { tool: 'Checkstyle/SpotBugs/PMD', file: /(^|\/)(pom\.xml|build\.gradle(\.kts)?)$/, content: /maven-checkstyle-plugin|spotbugs|maven-pmd-plugin|^[ \t]*(id\s*(?:\(\s*)?["'])?(checkstyle|pmd)["']?\)?[ \t]*$/m },
  { tool: 'detekt', file: /(^|\/)detekt[\w-]*\.ya?ml$/ },
  { tool: 'ktlint', file: /(^|\/)(build\.gradle(\.kts)?)$/, content: /ktlint/ },
  { tool: 'golangci-lint', file: /(^|\/)\.golangci\.(ya?ml|toml|json)$/ },
  { tool: 'RuboCop', file: /(^|\/)\.rubocop\.ya?ml$/ },
  { tool: 'PHPStan', file: /(^|\/)phpstan(\.dist)?\.neon(\.dist)?$/ },
  { tool: 'Psalm', file: /(^|\/)psalm\.xml(\.dist)?$/ },
  { tool: 'PHP_CodeSniffer', file: /(^|\/)\.?phpcs\.xml(\.dist)?$/ },
  { tool: 'Clippy', file: /(^|\/)\.?clippy\.toml$/ },
  { tool: 'StyleCop', file: /(^|\/)stylecop\.json$/ },
  { tool: 'StyleCop/.NET analyzers', file: /(^|\/)(Directory\.Build\.props|[^/]+\.csproj)$/, content: /StyleCop\.Analyzers|<EnforceCodeStyleInBuild>true|<AnalysisLevel>/ },
  { tool: 'hadolint', file: /(^|\/)\.hadolint\.ya?ml$/ },
  { tool: 'markdownlint', file: /(^|\/)\.markdownlint(-cli2)?\.(json|jsonc|ya?ml)$/ },
];
const FORMAT_RULES: ToolRule[] = [
  { tool: 'Prettier', file: /(^|\/)(\.prettierrc(\.(json|ya?ml|js|cjs|mjs|toml|json5))?|prettier\.config\.(js|cjs|mjs|ts))$/ },
  { tool: 'Prettier', file: /(^|\/)package\.json$/, content: /^[ \t]*"prettier"\s*:\s*(\{|"[@.][^"]*")/m },
  { tool: 'Biome', file: /(^|\/)biome\.jsonc?$/, content: /"formatter"/ },
  { tool: 'Black', file: /(^|\/)pyproject\.toml$/, content: /^\[tool\.black\]/m },
  { tool: 'isort', file: /(^|\/)(pyproject\.toml|\.isort\.cfg|setup\.cfg)$/, content: /^\[(tool\.)?isort\]|^\[settings\]/m },
  { tool: 'Ruff formatter', file: /(^|\/)(pyproject\.toml|\.?ruff\.toml)$/, content: /^\[(tool\.ruff\.)?format\]/m },
  { tool: 'rustfmt', file: /(^|\/)\.?rustfmt\.toml$/ },
  { tool: 'clang-format', file: /(^|\/)\.clang-format$/ },
  { tool: 'Spotless', file: /(^|\/)(pom\.xml|build\.gradle(\.kts)?)$/, content: /spotless/ },
  { tool: 'scalafmt', file: /(^|\/)\.scalafmt\.conf$/ },
  { tool: 'PHP-CS-Fixer', file: /(^|\/)\.php-cs-fixer(\.dist)?\.php$|\.php_cs(\.dist)?$/ },
  { tool: 'CSharpier', file: /(^|\/)\.csharpierrc(\.(json|ya?ml))?$/ },
  { tool: 'dprint', file: /(^|\/)\.?dprint\.jsonc?$/ },
  // RuboCop, Standard and ktlint lint and also rewrite layout (rubocop -a, ktlint -F).
  { tool: 'RuboCop', file: /(^|\/)\.rubocop\.ya?ml$/ },
  { tool: 'Standard', file: /(^|\/)\.standard\.ya?ml$/ },
  { tool: 'ktlint', file: /(^|\/)(build\.gradle(\.kts)?)$/, content: /ktlint/ },
  { tool: 'gofmt', file: /(^|\/)\.golangci\.(ya?ml|toml|json)$/, content: /^[ \t]*-[ \t]*(gofmt|gofumpt|goimports|gci)\b|^[ \t]*formatters:/m },
  { tool: 'Pint', file: /(^|\/)pint\.json$/ },
];
/** Formatters run (or checked) by a pipeline line. */
const FORMAT_CI: [RegExp, string][] = [
  [/\bprettier\b/, 'Prettier'],
  [/\bbiome\s+(format|check|ci)\b/, 'Biome'],
  [/\bblack\s+(--check|--diff|\.|[\w./-]+)/, 'Black'],
  [/\bruff\s+format\b/, 'Ruff formatter'],
  [/\bisort\b/, 'isort'],
  [/\bgofmt\b|\bgo\s+fmt\b|\bgoimports\b|\bgofumpt\b/, 'gofmt'],
  [/\bcargo\s+fmt\b|\brustfmt\b/, 'rustfmt'],
  [/\brubocop\b/, 'RuboCop'],
  [/\bstandardrb\b/, 'Standard'],
  [/\bphp-cs-fixer\b/, 'PHP-CS-Fixer'],
  [/(^|[\s/])pint(\s|$)/, 'Pint'],
  [/\bktlint(Check|Format)?\b/, 'ktlint'],
  [/\bscalafmt(Check|CheckAll|SbtCheck|All)?\b/, 'scalafmt'],
  [/\bdotnet\s+format\b/, 'dotnet format'],
  [/\bcsharpier\b/, 'CSharpier'],
  [/\bspotless(Check|Apply|:check|:apply)\b/, 'Spotless'],
  [/\bclang-format\b/, 'clang-format'],
  [/\bdprint\s+(check|fmt)\b/, 'dprint'],
];
const LINT_TECHS = ['eslint', 'typescript-eslint', 'biome', 'oxlint', 'xo', 'standard-js', 'jshint', 'tslint', 'stylelint', 'ruff', 'flake8', 'pylint', 'mypy', 'pyright', 'pycodestyle', 'checkstyle', 'spotbugs', 'pmd', 'errorprone', 'ktlint', 'detekt', 'scalafix', 'wartremover', 'rubocop', 'standardrb', 'reek', 'phpstan', 'psalm', 'phpcs', 'phpmd', 'golangci-lint', 'staticcheck', 'revive', 'clippy', 'stylecop', 'roslynator', 'dotnet-analyzers', 'sonarqube', 'hadolint', 'shellcheck', 'sqlfluff', 'markdownlint'];
/** Linter-category tools that are really git hooks or commit checks; reported as git-hooks instead. */
const HOOK_TECHS = ['husky', 'lefthook', 'lint-staged', 'overcommit', 'pre-commit'];
const FORMAT_TECHS = ['prettier', 'black', 'isort', 'yapf', 'autopep8', 'rustfmt', 'spotless', 'php-cs-fixer', 'laravel-pint', 'csharpier', 'dotnet-format', 'dprint', 'ktfmt', 'google-java-format', 'scalafmt', 'rubocop', 'standardrb', 'ktlint'];
/** Linters that format as well; named as such in the formatting evidence. */
const ALSO_FORMATS: Record<string, string> = { rubocop: 'rubocop -a', standardrb: 'standardrb --fix', ktlint: 'ktlint -F' };

async function toolEvidence(ctx: DetectorContext, rules: ToolRule[]): Promise<{ evidence: Evidence[]; tools: Set<string> }> {
  const hits = await matchConfigFiles(ctx, rules);
  return {
    evidence: hits.map((h) => ({ path: h.path, line: h.line, detail: `${h.rule.tool} configuration` })),
    tools: new Set(hits.map((h) => h.rule.tool)),
  };
}

async function detectQualityTooling(ctx: DetectorContext): Promise<void> {
  for (const [id, rules, techs, category] of [['linting', LINT_RULES, LINT_TECHS, 'linter'], ['formatting', FORMAT_RULES, FORMAT_TECHS, 'formatter']] as const) {
    const { evidence, tools } = await toolEvidence(ctx, rules);
    for (const t of techsOf(ctx, [category], techs, [...HOOK_TECHS, 'commitlint', 'editorconfig-checker', 'cspell', 'vale', 'knip'])) {
      if ([...tools].some((x) => x.toLowerCase().startsWith(t))) continue;
      tools.add(t);
      const also = id === 'formatting' ? ALSO_FORMATS[t] : undefined;
      evidence.push(...techEvidence(ctx, t).map((e) => (also ? { ...e, detail: `${e.detail} (${t} also formats: ${also})` } : e)));
    }
    if (id === 'formatting') {
      for (const l of await pipelineLines(ctx)) {
        const hit = FORMAT_CI.find(([re]) => re.test(l.text));
        if (!hit) continue;
        tools.add(hit[1]);
        evidence.push({ path: l.path, line: l.line, detail: `${hit[1]} run in CI: ${clip(l.text, 80)}` });
      }
    }
    if (evidence.length) ctx.report(id, evidence, { count: tools.size, figures: { tools: [...tools].join(', ') } });
  }

  const ec = ctx.files.filter((f) => baseName(f.path) === '.editorconfig' && !isVendored(f.path));
  if (ec.length) {
    const text = (await readSafe(ctx, ec[0].path)) ?? '';
    const rules = findAll(text, /^[ \t]*(indent_style|indent_size|end_of_line|charset|trim_trailing_whitespace|insert_final_newline|max_line_length)\s*=/m).length;
    ctx.report('editorconfig', ec.map((f) => ({ path: f.path, line: 1, detail: `.editorconfig${f === ec[0] ? ` with ${rules} setting(s)` : ''}` })), { count: ec.length });
  }

  const hooks: Evidence[] = [];
  const hookTools = new Set<string>();
  for (const f of ctx.files) {
    let tool: string | undefined;
    if (/^\.husky\/(?!_\/)[^/]+$/.test(f.path) && !/\.gitignore$/.test(f.path)) tool = 'Husky';
    else if (/^\.pre-commit-config\.ya?ml$/.test(f.path)) tool = 'pre-commit';
    else if (/^\.?lefthook(-local)?\.(ya?ml|json|toml)$/.test(f.path)) tool = 'Lefthook';
    else if (/^\.overcommit\.ya?ml$/.test(f.path)) tool = 'Overcommit';
    else if (/^(\.githooks|\.git-hooks|githooks)\/[\w-]+$/.test(f.path)) tool = 'versioned git hooks';
    else if (/^captainhook\.json$/.test(f.path)) tool = 'CaptainHook';
    else if (/^\.lintstagedrc(\.\w+)?$|^lint-staged\.config\.(js|cjs|mjs)$/.test(f.path)) tool = 'lint-staged';
    if (tool) {
      hookTools.add(tool);
      hooks.push({ path: f.path, line: 1, detail: `${tool} hook configuration` });
    }
  }
  if (ctx.files.some((f) => f.path === 'package.json')) {
    const hit = findFirst((await readSafe(ctx, 'package.json')) ?? '', /^[ \t]*"(simple-git-hooks|husky|lint-staged|pre-commit)"\s*:\s*\{/m);
    if (hit) {
      hookTools.add(hit.match[1]);
      hooks.push({ path: 'package.json', line: hit.line, detail: `${hit.match[1]} configuration` });
    }
  }
  for (const t of techsPresent(ctx, HOOK_TECHS)) {
    if ([...hookTools].some((x) => x.toLowerCase().startsWith(t.split('-')[0]))) continue;
    hookTools.add(t);
    hooks.push(...techEvidence(ctx, t).map((e) => ({ ...e, detail: `${e.detail} (git hook tool ${t})` })));
  }
  if (hooks.length) ctx.report('git-hooks', hooks.slice(0, 10), { count: hookTools.size, figures: { tools: [...hookTools].join(', ') } });
}

async function detectEditorSetup(ctx: DetectorContext): Promise<void> {
  const debug: Evidence[] = [];
  for (const f of ctx.files) {
    if (/(^|\/)\.vscode\/launch\.json$/.test(f.path)) {
      const text = (await readSafe(ctx, f.path)) ?? '';
      let configs = 0;
      try {
        const json = parseJsonc(text) as { configurations?: unknown[] } | undefined;
        configs = Array.isArray(json?.configurations) ? json!.configurations!.length : 0;
      } catch {
        ctx.warn(`${f.path}: unreadable JSON`);
      }
      const first = findFirst(text, /"configurations"/);
      debug.push({ path: f.path, line: first?.line ?? 1, detail: `VS Code debug configurations (${configs})` });
    } else if (/(^|\/)\.idea\/runConfigurations\/[^/]+\.xml$|(^|\/)\.run\/[^/]+\.run\.xml$/.test(f.path)) {
      debug.push({ path: f.path, line: 1, detail: 'JetBrains run/debug configuration' });
    } else if (/(^|\/)Properties\/launchSettings\.json$|(^|\/)\.vs\/launch\.vs\.json$/.test(f.path)) {
      debug.push({ path: f.path, line: 1, detail: 'Visual Studio launch profiles' });
    }
  }
  if (debug.length) ctx.report('debug-config', debug, { count: debug.length });

  const dev = ctx.files.filter((f) => /^\.devcontainer(\/[^/]+)?\/devcontainer\.json$|^\.devcontainer\.json$|^\.gitpod\.ya?ml$/.test(f.path));
  if (dev.length) ctx.report('devcontainer', dev.map((f) => ({ path: f.path, line: 1, detail: /gitpod/.test(f.path) ? 'Gitpod workspace definition' : 'dev container definition' })), { count: dev.length });

  const editor = ctx.files.filter((f) => /^\.vscode\/(settings|extensions|tasks)\.json$|^\.idea\/(codeStyles\/[^/]+|inspectionProfiles\/[^/]+|[^/]+\.xml)$|^\.fleet\/settings\.json$|^\.zed\/settings\.json$/.test(f.path));
  if (editor.length) ctx.report('editor-settings', editor.slice(0, 10).map((f) => ({ path: f.path, line: 1, detail: 'shared editor settings' })), { count: editor.length });
}

/** README, license, project files, docs, ADRs, API docs, collections, quality tooling and editor setup. */
export const detectDocs: PracticeDetector = async (ctx) => {
  await runSteps(ctx, 'docs', [detectReadme, detectLicense, detectProjectFiles, detectApiDocs, detectQualityTooling, detectEditorSetup]);
};
