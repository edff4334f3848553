import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Application configuration, read from the environment once (see {@link config}). */
export interface Config {
  temporalAddress: string;
  namespace: string;
  /** Set when mTLS files or a CA are configured; `apiKey` alone means plain TLS. */
  tls?: { certPath?: string; keyPath?: string; caPath?: string };
  /** Temporal Cloud API key. */
  apiKey?: string;
  taskQueue: string;
  /** Absolute. */
  dataDir: string;
  /** When absent, mail goes to the .eml outbox under dataDir. */
  smtpUrl?: string;
  mailFrom: string;
  /** No trailing slash. */
  publicBaseUrl: string;
  httpHost: string;
  httpPort: number;
  linkSigningKey: string;
  logLevel: LogLevelName;
  temporalUiPort: number;
  /** Prebuilt workflow bundle (scripts/bundle-workflows.ts) for the worker; absent = bundle at startup. */
  workflowBundle?: string;
  /** What this worker process polls for: everything, only workflow tasks, or only activity tasks. */
  workerRole: WorkerRole;
  /** host:port where the worker serves the SDK's Prometheus metrics (`/metrics`); off when unset. */
  workerMetricsAddress?: string;
  /** How many workflow-task polls the worker keeps open at once; unset = the SDK's default (10). */
  workflowTaskPollers?: number;
  /** How many workflow tasks and queries the worker holds at once (polled for or running); unset = the SDK's default (40). */
  workflowTaskSlots?: number;
  /** How many activities (email, register, publish) the worker runs at once; unset = the SDK's default (100). */
  activityTaskSlots?: number;
  /** How many cycles the worker keeps in memory between their workflow tasks; unset = the SDK's default. */
  maxCachedWorkflows?: number;
  /** Threads that run workflow code (each its own V8 isolate); unset = the SDK's default (1). */
  workflowThreads?: number;
  production: boolean;
}

export const workerRoles = ['all', 'workflows', 'activities'] as const;
export type WorkerRole = (typeof workerRoles)[number];

export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevelName = (typeof logLevels)[number];

export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n'),
    );
  }
}

const hostPortPattern = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

const hostPort = z.string().refine(
  (value) => {
    const match = hostPortPattern.exec(value);
    return match !== null && Number(match[3]) >= 1 && Number(match[3]) <= 65535;
  },
  { error: (issue) => `expected host:port (e.g. 127.0.0.1:7233), got ${JSON.stringify(issue.input)}` },
);

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a port number')
  .min(1, 'expected a port number between 1 and 65535')
  .max(65535, 'expected a port number between 1 and 65535');

const wholeNumber = (min: number, max: number) => {
  const error = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int(error).min(min, error).max(max, error);
};

const existingFile = (cwd: string) =>
  z.string().refine((file) => isFile(path.resolve(cwd, file)), {
    error: (issue) => `file not found: ${path.resolve(cwd, String(issue.input))}`,
  });

const secret = (minLength: number) =>
  z.string().min(minLength, `must be at least ${minLength} characters (value not shown)`);

const envSchema = (cwd: string) =>
  z.object({
    TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    TEMPORAL_TLS_CERT: existingFile(cwd).optional(),
    TEMPORAL_TLS_KEY: existingFile(cwd).optional(),
    TEMPORAL_TLS_CA: existingFile(cwd).optional(),
    TEMPORAL_API_KEY: secret(1).optional(),
    TASK_QUEUE: z.string().default('promise-cycle'),
    DATA_DIR: z.string().default('.data'),
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: 'expected smtp://[user:pass@]host[:port] or smtps://…' })
      .optional(),
    MAIL_FROM: z.string().default('Medborgarlöften <noreply@localhost>'),
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    HTTP_HOST: z.string().default('127.0.0.1'),
    HTTP_PORT: port.default(8080),
    LINK_SIGNING_KEY: secret(32).optional(),
    LOG_LEVEL: z.enum(logLevels, { error: `expected one of ${logLevels.join(', ')}` }).default('info'),
    TEMPORAL_UI_PORT: port.default(8233),
    WORKFLOW_BUNDLE: existingFile(cwd).optional(),
    WORKER_METRICS_ADDRESS: hostPort.optional(),
    WORKER_ROLE: z.enum(workerRoles, { error: `expected one of ${workerRoles.join(', ')}` }).default('all'),
    // The SDK needs at least 2 (one sticky, one normal); every open poll holds a task slot (see workerTuningIssues).
    WORKER_WORKFLOW_TASK_POLLERS: wholeNumber(2, 200).optional(),
    // Workflow tasks and queries the worker holds at once, being polled for or run (the SDK's
    // maxConcurrentWorkflowTaskExecutions, default 40).
    WORKER_WORKFLOW_TASK_SLOTS: wholeNumber(2, 1000).optional(),
    // Activities the worker runs at once (the SDK's maxConcurrentActivityTaskExecutions, default 100); the
    // rest wait on the task queue. The SDK opens no more activity polls than this.
    WORKER_ACTIVITY_SLOTS: wholeNumber(1, 1000).optional(),
    // 0 turns the cache off (every workflow task replays its cycle); the SDK refuses 1.
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce
      .number({ error: 'expected 0 or a whole number from 2 to 100000' })
      .int('expected 0 or a whole number from 2 to 100000')
      .refine((n) => n === 0 || (n >= 2 && n <= 100_000), 'expected 0 or a whole number from 2 to 100000')
      .optional(),
    // Each thread is a V8 isolate of its own (35–77 MB more at idle, measured); the SDK spreads cycles over them.
    WORKER_WORKFLOW_THREADS: wholeNumber(1, 8).optional(),
    NODE_ENV: z.string().optional(),
  });

