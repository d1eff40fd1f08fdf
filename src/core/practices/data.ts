/**
 * Data practices: SQL DDL, migrations, indexes, caching and messaging. Technologies come from the
 * engine's ids; files and code give the locations.
 */
import type { Evidence } from '../types';
import type { DetectorContext, PracticeDetector } from './types';
import { readCompose } from './containers';
import { baseName, clip, findAll, isVendored, memoOnText, readSafe, sourceFiles, techEvidence, techsOf, techsPresent, runSteps, type TextHit } from './util';

const MIGRATION_FILE = /(^|\/)(migrations?|db\/migrate|db\/migrations|database\/migrations|alembic\/versions|migrations\/versions|prisma\/migrations\/[^/]+|Migrations|src\/main\/resources\/db\/(migration|changelog)|db\/changelog|sql\/migrations)\/[^/]+\.(sql|py|ts|js|mjs|rb|go|cs|php|xml|ya?ml|kt|java|json)$/;
/** Migration scripts kept in versioned subfolders (Ghost's migrations/versions/4.45/*.js). */
const NESTED_MIGRATION = /(^|\/)(migrations?|db\/migrate|Migrations)\/versions?\/[^/]+\/[^/]+\.(sql|py|ts|js|mjs|rb|go|php)$/;
const NOT_MIGRATION = /(^|\/)(__init__|env|conftest)\.py$|\.mako$|(^|\/)migration_lock\.toml$|\.Designer\.cs$|ModelSnapshot\.cs$/;

/** True for migration scripts (db/migrate, alembic/versions, Flyway/Liquibase folders, ...). */
export function isMigrationPath(path: string): boolean {
  return (MIGRATION_FILE.test(path) || NESTED_MIGRATION.test(path)) && !NOT_MIGRATION.test(path);
}

const MIGRATION_TECHS = ['alembic', 'atlas', 'dbmate', 'dbup', 'diesel-migrations', 'django-migrations', 'doctrine-migrations', 'ef-core-migrations', 'flask-migrate', 'fluentmigrator', 'flyway', 'golang-migrate', 'goose', 'knex-migrations', 'laravel-migrations', 'liquibase', 'migrate-mongo', 'node-pg-migrate', 'phinx', 'prisma-migrate', 'rails-migrations', 'refinery', 'sequelize-migrations', 'sqitch', 'typeorm-migrations', 'umzug', 'yoyo-migrations'];
const MIGRATION_HINTS: Record<string, string[]> = { flyway: ['org.flywaydb:*'], liquibase: ['org.liquibase:*'], 'ef-core-migrations': ['microsoft.entityframeworkcore*'], 'golang-migrate': ['github.com/golang-migrate/migrate*'], goose: ['github.com/pressly/goose*'] };

