import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectionOptions, nativeConnectionOptions } from '../../lib/temporal';

const base = { temporalAddress: 'temporal.example:7233', namespace: 'default' };

test('plain local connection: no TLS, no API key', () => {
  expect(connectionOptions(base)).toMatchObject({ address: 'temporal.example:7233', tls: false });
  expect(connectionOptions(base).apiKey).toBeUndefined();
});

test('a list of every cycle in the country arrives without the client acknowledging it piece by piece', () => {
  // A cycle's list row was 3.8 KB in implementation (its memo, the status digest, 2.8 KB): room to grow.
  const listOfEveryCycle = 290 * 5 * 1024;
  const window = connectionOptions(base).channelArgs?.['grpc-node.flow_control_window'];
  expect(window).toBeGreaterThanOrEqual(listOfEveryCycle);
});

test('an API key alone turns on TLS (Temporal Cloud)', () => {
  expect(nativeConnectionOptions({ ...base, apiKey: 'key' })).toEqual({
    address: 'temporal.example:7233',
    tls: true,
    apiKey: 'key',
  });
});

test('mTLS files are read into the TLS options', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tls-'));
  const file = (name: string) => {
    writeFileSync(path.join(dir, name), name);
    return path.join(dir, name);
  };
  const tls = { certPath: file('client.pem'), keyPath: file('client.key'), caPath: file('ca.pem') };
  expect(connectionOptions({ ...base, tls }).tls).toEqual({
    clientCertPair: { crt: Buffer.from('client.pem'), key: Buffer.from('client.key') },
    serverRootCACertificate: Buffer.from('ca.pem'),
  });
});
