import type { Client } from '@temporalio/client';
import { config } from '../lib/config';
import { connectClient } from '../lib/temporal';
import { unreachable } from './exit-codes';

/** What commands share: the app configuration and one lazily opened Temporal connection. */
export interface CliContext {
  client: () => Promise<Client>;
  dataDir: () => string;
  taskQueue: () => string;
  out: (line: string) => void;
  close: () => Promise<void>;
}

export function createContext(
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): CliContext {
  let connecting: Promise<Client> | undefined;
  return {
    client: () =>
      (connecting ??= connectClient().catch((err: Error) => {
        throw unreachable(`Cannot reach Temporal at ${config().temporalAddress}: ${err.message}`);
      })),
    dataDir: () => config().dataDir,
    taskQueue: () => config().taskQueue,
    out,
    close: async () => {
      if (connecting) await (await connecting.catch(() => undefined))?.connection.close();
    },
  };
}
