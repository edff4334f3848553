import { type Phase, phaseLabels } from '../domain/phases';
import type { AgendaKind } from './agenda';
import type { PublicationStep } from '../domain/status';
import type { StepName } from '../domain/steps';

type Language = 'sv' | 'en';

/** Rule-violation messages and task titles in the cycle's language. */
const catalogue = {
  sv: {
    wrongPhase: (step: StepName, current: Phase, belongs: Phase[]) =>
      `Steget ${step} hör till fasen ${belongs.map((p) => `"${phaseLabels[p].sv}"`).join(' eller ')}, men cykeln är i fasen "${phaseLabels[current].sv}".`,
    notAllowed: (who: string, step: StepName, allowed: string) =>
      `${who} får inte utföra steget ${step}; det gör ${allowed}.`,
    unknownPerson: (who: string) => `${who} finns inte bland cykelns personer.`,
    futureDate: (field: string, date: string) =>
      `${field} (${date}) ligger i framtiden; registrera dialogen när den är genomförd.`,
    outsidePeriod: (field: string, date: string, start: string, end: string) =>
      `${field} (${date}) ligger utanför löftesperioden ${start} – ${end}.`,
    beforeStart: (field: string, date: string) => `${field} (${date}) ligger före aktivitetens start.`,
    tooFewDialogues: (recorded: number, minimum: number) =>
      `Minst ${minimum} medborgardialog(er) krävs innan fasen kan stängas; ${recorded} är registrerade.`,
    needNewDialogue:
      'En fördjupad medborgardialog har beställts: registrera minst en ny dialog innan fasen stängs.',
    unknownFocusArea: (id: string) => `Fokusområdet ${id} finns inte i den gemensamma lägesbilden.`,
    notPromiseArea: (id: string) => `Fokusområdet ${id} leder inte till ett medborgarlöfte.`,
    analysedAlready: (id: string) => `Fokusområdet ${id} är redan analyserat.`,
    wrongGate: (gate: string, current: string) =>
      `Dokumentet ${gate} kan inte hanteras nu; aktuell signeringsgrind är ${current}.`,
    noDocument: (gate: string) => `Det finns inget utkast till ${gate} att signera än.`,
    staleHash: (gate: string, version: number) =>
      `Signaturen gäller inte den aktuella versionen (${version}) av ${gate}; läs och signera den senaste versionen.`,
    notSignatory: (who: string) => `${who} är inte utsedd att signera.`,
    unknownActivity: (id: string) => `Aktiviteten ${id} finns inte i aktivitetsplanen.`,
    activityClosed: (id: string) => `Aktiviteten ${id} är redan avslutad.`,
    noActivityForArea: (id: string) => `Fokusområdet ${id} leder till ett löfte men saknar aktivitet.`,
    unknownAfter: (id: string, after: string) =>
      `Aktiviteten ${id} ska följa ${after}, som inte finns i planen.`,
    startsBeforeAfter: (id: string, start: string, after: string, end: string) =>
      `Aktiviteten ${id} börjar ${start}, innan ${after} som den ska följa är klar (${end}).`,
    notMeasurable: (id: string) =>
      `Effektmålet för ${id} är inte mätbart: ange ett tal i målvärde eller indikator.`,
    unknownFollowUp: (id: string) => `Uppföljningen ${id} finns inte eller är redan registrerad.`,
    unknownFeedback: (id: string) => `Återkopplingen ${id} finns inte eller är redan registrerad.`,
    noPublicationProblem: 'Diarieföring och publicering väntar inte på något nytt försök.',
    accepted: (step: StepName) => `Registrerat: ${step}.`,
  },
  en: {
    wrongPhase: (step: StepName, current: Phase, belongs: Phase[]) =>
      `The step ${step} belongs to the phase ${belongs.map((p) => `"${phaseLabels[p].en}"`).join(' or ')}, but the cycle is in the phase "${phaseLabels[current].en}".`,
    notAllowed: (who: string, step: StepName, allowed: string) =>
      `${who} may not perform ${step}; that is done by ${allowed}.`,
    unknownPerson: (who: string) => `${who} is not one of the cycle's people.`,
    futureDate: (field: string, date: string) =>
      `${field} (${date}) is in the future; record the dialogue once it has taken place.`,
    outsidePeriod: (field: string, date: string, start: string, end: string) =>
      `${field} (${date}) is outside the promise period ${start} – ${end}.`,
    beforeStart: (field: string, date: string) => `${field} (${date}) is before the activity starts.`,
    tooFewDialogues: (recorded: number, minimum: number) =>
      `At least ${minimum} citizen dialogue(s) are required before the phase can close; ${recorded} recorded.`,
    needNewDialogue:
      'A deeper citizen dialogue was ordered: record at least one new dialogue before closing the phase.',
    unknownFocusArea: (id: string) => `The focus area ${id} is not in the joint picture.`,
    notPromiseArea: (id: string) => `The focus area ${id} does not lead to a citizen promise.`,
    analysedAlready: (id: string) => `The focus area ${id} has already been analysed.`,
    wrongGate: (gate: string, current: string) =>
      `The ${gate} document cannot be handled now; the open signature gate is ${current}.`,
    noDocument: (gate: string) => `There is no ${gate} draft to sign yet.`,
    staleHash: (gate: string, version: number) =>
      `The signature is not for the current version (${version}) of the ${gate}; read and sign the latest version.`,
    notSignatory: (who: string) => `${who} is not a designated signatory.`,
    unknownActivity: (id: string) => `The activity ${id} is not in the activity plan.`,
    activityClosed: (id: string) => `The activity ${id} is already closed.`,
    noActivityForArea: (id: string) => `The focus area ${id} leads to a promise but has no activity.`,
    unknownAfter: (id: string, after: string) =>
      `The activity ${id} follows ${after}, which is not in the plan.`,
    startsBeforeAfter: (id: string, start: string, after: string, end: string) =>
      `The activity ${id} starts ${start}, before ${after}, which it follows, ends (${end}).`,
    notMeasurable: (id: string) =>
      `The effect goal of ${id} is not measurable: give a number in the target or the indicator.`,
    unknownFollowUp: (id: string) => `The follow-up ${id} does not exist or is already recorded.`,
    unknownFeedback: (id: string) => `The feedback ${id} does not exist or is already recorded.`,
    noPublicationProblem: 'Registration and publication are not waiting for a retry.',
    accepted: (step: StepName) => `Recorded: ${step}.`,
  },
};

