import { TZDate } from '@date-fns/tz';
import { timeZone } from '../../domain/calendar';
import type { Notification } from '../../domain/notifications';
import type { Recipient } from '../../domain/people';
import type { Task } from '../../domain/tasks';
import { isBareDate } from './format';
import { date, lines, param, text, utc } from './icalendar';

/** A dated thing a notification is about, and the stable calendar identity of that thing. */
export interface InviteSubject {
  /** Stable across notifications about the same thing: an update replaces the earlier invite. */
  uid: string;
  summary: string;
  /** Date or ISO date-time. */
  at: string;
  /** Events with a time last this long; bare dates become all-day events. */
  minutes: number;
}

const uidDomain = 'promise-cycle.local';
const uidFor = (workflowId: string, subject: string): string =>
  `${workflowId}.${subject}`.replace(/[^A-Za-z0-9._-]/g, '_') + `@${uidDomain}`;

/** The calendar subject of a task: its activity, follow-up, gate, dialogue, or the task itself. */
function taskSubject(task: Task): string {
  const s = task.subject;
  if (s.activityId) return `activity.${s.activityId}.end`;
  if (s.followUpId) return `follow-up.${s.followUpId}`;
  if (s.gate) return `signature.${s.gate}`;
  if (s.dialogueKind) return `staff-dialogue.${s.dialogueKind}`;
  return `task.${task.id}`;
}

/** Which notifications carry an invite, and for what. Overdue notices and summaries do not. */
export function inviteSubjectFor(n: Notification, summary: string): InviteSubject | undefined {
  const wf = n.cycle.workflowId;
  switch (n.kind) {
    case 'staff-dialogue-invitation':
      return {
        uid: uidFor(wf, `staff-dialogue.${n.dialogueKind}`),
        summary,
        at: n.plannedDate,
        minutes: 120,
      };
    case 'activity-start':
      return { uid: uidFor(wf, `activity.${n.activity.id}.end`), summary, at: n.activity.end, minutes: 30 };
    case 'follow-up-due':
      return { uid: uidFor(wf, `follow-up.${n.followUp.id}`), summary, at: n.followUp.due, minutes: 30 };
    case 'signature-request':
      return { uid: uidFor(wf, `signature.${n.gate}`), summary, at: n.due, minutes: 30 };
    case 'reminder': {
      const subject = n.activity ? `activity.${n.activity.id}.end` : n.task ? taskSubject(n.task) : undefined;
      return subject ? { uid: uidFor(wf, subject), summary, at: n.due, minutes: 30 } : undefined;
    }
    case 'phase-task':
    case 'citizen-dialogue-planning':
    case 'feedback-reminder':
      return n.task ? { uid: uidFor(wf, taskSubject(n.task)), summary, at: n.due, minutes: 30 } : undefined;
    default:
      return undefined;
  }
}

/** Deadlines stored as the end of a local day (23:59:59) or midnight read best as all-day events. */
function asAllDay(at: string): string | undefined {
  if (isBareDate(at)) return at;
  const local = new TZDate(Date.parse(at), timeZone);
  const minutes = local.getHours() * 60 + local.getMinutes();
  if (minutes === 0 || minutes >= 23 * 60 + 59) {
    return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
  }
  return undefined;
}

export interface InviteInput {
  subject: InviteSubject;
  sequence: number;
  description: string;
  url?: string;
  organizer: { name: string; email: string };
  attendee: Recipient;
  language: 'sv' | 'en';
}

/** An iCalendar REQUEST with one event; times are written in UTC, all-day dates as Stockholm dates. */
export function renderInvite(input: InviteInput): string {
  const day = asAllDay(input.subject.at);
  const [start, end] = day
    ? (() => {
        const [y, m, d] = day.split('-').map(Number) as [number, number, number];
        return [new Date(Date.UTC(y, m - 1, d)), new Date(Date.UTC(y, m - 1, d + 1))];
      })()
    : [
        new Date(Date.parse(input.subject.at)),
        new Date(Date.parse(input.subject.at) + input.subject.minutes * 60_000),
      ];
  const { organizer, attendee } = input;
  return `${lines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//promise-cycle//promise-cycle//${input.language.toUpperCase()}`,
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${input.subject.uid}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${utc(new Date())}`,
    ...(day
      ? [
          `DTSTART;VALUE=DATE:${date(start)}`,
          `DTEND;VALUE=DATE:${date(end)}`,
          'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE',
        ]
      : [`DTSTART:${utc(start)}`, `DTEND:${utc(end)}`]),
    `SUMMARY:${text(input.subject.summary)}`,
    `DESCRIPTION:${text(input.description)}`,
    `ORGANIZER;CN=${param(organizer.name)}:mailto:${organizer.email}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE;CN=${param(attendee.name)}:mailto:${attendee.email}`,
    ...(input.url ? [`URL;VALUE=URI:${input.url}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ])}\r\n`;
}
