import {
  type AgreementInput,
  composeAgreement,
  composePromise,
  type PromiseInput,
} from '../../domain/documents';
import type { Recipient } from '../../domain/people';

const header = {
  municipalityName: 'Uppsala',
  localPoliceArea: 'LPO Uppsala',
  year: 2027,
  language: 'sv' as const,
};
const signatories: Recipient[] = [
  { name: 'Eva Sjöberg', email: 'eva@polisen.se', role: 'lpoChief' },
  { name: 'Johan Åkesson', email: 'johan@uppsala.se', role: 'municipalRepresentative' },
];
const focusArea = {
  id: 'centrum',
  title: 'Trygghet i centrum',
  description: 'Otrygghet kvällstid',
  targetPicture: 'Fler känner sig trygga',
  leadsToPromise: true,
};

describe('signed documents', () => {
  it('writes the agreement from focus areas, target pictures, analyses, parties and signatories', () => {
    const input: AgreementInput = {
      header,
      introduction: 'Vi samverkar.',
      responsibilities: 'Samordnarna leder arbetet.',
      coordinators: [{ name: 'Karin Lind', email: 'karin@polisen.se', role: 'policeCoordinator' }],
      jointPictureSummary: 'Gemensam bild.',
      focusAreas: [focusArea, { ...focusArea, id: 'trafik', title: 'Trafik', leadsToPromise: false }],
      analyses: [
        {
          by: 'karin@polisen.se',
          focusAreaId: 'centrum',
          problem: {
            what: 'Narkotikahandel',
            where: 'Resecentrum',
            when: 'Kvällar',
            who: 'Unga vuxna',
            affected: 'Resenärer',
          },
          causes: [{ level: 'society', description: 'Få vuxna' }],
          consequences: [{ level: 'individual', description: 'Undviker platsen' }],
          triangle: { offender: 'Säljare', target: 'Köpare', place: 'Resecentrum' },
        },
      ],
      signatories,
    };
    const text = composeAgreement(input);
    expect(text).toContain('# Samverkansöverenskommelse 2027: Uppsala');
    expect(text).toContain('### Trygghet i centrum (leder till medborgarlöfte)');
    expect(text).toContain('Målbild: Fler känner sig trygga');
    expect(text).toContain('Orsaker: Få vuxna [society]');
    expect(text).toContain('### Trafik\n');
    expect(text).toContain('- Eva Sjöberg, lokalpolisområdeschef');
    expect(composeAgreement(input)).toBe(text);
  });

  it('writes the promise from public parts only, in the cycle language', () => {
    const input: PromiseInput = {
      header: { ...header, language: 'en' },
      introduction: 'We promise.',
      purpose: 'A safer centre.',
      howCitizensCanFollow: 'Monthly news on the web.',
      jointPictureSummary: 'Shared picture.',
      focusAreas: [focusArea],
      citizenDialogues: [{ form: 'safety-walk', date: '2026-10-01' }],
      staffDialogueCount: 2,
      activities: [
        {
          title: 'Safety walks',
          description: 'Walks with residents',
          start: '2027-02-01',
          end: '2027-04-30',
          effectGoal: {
            description: 'More feel safe',
            indicator: 'Survey share',
            target: '70 %',
            by: '2027-12-01',
          },
        },
      ],
      signatories,
    };
    const text = composePromise(input);
    for (const part of [
      '## Introduction',
      '## Purpose',
      '## Joint situation picture',
      '2 staff dialogues',
      'safety-walk 2026-10-01',
      'Period: 2027-02-01 – 2027-04-30',
      'Effect sought: More feel safe',
      '## How you can follow the work',
      'Johan Åkesson, municipal representative',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain('@');
  });
});
