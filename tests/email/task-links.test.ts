import { createTaskLink, linkMarginAfterDueMs, taskLinkUrl, verifyTaskLink } from '../../lib/task-links';

const key = 'a-long-enough-signing-key-for-tests';
const now = new Date('2027-03-01T10:00:00Z');
const input = {
  workflowId: 'promise-cycle-0380-2027',
  taskId: 'sign-agreement',
  email: 'Asa.Oberg@Polisen.example',
  due: '2027-03-20T16:00:00Z',
  now,
};

describe('task links', () => {
  it('verifies a link and returns the claims it is bound to', () => {
    const result = verifyTaskLink(key, createTaskLink(key, input), now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.claims).toMatchObject({
      wf: input.workflowId,
      task: 'sign-agreement',
      email: 'asa.oberg@polisen.example',
    });
    expect(result.claims.exp * 1000).toBe(Date.parse(input.due) + linkMarginAfterDueMs);
  });

  it('gives each link a different nonce unless one is given', () => {
    expect(createTaskLink(key, input)).not.toBe(createTaskLink(key, input));
    expect(createTaskLink(key, { ...input, nonce: 'fixed-nonce-1' })).toBe(
      createTaskLink(key, { ...input, nonce: 'fixed-nonce-1' }),
    );
  });

  it('refuses a token whose claims were changed', () => {
    const [payload, signature] = createTaskLink(key, input).split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, email: 'someone.else@polisen.example' })).toString(
      'base64url',
    );
    expect(verifyTaskLink(key, `${forged}.${signature}`, now)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a token signed with another key, an expired one and garbage', () => {
    const token = createTaskLink(key, input);
    expect(verifyTaskLink('another-signing-key-of-length', token, now)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
    expect(
      verifyTaskLink(key, token, new Date(Date.parse(input.due) + linkMarginAfterDueMs + 1000)),
    ).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyTaskLink(key, 'not-a-token', now)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyTaskLink(key, `${token}x.y`, now)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('refuses a short signing key and builds the public address', () => {
    expect(() => createTaskLink('short', input)).toThrow(/LINK_SIGNING_KEY/);
    expect(taskLinkUrl('https://x.test/', 'abc.def')).toBe('https://x.test/t/abc.def');
  });
});
