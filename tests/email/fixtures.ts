import type { ActivityRef, CycleRef, Notification } from '../../domain/notifications';
import type { Recipient } from '../../domain/people';
import type { Task } from '../../domain/tasks';

export const workflowId = 'promise-cycle-0380-2027';

export const cycle = (language: 'sv' | 'en' = 'sv'): CycleRef => ({
  workflowId,
  municipalityCode: '0380',
  municipalityName: 'Uppsala',
  region: 'Uppsala län',
  localPoliceArea: 'LPO Uppsala',
  year: 2027,
  language,
});

export const people = {
  police: { name: 'Åsa Öberg', email: 'asa.oberg@polisen.example', role: 'policeCoordinator' },
  municipal: {
    name: 'Jörgen Ängström',
    email: 'jorgen.angstrom@uppsala.example',
    role: 'municipalCoordinator',
  },
  chief: { name: 'Märta Lindqvist', email: 'marta.lindqvist@polisen.example', role: 'lpoChief' },
  representative: {
    name: 'Göran Nyström',
    email: 'goran.nystrom@uppsala.example',
    role: 'municipalRepresentative',
  },
  staff: { name: 'Björn Åkesson', email: 'bjorn.akesson@polisen.example', role: 'staff' },
  leader: { name: 'Karin Söderlund', email: 'karin.soderlund@polisen.example', role: 'workGroupLeader' },
  communicator: { name: 'Lena Hägg', email: 'lena.hagg@uppsala.example', role: 'communicator' },
} satisfies Record<string, Recipient>;

const coordinators = [people.police, people.municipal];

export const activity: ActivityRef = {
  id: 'a1',
  title: 'Trygghetsvandring i Gränby <centrum> & parken',
  focusArea: 'Otrygghet kring Gränby centrum',
  responsible: people.staff,
  start: '2027-03-01T07:00:00Z',
  end: '2027-06-25T10:00:00Z',
  productionGoal: 'Fyra vandringar med minst 20 deltagare',
  effectGoal: 'Fler känner sig trygga kvällstid',
  followUpDate: '2027-09-01',
};

const task = (t: Partial<Task> & Pick<Task, 'id' | 'step' | 'phase' | 'title' | 'assignees'>): Task => ({
  subject: {},
  ...t,
});

