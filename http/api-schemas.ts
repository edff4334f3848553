import { z } from 'zod';
import { PhaseSchema, phases } from '../domain/phases';
import { StatusDigestSchema } from '../domain/status-digest';
import { stepNames } from '../domain/steps';

/** Response shapes of the JSON API, for validation in tests and for the OpenAPI description. */
export const ErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const CycleRowSchema = z.object({
  workflowId: z.string(),
  runId: z.string(),
  status: z.string().describe('Temporal execution status: RUNNING, COMPLETED, …'),
  municipalityCode: z.string().optional(),
  municipalityName: z.string().optional(),
  region: z.string().optional(),
  year: z.number().int().optional(),
  phase: PhaseSchema.optional(),
  escalated: z.boolean(),
  overdueCount: z.number().int(),
  nextDueAt: z.string().optional(),
  startedAt: z.string(),
  closedAt: z.string().optional(),
  historyLength: z.number().int(),
  progress: z.object({ index: z.number().int().min(1), of: z.literal(phases.length) }),
});

export const StatusDigestReadSchema = z.object({
  digest: StatusDigestSchema,
  source: z
    .enum(['memo', 'query'])
    .describe('`memo`: answered by Temporal from the cycle memo; `query`: by a worker (older cycles).'),
});

export const StartResultSchema = z.object({
  workflowId: z.string(),
  alreadyRunning: z.boolean(),
  outcome: z.enum(['started', 'already running', 'already exists']),
  runId: z.string().optional(),
});

export const StepResultSchema = z.object({
  step: z.enum(stepNames as [string, ...string[]]),
  phase: PhaseSchema,
  message: z.string().describe("A short confirmation in the cycle's language"),
});

export const OutboxEntrySchema = z.object({
  id: z.string(),
  time: z.string().describe('ISO time the email was written'),
  kind: z.string().describe('The notification kind, e.g. phase-task, signature-request'),
  toRoles: z.array(z.string()).describe('Roles of the recipients (never their addresses)'),
  subject: z.string(),
  messageId: z.string(),
  key: z.string().describe('The business key the email was sent for (exactly once)'),
});

export const OutboxMessageSchema = OutboxEntrySchema.extend({
  to: z.array(z.string()),
  from: z.string(),
  text: z.string(),
  html: z.string().optional(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() })),
});