async function detectSchema(ctx: DetectorContext): Promise<void> {
  const ddl: Evidence[] = [];
  let tables = 0;
  const idx: Evidence[] = [];
  let indexes = 0;
  for (const f of ctx.files) {
    if (isVendored(f.path) || !/\.sql$/i.test(f.path)) continue;
    const text = await readSafe(ctx, f.path);
    if (!text) continue;
    for (const h of findAll(text, /\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w."`[\]]+)/i, 500)) {
      tables++;
      if (ddl.length < 20) ddl.push({ path: f.path, line: h.line, detail: `CREATE TABLE ${h.match[1].replace(/["`[\]]/g, '')}` });
    }
    for (const h of findAll(text, /\bCREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?([\w."`]*)/i, 500)) {
      indexes++;
      if (idx.length < 20) idx.push({ path: f.path, line: h.line, detail: `${clip(h.match[0], 60)}` });
    }
  }
  if (ddl.length) ctx.report('sql-ddl', ddl, { count: tables, figures: { tables } });

  const INDEX_CODE = /\bindex\s*=\s*True\b|\bdb_index\s*=\s*True\b|\bmodels\.Index\s*\(|\bIndex\s*\(\s*['"]\w+['"]|@Index\b|@@index\b|@@unique\b|\bindexes\s*=\s*(?:\{\s*)?@Index|\badd_index\b|\bt\.index\b|\$table->(?:[^\n;$]|\$(?!table->))*\b(index|unique)\s*\(|\bHasIndex\s*\(|\bCreateIndex\s*\(|\bcreateIndex\s*\(|\.index\s*\(\s*\[|\bop\.create_index\s*\(|\bschema\.index\s*\(|\bunique_together\b|\bUniqueConstraint\s*\(|\.ensureIndex\s*\(|@Indexed\b|\bindex:\s*true\b/;
  const codeFiles = [...sourceFiles(ctx), ...ctx.files.filter((f) => /\.prisma$/.test(f.path) && !isVendored(f.path))];
  for (const f of codeFiles) {
    const text = await readSafe(ctx, f.path);
    if (!text) continue;
    for (const h of findAll(text, INDEX_CODE, 50)) {
      if (/^\s*(\/\/|#|\*)/.test(h.lineText)) continue;
      indexes++;
      if (idx.length < 20) idx.push({ path: f.path, line: h.line, detail: `index declaration: ${clip(h.lineText, 70)}` });
    }
  }
  if (idx.length) ctx.report('db-indexes', idx, { count: indexes });

  const migrations = ctx.files.filter((f) => isMigrationPath(f.path) && !isVendored(f.path) && !/\/node_modules\//.test(f.path));
  const config = ctx.files.filter((f) => /^(alembic\.ini|flyway\.conf|liquibase\.properties|\.sequelizerc|knexfile\.[jt]s|dbmate\.env|atlas\.hcl|drizzle\.config\.[jt]s)$/.test(baseName(f.path)) && !isVendored(f.path));
  const evidence: Evidence[] = [
    ...config.map((f) => ({ path: f.path, line: 1, detail: `migration tool configuration (${baseName(f.path)})` })),
    ...migrations.slice(0, 15).map((f) => ({ path: f.path, line: 1, detail: 'migration script' })),
  ];
  const present = techsOf(ctx, ['migration'], MIGRATION_TECHS);
  for (const t of present) evidence.push(...techEvidence(ctx, t, MIGRATION_HINTS[t]).map((e) => ({ ...e, detail: `${e.detail} (migration tool ${t})` })));
  if (evidence.length) ctx.report('db-migrations', evidence, { count: migrations.length || undefined, figures: { migrations: migrations.length, tools: present.join(', ') || config.map((f) => baseName(f.path)).join(', ') || 'migration folders' } });
}

/**
 * Dedicated cache libraries: declaring one directly is a deliberate caching choice. Redis, Valkey
 * and KeyDB are general data stores (often only a Celery/Sidekiq broker), so they only back up
 * caching that the code shows.
 */
const CACHE_TECHS = ['memcached', 'aiocache', 'bigcache', 'cache-manager', 'cachetools', 'caffeine', 'django-cache', 'dogpile-cache', 'dotnet-memory-cache', 'ehcache', 'flask-caching', 'fusioncache', 'go-cache', 'hazelcast', 'infinispan', 'jcache', 'keyv', 'lru-cache', 'moka', 'node-cache', 'ristretto', 'spring-cache', 'varnish'];
const DATASTORE_CACHES = ['redis', 'valkey', 'keydb', 'dragonfly'];
/** Manifests that list every resolved package, direct or not: an entry there alone is not a choice. */
const LOCK_FILE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock|Gemfile\.lock|composer\.lock|go\.sum|Cargo\.lock|packages\.lock\.json|gradle\.lockfile|paket\.lock)$/;

/**
 * A read or write on a receiver (group 1) whose name contains "cache" (`h.cache.Set`, `userCache.get`,
 * `Rails.cache.fetch`); the name is checked by cacheCalls, since `\w*cache\w*` in the regex
 * backtracks quadratically over a long name. The receiver starts a line or follows a non-word
 * character, so each name is read once. Method names in their lower and capitalised forms (Go's `Set`, `SetEX`).
 */
const CACHE_CALL = /(?:^|[^\w\n])(\w+)\s*\.\s*([Gg]et|[Ss]et|[Ss]et[Ee][Xx]|[Dd]el|[Dd]elete|[Ff]etch|[Rr]emember|[Pp]ut|[Ii]nvalidate|[Ee]vict|[Ee]xpire|[Gg]etOrSet|get_or_set|[Mm][Gg]et|[Mm][Ss]et)\s*(?:<[^<>]*>\s*)?\(/m;

/** The first `max` CACHE_CALL hits whose receiver names a cache, their columns at the receiver. */
function cacheCalls(text: string, max: number): TextHit[] {
  return findAll(text, CACHE_CALL, 500)
    .filter((h) => /cache/i.test(h.match[1]))
    .slice(0, max)
    .map((h) => {
      const column = h.column + h.match[0].indexOf(h.match[1]);
      return { ...h, column, endColumn: Math.max(column, h.endColumn) };
    });
}
/**
 * A cache client or framework cache in the same file. Without one, `cache.get` on a field is
 * usually a Map that memoises inside one process, which is not what the caching practice means.
 */
const CACHE_CLIENT = /redis|memcache|valkey|keydb|lru[-_]?cache|LRUCache|node-cache|NodeCache|cache-manager|cacheManager|cachetools|caffeine|ehcache|ristretto|bigcache|patrickmn\/go-cache|django\.core\.cache|flask_caching|IMemoryCache|IDistributedCache|HybridCache|Rails\.cache|Illuminate\\Support\\Facades\\Cache|CacheManager|@Cacheable/i;

/**
 * Cache use in code. Case-insensitive receivers (`h.cache.Set`, `Rails.cache.fetch`, `cache.get`);
 * annotations and framework types as written.
 */
const CACHE_CODE: [RegExp, string][] = [
  [/@Cacheable\b|@CacheEvict\b|@CachePut\b|@Caching\b|@EnableCaching\b|@CacheResult\b/, 'cache annotation'],
  [/\bRails\.cache\.\w+|\bconfig\.cache_store\s*=|\bCache::(get|put|remember|rememberForever|forget|tags|store)\b|\bcache\(\)->(get|put|remember)\b/, 'framework cache'],
  [/from\s+django\.core\.cache\s+import|\bcaches\[\s*['"]\w+['"]\s*\]|^[ \t]*CACHES\s*=|@cache_page\b|@cache_control\b|@\w+\.(cached|memoize)\b|\bCache\s*\(\s*app\b|\bCache\s*\(\s*config\s*=/m, 'framework cache'],
  [/\bIMemoryCache\b|\bIDistributedCache\b|\bHybridCache\b|\bIFusionCache\b|\bAdd(StackExchangeRedisCache|MemoryCache|DistributedMemoryCache|OutputCache|ResponseCaching|HybridCache)\s*\(|\[(OutputCache|ResponseCache)\b/, '.NET cache'],
  [/\bnew\s+(LRUCache|LRU|NodeCache|TTLCache|LFUCache|Keyv)\s*\(|\bCacheModule\.register\w*\s*\(|\bcacheManager\.(get|set|del|wrap)\s*\(|\bcaching\s*\(\s*['"]memory['"]|\b(TTLCache|LRUCache|LFUCache)\s*\(|\bCaffeine\.newBuilder\s*\(|\bcache\.New\s*\(|\bristretto\.NewCache\s*\(|\bbigcache\.New\w*\s*\(|\bmoka::/, 'in-process cache'],
  [CACHE_CALL, 'cache read/write'],
  [/\.(setex|psetex|SetEX|SetEx|setEx)\s*\(|\.(expire|Expire|pexpire)\s*\((?:[^\n,().]|\.(?!(expire|Expire|pexpire)\s*\())*,\s*(\d|time\.|timedelta|Duration|ttl|[A-Z][A-Z0-9_]*TTL\b)|\.set\s*\((?:[^\n()]|\([^\n()]*\))*(['"](EX|PX)['"]|\b(EX|PX)\s*:|\bex\s*=|\bpx\s*=|\bttl\b)|\.Set\s*\((?:[^\n.]|\.(?!Set\s*\())*,\s*(\d+\s*\*\s*)?time\.(Second|Minute|Hour)|opsForValue\(\)\.set\s*\((?:[^\n.]|\.(?!set\s*\())*Duration|\bSETEX\b/, 'key with a TTL'],
  [/['"]Cache-Control['"]\s*[,:]|\bCacheControl\s*\(|\bsetCacheControl\s*\(|\bexpires_in\s+\d/, 'HTTP caching headers'],
];
/** Memoisation of a settings/config getter is a singleton, not a cache. */
const MEMO = /@(functools\.)?(lru_cache|cache)\b(\([^()]*\))?[^\S\n]*\n\s*(async\s+)?def\s+(\w+)/;

/** Brokers and event streams that carry messages between services. */
const BROKER_TECHS = ['activemq', 'apache-camel', 'aws-eventbridge', 'aws-kinesis', 'aws-sns', 'aws-sqs', 'azure-event-hubs', 'azure-service-bus', 'faust', 'gcp-pubsub', 'jms', 'kafka', 'kafka-streams', 'masstransit', 'mqtt', 'nats', 'nestjs-microservices', 'nservicebus', 'nsq', 'pulsar', 'rabbitmq', 'rebus', 'spring-cloud-stream', 'symfony-messenger', 'watermill', 'wolverine', 'zeromq'];
/** Job queues and schedulers inside one application. */
const QUEUE_TECHS = ['agenda', 'arq', 'asynq', 'bee-queue', 'bull', 'bullmq', 'celery', 'delayed-job', 'django-q', 'dramatiq', 'enqueue-php', 'good-job', 'hangfire', 'huey', 'kombu', 'laravel-horizon', 'machinery', 'quartz', 'resque', 'rq', 'sidekiq', 'solid-queue', 'temporal'];
const BROKER_IMAGES = /^(?:[\w.-]+\/)*(rabbitmq|kafka|cp-kafka|cp-server|redpanda|nats|nats-streaming|pulsar|activemq|artemis|emqx|mosquitto|eclipse-mosquitto|localstack|zookeeper)(:|$)/i;
const CACHE_IMAGES = /^(?:[\w.-]+\/)*(redis|redis-stack|valkey|memcached|keydb|dragonfly)(:|$)/i;

/** Message brokers and task queues detected (ids), shared with the architecture hints. */
export function messagingTechs(ctx: DetectorContext): { brokers: string[]; queues: string[] } {
  const queues = techsPresent(ctx, QUEUE_TECHS);
  return { brokers: techsOf(ctx, ['messaging'], BROKER_TECHS, queues), queues };
}

/** Compose services running a message broker, shared with the architecture hints. */
export async function brokerServices(ctx: DetectorContext): Promise<{ name: string; image: string; file: string; line?: number }[]> {
  const { services } = await readCompose(ctx);
  return services.filter((s) => s.image && BROKER_IMAGES.test(s.image) && !/zookeeper|localstack/.test(s.image)).map((s) => ({ name: s.name, image: s.image!, file: s.file, line: s.line }));
}

/** True when every piece of the engine's evidence for a technology is a lock-file entry or an indirect requirement. */
function onlyTransitive(ctx: DetectorContext, techId: string): boolean {
  const ev = ctx.technologyEvidence?.(techId) ?? [];
  if (!ev.length) return false;
  return ev.every((e) => LOCK_FILE.test(e.path) || /\bindirect\b|\btransitive\b/i.test(e.detail));
}

async function detectCaching(ctx: DetectorContext): Promise<void> {
  const code: Evidence[] = [];
  const kinds: Record<string, number> = {};
  for (const f of sourceFiles(ctx)) {
    if (code.length >= 15) break;
    const text = await readSafe(ctx, f.path);
    if (!text || /(^|\/)(test|tests|spec|__tests__)\/|\.(test|spec)\.\w+$|_test\.go$/.test(f.path)) continue;
    // The file's own caching sites, kept with its text between scans.
    const sites = memoOnText(text, 'caching-sites', () => {
      const client = CACHE_CLIENT.test(text);
      const calls: { what: string; hit: TextHit }[] = [];
      for (const [re, what] of CACHE_CODE) {
        if (re === CACHE_CALL && !client) continue;
        for (const h of re === CACHE_CALL ? cacheCalls(text, 3) : findAll(text, re, 3)) {
          if (/^\s*(\/\/|#|\*)/.test(h.lineText)) continue;
          // Telling clients not to cache is not caching.
          if (what === 'HTTP caching headers' && /no-store|no-cache/i.test(h.lineText) && !/\bpublic\b|max-age=(?!0\b)\d|max-age='/.test(h.lineText)) continue;
          calls.push({ what, hit: h });
        }
      }
      const memoised = findAll(text, MEMO, 5).filter((h) => !/settings|config/i.test(h.match[5]));
      return { calls, memoised };
    });
    for (const { what, hit: h } of sites.calls) {
      kinds[what] = (kinds[what] ?? 0) + 1;
      if (!code.some((e) => e.path === f.path && e.line === h.line)) code.push({ path: f.path, line: h.line, column: h.column, endColumn: h.endColumn, detail: `${what}: ${clip(h.lineText, 70)}` });
    }
    for (const h of sites.memoised) {
      kinds.memoisation = (kinds.memoisation ?? 0) + 1;
      code.push({ path: f.path, line: h.line, detail: `memoisation: @${h.match[2]} on ${h.match[5]}()` });
    }
  }
  const libs = techsOf(ctx, ['cache'], CACHE_TECHS, DATASTORE_CACHES).filter((t) => !onlyTransitive(ctx, t));
  const libEvidence = libs.flatMap((t) => techEvidence(ctx, t).filter((e) => !LOCK_FILE.test(e.path)).map((e) => ({ ...e, detail: `${e.detail} (cache library ${t})` })));
  if (!code.length && !libs.length) return;
  // The store behind the cache: Redis clients and cache containers, named once caching is shown.
  const stores: Evidence[] = [];
  for (const t of techsPresent(ctx, DATASTORE_CACHES)) {
    if (onlyTransitive(ctx, t)) continue;
    stores.push(...techEvidence(ctx, t).filter((e) => !LOCK_FILE.test(e.path)).map((e) => ({ ...e, detail: `${e.detail} (cache store ${t})` })));
  }
  const { services } = await readCompose(ctx);
  for (const s of services) if (s.image && CACHE_IMAGES.test(s.image)) stores.push({ path: s.file, line: s.line, detail: `compose service ${s.name} runs ${s.image}` });
  const evidence = [...code, ...libEvidence, ...stores].slice(0, 20);
  ctx.report('caching', evidence, {
    count: code.length + libs.length,
    figures: { codeSites: code.length, ...kinds, libraries: libs.join(', ') || 'none', stores: [...new Set(stores.map((e) => /\(cache store (\S+)\)/.exec(e.detail)?.[1] ?? 'compose service'))].join(', ') || 'none' },
  });
}

async function detectMessaging(ctx: DetectorContext): Promise<void> {
  const MSG_CODE = /@KafkaListener\b|@RabbitListener\b|@SqsListener\b|@JmsListener\b|@StreamListener\b|\bchannel\.(consume|basic_consume|basic_publish|publish|sendToQueue)\s*\(|\bconsumer\.(subscribe|run)\s*\(|\bproducer\.send\s*\(|@shared_task\b|@\w+\.task\b|\.delay\s*\(|\.apply_async\s*\(|\bnew\s+(Queue|Worker)\s*\(\s*['"]|\bperform_async\b|\bperform_later\b|\bIConsumer<|@EventPattern\s*\(|@MessagePattern\s*\(|\bSendMessageCommand\b|\bPublishCommand\b|\bnats\.connect\s*\(|\.Subscribe\s*\(\s*["']|\bpubsub\.(topic|subscription)\s*\(/;
  const msg: Evidence[] = [];
  for (const f of sourceFiles(ctx)) {
    if (msg.length >= 15) break;
    const text = await readSafe(ctx, f.path);
    if (!text) continue;
    for (const h of findAll(text, MSG_CODE, 3)) {
      if (/^\s*(\/\/|#|\*)/.test(h.lineText)) continue;
      msg.push({ path: f.path, line: h.line, detail: `messaging: ${clip(h.lineText, 70)}` });
    }
  }
  const { services } = await readCompose(ctx);
  for (const s of services) {
    if (s.image && BROKER_IMAGES.test(s.image) && !/zookeeper/.test(s.image)) msg.push({ path: s.file, line: s.line, detail: `compose service ${s.name} runs broker ${s.image}` });
  }
  const { brokers, queues } = messagingTechs(ctx);
  for (const t of [...brokers, ...queues]) msg.push(...techEvidence(ctx, t).map((e) => ({ ...e, detail: `${e.detail} (${brokers.includes(t) ? 'message broker' : 'task queue'} ${t})` })));
  if (msg.length) ctx.report('messaging', msg.slice(0, 20), { count: msg.length, figures: { brokers: brokers.join(', ') || 'none', taskQueues: queues.join(', ') || 'none' } });
}

/** SQL DDL, migrations, indexes, caching and messaging. */
export const detectData: PracticeDetector = async (ctx) => {
  await runSteps(ctx, 'data', [detectSchema, detectCaching, detectMessaging]);
};
