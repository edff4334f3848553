import { toInstant } from '../../domain/calendar';
import type { CycleConfig } from '../../domain/config';
import type { FocusArea, Gate, PlannedActivity, StepInput } from '../../domain/steps';
import type { Random } from './random';

/** Realistic Swedish content for every human step, varied per municipality by the seeded generator. */

const problemCatalogue = [
  {
    id: 'centrum-kvall',
    title: 'Otrygghet i centrum kvällstid',
    place: 'centrum och stationsområdet',
    what: 'Grupper som samlas, nedskräpning och ordningsstörningar kvällstid',
  },
  {
    id: 'ungdomar',
    title: 'Unga i riskzon',
    place: 'skolgårdar och fritidsgårdar',
    what: 'Unga som dras in i kriminalitet och narkotikaförsäljning',
  },
  {
    id: 'trafik-skolor',
    title: 'Trafiksäkerhet vid skolor',
    place: 'skolvägar och övergångsställen',
    what: 'Höga hastigheter och farliga omkörningar vid skolstart',
  },
  {
    id: 'bostadsinbrott',
    title: 'Bostadsinbrott',
    place: 'villaområden och fritidshus',
    what: 'Inbrott dagtid i villor och under semestrar',
  },
  {
    id: 'parker-belysning',
    title: 'Mörka parker och gångstråk',
    place: 'parker och gång- och cykelstråk',
    what: 'Dålig belysning och skymda stråk som upplevs otrygga',
  },
  {
    id: 'narkotika',
    title: 'Öppen narkotikahandel',
    place: 'torget och pendeltågsstationen',
    what: 'Synlig försäljning av narkotika',
  },
] as const;

const activityCatalogue = [
  {
    title: 'Trygghetsvandring med boende',
    production: 'Genomföra fyra trygghetsvandringar',
    effect: 'Andel som känner sig trygga kvällstid',
    target: 'öka med 10 procentenheter',
    citizens: true,
  },
  {
    title: 'Riktad polisnärvaro kvällstid',
    production: 'Minst två kvällspass i veckan',
    effect: 'Antal anmälda ordningsstörningar',
    target: 'minska med 20 procent',
    citizens: false,
  },
  {
    title: 'Förbättrad belysning',
    production: 'Byta belysning på fem platser',
    effect: 'Andel som undviker platsen',
    target: 'minska från 30 till 15 procent',
    citizens: false,
  },
  {
    title: 'Föräldravandringar',
    production: 'Föräldravandring varje fredag',
    effect: 'Antal ungdomar ute sent utan vuxen',
    target: 'minska med 30 procent',
    citizens: true,
  },
  {
    title: 'Hastighetskontroller vid skolor',
    production: 'Tio kontroller under terminen',
    effect: 'Andel fordon över hastighetsgränsen',
    target: 'under 10 procent',
    citizens: false,
  },
  {
    title: 'Grannsamverkan mot brott',
    production: 'Starta grannsamverkan i tre områden',
    effect: 'Antal bostadsinbrott',
    target: 'minska med 15 procent',
    citizens: true,
  },
  {
    title: 'Klotter- och skräpsanering',
    production: 'Sanering inom 24 timmar',
    effect: 'Andel som upplever nedskräpning som problem',
    target: 'minska med 10 procentenheter',
    citizens: false,
  },
  {
    title: 'Samtal med unga på fritidsgården',
    production: 'Besök varannan vecka',
    effect: 'Antal unga i kontakt med socialtjänsten',
    target: 'öka med 20 procent',
    citizens: true,
  },
  {
    title: 'Kameraövervakning vid stationen',
    production: 'Ansöka om och installera kameror',
    effect: 'Antal våldsbrott vid stationen',
    target: 'minska med 25 procent',
    citizens: false,
  },
  {
    title: 'Öppet medborgarmöte om tryggheten',
    production: 'Två öppna möten',
    effect: 'Antal deltagare och inkomna synpunkter',
    target: 'minst 50 deltagare',
    citizens: true,
  },
] as const;

const iso = (ms: number): string => new Date(ms).toISOString();

export const confirmInitiation = (config: CycleConfig, by: string): StepInput<'confirm-initiation'> => ({
  by,
  steeringGroup: [
    `${config.people.lpoChief.name} (polisen)`,
    `${config.people.municipalRepresentative.name} (${config.municipality.name})`,
  ],
  timeFrames: `Löftet för ${config.year} tas fram under hösten och antas före budgetbeslutet.`,
  communicationPlan:
    'Information via kommunens webbplats, polisens kanaler i sociala medier och lokaltidningen.',
  standingArrangement: config.year > 2026,
});

export const situationPicture = (
  config: CycleConfig,
  rng: Random,
  by: string,
): StepInput<'record-situation-picture'> => ({
  by,
  publicSummary: `I ${config.municipality.name} upplever många otrygghet kvällstid i centrala delar. Anmälningarna om skadegörelse har ökat det senaste året.`,
  internalIntelligence: `Underrättelseuppgifter om ${rng.int(2, 5)} kriminella nätverk med koppling till ${config.municipality.name}. Endast för internt bruk.`,
  commonProblems: [rng.pick(problemCatalogue).what, rng.pick(problemCatalogue).what],
  trends: 'Ökning av ungdomsrån, minskning av bostadsinbrott.',
  opportunities: 'Stark föreningsverksamhet och engagerade fastighetsägare.',
});

