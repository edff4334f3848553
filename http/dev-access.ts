import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { accessFilePath, sha256 } from './access';

/**
 * Outside production, a fresh checkout gets one coordinator token so the dashboard can be opened
 * right after `npm start`: its hash goes to the access file, the token itself to
 * DATA_DIR/secrets/dashboard-token (mode 600). Does nothing when an access file exists.
 */
export function ensureDevAccess(dataDir: string): { tokenFile: string } | undefined {
  const accessFile = accessFilePath(dataDir);
  if (fs.existsSync(accessFile)) return undefined;
  const token = randomBytes(24).toString('base64url');
  const tokenFile = path.join(dataDir, 'secrets', 'dashboard-token');
  fs.mkdirSync(path.dirname(tokenFile), { recursive: true, mode: 0o700 });
  fs.writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  const people = [
    {
      name: 'Demo-samordnare',
      email: 'demo.samordnare@example.se',
      role: 'coordinator',
      tokenSha256: sha256(token),
    },
  ];
  fs.mkdirSync(path.dirname(accessFile), { recursive: true });
  fs.writeFileSync(accessFile, `${JSON.stringify({ people }, null, 2)}\n`, { mode: 0o600 });
  return { tokenFile };
}
