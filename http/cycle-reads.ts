import fs from 'node:fs';
import type { Client } from '@temporalio/client';
import { publicViewFile, PublicViewSchema } from '../activities/publish';
import { cycleWorkflowId } from '../domain/config';
import type { CycleStatus, PublicView } from '../domain/status';
import type { StatusDigest } from '../domain/status-digest';
import { cycleDigest, cycleStatus, type DigestRead, memoDigest } from '../lib/cycles';
import { publicViewQuery } from '../workflows/messages';
import type { HttpDeps } from './deps';

/** Runs a query, giving up after `timeoutMs` (a query waits for a worker; pages must not hang when none runs). */
async function queryWithDeadline<T>(client: Client, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  return client.connection.withDeadline(Date.now() + timeoutMs, run);
}

/** The full `status` query; needs a worker. Throws `CycleNotFound` for an unknown cycle. */
export async function readStatus(client: Client, workflowId: string, timeoutMs = 5000): Promise<CycleStatus> {
  return queryWithDeadline(client, timeoutMs, () => cycleStatus(client, workflowId));
}

/** The status digest from the cycle's memo, or the query for a cycle without one (see `cycleDigest`). */
export async function readDigest(client: Client, workflowId: string, timeoutMs = 5000): Promise<DigestRead> {
  return queryWithDeadline(client, timeoutMs, () => cycleDigest(client, workflowId));
}

/** Only the memo's digest: `undefined` for a cycle without one (never waits for a worker). */
export async function readMemoDigest(
  client: Client,
  workflowId: string,
  timeoutMs = 5000,
): Promise<StatusDigest | undefined> {
  return queryWithDeadline(client, timeoutMs, () => memoDigest(client, workflowId));
}

/** The public view from the running cycle, or the last published copy under DATA_DIR/public when no worker answers. */
export async function readPublicView(
  deps: Pick<HttpDeps, 'client' | 'dataDir' | 'queryTimeoutMs'>,
  code: string,
  year: number,
): Promise<PublicView | undefined> {
  const { client, dataDir, queryTimeoutMs = 3000 } = deps;
  try {
    return await queryWithDeadline(client, queryTimeoutMs, () =>
      client.workflow.getHandle(cycleWorkflowId(code, year)).query(publicViewQuery),
    );
  } catch {
    return readPublishedView(dataDir, code, year);
  }
}

export function readPublishedView(dataDir: string, code: string, year: number): PublicView | undefined {
  const file = publicViewFile(dataDir, code, year);
  if (!fs.existsSync(file)) return undefined;
  const parsed = PublicViewSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}
