import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { DeliveryReport, Notification, NotificationKind } from '../../domain/notifications';
import { type Recipient, RoleSchema } from '../../domain/people';
import { customHeaders } from '../../lib/outbox';
import type { SentLedger } from './ledger';
import { messageHash, messageIdFor } from './message-id';
import { type RenderSettings, renderEmail } from './render';
import { classifySendError } from './smtp-errors';
import type { MailTransport } from './transport';

export const notificationKinds = [
  'phase-task',
  'staff-dialogue-invitation',
  'citizen-dialogue-planning',
  'signature-request',
  'activity-start',
  'reminder',
  'overdue',
  'escalation',
  'follow-up-due',
  'feedback-reminder',
  'delivery-failure',
  'cycle-summary',
] as const satisfies readonly NotificationKind[];
// Fails to compile when the domain gains a kind that has no templates here.
const _everyKindCovered: Exclude<NotificationKind, (typeof notificationKinds)[number]> extends never
  ? true
  : never = true;

/**
 * The envelope of each notification, checked at the activity boundary. Addresses are only checked
 * to be strings here: a malformed address fails that one recipient, not the batch.
 */
const NotificationEnvelopeSchema = z.looseObject({
  key: z.string().min(1, 'a notification needs a business key'),
  kind: z.enum(notificationKinds),
  cycle: z.looseObject({
    workflowId: z.string().min(1),
    municipalityName: z.string().min(1),
    year: z.number().int(),
    language: z.enum(['sv', 'en']),
  }),
  to: z.array(z.object({ name: z.string(), email: z.string(), role: RoleSchema })),
});
const BatchSchema = z
  .array(NotificationEnvelopeSchema)
  .refine(
    (b) => new Set(b.map((n) => n.key)).size === b.length,
    'business keys must be unique within a batch',
  );

const AddressSchema = z.email();

/** Server answers may quote the address ("450 <a@b>: try later"); logs name roles only. */
const withoutAddresses = (text: string): string => text.replace(/[^\s<>"'@]+@[^\s<>"']+/g, '[address]');

/** Crash points for tests: a hook that throws stands for the worker dying at that moment. */
export interface DeliveryFaults {
  /** After the server accepted a message, before the ledger write (the documented window). */
  afterAccepted?: (messageId: string) => void;
  /** After the ledger write, before the activity reports back. */
  afterRecorded?: (messageId: string) => void;
}

export interface NotifyDeps {
  transport: MailTransport;
  ledger: SentLedger;
  render: Omit<RenderSettings, 'now' | 'sequenceFor'>;
  from: string;
  logger: Logger;
  now: () => Date;
  faults?: DeliveryFaults;
}

/** Sends a batch: one message per notification and recipient, each at most once (see README). */
export async function notifyBatch(deps: NotifyDeps, batch: Notification[]): Promise<DeliveryReport[]> {
  const checked = BatchSchema.safeParse(batch);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw ApplicationFailure.nonRetryable(
      `Invalid notification batch at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      'InvalidNotification',
    );
  }
  const reports: DeliveryReport[] = [];
  for (const n of batch) reports.push(await deliver(deps, n));
  return reports;
}

/**
 * The recipients of one notification are sent to in parallel (each gets its own message). A
 * temporary failure is thrown only after the others have settled, so whatever was accepted is in
 * the ledger before Temporal retries.
 */
async function deliver(deps: NotifyDeps, n: Notification): Promise<DeliveryReport> {
  // Someone named twice (say, coordinator and activity owner) gets one message: same key, same Message-ID.
  const recipients = n.to.filter(
    (r, i) => n.to.findIndex((o) => o.email.toLowerCase() === r.email.toLowerCase()) === i,
  );
  const settled = await Promise.allSettled(recipients.map((recipient) => deliverOne(deps, n, recipient)));
  const temporary = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (temporary) throw temporary.reason;
  const messageIds: string[] = [];
  const failures: DeliveryReport['failures'] = [];
  settled.forEach((s, i) => {
    const outcome = (s as PromiseFulfilledResult<Outcome>).value;
    if (outcome.sent) messageIds.push(outcome.messageId);
    else failures.push({ recipient: recipients[i]!, reason: outcome.reason });
  });
  return { key: n.key, status: failures.length > 0 ? 'failed' : 'sent', messageIds, failures };
}

type Outcome = { sent: true; messageId: string } | { sent: false; reason: string };

function deliverOne(deps: NotifyDeps, n: Notification, recipient: Recipient): Promise<Outcome> {
  const messageId = messageIdFor(n.key, recipient.email);
  return deps.ledger.once(messageId, () => sendUnlessSent(deps, n, recipient, messageId));
}

async function sendUnlessSent(
  deps: NotifyDeps,
  n: Notification,
  recipient: Recipient,
  messageId: string,
): Promise<Outcome> {
  const log = deps.logger.child({ kind: n.kind, role: recipient.role, key: n.key });
  if (await deps.ledger.find(messageId)) {
    log.debug('email already sent; not sending again');
    return { sent: true, messageId };
  }
  if (!AddressSchema.safeParse(recipient.email).success) {
    log.warn({ outcome: 'failed' }, 'email not sent: invalid address syntax');
    return { sent: false, reason: 'invalid email address syntax' };
  }
  const now = deps.now();
  const rendered = await renderEmail(n, recipient, messageId, {
    ...deps.render,
    now,
    sequenceFor: (uid, key) => deps.ledger.sequenceFor(uid, key),
  });
  let response: string;
  try {
    ({ response } = await deps.transport.send(
      {
        messageId,
        from: deps.from,
        to: { name: recipient.name, address: recipient.email },
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        // Chosen, not detected: nodemailer's detection scans every text and quoted-printable encodes
        // character by character; base64 is native and every mail client reads it.
        textEncoding: 'base64',
        date: now,
        headers: {
          [customHeaders.kind]: n.kind,
          [customHeaders.role]: recipient.role,
          [customHeaders.key]: n.key,
        },
        icalEvent: rendered.invite
          ? {
              method: 'REQUEST',
              filename: n.cycle.language === 'sv' ? 'inbjudan.ics' : 'invitation.ics',
              content: rendered.invite.ics,
            }
          : undefined,
      },
      { kind: n.kind, messageHash: messageHash(n.key, recipient.email) },
    ));
  } catch (error) {
    const failure = classifySendError(error);
    if (failure.permanent) {
      log.warn({ outcome: 'failed', mode: deps.transport.mode }, 'email rejected permanently');
      return { sent: false, reason: failure.reason };
    }
    log.warn(
      { outcome: 'retry', mode: deps.transport.mode, error: withoutAddresses(failure.reason) },
      'email delivery failed temporarily',
    );
    throw ApplicationFailure.retryable(withoutAddresses(failure.reason), 'TemporaryMailFailure');
  }
  deps.faults?.afterAccepted?.(messageId);
  await deps.ledger.recordSent({
    messageId,
    key: n.key,
    kind: n.kind,
    role: recipient.role,
    sentAt: now.toISOString(),
    response,
  });
  deps.faults?.afterRecorded?.(messageId);
  log.info({ outcome: 'sent', mode: deps.transport.mode }, 'email sent');
  return { sent: true, messageId };
}
