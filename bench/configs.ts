import { type CycleConfig, CycleConfigSchema } from '../domain/config';
import { municipalities } from '../domain/municipalities';
import { phaseIndex, phases } from '../domain/phases';
import { seededRandom } from '../lib/simulation/random';

const firstNames = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Johan',
  'Sara',
  'Ahmed',
  'Fatima',
  'Mikael',
  'Eva',
  'Oskar',
  'Linnéa',
  'Per',
  'Åsa',
  'Björn',
  'Sofia',
  'Ali',
];
const lastNames = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Öberg',
  'Åkesson',
  'Lindqvist',
  'Hassan',
  'Berg',
];

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export interface CompressedCalendar {
  /** When the cycles start (all at once). */
  startAt: number;
  /** Minutes the planning phases may take before the promise period begins. */
  planningMinutes: number;
  yearMinutes: number;
  /**
   * Minutes between the first and the last cycle's promise period (0: all begin at the same moment). The
   * cycles are spread evenly in the list's order, as municipalities sign their promises on different
   * days; planning still starts at once for all.
   */
  staggerMinutes?: number;
}

/** How long after the first cycle's promise period the i-th of `count` cycles' period begins, in ms. */
export function periodOffsetMs(i: number, count: number, staggerMinutes = 0): number {
  return count > 1 ? Math.round((staggerMinutes * 60_000 * i) / (count - 1)) : 0;
}

/**
 * One cycle configuration per municipality, with real codes, names and counties, Swedish names and a
 * calendar compressed to minutes: quarterly follow-ups and monthly feedback keep their proportions.
 */
export function benchConfigs(count: number, calendar: CompressedCalendar, year = 2027): CycleConfig[] {
  const firstPeriodStart = calendar.startAt + calendar.planningMinutes * 60_000;
  const minutes = (fraction: number) => `${Math.max(1, Math.round(calendar.yearMinutes * fraction))}m`;
  const chosen = municipalities.slice(0, count);
  return chosen.map((m, i) => {
    const periodStart = firstPeriodStart + periodOffsetMs(i, chosen.length, calendar.staggerMinutes);
    const periodEnd = periodStart + calendar.yearMinutes * 60_000;
    const rng = seededRandom(`people/${m.code}`);
    const person = (role: string) => {
      const first = rng.pick(firstNames);
      const last = rng.pick(lastNames);
      return {
        name: `${first} ${last}`,
        email: `${ascii(first)}.${ascii(last)}.${role}.${m.code}@example.se`,
      };
    };
    return CycleConfigSchema.parse({
      municipality: { code: m.code, name: m.name },
      region: m.county,
      localPoliceArea: `Lokalpolisområde ${m.name}`,
      year,
      language: 'sv',
      people: {
        policeCoordinator: person('kommunpolis'),
        municipalCoordinator: person('samordnare'),
        lpoChief: person('lpochef'),
        municipalRepresentative: person('ks'),
        workGroupLeader: person('gruppchef'),
        communicator: person('kommunikator'),
        analyst: person('analytiker'),
        staff: [person('medarbetare1'), person('medarbetare2'), person('medarbetare3')],
      },
      schedule: {
        startAt: new Date(calendar.startAt).toISOString(),
        promisePeriod: { start: new Date(periodStart).toISOString(), end: new Date(periodEnd).toISOString() },
        phaseDurations: Object.fromEntries(
          phases.slice(0, phaseIndex('implementation')).map((p) => [p, '2m']),
        ),
      },
      policy: {
        minCitizenDialogues: 2,
        followUpEvery: minutes(0.25),
        feedbackEvery: minutes(1 / 12),
        reminderLead: '1m',
        escalationGrace: '1m',
        workingDaysOnly: false,
      },
      nextCycle: { autoStart: false },
    });
  });
}
