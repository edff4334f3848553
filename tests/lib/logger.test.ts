import { Writable } from 'node:stream';
import { createLogger, maskUrlCredentials } from '../../lib/logger';

function capturingLogger() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ destination, level: 'info' }), output: () => chunks.join('') };
}

test('masks credentials in URLs', () => {
  expect(maskUrlCredentials('smtp://user:secret@mail:25')).toBe('smtp://user:***@mail:25');
  expect(maskUrlCredentials('smtps://mail.example.se')).toBe('smtps://mail.example.se');
});

test('secrets never reach a log line', () => {
  const { logger, output } = capturingLogger();
  logger.info(
    {
      apiKey: 'api-secret',
      LINK_SIGNING_KEY: 'env-secret',
      config: { linkSigningKey: 'link-secret', smtpUrl: 'smtp://u:smtp-secret@h:25' },
      headers: { authorization: 'Bearer token-secret' },
      auth: { user: 'u', pass: 'pass-secret' },
    },
    'hello',
  );
  for (const secret of [
    'api-secret',
    'env-secret',
    'link-secret',
    'smtp-secret',
    'token-secret',
    'pass-secret',
  ]) {
    expect(output()).not.toContain(secret);
  }
  expect(output()).toContain('smtp://u:***@h:25');
  expect(output()).toContain('"msg":"hello"');
});
