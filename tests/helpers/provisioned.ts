import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Runs a provisioning script (a no-op when cached) and returns the path it prints. */
function provision(script: string): string {
  const out = execFileSync('bash', [path.join(repoRoot, 'scripts', script)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.trim().split('\n').pop() ?? '';
}

/** The Temporal CLI binary (dev server); global setup exports it as TEMPORAL_CLI_PATH. */
export function temporalCliPath(): string {
  process.env.TEMPORAL_CLI_PATH ||= provision('provision-temporal-cli.sh');
  return process.env.TEMPORAL_CLI_PATH;
}

/** The time-skipping test server launcher; global setup exports it as TEMPORAL_TEST_SERVER_PATH. */
export function testServerPath(): string {
  process.env.TEMPORAL_TEST_SERVER_PATH ||= provision('provision-test-server.sh');
  return process.env.TEMPORAL_TEST_SERVER_PATH;
}
