import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Personal task links: `${PUBLIC_BASE_URL}/t/{token}`. The token is `base64url(claims JSON) "."
 * base64url(HMAC-SHA256(LINK_SIGNING_KEY, first part))`, bound to one cycle, one task and one
 * recipient, and valid until `exp`. It is not encrypted: the claims hold nothing secret.
 */
export const TaskLinkClaimsSchema = z.strictObject({
  v: z.literal(1),
  /** Workflow id of the cycle. */
  wf: z.string().min(1),
  /** Task id within the cycle. */
  task: z.string().min(1),
  /** The recipient the link was made for (lower case). */
  email: z.email(),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int().positive(),
  /** Makes each link unique, so the HTTP layer can revoke or single-use one if it wants to. */
  nonce: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
});
export type TaskLinkClaims = z.infer<typeof TaskLinkClaimsSchema>;

/** How long a link stays valid after the task is due: late work must still be reportable. */
export const linkMarginAfterDueMs = 60 * 24 * 3600 * 1000;
/** Validity of a link for a task without a due date. */
export const linkValidityWithoutDueMs = 180 * 24 * 3600 * 1000;

const MIN_KEY_LENGTH = 16;

export interface CreateTaskLinkInput {
  workflowId: string;
  taskId: string;
  email: string;
  /** ISO date-time the task is due; the link expires a margin after it. */
  due?: string;
  /** Explicit expiry; overrides the due-date default. */
  expiresAt?: Date;
  nonce?: string;
  now?: Date;
}

export type VerifyResult =
  | { ok: true; claims: TaskLinkClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired'; message: string };

function assertKey(key: string): void {
  if (key.length < MIN_KEY_LENGTH)
    throw new Error(`LINK_SIGNING_KEY must be at least ${MIN_KEY_LENGTH} characters`);
}

const sign = (key: string, payload: string): Buffer => createHmac('sha256', key).update(payload).digest();

export function defaultExpiry(due: string | undefined, now: Date): Date {
  const dueMs = due ? Date.parse(due) : Number.NaN;
  const base = Number.isNaN(dueMs)
    ? now.getTime() + linkValidityWithoutDueMs
    : Math.max(dueMs, now.getTime()) + linkMarginAfterDueMs;
  return new Date(base);
}

/** Signs a link token for one recipient and one task. */
export function createTaskLink(key: string, input: CreateTaskLinkInput): string {
  assertKey(key);
  const now = input.now ?? new Date();
  const expiresAt = input.expiresAt ?? defaultExpiry(input.due, now);
  const claims = TaskLinkClaimsSchema.parse({
    v: 1,
    wf: input.workflowId,
    task: input.taskId,
    email: input.email.toLowerCase(),
    exp: Math.floor(expiresAt.getTime() / 1000),
    nonce: input.nonce ?? randomBytes(12).toString('base64url'),
  });
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${sign(key, payload).toString('base64url')}`;
}

/** Checks signature (constant time), shape and expiry; never throws on a bad token. */
export function verifyTaskLink(key: string, token: string, now: Date = new Date()): VerifyResult {
  assertKey(key);
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1] || !/^[A-Za-z0-9_-]+$/.test(parts[0] + parts[1])) {
    return { ok: false, reason: 'malformed', message: 'The link is not a task link.' };
  }
  const [payload, signature] = parts as [string, string];
  const expected = sign(key, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      reason: 'bad-signature',
      message: 'The link has been altered or was not issued by this system.',
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed', message: 'The link content is unreadable.' };
  }
  const parsed = TaskLinkClaimsSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      reason: 'malformed',
      message: `The link content is invalid: ${parsed.error.issues[0]?.message}`,
    };
  if (parsed.data.exp * 1000 <= now.getTime()) {
    return {
      ok: false,
      reason: 'expired',
      message: `The link expired on ${new Date(parsed.data.exp * 1000).toISOString()}.`,
    };
  }
  return { ok: true, claims: parsed.data };
}

/** The address of a personal task link. */
export const taskLinkUrl = (publicBaseUrl: string, token: string): string =>
  `${publicBaseUrl.replace(/\/+$/, '')}/t/${token}`;
