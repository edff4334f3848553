import { z } from 'zod';
import { EmailSchema } from './people';

/** Every human step names who performs it; the workflow checks that person may. */
const Actor = { by: EmailSchema };
const Text = z.string().trim().min(1, 'must not be empty');
const LongText = z.string().trim().min(1, 'must not be empty').max(20_000);
const Day = z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), 'a date (2027-03-01) or an ISO date-time');
const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'a short id of lower-case letters, digits and dashes');

export const ConfirmInitiationSchema = z.object({
  ...Actor,
  steeringGroup: z.array(Text).min(1, 'name the steering group'),
  timeFrames: Text,
  communicationPlan: Text,
  standingArrangement: z.boolean().default(false),
});

export const SituationPictureSchema = z.object({
  ...Actor,
  /** May be published. */
  publicSummary: LongText,
  /** Police intelligence: internal, never published. */
  internalIntelligence: LongText,
  commonProblems: z.array(Text).min(1),
  victimisationRisks: z.string().trim().optional(),
  trends: z.string().trim().optional(),
  opportunities: z.string().trim().optional(),
  previousYearFollowUp: z.string().trim().optional(),
});

export const StaffDialogueSchema = z
  .object({
    ...Actor,
    kind: z.enum(['what', 'how']),
    date: Day,
    invited: z.number().int().min(1),
    participants: z.number().int().min(0),
    summary: LongText,
    prioritisedProblems: z.array(Text).default([]),
    feedbackToStaff: z.object({ date: Day, how: Text }),
  })
  .refine((d) => d.participants <= d.invited, { message: 'more participants than invited', path: ['participants'] });

export const dialogueForms = ['survey', 'safety-walk', 'open-meeting', 'focus-group', 'interviews', 'citizen-panel', 'digital'] as const;
/** The degrees of influence on SKR's participation ladder, promised in the invitation. */
export const influenceLevels = ['information', 'consultation', 'dialogue', 'influence', 'co-decision'] as const;
export const ageBands = ['under-18', '18-29', '30-49', '50-64', '65-plus'] as const;

export const CitizenDialogueSchema = z.object({
  ...Actor,
  form: z.enum(dialogueForms),
  date: Day,
  responsible: EmailSchema.optional(),
  purpose: Text,
  targetGroup: Text,
  /** How the dialogue reached people who usually do not take part. */
  reachingUnderrepresented: z.string().trim().optional(),
  venue: z.string().trim().optional(),
  participants: z
    .object({
      total: z.number().int().min(1),
      women: z.number().int().min(0).optional(),
      men: z.number().int().min(0).optional(),
      otherOrUnstated: z.number().int().min(0).optional(),
      byAge: z.partialRecord(z.enum(ageBands), z.number().int().min(0)).optional(),
    })
    .refine((p) => (p.women ?? 0) + (p.men ?? 0) + (p.otherOrUnstated ?? 0) <= p.total, 'the gender split exceeds the total'),
  mainConcerns: z.array(Text).min(1),
  influenceLevel: z.enum(influenceLevels),
  feedbackPlan: Text,
});

export const CloseCitizenDialoguesSchema = z.object({ ...Actor });

export const FocusAreaSchema = z.object({
  id: Slug,
  title: Text,
  description: Text,
  /** Målbild: what the place should be like when the problem is addressed. */
  targetPicture: Text,
  leadsToPromise: z.boolean(),
});

export const JointPictureSchema = z.discriminatedUnion('outcome', [
  z.object({
    ...Actor,
    outcome: z.literal('focus-areas'),
    meetingDate: Day,
    participants: z.array(Text).min(1),
    /** Public summary of the joint picture and how it was produced. */
    summary: LongText,
    focusAreas: z
      .array(FocusAreaSchema)
      .min(1)
      .max(10)
      .refine((a) => a.some((f) => f.leadsToPromise), 'at least one focus area must lead to a promise')
      .refine((a) => new Set(a.map((f) => f.id)).size === a.length, 'focus area ids must be unique'),
  }),
  z.object({
    ...Actor,
    outcome: z.literal('deeper-dialogue'),
    meetingDate: Day,
    reason: Text,
    questions: z.array(Text).min(1),
  }),
]);

const levels = z.enum(['society', 'group', 'individual']);
export const ProblemAnalysisSchema = z.object({
  ...Actor,
  focusAreaId: Slug,
  problem: z.object({ what: Text, where: Text, when: Text, who: Text, affected: Text }),
  causes: z.array(z.object({ level: levels, description: Text })).min(1),
  consequences: z.array(z.object({ level: levels, description: Text })).min(1),
  /** The problem-analysis triangle: offender, target, place, and those who can act on each. */
  triangle: z.object({
    offender: Text,
    target: Text,
    place: Text,
    handler: z.string().trim().optional(),
    guardian: z.string().trim().optional(),
    placeManager: z.string().trim().optional(),
  }),
  sara: z
    .object({ scanning: z.string().optional(), analysis: z.string().optional(), response: z.string().optional(), assessment: z.string().optional() })
    .optional(),
});

export const gates = ['agreement', 'promise'] as const;
export const GateSchema = z.enum(gates);
export type Gate = z.infer<typeof GateSchema>;

/** The coordinators' wording of a document to be signed; the rest is composed from the cycle's records. */
export const DraftDocumentSchema = z.discriminatedUnion('gate', [
  z.object({ ...Actor, gate: z.literal('agreement'), introduction: LongText, responsibilities: LongText }),
  z.object({
    ...Actor,
    gate: z.literal('promise'),
    introduction: LongText,
    purpose: LongText,
    howCitizensCanFollow: LongText,
  }),
]);

