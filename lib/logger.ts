import { DefaultLogger, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';
import pino, { type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino';

export type { Logger } from 'pino';

/** Keys whose values never reach a log line, at the top level or one object deep. */
const secretKeys = [
  'apiKey',
  'TEMPORAL_API_KEY',
  'password',
  'pass',
  'secret',
  'token',
  'authorization',
  'Authorization',
  'linkSigningKey',
  'LINK_SIGNING_KEY',
  'signingKey',
  'privateKey',
];
/** URL-valued keys that may carry `user:password@`: logged with the credentials masked. */
const urlKeys = ['smtpUrl', 'SMTP_URL', 'url'];

export const redactPaths = [
  ...[...secretKeys, ...urlKeys].flatMap((key) => [key, `*.${key}`]),
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'auth.pass',
  '*.auth.pass',
];

/** `smtp://user:secret@host` → `smtp://user:***@host`; other strings unchanged. */
export function maskUrlCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):[^@/\s]*@/i, '$1:***@');
}

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  if (urlKeys.includes(key) && typeof value === 'string') return maskUrlCredentials(value);
  return '[redacted]';
}

export interface LoggerOptions {
  level?: string;
  name?: string;
  /** Human-readable output through pino-pretty (a dev dependency); default: only when stdout is a TTY. */
  pretty?: boolean;
  /** Where lines go instead of stdout (tests). */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const pretty =
    !options.destination && (options.pretty ?? (process.stdout.isTTY === true && prettyAvailable()));
  const pinoOptions: PinoOptions = {
    name: options.name ?? 'promise-cycle',
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: redactPaths, censor },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  };
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}

function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

const sdkToPino = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
const pinoToSdk: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

/**
 * Routes the Temporal SDK's logs (worker, workflow `log`, activity `log`, and the native core) into pino,
 * and serves the SDK's Prometheus metrics on `metricsAddress` when given.
 * Must run before anything creates a Temporal Runtime (a Worker or NativeConnection); later calls are ignored.
 */
export function installTemporalRuntimeLogger(
  logger: Logger,
  options: { metricsAddress?: string } = {},
): boolean {
  const sdkLevel = pinoToSdk[logger.level] ?? 'INFO';
  const sdkLogger = logger.child({ component: 'temporal' });
  try {
    Runtime.install({
      logger: new DefaultLogger(sdkLevel, (entry: LogEntry) => {
        sdkLogger[sdkToPino[entry.level]]({ ...entry.meta }, entry.message);
      }),
      telemetryOptions: {
        logging: {
          filter: { core: sdkLevel === 'TRACE' || sdkLevel === 'DEBUG' ? 'INFO' : 'WARN', other: 'ERROR' },
          forward: {},
        },
        // The SDK's own Prometheus metrics (task latencies, cache size, RPC latency) for operators.
        ...(options.metricsAddress
          ? { metrics: { prometheus: { bindAddress: options.metricsAddress } } }
          : {}),
      },
    });
    return true;
  } catch (err) {
    logger.warn({ err }, 'Temporal Runtime already installed; SDK logs keep their previous destination');
    return false;
  }
}
