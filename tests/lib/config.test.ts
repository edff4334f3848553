import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../lib/config';

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'config-test-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function issuesOf(env: NodeJS.ProcessEnv, cwd = tmp()): Record<string, string> {
  try {
    loadConfig(env, cwd);
  } catch (err) {
    if (err instanceof ConfigError) return Object.fromEntries(err.issues.map((i) => [i.variable, i.message]));
    throw err;
  }
  throw new Error('expected a ConfigError');
}

test('defaults give a working local setup, with DATA_DIR resolved from the working directory', () => {
  const cwd = tmp();
  const config = loadConfig({}, cwd);
  expect(config).toMatchObject({
    temporalAddress: '127.0.0.1:7233',
    namespace: 'default',
    taskQueue: 'promise-cycle',
    dataDir: path.join(cwd, '.data'),
    publicBaseUrl: 'http://127.0.0.1:8080',
    httpHost: '127.0.0.1',
    httpPort: 8080,
    logLevel: 'info',
    temporalUiPort: 8233,
    production: false,
  });
  expect(config.tls).toBeUndefined();
  expect(config.smtpUrl).toBeUndefined();
});

test('every invalid variable is reported at once, by name', () => {
  const issues = issuesOf({
    TEMPORAL_ADDRESS: 'not-an-address',
    TEMPORAL_TLS_CERT: 'missing.pem',
    HTTP_PORT: '99999',
    LOG_LEVEL: 'loud',
    SMTP_URL: 'http://mail',
    LINK_SIGNING_KEY: 'short',
  });
  expect(Object.keys(issues).sort()).toEqual([
    'HTTP_PORT',
    'LINK_SIGNING_KEY',
    'LOG_LEVEL',
    'SMTP_URL',
    'TEMPORAL_ADDRESS',
    'TEMPORAL_TLS_CERT',
    'TEMPORAL_TLS_KEY',
  ]);
  expect(issues.TEMPORAL_TLS_CERT).toContain('file not found');
  expect(issues.LINK_SIGNING_KEY).not.toContain('short');
});

test('the error message names each variable', () => {
  expect(() => loadConfig({ TEMPORAL_ADDRESS: 'nope', TEMPORAL_TLS_CA: '/no/such/ca.pem' }, tmp())).toThrow(
    /TEMPORAL_ADDRESS: .*\n.*TEMPORAL_TLS_CA: file not found: \/no\/such\/ca\.pem/,
  );
});

test.each(['localhost:7233', 'temporal:7233', '10.0.0.1:443', '[::1]:7233', 'ns.tmprl.cloud:7233'])(
  'accepts the address %s',
  (address) => {
    expect(loadConfig({ TEMPORAL_ADDRESS: address }, tmp()).temporalAddress).toBe(address);
  },
);

test.each(['7233', 'host:', 'host:0', 'host:70000', 'http://host:7233', ':7233'])(
  'rejects the address %s',
  (address) => {
    expect(issuesOf({ TEMPORAL_ADDRESS: address })).toHaveProperty('TEMPORAL_ADDRESS');
  },
);

test('WORKER_METRICS_ADDRESS turns on the worker metrics endpoint and must be host:port', () => {
  expect(loadConfig({}, tmp()).workerMetricsAddress).toBeUndefined();
  expect(loadConfig({ WORKER_METRICS_ADDRESS: '0.0.0.0:9464' }, tmp()).workerMetricsAddress).toBe(
    '0.0.0.0:9464',
  );
  expect(issuesOf({ WORKER_METRICS_ADDRESS: '9464' }).WORKER_METRICS_ADDRESS).toContain('host:port');
});

test('WORKER_WORKFLOW_TASK_POLLERS sets the open workflow-task polls, from 2 to 200', () => {
  expect(loadConfig({}, tmp()).workflowTaskPollers).toBeUndefined();
  expect(loadConfig({ WORKER_WORKFLOW_TASK_POLLERS: '30' }, tmp()).workflowTaskPollers).toBe(30);
  for (const bad of ['1', '201', '2.5', 'many'])
    expect(issuesOf({ WORKER_WORKFLOW_TASK_POLLERS: bad }).WORKER_WORKFLOW_TASK_POLLERS).toContain(
      'from 2 to 200',
    );
});

