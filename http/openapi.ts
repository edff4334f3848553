import { z } from 'zod';
import { PublicViewSchema } from '../activities/publish';
import { CycleConfigSchema } from '../domain/config';
import { phases } from '../domain/phases';
import { stepNames, stepSchemas } from '../domain/steps';
import {
  CycleRowSchema,
  ErrorSchema,
  OutboxEntrySchema,
  OutboxMessageSchema,
  StartResultSchema,
  StatusDigestReadSchema,
  StepResultSchema,
} from './api-schemas';

type JsonSchema = Record<string, unknown>;

/** JSON Schema of what a client sends (input side: defaults are optional, emails before lower-casing). */
const input = (schema: z.ZodType): JsonSchema =>
  strip(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
const output = (schema: z.ZodType): JsonSchema =>
  strip(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }));
const strip = ({ $schema: _drop, ...rest }: JsonSchema): JsonSchema => rest;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  '400': json(ref('Error'), 'The request does not match the schema; `issues` lists each field.'),
  '401': json(ref('Error'), 'No or unknown access token.'),
  '403': json(ref('Error'), 'The token does not allow this (managers read; coordinators also write).'),
  '503': json(ref('Error'), 'Temporal, or a worker for the query, cannot be reached.'),
};

const stepSchemaName = (step: string): string =>
  `Step_${step.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}`;

const cycleStatusSchema: JsonSchema = {
  type: 'object',
  description:
    'The `status` query of a cycle (TypeScript `CycleStatus` in domain/status.ts): cycle, phase, progress {index, of}, startedAt, completedSteps[], openTasks[], gates[], citizenDialogues, staffDialogues, activities[], escalations[], openEscalations, overdueCount, followUps[], feedback[], nextEvents[], promise, publicationProblem {step, reason, since, rounds} (only while registration or publication waits for a retry), deliveryFailures[], nextCycleWorkflowId, carryOver (the closing follow-up, outcomes and focus areas to renew of the previous cycle, when it started this one).',
  required: ['cycle', 'phase', 'progress', 'openTasks', 'activities', 'escalations'],
  properties: {
    phase: { type: 'string', enum: [...phases] },
    progress: { type: 'object', properties: { index: { type: 'integer' }, of: { type: 'integer' } } },
    openTasks: { type: 'array', items: { type: 'object' } },
    activities: { type: 'array', items: { type: 'object' } },
    escalations: { type: 'array', items: { type: 'object' } },
  },
  additionalProperties: true,
};

