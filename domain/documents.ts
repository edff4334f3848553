import { roleLabels, type Recipient } from './people';
import type { CitizenDialogue, FocusArea, PlannedActivity, ProblemAnalysis } from './steps';

type Language = 'sv' | 'en';

export interface DocumentHeader {
  municipalityName: string;
  localPoliceArea: string;
  year: number;
  language: Language;
}

export interface AgreementInput {
  header: DocumentHeader;
  introduction: string;
  responsibilities: string;
  coordinators: Recipient[];
  jointPictureSummary: string;
  focusAreas: FocusArea[];
  analyses: ProblemAnalysis[];
  signatories: Recipient[];
}

/** The promise holds public parts only: nothing here may come from the internal intelligence picture. */
export interface PromiseInput {
  header: DocumentHeader;
  introduction: string;
  purpose: string;
  howCitizensCanFollow: string;
  jointPictureSummary: string;
  focusAreas: Pick<FocusArea, 'title' | 'targetPicture'>[];
  citizenDialogues: Pick<CitizenDialogue, 'form' | 'date'>[];
  staffDialogueCount: number;
  activities: Pick<PlannedActivity, 'title' | 'description' | 'start' | 'end' | 'effectGoal'>[];
  signatories: Pick<Recipient, 'name' | 'role'>[];
}

const words = {
  sv: {
    agreement: 'Samverkansöverenskommelse',
    promise: 'Medborgarlöfte',
    between: 'mellan Polisen, lokalpolisområde',
    and: 'och',
    introduction: 'Inledning',
    responsibilities: 'Ansvar och samordning',
    coordinators: 'Samordnare',
    jointPicture: 'Gemensam lägesbild',
    focusAreas: 'Fokusområden',
    targetPicture: 'Målbild',
    leadsToPromise: 'leder till medborgarlöfte',
    analysis: 'Problembeskrivning och orsaksanalys',
    causes: 'Orsaker',
    consequences: 'Konsekvenser',
    triangle: 'Problemtriangeln',
    purpose: 'Syfte',
    howProduced: 'Så togs lägesbilden fram',
    dialogues: (staff: number, citizens: string) =>
      `${staff} medarbetardialoger och medborgardialoger: ${citizens}.`,
    activities: 'Det här lovar vi',
    period: 'Period',
    effect: 'Effekt vi vill nå',
    follow: 'Så kan du följa arbetet',
    signatures: 'Underskrifter',
  },
  en: {
    agreement: 'Collaboration agreement',
    promise: 'Citizen promise',
    between: 'between the Police, local police area',
    and: 'and',
    introduction: 'Introduction',
    responsibilities: 'Responsibilities and coordination',
    coordinators: 'Coordinators',
    jointPicture: 'Joint situation picture',
    focusAreas: 'Focus areas',
    targetPicture: 'Target picture',
    leadsToPromise: 'leads to a citizen promise',
    analysis: 'Problem description and cause analysis',
    causes: 'Causes',
    consequences: 'Consequences',
    triangle: 'Problem-analysis triangle',
    purpose: 'Purpose',
    howProduced: 'How the picture was produced',
    dialogues: (staff: number, citizens: string) =>
      `${staff} staff dialogues and citizen dialogues: ${citizens}.`,
    activities: 'What we promise',
    period: 'Period',
    effect: 'Effect sought',
    follow: 'How you can follow the work',
    signatures: 'Signatures',
  },
} as const;

const day = (text: string): string => text.slice(0, 10);

function title(kind: 'agreement' | 'promise', h: DocumentHeader): string[] {
  const w = words[h.language];
  return [
    `# ${w[kind]} ${h.year}: ${h.municipalityName}`,
    '',
    `${w.between} ${h.localPoliceArea}, ${w.and} ${h.municipalityName}.`,
    '',
  ];
}

function signatureLines(people: Pick<Recipient, 'name' | 'role'>[], language: Language): string[] {
  return people.map((p) => `- ${p.name}, ${roleLabels[p.role][language]}: ____________________`);
}

/** The collaboration agreement, composed deterministically from the cycle's records. */
export function composeAgreement(input: AgreementInput): string {
  const w = words[input.header.language];
  const lines = [
    ...title('agreement', input.header),
    `## ${w.introduction}`,
    input.introduction,
    '',
    `## ${w.responsibilities}`,
    input.responsibilities,
    '',
    `${w.coordinators}: ${input.coordinators.map((c) => `${c.name} (${roleLabels[c.role][input.header.language]})`).join(', ')}`,
    '',
    `## ${w.jointPicture}`,
    input.jointPictureSummary,
    '',
    `## ${w.focusAreas}`,
  ];
  for (const area of input.focusAreas) {
    lines.push(
      `### ${area.title}${area.leadsToPromise ? ` (${w.leadsToPromise})` : ''}`,
      area.description,
      `${w.targetPicture}: ${area.targetPicture}`,
      '',
    );
    const analysis = input.analyses.find((a) => a.focusAreaId === area.id);
    if (!analysis) continue;
    const p = analysis.problem;
    lines.push(
      `#### ${w.analysis}`,
      `${p.what} (${p.where}; ${p.when}; ${p.who}; ${p.affected})`,
      `${w.causes}: ${analysis.causes.map((c) => `${c.description} [${c.level}]`).join('; ')}`,
      `${w.consequences}: ${analysis.consequences.map((c) => `${c.description} [${c.level}]`).join('; ')}`,
      `${w.triangle}: ${[analysis.triangle.offender, analysis.triangle.target, analysis.triangle.place].join(' / ')}`,
      '',
    );
  }
  lines.push(`## ${w.signatures}`, ...signatureLines(input.signatories, input.header.language));
  return lines.join('\n');
}

/** The citizen promise: public parts only, composed deterministically from the cycle's records. */
export function composePromise(input: PromiseInput): string {
  const w = words[input.header.language];
  const dialogues = input.citizenDialogues.map((d) => `${d.form} ${day(d.date)}`).join(', ');
  const lines = [
    ...title('promise', input.header),
    `## ${w.introduction}`,
    input.introduction,
    '',
    `## ${w.purpose}`,
    input.purpose,
    '',
    `## ${w.jointPicture}`,
    input.jointPictureSummary,
    '',
    `${w.howProduced}: ${w.dialogues(input.staffDialogueCount, dialogues)}`,
    '',
    `## ${w.focusAreas}`,
    ...input.focusAreas.map((f) => `- ${f.title}. ${w.targetPicture}: ${f.targetPicture}`),
    '',
    `## ${w.activities}`,
  ];
  for (const a of input.activities) {
    lines.push(
      `### ${a.title}`,
      a.description,
      `${w.period}: ${day(a.start)} – ${day(a.end)}`,
      `${w.effect}: ${a.effectGoal.description} (${a.effectGoal.indicator}: ${a.effectGoal.target}, ${day(a.effectGoal.by)})`,
      '',
    );
  }
  lines.push(
    `## ${w.follow}`,
    input.howCitizensCanFollow,
    '',
    `## ${w.signatures}`,
    ...signatureLines(input.signatories, input.header.language),
  );
  return lines.join('\n');
}