test('WORKER_WORKFLOW_TASK_SLOTS sets the workflow tasks held at once; every open poll needs one', () => {
  expect(loadConfig({}, tmp()).workflowTaskSlots).toBeUndefined();
  expect(
    loadConfig({ WORKER_WORKFLOW_TASK_SLOTS: '100', WORKER_WORKFLOW_TASK_POLLERS: '60' }, tmp()),
  ).toMatchObject({ workflowTaskSlots: 100, workflowTaskPollers: 60 });
  for (const bad of ['1', '1001', '2.5', 'lots'])
    expect(issuesOf({ WORKER_WORKFLOW_TASK_SLOTS: bad }).WORKER_WORKFLOW_TASK_SLOTS).toContain(
      'from 2 to 1000',
    );
  // More polls than slots could never all be open: against the SDK's default (40) or the set value.
  expect(issuesOf({ WORKER_WORKFLOW_TASK_POLLERS: '41' }).WORKER_WORKFLOW_TASK_POLLERS).toContain(
    'at most WORKER_WORKFLOW_TASK_SLOTS (40)',
  );
  expect(
    issuesOf({ WORKER_WORKFLOW_TASK_POLLERS: '20', WORKER_WORKFLOW_TASK_SLOTS: '10' })
      .WORKER_WORKFLOW_TASK_POLLERS,
  ).toContain('(10)');
  // The SDK would lower slots above the cache to the cache's size without saying so.
  expect(
    issuesOf({ WORKER_WORKFLOW_TASK_SLOTS: '100', WORKER_MAX_CACHED_WORKFLOWS: '50' })
      .WORKER_WORKFLOW_TASK_SLOTS,
  ).toContain('at most WORKER_MAX_CACHED_WORKFLOWS (50)');
  expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '30' }, tmp()).maxCachedWorkflows).toBe(30);
});

test('WORKER_ACTIVITY_SLOTS sets the activities run at once, from 1 to 1000', () => {
  expect(loadConfig({}, tmp()).activityTaskSlots).toBeUndefined();
  expect(loadConfig({ WORKER_ACTIVITY_SLOTS: '4' }, tmp()).activityTaskSlots).toBe(4);
  for (const bad of ['0', '1001', '1.5', 'few'])
    expect(issuesOf({ WORKER_ACTIVITY_SLOTS: bad }).WORKER_ACTIVITY_SLOTS).toContain('from 1 to 1000');
});

test('WORKER_WORKFLOW_THREADS sets the threads that run workflow code, from 1 to 8', () => {
  expect(loadConfig({}, tmp()).workflowThreads).toBeUndefined();
  expect(loadConfig({ WORKER_WORKFLOW_THREADS: '2' }, tmp()).workflowThreads).toBe(2);
  for (const bad of ['0', '9', '1.5', 'two'])
    expect(issuesOf({ WORKER_WORKFLOW_THREADS: bad }).WORKER_WORKFLOW_THREADS).toContain('from 1 to 8');
});

test('WORKER_MAX_CACHED_WORKFLOWS bounds the cycles kept in memory: 0 (off) or 2 and more', () => {
  expect(loadConfig({}, tmp()).maxCachedWorkflows).toBeUndefined();
  expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '40' }, tmp()).maxCachedWorkflows).toBe(40);
  expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0' }, tmp()).maxCachedWorkflows).toBe(0);
  for (const bad of ['1', '-3', '2.5', 'all', '100001'])
    expect(issuesOf({ WORKER_MAX_CACHED_WORKFLOWS: bad }).WORKER_MAX_CACHED_WORKFLOWS).toContain(
      'expected 0 or a whole number from 2 to 100000',
    );
});

test('TLS files are resolved from the working directory; empty values count as unset', () => {
  const cwd = tmp();
  for (const file of ['client.pem', 'client.key', 'ca.pem']) writeFileSync(path.join(cwd, file), 'x');
  const config = loadConfig(
    {
      TEMPORAL_TLS_CERT: 'client.pem',
      TEMPORAL_TLS_KEY: 'client.key',
      TEMPORAL_TLS_CA: 'ca.pem',
      SMTP_URL: '',
    },
    cwd,
  );
  expect(config.tls).toEqual({
    certPath: path.join(cwd, 'client.pem'),
    keyPath: path.join(cwd, 'client.key'),
    caPath: path.join(cwd, 'ca.pem'),
  });
  expect(config.smtpUrl).toBeUndefined();
});

test('without LINK_SIGNING_KEY a dev key is generated once, private, and reused', () => {
  const cwd = tmp();
  const first = loadConfig({}, cwd).linkSigningKey;
  expect(first.length).toBeGreaterThanOrEqual(32);
  expect(loadConfig({}, cwd).linkSigningKey).toBe(first);
  const file = path.join(cwd, '.data', 'secrets', 'link-signing-key');
  expect(readFileSync(file, 'utf8').trim()).toBe(first);
  expect(statSync(file).mode & 0o077).toBe(0);
});

test('production requires an explicit LINK_SIGNING_KEY', () => {
  expect(issuesOf({ NODE_ENV: 'production' })).toHaveProperty('LINK_SIGNING_KEY');
  const key = 'k'.repeat(40);
  expect(loadConfig({ NODE_ENV: 'production', LINK_SIGNING_KEY: key }, tmp())).toMatchObject({
    production: true,
    linkSigningKey: key,
  });
});
