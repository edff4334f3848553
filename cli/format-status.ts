import { listedCount, milestoneRows, type StatusDigest, type TrimmableList } from '../domain/status-digest';
import { formatDate, type Lang, phaseLabel, texts } from '../http/i18n';

const words = {
  sv: {
    phase: 'Fas',
    citizen: 'Medborgardialoger',
    atLeast: 'minst',
    staff: 'Medarbetardialoger',
    tasks: 'Öppna uppgifter',
    none: 'inga',
    activities: 'Aktiviteter',
    escalations: 'Öppna eskaleringar',
    overdue: 'Försenade',
    next: 'Kommande',
    due: 'senast',
    signatures: 'Underskrifter',
    signed: 'undertecknat',
    promise: 'Medborgarlöfte',
    deeper: 'fördjupad dialog beställd',
    what: 'VAD',
    how: 'HUR',
    done: 'klara',
    given: 'lämnade',
    overdueCount: 'försenade',
    nextOne: 'nästa',
    more: (n: number) => `… och ${n} till (alla: --json)`,
  },
  en: {
    phase: 'Phase',
    citizen: 'Citizen dialogues',
    atLeast: 'at least',
    staff: 'Staff dialogues',
    tasks: 'Open tasks',
    none: 'none',
    activities: 'Activities',
    escalations: 'Open escalations',
    overdue: 'Overdue',
    next: 'Upcoming',
    due: 'due',
    signatures: 'Signatures',
    signed: 'signed',
    promise: 'Citizen promise',
    deeper: 'deeper dialogue ordered',
    what: 'WHAT',
    how: 'HOW',
    done: 'done',
    given: 'given',
    overdueCount: 'overdue',
    nextOne: 'next',
    more: (n: number) => `… and ${n} more (all of them: --json)`,
  },
};

/** The readable `status` summary: phase, open tasks, activities, escalations and next dates. */
export function formatStatus(s: StatusDigest, lang: Lang = s.cycle.language): string {
  const w = words[lang];
  const t = texts(lang);
  const d = (v?: string) => formatDate(lang, v);
  /** The line for entries the digest left out of a list to stay small (none: nothing). */
  const more = (list: TrimmableList): string[] => {
    const n = s.omitted?.[list];
    return n ? [`  ${w.more(n)}`] : [];
  };
  const lines = [
    `${s.cycle.municipalityName} ${s.cycle.year} (${s.cycle.workflowId}) · ${s.cycle.region} · ${s.cycle.localPoliceArea}`,
    `${w.phase} ${s.progress.index}/${s.progress.of}: ${phaseLabel(lang, s.phase)}`,
    `${w.citizen}: ${s.citizenDialogues.recorded} (${w.atLeast} ${s.citizenDialogues.minimum})${s.citizenDialogues.deeperDialogueOrdered ? ` · ${w.deeper}` : ''} · ${w.staff}: ${w.what} ${s.staffDialogues.what ? '✓' : '–'} ${w.how} ${s.staffDialogues.how ? '✓' : '–'}`,
    '',
    `${w.tasks}:`,
    ...(s.openTasks.length
      ? s.openTasks.map(
          (task) =>
            `  - ${task.title} [${task.step}] · ${task.assignees.join(', ')}${task.due ? ` · ${w.due} ${d(task.due)}` : ''}`,
        )
      : s.omitted?.openTasks
        ? []
        : [`  ${w.none}`]),
    ...more('openTasks'),
  ];
  if (s.signatures.length) {
    lines.push('', `${w.signatures}:`);
    for (const g of s.signatures)
      lines.push(
        `  - ${t.gates[g.gate]} v${g.version}: ${g.signed}/${g.of} ${w.signed}${g.complete ? ' ✓' : ''}`,
      );
  }
  if (listedCount(s, 'activities')) {
    lines.push('', `${w.activities}:`);
    for (const a of s.activities) {
      const pct = a.percentComplete === undefined ? '' : ` ${a.percentComplete} %`;
      lines.push(
        `  - ${a.title} · ${a.responsible} · ${d(a.start)}–${d(a.end)} · ${t.activityStates[a.state]}${pct}`,
      );
    }
    lines.push(...more('activities'));
  }
  const milestones = milestoneRows(s, t.feedbackNo);
  if (milestones.length) lines.push('', `${t.followUpsAndFeedback}:`);
  for (const m of milestones) {
    const [label, done] = m.kind === 'followUps' ? [t.followUpsLabel, w.done] : [t.feedbackRounds, w.given];
    const overdue = m.overdue ? ` · ${m.overdue} ${w.overdueCount}` : '';
    const next = m.next ? ` · ${w.nextOne}: ${m.next.title}, ${w.due} ${d(m.next.due)}` : '';
    lines.push(`  ${label}: ${t.doneOf(m.done, m.of)} ${done}${overdue}${next}`);
  }
  lines.push('', `${w.escalations}: ${listedCount(s, 'openEscalations')} · ${w.overdue}: ${s.overdueCount}`);
  for (const e of s.openEscalations) lines.push(`  ! ${e.title} (${d(e.raisedAt)})`);
  lines.push(...more('openEscalations'));
  if (s.promise?.publicUrl)
    lines.push(
      `${w.promise}: ${s.promise.publicUrl}${s.promise.recordNumber ? ` · ${s.promise.recordNumber}` : ''}`,
    );
  if (s.nextEvents.length) {
    lines.push('', `${w.next}:`);
    for (const e of s.nextEvents) lines.push(`  - ${d(e.at)}: ${e.what}`);
  }
  return lines.join('\n');
}
