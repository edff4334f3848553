import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../../lib/config';

/** What `docker compose` does with `${VAR:-default}` and `${VAR:?message}` when VAR is not set. */
function interpolate(value: string, secrets: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, rest?: string) =>
    op === '-' ? (rest ?? '') : (secrets[name] ?? ''),
  );
}

interface ComposeService {
  image?: string;
  environment?: Record<string, string | number>;
}

function ourServices(): [string, ComposeService][] {
  const text = readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');
  const compose = parse(text, { merge: true }) as { services: Record<string, ComposeService> };
  return Object.entries(compose.services).filter(([, s]) => s.image === 'promise-cycle-worker');
}

function environmentOf(service: ComposeService): NodeJS.ProcessEnv {
  const secrets = { LINK_SIGNING_KEY: 'compose-test-signing-key-0123456789abcdef' };
  return {
    // The image's own ENV (Dockerfile), except the bundle path, which exists only inside the image.
    NODE_ENV: 'production',
    ...Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), secrets)]),
    ),
  };
}

describe('docker-compose.yml', () => {
  it('gives every service built from this project a configuration the worker accepts', () => {
    const services = ourServices();
    expect(services.map(([name]) => name).sort()).toEqual(['register-search-attributes', 'worker']);
    for (const [, service] of services) expect(() => loadConfig(environmentOf(service))).not.toThrow();
    const worker = loadConfig(environmentOf(Object.fromEntries(services).worker!));
    expect(worker.workflowThreads).toBe(2);
    expect(worker.smtpUrl).toBe('smtp://mailpit:1025');
  });

  it('would be caught with a value the worker refuses', () => {
    const worker = Object.fromEntries(ourServices()).worker!;
    const env = { ...environmentOf(worker), WORKER_WORKFLOW_THREADS: '9' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(__dirname, '..', '..', 'Dockerfile'), 'utf8');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('runs the worker on the jemalloc it installs and links (bench runs 41–43)', () => {
    expect(finalStage).toMatch(/apt-get install -y --no-install-recommends libjemalloc2\b/);
    const link = /ln -s "([^"]+)" (\S+)/.exec(finalStage);
    const preload = /LD_PRELOAD=(\S+)/.exec(finalStage);
    expect(link?.[1]).toBe('/usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2');
    expect(preload?.[1]).toBe(link?.[2]);
  });
});
