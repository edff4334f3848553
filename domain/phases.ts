import { z } from 'zod';

/** The method's phases in order. Follow-up and feedback run alongside implementation. */
export const phases = [
  'initiation',
  'situation-picture',
  'staff-dialogue-what',
  'citizen-dialogues',
  'joint-picture',
  'problem-analysis',
  'agreement',
  'staff-dialogue-how',
  'activity-plan',
  'promise',
  'implementation',
  'year-end',
  'completed',
] as const;

export const PhaseSchema = z.enum(phases);
export type Phase = z.infer<typeof PhaseSchema>;

export const phaseIndex = (phase: Phase): number => phases.indexOf(phase);

export const phaseLabels: Record<Phase, { sv: string; en: string }> = {
  initiation: { sv: 'Initiera samverkan', en: 'Initiate collaboration' },
  'situation-picture': { sv: 'Lokal lägesbild', en: 'Local situation picture' },
  'staff-dialogue-what': { sv: 'Medarbetardialog – VAD', en: 'Staff dialogue – WHAT' },
  'citizen-dialogues': { sv: 'Medborgardialoger', en: 'Citizen dialogues' },
  'joint-picture': { sv: 'Gemensam lägesbild och fokusområden', en: 'Joint picture and focus areas' },
  'problem-analysis': { sv: 'Problembeskrivning och orsaksanalys', en: 'Problem description and cause analysis' },
  agreement: { sv: 'Samverkansöverenskommelse', en: 'Collaboration agreement' },
  'staff-dialogue-how': { sv: 'Medarbetardialog – HUR', en: 'Staff dialogue – HOW' },
  'activity-plan': { sv: 'Aktivitetsplanering', en: 'Activity plan' },
  promise: { sv: 'Medborgarlöfte: undertecknande och publicering', en: 'Citizen promise: signing and publication' },
  implementation: { sv: 'Genomförande, uppföljning och återkoppling', en: 'Implementation, follow-up and feedback' },
  'year-end': { sv: 'Årsuppföljning och rapport', en: 'Year-end follow-up and report' },
  completed: { sv: 'Avslutad', en: 'Completed' },
};

/** Planned length of each human phase when the configuration does not say otherwise. */
export const defaultPhaseDurations: Partial<Record<Phase, string>> = {
  initiation: '14d',
  'situation-picture': '30d',
  'staff-dialogue-what': '21d',
  'citizen-dialogues': '45d',
  'joint-picture': '14d',
  'problem-analysis': '21d',
  agreement: '14d',
  'staff-dialogue-how': '21d',
  'activity-plan': '21d',
  promise: '21d',
  'year-end': '30d',
};
