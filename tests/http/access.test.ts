import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AccessFileWatcher, csrfToken, openSession, sha256, signSession } from '../../http/access';
import { runCli } from '../cli/run-cli';

describe('personal access tokens', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promise-cycle-access-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('`promise-cycle access add` prints a token once and stores only its hash; the server picks it up without a restart', async () => {
    const watcher = new AccessFileWatcher(path.join(dir, 'access-tokens.json'));
    expect(watcher.size).toBe(0);
    const env = { ...process.env, DATA_DIR: dir, PROMISE_CYCLE_FROM_SOURCE: '1', LOG_LEVEL: 'silent' };
    const added = await runCli(
      ['access', 'add', '--email', 'Karin.Holm@example.se', '--name', 'Karin Holm', '--role', 'coordinator'],
      env,
    );
    expect(added.code).toBe(0);
    const token = added.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const stored = fs.readFileSync(path.join(dir, 'access-tokens.json'), 'utf8');
    expect(stored).not.toContain(token);
    expect(stored).toContain(sha256(token));
    expect(watcher.byToken(token)).toMatchObject({ email: 'karin.holm@example.se', role: 'coordinator' });
    expect(watcher.byToken(`${token}x`)).toBeUndefined();

    const badRole = await runCli(
      ['access', 'add', '--email', 'a@example.se', '--name', 'A', '--role', 'admin'],
      env,
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('role');
  });

  it('signs sessions: tampered or expired cookies are refused, and CSRF tokens are bound to the session', () => {
    const hash = sha256('some-token-0123456789abcdefghij');
    const cookie = signSession('k'.repeat(32), hash, Date.now() + 60_000);
    expect(openSession('k'.repeat(32), cookie)).toEqual({ tokenSha256: hash });
    expect(openSession('x'.repeat(32), cookie)).toBeUndefined();
    expect(
      openSession(
        'k'.repeat(32),
        cookie.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
      ),
    ).toBeUndefined();
    expect(openSession('k'.repeat(32), signSession('k'.repeat(32), hash, Date.now() - 1))).toBeUndefined();
    expect(csrfToken('k'.repeat(32), hash)).not.toBe(csrfToken('k'.repeat(32), sha256('another')));
  });
});