/** One notification of every kind, as the workflow would send them. */
export function everyKind(language: 'sv' | 'en' = 'sv'): Notification[] {
  const c = cycle(language);
  const k = (subject: string, kind: string, occurrence = '1'): string =>
    `${workflowId}/${subject}/${kind}/${occurrence}`;
  return [
    {
      kind: 'phase-task',
      key: k('record-situation-picture', 'phase-task'),
      cycle: c,
      to: coordinators,
      phase: 'situation-picture',
      due: '2027-02-15T16:00:00Z',
      carryOver: {
        previousWorkflowId: 'promise-cycle-0380-2026',
        finalFollowUp: 'Otryggheten i Gränby minskade <tydligt>.\nFortsätt vandringarna under vintern.',
        renewableFocusAreas: [
          { id: 'granby', title: 'Tryggare Gränby', targetPicture: 'Fler känner sig trygga kvällstid' },
        ],
        outcomes: [{ activity: 'Trygghetsvandringar', state: 'done', outcome: '12 vandringar genomförda' }],
      },
      task: task({
        id: 'record-situation-picture',
        step: 'record-situation-picture',
        phase: 'situation-picture',
        title: 'Ta fram den lokala lägesbilden',
        assignees: coordinators,
        due: '2027-02-15T16:00:00Z',
      }),
    },
    {
      kind: 'staff-dialogue-invitation',
      key: k('staff-dialogue-what', 'staff-dialogue-invitation'),
      cycle: c,
      to: [people.staff, people.leader],
      dialogueKind: 'what',
      plannedDate: '2027-03-10T08:00:00Z',
      task: task({
        id: 'staff-dialogue-what',
        step: 'record-staff-dialogue',
        phase: 'staff-dialogue-what',
        title: 'Håll och dokumentera medarbetardialogen',
        assignees: [people.leader],
        due: '2027-03-20T16:00:00Z',
        subject: { dialogueKind: 'what' },
      }),
    },
    {
      kind: 'citizen-dialogue-planning',
      key: k('citizen-dialogues', 'citizen-dialogue-planning'),
      cycle: c,
      to: coordinators,
      minimum: 2,
      recorded: 1,
      deeperDialogue: {
        reason: 'För få unga har hörts',
        questions: ['Var känner du dig otrygg?', 'Vad skulle göra skillnad?'],
      },
      due: '2027-04-30T15:00:00Z',
      task: task({
        id: 'citizen-dialogues',
        step: 'record-citizen-dialogue',
        phase: 'citizen-dialogues',
        title: 'Genomför och registrera medborgardialoger',
        assignees: coordinators,
        due: '2027-04-30T15:00:00Z',
      }),
    },
    {
      kind: 'signature-request',
      key: k('sign-agreement', 'signature-request'),
      cycle: c,
      to: [people.chief, people.representative],
      gate: 'agreement',
      documentVersion: 2,
      contentHash: 'a'.repeat(64),
      documentText: 'Polisen och Uppsala kommun är överens om att <b>minska</b> otryggheten i Gränby.',
      due: '2027-05-20T14:00:00Z',
      task: task({
        id: 'sign-agreement',
        step: 'sign',
        phase: 'agreement',
        title: 'Underteckna samverkansöverenskommelsen',
        assignees: [people.chief, people.representative],
        due: '2027-05-20T14:00:00Z',
        subject: { gate: 'agreement' },
      }),
    },
    {
      kind: 'activity-start',
      key: k('activity-a1', 'activity-start'),
      cycle: c,
      to: [people.staff],
      activity,
      task: task({
        id: 'activity-a1-complete',
        step: 'complete-activity',
        phase: 'implementation',
        title: 'Genomför aktiviteten',
        assignees: [people.staff],
        due: activity.end,
        subject: { activityId: 'a1' },
      }),
    },
    {
      kind: 'reminder',
      key: k('activity-a1', 'reminder'),
      cycle: c,
      to: [people.staff],
      about: 'activity-end',
      title: activity.title,
      due: activity.end,
      activity,
      task: task({
        id: 'activity-a1-complete',
        step: 'complete-activity',
        phase: 'implementation',
        title: 'Genomför aktiviteten',
        assignees: [people.staff],
        due: activity.end,
        subject: { activityId: 'a1' },
      }),
    },
    {
      kind: 'overdue',
      key: k('activity-a1', 'overdue'),
      cycle: c,
      to: [people.staff],
      about: 'activity-end',
      title: activity.title,
      due: activity.end,
      escalatesAt: '2027-06-30T10:00:00Z',
      task: task({
        id: 'activity-a1-explain',
        step: 'explain-deviation',
        phase: 'implementation',
        title: 'Förklara avvikelsen',
        assignees: [people.staff],
        subject: { activityId: 'a1' },
      }),
    },
    {
      kind: 'escalation',
      key: k('activity-a1', 'escalation'),
      cycle: c,
      to: [people.chief, ...coordinators],
      activity,
      lateSince: activity.end,
      workingDaysLate: 3,
      task: task({
        id: 'activity-a1-explain',
        step: 'explain-deviation',
        phase: 'implementation',
        title: 'Förklara avvikelsen',
        assignees: [people.staff],
        subject: { activityId: 'a1' },
      }),
    },
    {
      kind: 'follow-up-due',
      key: k('follow-up-q2', 'follow-up-due'),
      cycle: c,
      to: coordinators,
      followUp: { id: 'q2', title: 'Uppföljning andra kvartalet', due: '2027-07-01T14:00:00Z', activity },
      task: task({
        id: 'follow-up-q2',
        step: 'record-follow-up',
        phase: 'implementation',
        title: 'Följ upp andra kvartalet',
        assignees: coordinators,
        due: '2027-07-01T14:00:00Z',
        subject: { followUpId: 'q2' },
      }),
    },
    {
      kind: 'feedback-reminder',
      key: k('feedback-2027-05', 'feedback-reminder'),
      cycle: c,
      to: [people.communicator],
      due: '2027-05-31T14:00:00Z',
      draft: {
        period: { from: '2027-04-01', to: '2027-04-30' },
        activities: [
          {
            id: 'a1',
            title: activity.title,
            state: 'on-track',
            latest: 'Två vandringar klara, 35 deltagare',
          },
        ],
        deviations: [
          {
            activityId: 'a2',
            title: 'Belysning i tunneln',
            explanation: 'Leveransen av armaturer är försenad',
          },
        ],
        completed: 0,
        total: 2,
      },
      task: task({
        id: 'feedback-2027-05',
        step: 'record-feedback',
        phase: 'implementation',
        title: 'Återkoppla till medborgare och medarbetare',
        assignees: [people.communicator],
        due: '2027-05-31T14:00:00Z',
        subject: { feedbackId: '2027-05' },
      }),
    },
    {
      kind: 'delivery-failure',
      key: k('activity-a1/activity-start/1', 'delivery-failure', 'failed'),
      cycle: c,
      to: coordinators,
      failed: [
        {
          kind: 'activity-start',
          recipient: people.staff,
          reason: 'rejected by the mail server at RCPT TO: 550 mailbox unavailable',
        },
      ],
    },
    {
      kind: 'cycle-summary',
      key: k('year-end', 'cycle-summary'),
      cycle: c,
      to: [people.chief, ...coordinators],
      report: {
        promiseRecordNumber: 'A123.456/2027',
        activities: [
          { id: 'a1', title: activity.title, state: 'done', outcome: 'Fem vandringar, 92 deltagare' },
        ],
        followUps: [
          {
            id: 'q2',
            summary: 'Vandringarna genomfördes enligt plan.',
            effect: 'Tryggheten ökade något i enkäten.',
          },
        ],
        feedbackGiven: 6,
        escalations: { raised: 1, resolved: 1 },
        citizenDialogues: 3,
        staffDialogues: 2,
        nextCycle: {
          workflowId: 'promise-cycle-0380-2028',
          renewedFocusAreas: ['Otrygghet kring Gränby centrum'],
        },
      },
    },
  ];
}