export const staffDialogue = (
  rng: Random,
  by: string,
  kind: 'what' | 'how',
  now: number,
): StepInput<'record-staff-dialogue'> => {
  const invited = rng.int(15, 60);
  return {
    by,
    kind,
    date: iso(now),
    invited,
    participants: rng.int(Math.ceil(invited / 3), invited),
    summary:
      kind === 'what'
        ? 'Medarbetarna gick igenom lägesbilden och prioriterade otryggheten i centrum.'
        : 'Medarbetarna föreslog och prioriterade aktiviteter för de valda fokusområdena.',
    prioritisedProblems: [rng.pick(problemCatalogue).title],
    feedbackToStaff: { date: iso(now), how: 'Sammanfattning på intranätet och vid arbetsplatsträffar' },
  };
};

const dialogueForms = [
  'survey',
  'safety-walk',
  'open-meeting',
  'focus-group',
  'interviews',
  'citizen-panel',
  'digital',
] as const;

export const citizenDialogue = (
  config: CycleConfig,
  rng: Random,
  by: string,
  now: number,
): StepInput<'record-citizen-dialogue'> => {
  const total = rng.int(20, 400);
  const women = Math.floor(total * (0.45 + rng.next() * 0.15));
  return {
    by,
    form: rng.pick(dialogueForms),
    date: iso(now),
    purpose: `Att ta reda på vad som skapar otrygghet i ${config.municipality.name}.`,
    targetGroup: rng.pick([
      'Boende i centrum',
      'Unga 13–19 år',
      'Äldre i ytterområden',
      'Företagare vid torget',
    ]),
    reachingUnderrepresented: 'Inbjudan på flera språk och träffar i föreningslokaler',
    venue: rng.pick(['Stadsbiblioteket', 'Torget', 'Medborgarhuset', 'Digitalt']),
    participants: { total, women, men: total - women },
    mainConcerns: [rng.pick(problemCatalogue).what, 'Dålig belysning på gångstråk'],
    influenceLevel: rng.pick(['consultation', 'dialogue', 'influence'] as const),
    feedbackPlan: 'Resultatet redovisas på kommunens webbplats och vid nästa öppna möte.',
  };
};

export function focusAreas(rng: Random): FocusArea[] {
  const count = rng.int(2, 3);
  const start = rng.int(0, problemCatalogue.length - 1);
  return Array.from({ length: count }, (_, i) => {
    const p = problemCatalogue[(start + i) % problemCatalogue.length]!;
    return {
      id: p.id,
      title: p.title,
      description: p.what,
      targetPicture: `Att ${p.place} upplevs som trygga av alla.`,
      leadsToPromise: i < 2,
    };
  });
}

export const jointPicture = (
  rng: Random,
  by: string,
  now: number,
  areas: FocusArea[],
): StepInput<'record-joint-picture'> => ({
  by,
  outcome: 'focus-areas',
  meetingDate: iso(now),
  participants: ['Polisen', 'Kommunen', 'Bostadsbolaget', 'Räddningstjänsten'].slice(0, rng.int(2, 4)),
  summary:
    'Polisens, kommunens och medborgarnas bilder vägdes samman; medborgarnas upplevelser gavs företräde där bilderna skilde sig åt.',
  focusAreas: areas,
});

export const deeperDialogue = (by: string, now: number): StepInput<'record-joint-picture'> => ({
  by,
  outcome: 'deeper-dialogue',
  meetingDate: iso(now),
  reason: 'Underlaget från unga är för tunt för att prioritera.',
  questions: ['Var känner sig unga otrygga?', 'Vilka tider på dygnet?'],
});

export const problemAnalysis = (area: FocusArea, by: string): StepInput<'record-problem-analysis'> => {
  const p = problemCatalogue.find((x) => x.id === area.id);
  const place = p?.place ?? 'centrum';
  return {
    by,
    focusAreaId: area.id,
    problem: {
      what: area.description,
      where: place,
      when: 'Kvällar och helger',
      who: 'Främst unga vuxna',
      affected: 'Boende, pendlare och näringsidkare',
    },
    causes: [
      { level: 'society', description: 'Brist på meningsfull fritid' },
      { level: 'individual', description: 'Tidig alkoholdebut' },
    ],
    consequences: [{ level: 'group', description: `Boende undviker ${place}` }],
    triangle: {
      offender: 'Mindre grupper unga',
      target: 'Förbipasserande',
      place,
      handler: 'Föräldrar',
      guardian: 'Ordningsvakter',
      placeManager: 'Fastighetsägare',
    },
    sara: {
      scanning: 'Anmälningsstatistik och medborgardialog',
      analysis: 'Problemtriangeln',
      response: 'Se aktivitetsplanen',
      assessment: 'Vid uppföljningen',
    },
  };
};

