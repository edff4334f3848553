import { createHash } from 'node:crypto';
import type { Notification } from '../../domain/notifications';
import type { Recipient } from '../../domain/people';
import { inviteSubjectFor, renderInvite } from './calendar-invite';
import type { EmailTemplates } from './templates';
import { type LinkSettings, buildView } from './view-model';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  invite?: { uid: string; sequence: number; ics: string };
}

export interface RenderSettings extends LinkSettings {
  templates: EmailTemplates;
  organizer: { name: string; email: string };
  /** The calendar SEQUENCE for an invite UID, stable per notification key. */
  sequenceFor: (uid: string, key: string) => Promise<number>;
  now: Date;
}

/** A per-message nonce for the task link: unique per message, the same on every retry. */
const nonceFor = (messageId: string): string =>
  createHash('sha256').update(`link:${messageId}`).digest('base64url').slice(0, 22);

/** Renders one notification for one recipient: subject, HTML, text and, where dated, an invite. */
export async function renderEmail(
  n: Notification,
  recipient: Recipient,
  messageId: string,
  settings: RenderSettings,
): Promise<RenderedEmail> {
  const lang = n.cycle.language;
  const labels = settings.templates.labelsFor(lang);
  const draftView = buildView(n, recipient, {
    ...settings,
    nonce: nonceFor(messageId),
    hasInvite: false,
    labels,
  });
  const subject = settings.templates.subject(lang, draftView);
  const inviteSubject = inviteSubjectFor(n, subject);
  const view = inviteSubject ? { ...draftView, hasInvite: true } : draftView;
  const rendered = settings.templates.render(lang, n.kind, view);
  if (!inviteSubject) return rendered;
  const sequence = await settings.sequenceFor(inviteSubject.uid, n.key);
  const url = view.task?.link ?? view.cycleUrl;
  const ics = renderInvite({
    subject: inviteSubject,
    sequence,
    description: inviteDescription(rendered.text, subject, url),
    url,
    organizer: settings.organizer,
    attendee: recipient,
    language: lang,
  });
  return { ...rendered, invite: { uid: inviteSubject.uid, sequence, ics } };
}

/**
 * The calendar entry's description: which cycle, what, and the link; the email carries the rest.
 * (The whole email text made ical-generator's line folding, which encodes character by character,
 * the worker's largest single CPU cost in the national benchmark.)
 */
function inviteDescription(text: string, subject: string, url: string | undefined): string {
  const header = text.split('\n', 1)[0] ?? '';
  return [header, subject, url].filter(Boolean).join('\n');
}
