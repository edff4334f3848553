import type { Notification } from '../../domain/notifications';
import { type Recipient, type Role, roleLabels } from '../../domain/people';
import { type Phase, phaseLabels } from '../../domain/phases';
import { createTaskLink, taskLinkUrl } from '../../lib/task-links';
import { type Language, formatDay, formatWhen } from './format';
import type { Labels } from './templates';

export interface LinkSettings {
  publicBaseUrl: string;
  linkSigningKey: string;
}

/** What the recipient can do about the task: a personal link and the CLI command, or only the cycle page. */
export interface TaskView {
  id: string;
  title: string;
  step: string;
  due?: string;
  /** Set only when the recipient is one of the task's assignees. */
  link?: string;
  cli?: string;
}

export interface EmailView {
  lang: Language;
  kind: Notification['kind'];
  n: Notification;
  recipient: { name: string; role: string };
  cycle: { workflowId: string; municipality: string; year: number; region: string; localPoliceArea: string };
  phase?: string;
  task?: TaskView;
  cycleUrl: string;
  hasInvite: boolean;
  labels: Labels;
  when: (text: string) => string;
  day: (text: string) => string;
  roleLabel: (role: Role) => string;
  phaseLabel: (phase: Phase) => string;
}

const isAssignee = (n: Notification, recipient: Recipient): boolean =>
  Boolean(n.task) &&
  (n.task!.assignees.length === 0 ||
    n.task!.assignees.some((a) => a.email.toLowerCase() === recipient.email.toLowerCase()));

/** The phase the email is about: the notification's own, else its task's. */
const phaseOf = (n: Notification): Phase | undefined => (n.kind === 'phase-task' ? n.phase : n.task?.phase);

export function buildView(
  n: Notification,
  recipient: Recipient,
  settings: LinkSettings & { nonce: string; now: Date; hasInvite: boolean; labels: Labels },
): EmailView {
  const lang = n.cycle.language;
  const base = settings.publicBaseUrl.replace(/\/+$/, '');
  let task: TaskView | undefined;
  if (n.task) {
    task = {
      id: n.task.id,
      title: n.task.title,
      step: n.task.step,
      due: n.task.due ? formatWhen(n.task.due, lang) : undefined,
    };
    if (isAssignee(n, recipient)) {
      const token = createTaskLink(settings.linkSigningKey, {
        workflowId: n.cycle.workflowId,
        taskId: n.task.id,
        email: recipient.email,
        due: n.task.due,
        nonce: settings.nonce,
        now: settings.now,
      });
      task.link = taskLinkUrl(base, token);
      task.cli = `promise-cycle ${n.task.step} --cycle ${n.cycle.workflowId} --as ${recipient.email} ${n.task.step}.yaml`;
    }
  }
  const phase = phaseOf(n);
  return {
    lang,
    kind: n.kind,
    n,
    recipient: { name: recipient.name, role: roleLabels[recipient.role][lang] },
    cycle: {
      workflowId: n.cycle.workflowId,
      municipality: n.cycle.municipalityName,
      year: n.cycle.year,
      region: n.cycle.region,
      localPoliceArea: n.cycle.localPoliceArea,
    },
    phase: phase ? phaseLabels[phase][lang] : undefined,
    task,
    cycleUrl: `${base}/dashboard/cycles/${encodeURIComponent(n.cycle.workflowId)}`,
    hasInvite: settings.hasInvite,
    labels: settings.labels,
    when: (text) => formatWhen(text, lang),
    day: (text) => formatDay(text, lang),
    roleLabel: (role) => roleLabels[role][lang],
    phaseLabel: (p) => phaseLabels[p][lang],
  };
}