export const draft = (config: CycleConfig, gate: Gate, by: string): StepInput<'draft-document'> =>
  gate === 'agreement'
    ? {
        by,
        gate,
        introduction: `Polisen och ${config.municipality.name} kommun är överens om att samverka för ökad trygghet under ${config.year}.`,
        responsibilities:
          'Polisen ansvarar för närvaro och ingripanden; kommunen för fysisk miljö och förebyggande arbete.',
      }
    : {
        by,
        gate,
        introduction: `Medborgarlöfte för ${config.municipality.name} ${config.year}.`,
        purpose:
          'Att öka tryggheten där människor bor och vistas, utifrån det medborgarna själva har berättat.',
        howCitizensCanFollow:
          'Följ arbetet på kommunens webbplats och på polisens lokala sidor; vi återkopplar varje månad.',
      };

/** Where the activity's dates fall, as fractions of the promise period. */
export function activityPlan(
  config: CycleConfig,
  rng: Random,
  by: string,
  areas: FocusArea[],
): StepInput<'submit-activity-plan'> {
  const periodStart = toInstant(config.schedule.promisePeriod.start);
  const periodEnd = toInstant(config.schedule.promisePeriod.end, 'end');
  const span = periodEnd - periodStart;
  const promised = areas.filter((a) => a.leadsToPromise);
  const owners =
    config.people.staff.length > 0
      ? config.people.staff.map((s) => s.email)
      : [config.people.policeCoordinator.email, config.people.municipalCoordinator.email];
  const count = rng.int(5, 10);
  const activities: StepInput<'submit-activity-plan'>['activities'] = [];
  for (let i = 0; i < count; i++) {
    const template = activityCatalogue[i % activityCatalogue.length]!;
    const startFraction = 0.02 + rng.next() * 0.3;
    const endFraction = Math.min(0.75, startFraction + 0.25 + rng.next() * 0.35);
    const start = periodStart + span * startFraction;
    const end = periodStart + span * endFraction;
    const activity: PlannedActivity = {
      id: `a${i + 1}`,
      title: template.title,
      description: `${template.title} inom fokusområdet.`,
      focusAreaId: promised[i % promised.length]!.id,
      responsible: owners[i % owners.length]!,
      start: iso(start),
      end: iso(end),
      productionGoal: template.production,
      effectGoal: {
        description: template.effect,
        indicator: template.effect,
        target: template.target,
        by: iso(periodEnd),
      },
      followUp: {
        method: 'Genomgång i styrgruppen med statistik och enkät',
        date: iso(end + (periodEnd - end) / 2),
      },
      involvesCitizens: template.citizens,
      resources: 'Inom befintliga ramar',
      after: [],
    };
    activities.push(activity);
  }
  return {
    by,
    activities,
    resourcePlan: 'Aktiviteterna genomförs inom ordinarie budget för polisen och kommunen.',
    communicationPlan: 'Kommunikatörerna publicerar löftet och en månatlig lägesrapport.',
  };
}

export const progress = (activityId: string, by: string, percent: number): StepInput<'report-progress'> => ({
  by,
  activityId,
  summary: `Arbetet pågår enligt plan (${percent} procent klart).`,
  percentComplete: percent,
});

export const completion = (activityId: string, by: string): StepInput<'complete-activity'> => ({
  by,
  activityId,
  summary: 'Aktiviteten genomfördes enligt plan.',
  productionOutcome: 'Produktionsmålet uppnåddes.',
});

export const deviation = (activityId: string, by: string, late: boolean): StepInput<'explain-deviation'> => ({
  by,
  activityId,
  explanation: late
    ? 'Försenad på grund av personalbrist under sommaren; genomförs i mindre omfattning.'
    : 'Leverantören av belysning kan inte leverera i tid; aktiviteten skjuts upp.',
});

export const followUp = (followUpId: string, by: string, rng: Random): StepInput<'record-follow-up'> => ({
  by,
  followUpId,
  resourcesAndActivities: { asPlanned: rng.chance(0.8), comment: 'Resurserna räckte i stort sett.' },
  performance: { qualityMet: rng.chance(0.8), comment: 'Kvalitetskriterierna följdes.' },
  effect: {
    assessment: rng.pick(['better', 'unchanged', 'unknown'] as const),
    comment: 'Trygghetsmätningen visar en viss förbättring.',
  },
  summary: 'Uppföljningen visar att arbetet går framåt.',
  improvements: 'Tidigare information till boende.',
});

export const feedback = (
  feedbackId: string | undefined,
  by: string,
  now: number,
): StepInput<'record-feedback'> => ({
  by,
  feedbackId,
  date: iso(now),
  audiences: ['citizens', 'staff'],
  channels: ['Kommunens webbplats', 'Polisens Facebooksida'],
  summary:
    'Så går arbetet med medborgarlöftet: de flesta aktiviteter följer planen och avvikelser förklaras öppet.',
});
