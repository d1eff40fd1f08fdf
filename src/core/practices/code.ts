/**
 * Code-level practices read from source text with careful patterns: error handling, concurrency,
 * object-oriented and functional style, typing, data structures, design patterns, logging,
 * monitoring (metrics, APM, error tracking, alerting), health checks, tracing and responsive CSS.
 * Comment lines never count.
 */
import type { Evidence } from '../types';
import type { DetectorContext, PracticeDetector, WorkspaceFile } from './types';
import { baseName, bump, clip, findAll, findFirst, formatCounts, isVendored, languageOf, memoOnText, readSafe, sourceFiles, techEvidence, techsOf, techsPresent, runSteps } from './util';
import { isTestFile } from './testing';

type LangSet = readonly string[] | undefined;
const JSLIKE = ['javascript', 'typescript', 'tsx'];
const CURLY = [...JSLIKE, 'java', 'kotlin', 'scala', 'csharp', 'php'];

interface Signal {
  practice: string;
  label: string;
  re: RegExp;
  langs?: LangSet;
}

const SIGNALS: Signal[] = [
  // error-handling
  { practice: 'error-handling', label: 'try/catch', re: /\bcatch\s*[({]/, langs: CURLY },
  { practice: 'error-handling', label: 'try/except', re: /^[ \t]*except\b/m, langs: ['python'] },
  { practice: 'error-handling', label: 'rescue', re: /^[ \t]*rescue\b|\brescue\s+\w+\s*=>/m, langs: ['ruby'] },
  { practice: 'error-handling', label: 'Go error checks', re: /\bif\s+(\w+,\s*)?err\s*!=\s*nil\b|\berr\s*!=\s*nil\s*\{/, langs: ['go'] },
  { practice: 'error-handling', label: 'Result handling', re: /\.map_err\s*\(|\)\?;|\bOk\(|\bErr\(/, langs: ['rust'] },
  { practice: 'error-handling', label: 'custom error types', re: /\bclass\s+\w+(Error|Exception)\b\s*(extends|\(|:|<)|\btype\s+\w+Error\s+struct\b|\benum\s+\w*Error\b|\berrors\.New\s*\(|fmt\.Errorf\s*\([^()]*%w/ },
  { practice: 'error-handling', label: 'central error handler', re: /@(Rest)?ControllerAdvice\b|@ExceptionHandler\b|\.errorhandler\s*\(|@\w+\.exception_handler\s*\(|\(\s*err\w*\s*(?::\s*\w+\s*)?,\s*_?req\w*\s*(?::\s*\w+\s*)?,\s*_?res\w*\s*(?::\s*\w+\s*)?,\s*_?next\w*|\bUseExceptionHandler\s*\(|\bIExceptionFilter\b|\bIExceptionHandler\b|\bAddProblemDetails\s*\(|\brescue_from\b|\bsetErrorHandler\s*\(|process\.on\s*\(\s*['"](unhandledRejection|uncaughtException)|\bdef\s+process_exception\s*\(|\bclass\s+\w+\s+extends\s+ExceptionHandler\b|->withExceptions\s*\(|@Catch\s*\(|\buseGlobalFilters\s*\(|\bHTTPErrorHandler\b|\bgin\.CustomRecovery|\bimpl\s+(axum::response::)?IntoResponse\s+for\s+\w*Error\b|\bimpl\s+(actix_web::)?ResponseError\s+for\b|\bhandleExceptions\s*\(|\bExceptionHandler\s*\{|\bHttpErrorHandler\b/ },
  // concurrency: coordination of concurrent work counts; plain async/await is only a figure
  // (an awaited database call in a request handler is sequential code).
  { practice: 'concurrency', label: 'async/await', re: /\bawait\b|\.await\b|\bsuspend\s+fun\b/, langs: [...JSLIKE, 'python', 'csharp', 'rust', 'kotlin', 'scala'] },
  { practice: 'concurrency', label: 'parallel promises', re: /\bPromise\.(all|allSettled|race|any)\s*\(/, langs: JSLIKE },
  { practice: 'concurrency', label: 'worker threads', re: /['"](node:)?worker_threads['"]|\bnew\s+Worker\s*\(\s*(new\s+URL|__filename|path\.)|\bisMainThread\b/, langs: JSLIKE },
  { practice: 'concurrency', label: 'goroutines', re: /^[ \t]*go\s+(func\b|[\w.]+\s*\()/m, langs: ['go'] },
  { practice: 'concurrency', label: 'channels', re: /\bmake\s*\(\s*(<-)?chan\b|^[ \t]*select\s*\{/m, langs: ['go'] },
  { practice: 'concurrency', label: 'synchronisation', re: /\bsync\.(WaitGroup|Mutex|RWMutex|Once)\b|\berrgroup\.|\bsynchronized\s*[({]|\bReentrantLock\b|\bSemaphore(Slim)?\b|\bCountDownLatch\b|\bCyclicBarrier\b|\bthreading\.(Lock|RLock|Semaphore|Event|Condition)\b|\basyncio\.(Lock|Semaphore|Queue|Event)\b|\bArc<\s*(Mutex|RwLock)|\bAtomic(Integer|Long|Boolean|Reference)\b|\bConcurrent(HashMap|Dictionary|Queue|Bag|LinkedQueue)\b|\bInterlocked\.\w+|\bChannel\.Create(Bounded|Unbounded)\b|^[ \t]*lock\s*\(\s*\w+\s*\)|\bMutex\.new\b|\bConcurrent::(Map|Array|AtomicFixnum|Semaphore|CountDownLatch)\b/m },
  { practice: 'concurrency', label: 'threads and executors', re: /\bExecutorService\b|\bExecutors\.\w+|\bCompletableFuture\b|@Async\b|\bnew\s+Thread\s*\(|\bThreadPoolExecutor\b|\bProcessPoolExecutor\b|\bForkJoinPool\b|\.parallelStream\s*\(|\bconcurrent\.futures\b|\bthreading\.Thread\b|\bmultiprocessing\b|\bParallel\.(For|ForEach|ForEachAsync|Invoke)\b|\bTask\.(Run|WhenAll|WhenAny)\b|\bstd::thread::spawn\b|\bthread::scope\b|\btokio::(spawn|join!|try_join!|select!|task::spawn\w*)|\bjoin_all\s*\(|\brayon::|\bcrossbeam\b|\bmpsc::(channel|unbounded_channel)\b|\bcoroutineScope\b|\bsupervisorScope\b|\bawaitAll\s*\(|\.launch\s*\{|\basync\s*\{[^{}\n]*\}\s*\.await\(\)|\basyncio\.(gather|create_task|TaskGroup|wait|as_completed|run_in_executor)\b|\bcreate_task_group\s*\(|\bFuture\s*\{|\bFuture\.(sequence|traverse)\b|\bVirtualThread|Thread\.ofVirtual|\bThread\.new\b|\bRactor\.new\b|\bConcurrent::(Future|Promise|Promises|ThreadPool|FixedThreadPool|TimerTask)\b|\bnew\s+Fiber\s*\(|\bReact\\(EventLoop|Promise)\b|\bAmp\\(async|Future|Parallel)|\bSwoole\\Coroutine|\bpcntl_fork\s*\(/ },
  // oop-style (modifiers sit on the declaration's line: a run of them never spans lines)
  { practice: 'oop-style', label: 'classes', re: /^[ \t]*(export[ \t]+)?(default[ \t]+)?(public[ \t]+|private[ \t]+|protected[ \t]+|internal[ \t]+|abstract[ \t]+|final[ \t]+|sealed[ \t]+|data[ \t]+|open[ \t]+|static[ \t]+|partial[ \t]+)*class\s+[A-Z]\w*/m },
  { practice: 'oop-style', label: 'interfaces and traits', re: /^[ \t]*(export[ \t]+)?(public[ \t]+|internal[ \t]+|sealed[ \t]+)*(interface|trait|protocol)\s+[A-Z]\w*|\btype\s+[A-Z]\w*\s+interface\s*\{/m },
  { practice: 'oop-style', label: 'inheritance', re: /\bclass\s+\w+(<[^<>]*>)?\s+(extends|implements)\s+\w+|\bclass\s+\w+\s*\(\s*[A-Z]\w*(\.\w+)*\s*[,)]|\bclass\s+\w+\s*(?:<[^<>]*>\s*)?:\s*[A-Z]\w*/ },
  { practice: 'oop-style', label: 'methods on types', re: /^func\s+\(\s*\w+\s+\*?[A-Z]\w*\s*\)\s+\w+\s*\(|^[ \t]*impl\s+(<[^<>]*>\s*)?\w+/m, langs: ['go', 'rust'] },
  // functional-style
  { practice: 'functional-style', label: 'map/filter/reduce', re: /\.(map|filter|reduce|flatMap|fold|foldLeft|collect|every|some)\s*(\(|\{)(?:\s*\([\w\s,{}:[\]]*(?:\)\s*)?=>|[\w\s,{}:[\]]*(?:\)\s*)?=>|\s*(?:\{\s*)?\w+\s*->|\s*\w+\s*=>|\s*\|[\w\s,&]*\||\s*\w+::\w+|\s*_\s*[.+*])/ },
  { practice: 'functional-style', label: 'streams and LINQ', re: /\.stream\s*\(\s*\)|\.(Select|Where|Aggregate|SelectMany)\s*\(\s*\w+\s*=>/ },
  { practice: 'functional-style', label: 'comprehensions and lambdas', re: /\[[^\][\n]+?\bfor\s+\w+(?:\s*,\s*\w+)*\s+in\b|\{[^{}\n]+?\bfor\s+\w+(?:\s*,\s*\w+)*\s+in\b|\blambda\s+(?:\w+\s*)?:|\bfunctools\.(reduce|partial)|\bitertools\./, langs: ['python'] },
  { practice: 'functional-style', label: 'blocks', re: /\.(map|select|reject|reduce|inject|each_with_object|filter_map)\s*(\{|do\b)/, langs: ['ruby'] },
  { practice: 'functional-style', label: 'higher-order functions', re: /\barray_(map|filter|reduce)\s*\(|\bfn\s*\(\s*\$\w+\)\s*=>|\bcollect\s*\(/, langs: ['php'] },
  // data-structures: only what shows algorithmic depth. Everyday maps, sets and lists are a figure.
  { practice: 'data-structures', label: 'maps and sets', re: /\bnew\s+(Map|Set|WeakMap|WeakSet)\s*(?:<[^<>]*>\s*)?\(|\b(HashMap|TreeMap|LinkedHashMap|HashSet|TreeSet|EnumMap|Dictionary|SortedDictionary|SortedSet|BTreeMap|BTreeSet)\s*[<:(]|\b(defaultdict|OrderedDict|Counter|frozenset)\s*\(|\bmake\s*\(\s*map\[|\bmap\[\w+\]\w+\{/ },
  { practice: 'data-structures', label: 'lists, queues and stacks', re: /\b(ArrayDeque|LinkedList|Queue|Stack|ConcurrentLinkedQueue|BlockingQueue|VecDeque)\s*[<(]|\bdeque\s*\(|\bcontainer\/(list|ring)\b|\bSplQueue\b|\bSplStack\b/ },
  { practice: 'data-structures', label: 'priority queues and heaps', re: /\b(PriorityQueue|BinaryHeap)\s*[<(]|\bheapq\.|\bcontainer\/heap\b|\bheap\.(Push|Pop|Init|Fix)\s*\(|\bSplPriorityQueue\b|\bSplMinHeap\b|\bSplMaxHeap\b/ },
  { practice: 'data-structures', label: 'custom structures', re: /\b(class|struct|type)\s+(\w*(Trie|Graph|Heap|LinkedList|RingBuffer|LRUCache|LruCache|BloomFilter|SkipList|SegmentTree|FenwickTree|IntervalTree|UnionFind|DisjointSet|BTree|AVLTree|RedBlackTree|Digraph))\b/ },
  { practice: 'data-structures', label: 'binary search and ordering', re: /\bbisect\.|\bbinarySearch\s*\(|\bsort\.Search\s*\(|\bCollections\.binarySearch|\bbinary_search\b|\bslices\.BinarySearch\w*\s*\(|\bArray\.BinarySearch\s*\(/ },
  { practice: 'data-structures', label: 'algorithms', re: /\b(def|function|func|fn|fun|private|public|static)\s+(\w+\s+)?(bfs|dfs|dijkstra|a_?star|astar|topological_?sort|topo_?sort|quick_?sort|merge_?sort|heap_?sort|knapsack|levenshtein|edit_?distance|longest_?common|kmp|union_?find|kruskal|bellman_?ford|floyd_?warshall|shortest_?path|min_?spanning|memoi[sz]ed?_)\w*\s*[(<]/i },
  // design-patterns
  { practice: 'design-patterns', label: 'factory', re: /\b(class|interface|struct|type|function|def|func)\s+\w*Factory\b|\bcreate[A-Z]\w*Factory\b/ },
  { practice: 'design-patterns', label: 'builder', re: /\b(class|struct|type)\s+\w*Builder\b|\.builder\(\)\s*\./ },
  { practice: 'design-patterns', label: 'strategy', re: /\b(class|interface|type)\s+\w*Strategy\b/ },
  { practice: 'design-patterns', label: 'adapter', re: /\b(class|interface|type|struct)\s+\w*Adapter\b/ },
  { practice: 'design-patterns', label: 'observer/events', re: /\bextends\s+EventEmitter\b|\b(class|interface)\s+\w*(Observer|Listener|Subscriber)\b|\bEventBus\b|\bApplicationEventPublisher\b/ },
  { practice: 'design-patterns', label: 'decorator/proxy', re: /\b(class|interface)\s+\w*(Decorator|Proxy)\b/ },
  { practice: 'design-patterns', label: 'repository', re: /\b(class|interface|struct|type)\s+\w*Repository\b|extends\s+(JpaRepository|CrudRepository|Repository)\b/ },
  { practice: 'design-patterns', label: 'singleton', re: /\bgetInstance\s*\(\s*\)|\bprivate\s+static\s+\w+\s+instance\b|\bsync\.Once\b|^[ \t]*object\s+[A-Z]\w*\s*(\{|:)/m },
  { practice: 'design-patterns', label: 'dependency injection', re: /@Injectable\s*\(|@Autowired\b|@Inject\b|\b[Ss]ervices\.(Add|TryAdd)(Scoped|Singleton|Transient|HostedService|HttpClient|DbContext|DbContextPool)\s*(<|\()|\bDepends\s*\(|\bcontainer\.(register|bind)\s*\(|\bwire\.(Build|NewSet)\s*\(/ },
  { practice: 'design-patterns', label: 'command/handler', re: /\b(class|interface|record)\s+\w+(Command|Query)Handler\b|\bIRequestHandler</ },
  // logging
  { practice: 'logging', label: 'logger', re: /\blogging\.getLogger\s*\(|\bLoggerFactory\.getLogger\s*\(|\bLogger\.getLogger\s*\(|\bILogger<|\blog\/slog\b|\bslog\.(Info|Error|Warn|Debug|New)\b|\b(logger|log|LOGGER|LOG|_logger)\.(info|warn|warning|error|debug|Info|Error|Warn|Debug|LogInformation|LogError|LogWarning)\s*\(|\bRails\.logger\b|\bLog::(info|error|warning)\b|@Slf4j\b|\bwinston\.createLogger\b|\bpino\s*\(|\bzap\.New|\blogrus\.|\bzerolog\.|\btracing::(info|warn|error)!|\blog::(info|warn|error)!|\bstructlog\.|\bUseSerilog(RequestLogging)?\s*\(|\bAddSerilog\s*\(|\bnew\s+LoggerConfiguration\s*\(|\bLog\.(Information|Warning|Error|Debug|Fatal)\s*\(|\bLogManager\.GetCurrentClassLogger\s*\(/ },
  // A dedicated logging package of the project or its organisation (`@tryghost/logging`, `@acme/logger`), not a relative module.
  { practice: 'logging', label: 'package logger', re: /\brequire\(\s*['"](@[\w.-]+\/)?[\w.-]*?\blog(ging|ger)?['"]\s*\)|\bfrom\s+['"](@[\w.-]+\/)?[\w.-]*?\blog(ging|ger)?['"]/, langs: ['javascript', 'typescript'] },
  // monitoring
  { practice: 'monitoring', label: 'metrics', re: /\bcollectDefaultMetrics\b|\bnew\s+(client\.|prom\.)?(Counter|Histogram|Gauge|Summary)\s*\(\s*\{|\bprometheus_client\b|\bprometheus_flask_exporter\b|\bInstrumentator\s*\(|\bMeterRegistry\b|\bpromhttp\.Handler\b|\bprometheus\.(NewCounter|NewHistogram|NewGauge|MustRegister)|\bpromauto\.|\bmetrics\.(counter|histogram|gauge)\s*\(|\bstatsd\b|\bStatsD\b|\bMetrics\.(Counter|Histogram)|\bUseHttpMetrics\s*\(|\bMapMetrics\s*\(|\bAddOpenTelemetry\s*\([^()]*\)\s*\.WithMetrics|\bmetrics::(counter|histogram|gauge)!|\byabeda\b|['"`]\/metrics['"`]/ },
  { practice: 'monitoring', label: 'error tracking / APM', re: /\bSentry\.init\s*\(|\bsentry_sdk\.init\s*\(|\bSentrySdk\.Init\s*\(|\bUseSentry\s*\(|\bsentry\.Init\s*\(|\bsentry::init\s*\(|\bnewrelic\b|\bdd-trace\b|\bddtrace\b|\bAddApplicationInsightsTelemetry\b|\bapplicationinsights\b|\bHoneybadger\.|\bBugsnag\.|\bRollbar\.|\belasticapm\b|\belastic-apm-node\b/ },
  // health-checks: an endpoint or library that tells an orchestrator the service is alive; it
  // is not monitoring (nothing is measured or alerted on).
  { practice: 'health-checks', label: 'health endpoint', re: /['"`]\/(api\/)?(v\d+\/)?(health|healthz|healthcheck|health-check|health_check|readyz|livez|readiness|liveness|ready|live|up|ping)(\/\w+)?\/?['"`]|\b(re_)?path\s*\(\s*r?["']\^?(health|healthz|healthcheck|health-check|ready|live)\/?\$?["']|['"]rails\/health#show['"]/ },
  { practice: 'health-checks', label: 'health check library', re: /\bAddHealthChecks\s*\(|\bMapHealthChecks\s*\(|\bUseHealthChecks\s*\(|\bHealthIndicator\b|\bHealthContributor\b|@Readiness\b|@Liveness\b|\bHealthCheckService\b|\bTerminusModule\b|\bcreateTerminus\s*\(|\bfrom\s+health_check\b|['"]health_check['"]|\bHealthCheckRegistry\b/ },
  // tracing
  { practice: 'tracing', label: 'OpenTelemetry', re: /@opentelemetry\/|\bfrom\s+opentelemetry\b|\bimport\s+opentelemetry\b|go\.opentelemetry\.io\/otel|io\.opentelemetry|\bOpenTelemetry\.|\bAddOpenTelemetry\s*\(/ },
  { practice: 'tracing', label: 'spans', re: /\b(tracer|Tracer)\.(start(Active)?Span|StartSpan|start_as_current_span|start_span)\s*\(|\bActivitySource\b|@WithSpan\b|#\[instrument\b|\bxray\.|\bAWSXRay\b/ },
  { practice: 'tracing', label: 'correlation ids', re: /['"`](x-request-id|x-correlation-id|traceparent|x-b3-traceid)['"`]|\bcorrelation_?id\b|\bcorrelationId\b|\brequestId\s*[:=]/i },
];

const TECHS: Record<string, string[]> = {
  logging: ['winston', 'pino', 'bunyan', 'consola', 'log4js', 'morgan', 'loguru', 'structlog', 'python-json-logger', 'python-logging', 'logback', 'log4j2', 'slf4j', 'kotlin-logging', 'scala-logging', 'serilog', 'nlog', 'log4net', 'zap', 'logrus', 'zerolog', 'monolog', 'env-logger', 'rust-log', 'rust-tracing', 'log4rs', 'lograge', 'semantic-logger', 'fluentd', 'graylog', 'loki', 'elk', 'splunk'],
  // Actuator without a metrics registry exposes health and info, so it counts as a health check.
  monitoring: ['prometheus', 'micrometer', 'dropwizard-metrics', 'sentry', 'datadog', 'new-relic', 'elastic-apm', 'application-insights', 'statsd', 'grafana', 'honeybadger', 'bugsnag', 'rollbar', 'opentelemetry'],
  'health-checks': ['health-checks', 'spring-boot-actuator'],
  tracing: ['opentelemetry', 'jaeger', 'zipkin', 'grafana-tempo', 'aws-xray', 'honeycomb'],
};

const THRESHOLD: Record<string, (counts: Record<string, number>, total: number) => boolean> = {
  // One central handler (rescue_from, @ControllerAdvice, error middleware) is a deliberate design.
  'error-handling': (c, t) => t >= 2 || (c['central error handler'] ?? 0) >= 1,
  concurrency: (c, t) => t - (c['async/await'] ?? 0) >= 1,
  'oop-style': (c) => (c.classes ?? 0) + (c['methods on types'] ?? 0) >= 3 || ((c.classes ?? 0) >= 1 && (c.inheritance ?? 0) + (c['interfaces and traits'] ?? 0) >= 1),
  'functional-style': (_c, t) => t >= 5,
  // A HashSet is not algorithmic depth: heaps, custom structures, binary search or named algorithms are.
  'data-structures': (_c, t) => t >= 1,
  'design-patterns': (c, t) => Object.keys(c).length >= 2 || t >= 2,
  logging: (_c, t) => t >= 2,
  monitoring: (_c, t) => t >= 1,
  'health-checks': (_c, t) => t >= 1,
  tracing: (c, t) => t - (c['correlation ids'] ?? 0) >= 1 || (c['correlation ids'] ?? 0) >= 2,
};

const COMMENT_LINE = /^\s*(\/\/|#(?!\[)|\*|\/\*|--|;)/;

function inScope(s: Signal, lang: string): boolean {
  return !s.langs || s.langs.includes(lang);
}

/** Signals whose hits are figures only: they never count toward the practice or fill its evidence. */
const FIGURE_ONLY = new Set(['async/await', 'maps and sets', 'lists, queues and stacks']);

async function scanSignals(ctx: DetectorContext, files: WorkspaceFile[]): Promise<void> {
  const counts = new Map<string, Record<string, number>>();
  const evidence = new Map<string, Evidence[]>();
  const figures = new Map<string, Record<string, number>>();
  for (const f of files) {
    const lang = languageOf(f)!;
    const text = await readSafe(ctx, f.path);
    if (!text || text.length > 1_000_000) continue;
    const test = isTestFile(f.path);
    // The file's own part (hits of each signal that applies to it), kept with its text between scans.
    const perSignal = memoOnText(text, `code-signals/${lang}/${test}`, () =>
      SIGNALS.map((s) => {
        if (!inScope(s, lang)) return undefined;
        // Test code shows how tests are written, not how the service is built.
        if (test && s.practice !== 'functional-style' && s.practice !== 'data-structures') return undefined;
        const hits = findAll(text, s.re, 200).filter((h) => !COMMENT_LINE.test(h.lineText));
        return hits.length ? hits : undefined;
      }),
    );
    for (let si = 0; si < SIGNALS.length; si++) {
      const s = SIGNALS[si];
      const hits = perSignal[si];
      if (!hits) continue;
      if (FIGURE_ONLY.has(s.label)) {
        const fg = figures.get(s.practice) ?? {};
        bump(fg, s.label, hits.length);
        figures.set(s.practice, fg);
        continue;
      }
      const c = counts.get(s.practice) ?? {};
      bump(c, s.label, hits.length);
      counts.set(s.practice, c);
      const ev = evidence.get(s.practice) ?? [];
      if (ev.filter((e) => e.detail.startsWith(s.label)).length < 4 && ev.length < 20) {
        ev.push({ path: f.path, line: hits[0].line, column: hits[0].column, endColumn: hits[0].endColumn, detail: `${s.label}: ${clip(hits[0].lineText, 70)}${hits.length > 1 ? ` (+${hits.length - 1} more in file)` : ''}` });
      }
      evidence.set(s.practice, ev);
    }
  }
  for (const [p, list] of await opsEvidence(ctx)) {
    const c = counts.get(p) ?? {};
    for (const { label, evidence: e } of list) {
      bump(c, label);
      evidence.set(p, [...(evidence.get(p) ?? []), e]);
    }
    counts.set(p, c);
  }
  const practices = new Set([...SIGNALS.map((s) => s.practice), ...Object.keys(TECHS)]);
  for (const p of practices) {
    const c = counts.get(p) ?? {};
    const ev = [...(evidence.get(p) ?? [])];
    let total = Object.values(c).reduce((a, b) => a + b, 0);
    const techs = p === 'logging' ? techsOf(ctx, ['logging'], TECHS.logging) : techsPresent(ctx, TECHS[p] ?? []);
    for (const t of techs) {
      ev.push(...techEvidence(ctx, t).map((e) => ({ ...e, detail: `${e.detail} (${p} library ${t})` })));
      total += 2; // a dedicated library is itself a deliberate choice
      bump(c, `library ${t}`);
    }
    if (!total || !THRESHOLD[p](c, total)) continue;
    const extra = figures.get(p) ?? {};
    ctx.report(p, ev, { count: total, figures: { ...c, ...extra, summary: formatCounts(c) + (Object.keys(extra).length ? `; not counted: ${formatCounts(extra)}` : '') } });
  }
}

/** Prometheus/Alertmanager/Grafana files (monitoring) and Kubernetes probes (health checks). */
async function opsEvidence(ctx: DetectorContext): Promise<Map<string, { label: string; evidence: Evidence }[]>> {
  const out = new Map<string, { label: string; evidence: Evidence }[]>();
  const add = (p: string, label: string, e: Evidence) => out.set(p, [...(out.get(p) ?? []), { label, evidence: e }]);
  for (const f of ctx.files) {
    if (isVendored(f.path) || !/\.(ya?ml|json)$/i.test(f.path)) continue;
    const name = baseName(f.path).toLowerCase();
    const yaml = /\.ya?ml$/i.test(name);
    // Only read files whose name or place suggests operations config; JSON only for Grafana.
    if (!yaml && !/(^|\/)grafana\/|dashboards?\//i.test(f.path)) continue;
    const text = await readSafe(ctx, f.path);
    if (!text || text.length > 500_000) continue;
    if (yaml) {
      const rule = findFirst(text, /^[ \t]*(?:-[ \t]*)?alert:\s*\S+/m);
      if (rule && /^[ \t]*expr:/m.test(text)) add('monitoring', 'alerting rules', { path: f.path, line: rule.line, detail: `alerting rules: ${clip(rule.lineText, 60)}` });
      const scrape = /^prometheus\.ya?ml$/.test(name) ? findFirst(text, /^scrape_configs:/m) : undefined;
      if (scrape) add('monitoring', 'Prometheus configuration', { path: f.path, line: scrape.line, detail: 'Prometheus scrape configuration' });
      const am = /alertmanager/.test(name) ? findFirst(text, /^receivers:/m) : undefined;
      if (am) add('monitoring', 'alert routing', { path: f.path, line: am.line, detail: 'Alertmanager receivers (alert routing)' });
      if (/^[ \t]*kind:\s*(Deployment|StatefulSet|DaemonSet|Pod|Job|CronJob)\b/m.test(text)) {
        const probe = findFirst(text, /^[ \t]*(liveness|readiness|startup)Probe:/m);
        if (probe) add('health-checks', 'Kubernetes probes', { path: f.path, line: probe.line, detail: `Kubernetes ${probe.match[1]}Probe` });
      }
    } else if (/"panels"\s*:/.test(text) && /"targets"\s*:/.test(text)) {
      add('monitoring', 'Grafana dashboards', { path: f.path, line: 1, detail: 'Grafana dashboard' });
    }
  }
  return out;
}

async function detectTyping(ctx: DetectorContext, files: WorkspaceFile[]): Promise<void> {
  const evidence: Evidence[] = [];
  const perLang: Record<string, number> = {};
  const STATIC = new Set(['typescript', 'tsx', 'java', 'kotlin', 'scala', 'go', 'csharp', 'rust']);
  let pyDefs = 0;
  let pyTyped = 0;
  let firstTypedPy: Evidence | undefined;
  let phpStrict = 0;
  for (const f of files) {
    const lang = languageOf(f)!;
    if (STATIC.has(lang)) {
      bump(perLang, lang === 'tsx' ? 'typescript' : lang);
      if (perLang[lang === 'tsx' ? 'typescript' : lang] === 1) evidence.push({ path: f.path, line: 1, detail: `statically typed ${lang === 'tsx' ? 'typescript' : lang} source` });
    } else if (lang === 'python') {
      const text = (await readSafe(ctx, f.path)) ?? '';
      for (const h of findAll(text, /^[ \t]*(async\s+)?def\s+\w+\s*\(([^()]*)\)\s*(->[^:(\n]+)?:/m, 500)) {
        const params = h.match[2].split(',').map((p) => p.trim()).filter((p) => p && !/^(self|cls|\*|\/)$/.test(p));
        pyDefs++;
        if (h.match[3] || (params.length && params.every((p) => /:/.test(p) || /^\*\*?\w+$/.test(p)))) {
          pyTyped++;
          firstTypedPy ??= { path: f.path, line: h.line, detail: `type hints: ${clip(h.lineText, 70)}` };
        }
      }
    } else if (lang === 'php') {
      const text = (await readSafe(ctx, f.path)) ?? '';
      const hit = findFirst(text, /declare\s*\(\s*strict_types\s*=\s*1\s*\)/);
      if (hit) {
        phpStrict++;
        if (phpStrict === 1) evidence.push({ path: f.path, line: hit.line, detail: 'PHP strict_types' });
      }
    }
  }
  const figures: Record<string, string | number> = {};
  for (const [l, n] of Object.entries(perLang)) figures[`files.${l}`] = n;
  if (pyDefs) {
    const share = Math.round((100 * pyTyped) / pyDefs);
    figures.pythonAnnotatedFunctions = `${share}% of ${pyDefs}`;
    if (share >= 50 && firstTypedPy) evidence.push({ ...firstTypedPy, detail: `${firstTypedPy.detail} (${share}% of ${pyDefs} functions annotated)` });
  }
  if (phpStrict) figures.phpStrictFiles = phpStrict;
  const tsconfig = ctx.files.find((f) => f.path === 'tsconfig.json') ?? ctx.files.find((f) => /(^|\/)tsconfig(\.[\w-]+)?\.json$/.test(f.path) && !isVendored(f.path));
  if (tsconfig) {
    const hit = findFirst((await readSafe(ctx, tsconfig.path)) ?? '', /"strict"\s*:\s*true/);
    figures.tsStrict = hit ? 'yes' : 'no';
    if (hit) evidence.unshift({ path: tsconfig.path, line: hit.line, detail: 'TypeScript strict mode' });
  }
  for (const t of techsPresent(ctx, ['mypy', 'pyright', 'phpstan', 'psalm'])) evidence.push(...techEvidence(ctx, t).map((e) => ({ ...e, detail: `${e.detail} (type checker ${t})` })));
  if (evidence.length) ctx.report('typed-code', evidence, { count: Object.values(perLang).reduce((a, b) => a + b, 0) + (pyDefs && pyTyped * 2 >= pyDefs ? 1 : 0), figures });
}

async function detectResponsiveCss(ctx: DetectorContext): Promise<void> {
  const evidence: Evidence[] = [];
  let count = 0;
  for (const f of ctx.files) {
    if (isVendored(f.path) || /\.min\.css$/.test(f.path) || !/\.(css|scss|sass|less|styl|vue|svelte|astro|html?)$/i.test(f.path)) continue;
    const text = await readSafe(ctx, f.path);
    if (!text) continue;
    const hits = findAll(text, /@media\b[^{@\n]*\(\s*(min|max)-(width|height)|@container\b|<meta[^<>]+name=["']viewport["']/i, 200);
    if (!hits.length) continue;
    count += hits.length;
    if (evidence.length < 15) evidence.push({ path: f.path, line: hits[0].line, detail: `${clip(hits[0].lineText, 70)}${hits.length > 1 ? ` (+${hits.length - 1} more)` : ''}` });
  }
  if (evidence.length) ctx.report('responsive-css', evidence, { count });
}

/** Template and component files: front-end work whatever the server language. */
/** HTML under a templates/views/pages/layouts/partials folder: two linear checks instead of one regex with `.+` between them. */
const HTML_UNDER_TEMPLATES = {
  test(path: string): boolean {
    const ext = /\.html?$/.exec(path);
    const dir = ext && /(^|\/)(templates|views|pages|layouts|partials)\//.exec(path);
    return !!ext && !!dir && dir.index + dir[0].length < ext.index;
  },
};
const TEMPLATE_KINDS: [{ test(path: string): boolean }, string][] = [
  [/\.vue$/, 'Vue component'],
  [/\.svelte$/, 'Svelte component'],
  [/\.astro$/, 'Astro component'],
  [/\.(tsx|jsx)$/, 'JSX component'],
  [/\.(cshtml|razor)$/, 'Razor view'],
  [/\.blade\.php$/, 'Blade template'],
  [/\.(erb|haml|slim)$/, 'Rails view'],
  [/\.(twig|njk|jinja2?|j2|liquid|mustache|hbs|handlebars|ejs|pug|ftl|ftlh|jsp|gohtml|tmpl)$/, 'template'],
  [HTML_UNDER_TEMPLATES, 'HTML template'],
];
/** Markup in a JSX file, or template syntax in an .html file under templates/ (Jinja, Django, Thymeleaf, Go). */
const JSX_MARKUP = /<(?:[A-Z]\w*|div|span|main|form|section|ul|li|p|h[1-6]|button|input|label|a|table|nav|header|footer|article)(?:[^\w<>][^<>]*)?>/;
const HTML_TEMPLATE_SYNTAX = /\{%|\{\{|\bth:\w+=|<%|@\w+\(/;

async function detectTemplates(ctx: DetectorContext): Promise<void> {
  const evidence: Evidence[] = [];
  const kinds: Record<string, number> = {};
  let count = 0;
  let lines = 0;
  for (const f of ctx.files) {
    if (f.generated || isVendored(f.path) || isTestFile(f.path) || /(^|\/)(node_modules|\.[^/]+)\//.test(f.path)) continue;
    const kind = TEMPLATE_KINDS.find(([re]) => re.test(f.path))?.[1];
    if (!kind) continue;
    const text = await readSafe(ctx, f.path);
    if (!text) continue;
    // Whether the file is markup, and its lines that are not blank: kept with its text between scans.
    const n = memoOnText(text, `template/${kind}`, () => {
      if (kind === 'JSX component' && !JSX_MARKUP.test(text)) return -1;
      if (kind === 'HTML template' && !HTML_TEMPLATE_SYNTAX.test(text)) return -1;
      return text.split('\n').filter((l) => l.trim()).length;
    });
    if (n < 0) continue;
    count++;
    lines += n;
    bump(kinds, kind);
    if (evidence.length < 15) evidence.push({ path: f.path, line: 1, detail: `${kind} (${n} lines)` });
  }
  if (count) ctx.report('frontend-templates', evidence, { count, figures: { ...kinds, lines } });
}

/** Error handling, concurrency, style, typing, data structures, patterns, logging, monitoring, health checks, tracing, responsive CSS, templates. */
export const detectCode: PracticeDetector = async (ctx) => {
  const files = sourceFiles(ctx);
  await runSteps(ctx, 'code', [(c) => scanSignals(c, files), (c) => detectTyping(c, files), detectResponsiveCss, detectTemplates]);
};
