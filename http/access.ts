import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EmailSchema } from '../domain/people';

/**
 * Per-person access for managers and coordinators. Tokens live in `${DATA_DIR}/access-tokens.json`
 * (or the file named by ACCESS_TOKENS_FILE), ideally as SHA-256 hashes so the file holds no secret.
 * Coordinators may start cycles and record steps; managers read.
 */
export const accessRoles = ['manager', 'coordinator'] as const;
export type AccessRole = (typeof accessRoles)[number];

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash (64 hex characters)');
const AccessEntrySchema = z
  .object({
    name: z.string().trim().min(1),
    email: EmailSchema,
    role: z.enum(accessRoles),
    token: z.string().min(24, 'a token of at least 24 characters').optional(),
    tokenSha256: Hex64.optional(),
  })
  .refine((e) => e.token || e.tokenSha256, { message: 'give token or tokenSha256', path: ['token'] });
export const AccessFileSchema = z.object({ people: z.array(AccessEntrySchema) });
export type AccessFile = z.infer<typeof AccessFileSchema>;

export interface Principal {
  name: string;
  email: string;
  role: AccessRole;
  tokenSha256: string;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function accessFilePath(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.ACCESS_TOKENS_FILE ?? path.join(dataDir, 'access-tokens.json');
}

export interface AccessLookup {
  readonly size: number;
  byToken(token: string): Principal | undefined;
  byTokenHash(hash: string): Principal | undefined;
}

export class AccessList implements AccessLookup {
  private readonly byHash: Map<string, Principal>;

  constructor(file: AccessFile) {
    this.byHash = new Map(
      file.people.map((p) => {
        const tokenSha256 = p.tokenSha256 ?? sha256(p.token as string);
        return [tokenSha256, { name: p.name, email: p.email, role: p.role, tokenSha256 }];
      }),
    );
  }

  static fromFile(file: string): AccessList {
    if (!fs.existsSync(file)) return new AccessList({ people: [] });
    const parsed = AccessFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    return new AccessList(parsed.data);
  }

  get size(): number {
    return this.byHash.size;
  }

  byToken(token: string): Principal | undefined {
    return this.byTokenHash(sha256(token));
  }

  byTokenHash(hash: string): Principal | undefined {
    if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
    for (const [known, principal] of this.byHash) {
      if (timingSafeEqual(Buffer.from(known, 'hex'), Buffer.from(hash, 'hex'))) return principal;
    }
    return undefined;
  }
}

/** The session cookie carries the token's hash, signed, so revoking the token in the file ends the session. */
export function signSession(secret: string, tokenSha256: string, expiresAt: number): string {
  const body = `${tokenSha256}.${expiresAt}`;
  return `${body}.${createHmac('sha256', secret).update(`session:${body}`).digest('base64url')}`;
}

export function openSession(
  secret: string,
  cookie: string | undefined,
  now = Date.now(),
): { tokenSha256: string } | undefined {
  const parts = cookie?.split('.');
  if (!parts || parts.length !== 3) return undefined;
  const [hash, exp, mac] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`session:${hash}.${exp}`).digest('base64url');
  if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected)))
    return undefined;
  if (!(Number(exp) > now)) return undefined;
  return { tokenSha256: hash };
}

/** Double-submit token for cookie-session form POSTs, bound to the session. */
export const csrfToken = (secret: string, tokenSha256: string): string =>
  createHmac('sha256', secret).update(`csrf:${tokenSha256}`).digest('base64url');

/** The access file, re-read when it changes, so `promise-cycle access add` takes effect without a restart. */
export class AccessFileWatcher implements AccessLookup {
  private list = new AccessList({ people: [] });
  private seen = '';

  constructor(private readonly file: string) {
    this.current();
  }

  private current(): AccessList {
    const stat = fs.statSync(this.file, { throwIfNoEntry: false });
    const version = stat ? `${stat.mtimeMs}:${stat.size}` : 'none';
    if (version !== this.seen) {
      this.list = AccessList.fromFile(this.file);
      this.seen = version;
    }
    return this.list;
  }

  get size(): number {
    return this.current().size;
  }

  byToken(token: string): Principal | undefined {
    return this.current().byToken(token);
  }

  byTokenHash(hash: string): Principal | undefined {
    return this.current().byTokenHash(hash);
  }
}
