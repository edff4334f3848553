import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from './access';

/**
 * Task links that completed their task, kept as hashes in `${DATA_DIR}/used-task-links.jsonl`.
 * The cycle is the authority (a done task is no longer open); this record also refuses a link
 * whose task was reopened or is being replayed, and survives restarts.
 */
export class UsedLinks {
  private readonly used = new Set<string>();
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'used-task-links.jsonl');
    if (fs.existsSync(this.file)) {
      for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const entry = JSON.parse(line) as { hash?: string };
          if (entry.hash) this.used.add(entry.hash);
        } catch {
          // A torn last line after a crash: the cycle's own state still refuses the link.
        }
      }
    }
  }

  has(token: string): boolean {
    return this.used.has(sha256(token));
  }

  add(token: string, info: { workflowId: string; taskId: string; email: string }): void {
    const hash = sha256(token);
    if (this.used.has(hash)) return;
    this.used.add(hash);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.appendFileSync(this.file, `${JSON.stringify({ hash, ...info, at: new Date().toISOString() })}\n`);
  }
}
