import { z } from 'zod';
import { toInstant } from './calendar';
import { DurationSchema } from './duration';
import { findMunicipality } from './municipalities';
import { EmailSchema, PersonSchema, type Recipient, type Role } from './people';
import { PhaseSchema } from './phases';

const DateOrDateTime = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || !Number.isNaN(Date.parse(s)), 'a date (2027-03-01) or an ISO date-time');

export const PeopleSchema = z
  .object({
    policeCoordinator: PersonSchema,
    municipalCoordinator: PersonSchema,
    lpoChief: PersonSchema,
    municipalRepresentative: PersonSchema,
    extraSignatories: z.array(PersonSchema.extend({ organisation: z.string().trim().min(1) })).default([]),
    workGroupLeader: PersonSchema,
    communicator: PersonSchema,
    analyst: PersonSchema.optional(),
    staff: z.array(PersonSchema).default([]),
    staffDistributionAddress: EmailSchema.optional(),
  })
  .refine((p) => p.staff.length > 0 || p.staffDistributionAddress, {
    message: 'name at least one staff member or a staff distribution address',
    path: ['staff'],
  });
export type People = z.infer<typeof PeopleSchema>;

export const PolicySchema = z.object({
  minCitizenDialogues: z.number().int().min(1).max(20).default(1),
  followUpEvery: DurationSchema.default('3mo'),
  feedbackEvery: DurationSchema.default('1mo'),
  reminderLead: DurationSchema.default('5d'),
  escalationGrace: DurationSchema.default('3wd'),
  /** Move deadlines off Swedish weekends and holidays; turn off for compressed calendars. */
  workingDaysOnly: z.boolean().default(true),
});
export type Policy = z.infer<typeof PolicySchema>;

export const ScheduleSchema = z
  .object({
    /** When the cycle begins; defaults to the moment it is started. */
    startAt: DateOrDateTime.optional(),
    promisePeriod: z.object({ start: DateOrDateTime, end: DateOrDateTime }),
    /** Planned length per phase (e.g. `{ "citizen-dialogues": "45d" }`); the rest use defaults. */
    phaseDurations: z.partialRecord(PhaseSchema, DurationSchema).default({}),
  })
  .refine((s) => toInstant(s.promisePeriod.start) < toInstant(s.promisePeriod.end, 'end'), {
    message: 'the promise period must end after it starts',
    path: ['promisePeriod'],
  });
export type Schedule = z.infer<typeof ScheduleSchema>;

export const CycleConfigSchema = z
  .object({
    municipality: z.object({
      code: z.string().regex(/^\d{4}$/, 'the official 4-digit municipality code (kommunkod), e.g. 0180'),
      name: z.string().trim().min(1),
    }),
    region: z.string().trim().min(1),
    localPoliceArea: z.string().trim().min(1),
    year: z.number().int().min(2000).max(2100),
    language: z.enum(['sv', 'en']).default('sv'),
    people: PeopleSchema,
    schedule: ScheduleSchema,
    policy: PolicySchema.default(PolicySchema.parse({})),
    nextCycle: z.object({ autoStart: z.boolean().default(true) }).default({ autoStart: true }),
  })
  .superRefine((c, ctx) => {
    const known = findMunicipality(c.municipality.code);
    if (!known) {
      ctx.addIssue({ code: 'custom', path: ['municipality', 'code'], message: `${c.municipality.code} is not a Swedish municipality code` });
    } else if (known.name.toLowerCase() !== c.municipality.name.toLowerCase()) {
      ctx.addIssue({
        code: 'custom',
        path: ['municipality', 'name'],
        message: `municipality ${c.municipality.code} is ${known.name}, not ${c.municipality.name}`,
      });
    }
  });
export type CycleConfig = z.infer<typeof CycleConfigSchema>;
export type CycleConfigInput = z.input<typeof CycleConfigSchema>;

/** Everyone the configuration names, each once per role. */
export function everyone(people: People): Recipient[] {
  const one = (role: Role, p: { name: string; email: string } | undefined): Recipient[] => (p ? [{ ...p, role }] : []);
  return [
    ...one('policeCoordinator', people.policeCoordinator),
    ...one('municipalCoordinator', people.municipalCoordinator),
    ...one('lpoChief', people.lpoChief),
    ...one('municipalRepresentative', people.municipalRepresentative),
    ...people.extraSignatories.map((p) => ({ name: p.name, email: p.email, role: 'extraSignatory' as const })),
    ...one('workGroupLeader', people.workGroupLeader),
    ...one('communicator', people.communicator),
    ...one('analyst', people.analyst),
    ...people.staff.map((p) => ({ ...p, role: 'staff' as const })),
  ];
}

export const coordinators = (people: People): Recipient[] => [
  { ...people.policeCoordinator, role: 'policeCoordinator' },
  { ...people.municipalCoordinator, role: 'municipalCoordinator' },
];

/** Who signs each gate: the LPO chief, the municipal representative, and any configured extra actors. */
export const signatories = (people: People): Recipient[] => [
  { ...people.lpoChief, role: 'lpoChief' },
  { ...people.municipalRepresentative, role: 'municipalRepresentative' },
  ...people.extraSignatories.map((p) => ({ name: p.name, email: p.email, role: 'extraSignatory' as const })),
];

export const findPerson = (people: People, email: string): Recipient | undefined =>
  everyone(people).find((p) => p.email === email.toLowerCase());

export const cycleWorkflowId = (municipalityCode: string, year: number): string => `promise-cycle-${municipalityCode}-${year}`;
