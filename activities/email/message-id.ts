import { createHash } from 'node:crypto';

export const messageIdDomain = 'promise-cycle.local';

/**
 * The Message-ID of one notification to one recipient, derived from the business key only (never
 * a run id, attempt or time): every attempt to send the same email carries the same id, so the sent
 * ledger and the receiving side can recognise a repeat.
 */
export function messageHash(key: string, email: string): string {
  return createHash('sha256').update(`${key}\n${email.toLowerCase()}`).digest('hex');
}

export const messageIdFor = (key: string, email: string): string =>
  `<${messageHash(key, email)}@${messageIdDomain}>`;