/**
 * Reads and validates configuration. Throws a {@link ConfigError} naming every invalid variable.
 * Without LINK_SIGNING_KEY (outside production) a random key is created once under DATA_DIR/secrets/.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  // `VAR=` (as compose files and shells often produce) means "unset", not "empty value".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema(cwd).safeParse(present);
  const issues: ConfigIssue[] = [
    ...(parsed.error?.issues ?? []).map((issue) => ({
      variable: String(issue.path[0] ?? '(environment)'),
      message: issue.message,
    })),
    ...crossVariableIssues(present),
    ...(parsed.success ? workerTuningIssues(parsed.data) : []),
  ];
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  const resolveFile = (file?: string) => (file ? path.resolve(cwd, file) : undefined);
  const hasTlsFiles = Boolean(e.TEMPORAL_TLS_CERT || e.TEMPORAL_TLS_CA);

  return {
    temporalAddress: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    tls: hasTlsFiles
      ? {
          certPath: resolveFile(e.TEMPORAL_TLS_CERT),
          keyPath: resolveFile(e.TEMPORAL_TLS_KEY),
          caPath: resolveFile(e.TEMPORAL_TLS_CA),
        }
      : undefined,
    apiKey: e.TEMPORAL_API_KEY,
    taskQueue: e.TASK_QUEUE,
    dataDir,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://${hostForUrl(e.HTTP_HOST)}:${e.HTTP_PORT}`).replace(
      /\/+$/,
      '',
    ),
    httpHost: e.HTTP_HOST,
    httpPort: e.HTTP_PORT,
    linkSigningKey: e.LINK_SIGNING_KEY ?? devLinkSigningKey(dataDir),
    logLevel: e.LOG_LEVEL,
    temporalUiPort: e.TEMPORAL_UI_PORT,
    workflowBundle: resolveFile(e.WORKFLOW_BUNDLE),
    workerRole: e.WORKER_ROLE,
    workerMetricsAddress: e.WORKER_METRICS_ADDRESS,
    workflowTaskPollers: e.WORKER_WORKFLOW_TASK_POLLERS,
    workflowTaskSlots: e.WORKER_WORKFLOW_TASK_SLOTS,
    activityTaskSlots: e.WORKER_ACTIVITY_SLOTS,
    maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
    workflowThreads: e.WORKER_WORKFLOW_THREADS,
    production: e.NODE_ENV === 'production',
  };
}

/** For entry points: prints every configuration problem and exits 1 instead of throwing. */
export function configOrExit(): Config {
  try {
    return config();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

/** The SDK's maxConcurrentWorkflowTaskExecutions when none is given. */
const sdkDefaultWorkflowTaskSlots = 40;

function crossVariableIssues(env: Record<string, string | undefined>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
    issues.push({
      variable: env.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT',
      message: 'mTLS needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY',
    });
  }
  if (env.NODE_ENV === 'production' && !env.LINK_SIGNING_KEY) {
    issues.push({
      variable: 'LINK_SIGNING_KEY',
      message: 'required in production (a random secret of 32+ characters)',
    });
  }
  return issues;
}

/** Worker settings that only make sense together; checked once each value is valid on its own. */
function workerTuningIssues(env: z.infer<ReturnType<typeof envSchema>>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const slots = env.WORKER_WORKFLOW_TASK_SLOTS ?? sdkDefaultWorkflowTaskSlots;
  if (env.WORKER_WORKFLOW_TASK_POLLERS !== undefined && env.WORKER_WORKFLOW_TASK_POLLERS > slots) {
    issues.push({
      variable: 'WORKER_WORKFLOW_TASK_POLLERS',
      message: `at most WORKER_WORKFLOW_TASK_SLOTS (${slots}): every open poll holds a task slot`,
    });
  }
  // The SDK would quietly lower slots that were set above the cache to the cache's size.
  const cached = env.WORKER_MAX_CACHED_WORKFLOWS;
  if (env.WORKER_WORKFLOW_TASK_SLOTS !== undefined && cached && slots > cached) {
    issues.push({
      variable: 'WORKER_WORKFLOW_TASK_SLOTS',
      message: `at most WORKER_MAX_CACHED_WORKFLOWS (${cached}): a task in hand keeps its cycle cached`,
    });
  }
  return issues;
}

let cached: Config | undefined;

/** The process-wide configuration, loaded from process.env on first use. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

function devLinkSigningKey(dataDir: string): string {
  const file = path.join(dataDir, 'secrets', 'link-signing-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64url');
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${key}\n`, { mode: 0o600 });
  try {
    // link() is atomic and fails if the file exists: two processes starting at once agree on one complete key.
    linkSync(tmp, file);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
