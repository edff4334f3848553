import { z } from 'zod';
import { RecipientSchema } from './people';
import { PhaseSchema } from './phases';
import { GateSchema, type StepName, stepNames } from './steps';

/** What a task is about, beyond its step: an activity, a follow-up, a gate, a dialogue kind. */
export const TaskSubjectSchema = z.object({
  activityId: z.string().optional(),
  followUpId: z.string().optional(),
  feedbackId: z.string().optional(),
  gate: GateSchema.optional(),
  dialogueKind: z.enum(['what', 'how']).optional(),
});

/** Something a person is asked to do; completed by the Update named in `step`. */
export const TaskSchema = z.object({
  /** Stable within a cycle, e.g. `sign-agreement`, `activity-a1-complete`, `follow-up-q2`. */
  id: z.string(),
  step: z.enum(stepNames as [StepName, ...StepName[]]),
  phase: PhaseSchema,
  title: z.string(),
  assignees: z.array(RecipientSchema),
  /** ISO date-time. */
  due: z.string().optional(),
  subject: TaskSubjectSchema.default({}),
});
export type Task = z.infer<typeof TaskSchema>;