export const texts = (language: Language) => catalogue[language];

const titles = {
  sv: {
    phase: (phase: Phase) => phaseLabels[phase].sv,
    closeDialogues: 'Genomför medborgardialoger och stäng fasen',
    analyse: (area: string) => `Problembeskrivning och orsaksanalys: ${area}`,
    draft: (gate: string) =>
      `Skriv utkast: ${gate === 'agreement' ? 'samverkansöverenskommelse' : 'medborgarlöfte'}`,
    sign: (gate: string) =>
      `Signera ${gate === 'agreement' ? 'samverkansöverenskommelsen' : 'medborgarlöftet'}`,
    activity: (title: string) => `Genomför och rapportera: ${title}`,
    followUp: (n: number) => `Uppföljning ${n}`,
    activityFollowUp: (title: string) => `Uppföljning av aktivitet: ${title}`,
    finalFollowUp: 'Årsuppföljning',
    feedback: (n: number) => `Återkoppling ${n} till medborgare och medarbetare`,
    retryPublication: (step: PublicationStep, reason: string) =>
      `${step === 'register' ? 'Diarieföringen' : 'Publiceringen'} av medborgarlöftet misslyckades (${reason}): åtgärda orsaken och försök igen`,
    staff: 'Medarbetare',
  },
  en: {
    phase: (phase: Phase) => phaseLabels[phase].en,
    closeDialogues: 'Hold citizen dialogues and close the phase',
    analyse: (area: string) => `Problem description and cause analysis: ${area}`,
    draft: (gate: string) =>
      `Draft the ${gate === 'agreement' ? 'collaboration agreement' : 'citizen promise'}`,
    sign: (gate: string) =>
      `Sign the ${gate === 'agreement' ? 'collaboration agreement' : 'citizen promise'}`,
    activity: (title: string) => `Carry out and report: ${title}`,
    followUp: (n: number) => `Follow-up ${n}`,
    activityFollowUp: (title: string) => `Activity follow-up: ${title}`,
    finalFollowUp: 'Year-end follow-up',
    feedback: (n: number) => `Feedback ${n} to citizens and staff`,
    retryPublication: (step: PublicationStep, reason: string) =>
      `${step === 'register' ? 'Registering' : 'Publishing'} the citizen promise failed (${reason}): fix the cause and try again`,
    staff: 'Staff',
  },
};

export const taskTitles = (language: Language) => titles[language];

const agendaLabels: Record<AgendaKind, { sv: string; en: string }> = {
  'task-reminder': { sv: 'Påminnelse', en: 'Reminder' },
  'task-overdue': { sv: 'Försenad uppgift', en: 'Overdue task' },
  'signature-reminder': { sv: 'Påminnelse om underskrift', en: 'Signature reminder' },
  'signature-overdue': { sv: 'Underskrift försenad', en: 'Signature overdue' },
  'activity-start': { sv: 'Aktiviteten startar', en: 'Activity starts' },
  'activity-reminder': { sv: 'Påminnelse före slutdatum', en: 'Reminder before the end date' },
  'activity-end': { sv: 'Aktiviteten ska vara klar', en: 'Activity due' },
  'activity-escalation': { sv: 'Eskaleras om förklaring saknas', en: 'Escalates without an explanation' },
  'follow-up-due': { sv: 'Uppföljning', en: 'Follow-up' },
  'follow-up-overdue': { sv: 'Uppföljning försenad', en: 'Follow-up overdue' },
  'follow-up-escalation': { sv: 'Uppföljning eskaleras', en: 'Follow-up escalates' },
  'feedback-due': {
    sv: 'Återkoppling till medborgare och medarbetare',
    en: 'Feedback to citizens and staff',
  },
  'feedback-overdue': { sv: 'Återkoppling försenad', en: 'Feedback overdue' },
  'period-end': { sv: 'Löftesperioden slutar', en: 'The promise period ends' },
};

/** "Aktiviteten startar: Trygghetsvandring" — what an upcoming agenda item means, for people. */
export const agendaLabel = (language: Language, kind: AgendaKind, subjectTitle?: string): string =>
  subjectTitle ? `${agendaLabels[kind][language]}: ${subjectTitle}` : agendaLabels[kind][language];