export const SignSchema = z.object({
  ...Actor,
  gate: GateSchema,
  /** The hash of the version the signer read; a signature on another version is refused. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'the document content hash (64 hex characters)'),
});

export const PlannedActivitySchema = z
  .object({
    id: Slug,
    title: Text,
    description: Text,
    focusAreaId: Slug,
    responsible: EmailSchema,
    start: Day,
    end: Day,
    productionGoal: Text,
    effectGoal: z.object({ description: Text, indicator: Text, target: Text, by: Day }),
    followUp: z.object({ method: Text, date: Day }),
    involvesCitizens: z.boolean(),
    resources: Text,
    after: z.array(Slug).default([]),
  })
  .refine((a) => Date.parse(a.start) < Date.parse(a.end), { message: 'the activity must end after it starts', path: ['end'] });

export const ActivityPlanSchema = z.object({
  ...Actor,
  activities: z
    .array(PlannedActivitySchema)
    .min(1)
    .max(30, 'a promise should hold few, concrete activities')
    .refine((a) => new Set(a.map((x) => x.id)).size === a.length, 'activity ids must be unique'),
  resourcePlan: LongText,
  communicationPlan: LongText,
});

export const ProgressReportSchema = z.object({
  ...Actor,
  activityId: Slug,
  summary: Text,
  percentComplete: z.number().int().min(0).max(100).optional(),
});

export const ActivityChangeSchema = z.object({ ...Actor, activityId: Slug, what: Text, why: Text, newEnd: Day.optional() });

/** Why an activity is late or cannot be done as planned; clears an escalation and is told to citizens. */
export const DeviationSchema = z.object({
  ...Actor,
  activityId: Slug,
  explanation: Text,
  newEnd: Day.optional(),
  cancelled: z.boolean().default(false),
});

export const CompleteActivitySchema = z.object({ ...Actor, activityId: Slug, summary: Text, productionOutcome: Text });

const assessment = z.enum(['better', 'unchanged', 'worse', 'unknown']);
export const FollowUpSchema = z.object({
  ...Actor,
  followUpId: z.string().min(1),
  resourcesAndActivities: z.object({ asPlanned: z.boolean(), comment: Text }),
  performance: z.object({ qualityMet: z.boolean(), comment: Text }),
  effect: z.object({ assessment, comment: Text }),
  summary: Text,
  improvements: z.string().trim().default(''),
});

export const FeedbackSchema = z.object({
  ...Actor,
  feedbackId: z.string().min(1).optional(),
  date: Day,
  audiences: z.array(z.enum(['citizens', 'staff', 'partners'])).min(1),
  channels: z.array(Text).min(1),
  /** What was told; public. */
  summary: LongText,
});

/** After the case register or the publication refused the signed promise and the cause is fixed. */
export const RetryPublicationSchema = z.object({ ...Actor, note: z.string().trim().max(2_000).optional() });

export type ConfirmInitiation = z.infer<typeof ConfirmInitiationSchema>;
export type SituationPicture = z.infer<typeof SituationPictureSchema>;
export type StaffDialogue = z.infer<typeof StaffDialogueSchema>;
export type CitizenDialogue = z.infer<typeof CitizenDialogueSchema>;
export type CloseCitizenDialogues = z.infer<typeof CloseCitizenDialoguesSchema>;
export type FocusArea = z.infer<typeof FocusAreaSchema>;
export type JointPicture = z.infer<typeof JointPictureSchema>;
export type ProblemAnalysis = z.infer<typeof ProblemAnalysisSchema>;
export type DraftDocument = z.infer<typeof DraftDocumentSchema>;
export type Sign = z.infer<typeof SignSchema>;
export type PlannedActivity = z.infer<typeof PlannedActivitySchema>;
export type ActivityPlan = z.infer<typeof ActivityPlanSchema>;
export type ProgressReport = z.infer<typeof ProgressReportSchema>;
export type ActivityChange = z.infer<typeof ActivityChangeSchema>;
export type Deviation = z.infer<typeof DeviationSchema>;
export type CompleteActivity = z.infer<typeof CompleteActivitySchema>;
export type FollowUp = z.infer<typeof FollowUpSchema>;
export type Feedback = z.infer<typeof FeedbackSchema>;
export type RetryPublication = z.infer<typeof RetryPublicationSchema>;

/**
 * The human steps, by name: the Update name, the CLI subcommand, the HTTP route and the task's
 * "how to complete" all use these.
 */
export const stepSchemas = {
  'confirm-initiation': ConfirmInitiationSchema,
  'record-situation-picture': SituationPictureSchema,
  'record-staff-dialogue': StaffDialogueSchema,
  'record-citizen-dialogue': CitizenDialogueSchema,
  'close-citizen-dialogues': CloseCitizenDialoguesSchema,
  'record-joint-picture': JointPictureSchema,
  'record-problem-analysis': ProblemAnalysisSchema,
  'draft-document': DraftDocumentSchema,
  sign: SignSchema,
  'retry-publication': RetryPublicationSchema,
  'submit-activity-plan': ActivityPlanSchema,
  'report-progress': ProgressReportSchema,
  'report-change': ActivityChangeSchema,
  'explain-deviation': DeviationSchema,
  'complete-activity': CompleteActivitySchema,
  'record-follow-up': FollowUpSchema,
  'record-feedback': FeedbackSchema,
} as const;
export type StepName = keyof typeof stepSchemas;
export const stepNames = Object.keys(stepSchemas) as StepName[];
export type StepPayload<S extends StepName> = z.infer<(typeof stepSchemas)[S]>;
export type StepInput<S extends StepName> = z.input<(typeof stepSchemas)[S]>;
