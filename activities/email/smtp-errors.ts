/**
 * Whether a failed send can succeed later. Permanent: the server answered 5xx for this message or
 * recipient (550 mailbox unknown, 553 bad address, 552 too large), or nodemailer refused the
 * address itself. Everything else — connection refused or dropped, timeouts, 4xx (421 service
 * unavailable, 450/451 try later), authentication (an operator can fix the configuration) — is
 * temporary and left to Temporal's retry policy.
 */
export interface SendFailure {
  permanent: boolean;
  reason: string;
}

interface NodemailerError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

export function classifySendError(error: unknown): SendFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const detail = e.response || e.message || String(error);
  if (e.code === 'EAUTH') return { permanent: false, reason: `SMTP authentication failed: ${detail}` };
  if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600) {
    return {
      permanent: true,
      reason: `rejected by the mail server${e.command ? ` at ${e.command}` : ''}: ${detail}`,
    };
  }
  if (e.code === 'EENVELOPE' && e.responseCode === undefined)
    return { permanent: true, reason: `invalid envelope: ${detail}` };
  return { permanent: false, reason: `temporary mail failure${e.code ? ` (${e.code})` : ''}: ${detail}` };
}
