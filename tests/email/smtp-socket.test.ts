import { createServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { closeSmtpPools, openSmtpSocket, smtpTransport } from '../../activities/email/transport';

const freePort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

const open = (options: Parameters<typeof openSmtpSocket>[0]) =>
  new Promise<Socket>((resolve, reject) =>
    openSmtpSocket(options, (err, socketOptions) => (err ? reject(err) : resolve(socketOptions!.connection))),
  );

/** An SMTP server with smtp-server's built-in self-signed certificate, counting accepted messages. */
async function tlsSmtpServer(
  secure: boolean,
): Promise<{ port: number; accepted: string[]; stop: () => Promise<void> }> {
  const accepted: string[] = [];
  const server = new SMTPServer({
    secure,
    authOptional: true,
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        accepted.push(`${session.secure ? 'tls' : 'plain'}:${session.envelope.rcptTo[0]?.address}`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, accepted, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const mail = (to: string, messageId: string) => ({
  messageId,
  from: 'noreply@promise-cycle.test',
  to,
  subject: 'Test',
  text: 'Hej',
});

describe('the SMTP socket (Nagle off, see openSmtpSocket)', () => {
  afterEach(() => closeSmtpPools());

  it('hands nodemailer a connected socket', async () => {
    const server = createServer((s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const socket = await open({ host: '127.0.0.1', port });
    expect(socket.remotePort).toBe(port);
    socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reports a refused connection as an error with its code', async () => {
    const port = await freePort();
    await expect(open({ host: '127.0.0.1', port })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a send to a server that is down fails, to be retried', async () => {
    const port = await freePort();
    await expect(
      smtpTransport(`smtp://127.0.0.1:${port}`).send(mail('a@example.se', '<down@test>'), {
        kind: 'reminder',
        messageHash: 'x',
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it.each([
    ['implicit TLS (smtps:)', true, 'smtps'],
    ['STARTTLS', false, 'smtp'],
  ])('still encrypts over %s', async (_name, secure, scheme) => {
    const server = await tlsSmtpServer(secure);
    try {
      const transport = smtpTransport(`${scheme}://127.0.0.1:${server.port}?tls.rejectUnauthorized=false`);
      await transport.send(mail('karin@example.se', `<tls-${scheme}@test>`), {
        kind: 'reminder',
        messageHash: 'x',
      });
      expect(server.accepted).toEqual(['tls:karin@example.se']);
    } finally {
      closeSmtpPools(); // before the server stops, which otherwise waits for the pooled connection
      await server.stop();
    }
  });
});