/** The OpenAPI 3.1 description of the JSON API, generated from the same zod schemas the server validates with. */
export function openApiDocument(): JsonSchema {
  const stepPaths = Object.fromEntries(
    stepNames.map((step) => [
      `/api/cycles/{workflowId}/steps/${step}`,
      {
        post: {
          operationId: `step_${step}`,
          tags: ['steps'],
          summary: `Record the human step \`${step}\``,
          description:
            'Runs the step as a Temporal Update; the cycle validates phase, person and payload before it enters history. `by` may be omitted: it defaults to the caller, and another person is refused. Needs the coordinator role.',
          parameters: [{ $ref: '#/components/parameters/workflowId' }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref(stepSchemaName(step)) } },
          },
          responses: {
            '200': json(ref('StepResult'), 'Accepted by the cycle.'),
            '409': json(
              ref('Error'),
              "Refused by the cycle's validator (message as given, e.g. wrong phase or not a signatory).",
            ),
            '404': json(ref('Error'), 'No such cycle.'),
            ...errors,
          },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'promise-cycle API',
      version: '0.1.0',
      description:
        'Citizen-promise (medborgarlöften) cycles: start, list, status, the human steps, the outbox and the public view. Authenticate with `Authorization: Bearer <personal access token>`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: [{ name: 'cycles' }, { name: 'steps' }, { name: 'outbox' }, { name: 'public' }],
    paths: {
      '/api/cycles': {
        get: {
          operationId: 'listCycles',
          tags: ['cycles'],
          summary: 'All cycles, from Temporal visibility (no worker needed)',
          parameters: [
            { name: 'region', in: 'query', schema: { type: 'string' } },
            { name: 'year', in: 'query', schema: { type: 'integer' } },
            { name: 'phase', in: 'query', schema: { type: 'string', enum: [...phases] } },
            { name: 'escalated', in: 'query', schema: { type: 'boolean' } },
          ],
          responses: {
            '200': json({ type: 'array', items: ref('CycleRow') }, 'Matching cycles.'),
            ...errors,
          },
        },
        post: {
          operationId: 'startCycle',
          tags: ['cycles'],
          summary: 'Start the cycle of a municipality and year (idempotent)',
          requestBody: { required: true, content: { 'application/json': { schema: ref('CycleConfig') } } },
          responses: {
            '201': json(ref('StartResult'), 'Started.'),
            '200': json(ref('StartResult'), 'Already running (or already existed): nothing new started.'),
            ...errors,
          },
        },
      },
      '/api/cycles/{workflowId}': {
        get: {
          operationId: 'cycleStatus',
          tags: ['cycles'],
          summary: 'Where one cycle stands (the `status` query)',
          parameters: [{ $ref: '#/components/parameters/workflowId' }],
          responses: {
            '200': json(ref('CycleStatus'), 'The cycle status.'),
            '404': json(ref('Error'), 'No such cycle.'),
            ...errors,
          },
        },
      },
      '/api/cycles/{workflowId}/digest': {
        get: {
          operationId: 'cycleDigest',
          tags: ['cycles'],
          summary: 'Where one cycle stands, from its memo (no worker needed)',
          description:
            'The digest of the `status` query that each cycle keeps in its memo, answered by Temporal without a worker: also while workers are down or busy, and for closed cycles. `source` is `memo`, or `query` for a cycle started before the memo existed (then a worker must answer).',
          parameters: [{ $ref: '#/components/parameters/workflowId' }],
          responses: {
            '200': json(ref('StatusDigestRead'), 'The digest and where it came from.'),
            '404': json(ref('Error'), 'No such cycle.'),
            ...errors,
          },
        },
      },
      ...stepPaths,
      '/api/outbox': {
        get: {
          operationId: 'listOutbox',
          tags: ['outbox'],
          summary: 'Emails written by the embedded outbox (newest first)',
          parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } }],
          responses: { '200': json({ type: 'array', items: ref('OutboxEntry') }, 'The outbox.'), ...errors },
        },
      },
      '/api/outbox/{id}': {
        get: {
          operationId: 'showOutboxEmail',
          tags: ['outbox'],
          summary: 'One email, decoded: headers, text and HTML parts, attachment list',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': json(ref('OutboxMessage'), 'The email.'),
            '404': json(ref('Error'), 'No such email.'),
            ...errors,
          },
        },
      },
      '/api/public/{code}/{year}': {
        get: {
          operationId: 'publicView',
          tags: ['public'],
          summary: 'The public view of a promise (what the citizens’ page shows); no authentication',
          security: [],
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}$' } },
            { name: 'year', in: 'path', required: true, schema: { type: 'integer' } },
          ],
          responses: {
            '200': json(ref('PublicView'), 'The public view.'),
            '404': json(ref('Error'), 'Not published.'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal access token from the access-tokens file.',
        },
      },
      parameters: {
        workflowId: {
          name: 'workflowId',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: '^promise-cycle-\\d{4}-\\d{4}$' },
          example: 'promise-cycle-0180-2027',
        },
      },
      schemas: {
        Error: output(ErrorSchema),
        CycleConfig: input(CycleConfigSchema),
        StartResult: output(StartResultSchema),
        CycleRow: output(CycleRowSchema),
        CycleStatus: cycleStatusSchema,
        StatusDigestRead: output(StatusDigestReadSchema),
        StepResult: output(StepResultSchema),
        OutboxEntry: output(OutboxEntrySchema),
        OutboxMessage: output(OutboxMessageSchema),
        PublicView: output(PublicViewSchema),
        ...Object.fromEntries(stepNames.map((step) => [stepSchemaName(step), input(stepSchemas[step])])),
      },
    },
  };
}
