import type { Logger } from 'pino';
import { createLogger } from '../../lib/logger';
import type { CycleActivities } from '../../domain/activity-contract';
import { SentLedger } from './ledger';
import { type DeliveryFaults, notifyBatch } from './notify';
import { EmailTemplates } from './templates';
import { type MailTransport, outboxTransport, smtpTransport } from './transport';

export interface EmailDeps {
  dataDir: string;
  /** e.g. `https://medborgarloften.example.se`; task links are `${publicBaseUrl}/t/{token}`. */
  publicBaseUrl: string;
  linkSigningKey: string;
  /** `"Medborgarlöften <noreply@example.se>"` or a bare address. */
  mailFrom: string;
  /** Pooled SMTP delivery; without it every message is written to DATA_DIR/outbox/. */
  smtpUrl?: string;
  logger?: Logger;
  templatesDir?: string;
  now?: () => Date;
  /** Crash points for tests. */
  faults?: DeliveryFaults;
}

export function parseMailFrom(mailFrom: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom);
  if (match) return { name: match[1]!.trim() || match[2]!.trim(), email: match[2]!.trim() };
  return { name: mailFrom.trim(), email: mailFrom.trim() };
}

export function mailTransportFor(deps: Pick<EmailDeps, 'smtpUrl' | 'dataDir' | 'now'>): MailTransport {
  return deps.smtpUrl ? smtpTransport(deps.smtpUrl) : outboxTransport(deps.dataDir, deps.now);
}

/** The `notify` activity: renders each notification per recipient and delivers it exactly once. */
export function createEmailActivities(deps: EmailDeps): Pick<CycleActivities, 'notify'> {
  const templates = new EmailTemplates(deps.templatesDir);
  const ledger = new SentLedger(deps.dataDir);
  const transport = mailTransportFor(deps);
  const logger = (deps.logger ?? createLogger()).child({ component: 'email' });
  const now = deps.now ?? (() => new Date());
  const organizer = parseMailFrom(deps.mailFrom);
  return {
    notify: (batch) =>
      notifyBatch(
        {
          transport,
          ledger,
          from: deps.mailFrom,
          logger,
          now,
          faults: deps.faults,
          render: {
            templates,
            organizer,
            publicBaseUrl: deps.publicBaseUrl,
            linkSigningKey: deps.linkSigningKey,
          },
        },
        batch,
      ),
  };
}

export { closeSmtpPools } from './transport';
