import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions, type TLSConfig } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { allSearchAttributes } from '../domain/search-attributes';
import { config, type Config } from './config';

const grpcUnimplemented = 12;

type TemporalConfig = Pick<Config, 'temporalAddress' | 'namespace' | 'tls' | 'apiKey'>;

/** mTLS / custom CA from files, plain TLS for an API key alone (Temporal Cloud), otherwise no TLS. */
export function tlsOptions(cfg: TemporalConfig): TLSConfig | boolean {
  if (cfg.tls) {
    const { certPath, keyPath, caPath } = cfg.tls;
    return {
      ...(certPath && keyPath
        ? { clientCertPair: { crt: readFileSync(certPath), key: readFileSync(keyPath) } }
        : {}),
      ...(caPath ? { serverRootCACertificate: readFileSync(caPath) } : {}),
    };
  }
  return Boolean(cfg.apiKey);
}

/**
 * How much of a response the server may send before the client acknowledges it (HTTP/2 flow control).
 * grpc-js allows 64 KB; a list of every cycle is up to ~0.9 MB (a cycle's row up to ~3 KB: the memo's
 * digest within 2 KB, the search attributes 0.8 KB), so the server waited for the client up to ~14 times
 * per list, and on busy cores each wait is a wait for a CPU slice of both processes. 4 MB lets a list
 * arrive in one go.
 */
export const responseWindowBytes = 4 * 1024 * 1024;

export function connectionOptions(cfg: TemporalConfig = config()): ConnectionOptions {
  return {
    address: cfg.temporalAddress,
    tls: tlsOptions(cfg),
    ...(cfg.apiKey ? { apiKey: cfg.apiKey } : {}),
    channelArgs: { 'grpc-node.flow_control_window': responseWindowBytes },
  };
}

export function nativeConnectionOptions(cfg: TemporalConfig = config()): NativeConnectionOptions {
  return {
    address: cfg.temporalAddress,
    tls: tlsOptions(cfg),
    ...(cfg.apiKey ? { apiKey: cfg.apiKey } : {}),
  };
}

/** A client for the configured namespace; close it with `client.connection.close()`. */
export async function connectClient(cfg: TemporalConfig = config()): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(cfg));
  return new Client({ connection, namespace: cfg.namespace });
}

/**
 * Adds the project's custom search attributes (domain/search-attributes.ts) that the namespace lacks; returns
 * their names. Works on self-hosted servers and the time-skipping test server, not on Temporal Cloud.
 */
export async function registerSearchAttributes(
  connection: Pick<Connection, 'operatorService'>,
  namespace: string,
): Promise<string[]> {
  const operator = connection.operatorService;
  const existing: string[] = await operator.listSearchAttributes({ namespace }).then(
    ({ customAttributes }) => Object.keys(customAttributes ?? {}),
    (err: { code?: number }) => {
      // The time-skipping test server can add search attributes but not list them.
      if (err.code === grpcUnimplemented) return [];
      throw err;
    },
  );
  const missing = allSearchAttributes.filter((key) => !existing.includes(key.name));
  if (missing.length > 0) {
    const searchAttributes = Object.fromEntries(
      missing.map((key) => {
        const type = encodeSearchAttributeIndexedValueType(key.type);
        if (type === undefined) throw new Error(`search attribute ${key.name}: unknown type ${key.type}`);
        return [key.name, type];
      }),
    );
    await operator.addSearchAttributes({ namespace, searchAttributes });
  }
  return missing.map((key) => key.name);
}
