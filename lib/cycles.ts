import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowHandle,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { optionalTsToDate, requiredTsToDate } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';
import type { CarryOver, CycleInput } from '../domain/activity-contract';
import { type CycleConfigInput, CycleConfigSchema, cycleWorkflowId } from '../domain/config';
import { type Phase, PhaseSchema } from '../domain/phases';
import {
  CycleYear,
  CyclePhase,
  Escalated,
  MunicipalityCode,
  MunicipalityName,
  NextDueAt,
  OverdueCount,
  Region,
} from '../domain/search-attributes';
import type { CycleStatus } from '../domain/status';
import {
  digestOf,
  type StatusDigest,
  StatusDigestSchema,
  statusDigestMemoKey,
} from '../domain/status-digest';
import type { StepInput, StepName } from '../domain/steps';
import { type StepResult, statusQuery, stepUpdates } from '../workflows/messages';

/** The registered workflow type of a cycle (the exported workflow function's name). */
export const cycleWorkflowType = 'promiseCycle';

export class InvalidCycleConfig extends Error {
  override name = 'InvalidCycleConfig';
}

/** A human step the cycle refused (wrong phase, bad payload, wrong person …); nothing entered its history. */
export class StepRejected extends Error {
  override name = 'StepRejected';
  constructor(
    readonly step: StepName,
    readonly workflowId: string,
    readonly reason: string,
  ) {
    super(`${step} rejected by ${workflowId}: ${reason}`);
  }
}

export class CycleNotFound extends Error {
  override name = 'CycleNotFound';
  constructor(readonly workflowId: string) {
    super(`No cycle ${workflowId}`);
  }
}

export interface StartCycleResult {
  workflowId: string;
  /** True when the cycle already existed: nothing new was started. */
  alreadyRunning: boolean;
  /** `started`, `already running`, or `already exists` (the earlier one has closed). */
  outcome: 'started' | 'already running' | 'already exists';
  runId?: string;
}

const isCycleInput = (value: unknown): value is { config: unknown; carryOver?: CarryOver } =>
  typeof value === 'object' &&
  value !== null &&
  'config' in value &&
  'people' in (value as { config: object }).config;

/** Parses and validates a configuration (or a whole cycle input) with the shared schema. */
export function toCycleInput(configOrInput: CycleConfigInput | CycleInput | unknown): CycleInput {
  const { config, carryOver } = isCycleInput(configOrInput)
    ? configOrInput
    : { config: configOrInput, carryOver: undefined };
  const parsed = CycleConfigSchema.safeParse(config);
  if (!parsed.success)
    throw new InvalidCycleConfig(`Invalid cycle configuration:\n${z.prettifyError(parsed.error)}`);
  return carryOver ? { config: parsed.data, carryOver } : { config: parsed.data };
}

/** Search attributes a cycle carries from its first moment, so visibility lists it before any worker ran. */
export function initialSearchAttributes(input: CycleInput): SearchAttributePair[] {
  const { config } = input;
  return [
    { key: MunicipalityCode, value: config.municipality.code },
    { key: MunicipalityName, value: config.municipality.name },
    { key: Region, value: config.region },
    { key: CycleYear, value: config.year },
    { key: CyclePhase, value: 'initiation' },
    { key: Escalated, value: false },
    { key: OverdueCount, value: 0 },
  ];
}

/**
 * Starts the cycle of one municipality and year. The workflow id is derived from both and reuse is
 * rejected, so starting the same cycle twice (even after it closed) never makes a second one.
 */
export async function startCycle(
  client: Client,
  configOrInput: CycleConfigInput | CycleInput | unknown,
  opts: { taskQueue: string; workflowType?: string },
): Promise<StartCycleResult> {
  const input = toCycleInput(configOrInput);
  const workflowId = cycleWorkflowId(input.config.municipality.code, input.config.year);
  try {
    const handle = await client.workflow.start(opts.workflowType ?? cycleWorkflowType, {
      workflowId,
      taskQueue: opts.taskQueue,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: initialSearchAttributes(input),
    });
    return { workflowId, alreadyRunning: false, outcome: 'started', runId: handle.firstExecutionRunId };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const description = await client.workflow.getHandle(workflowId).describe();
    const running = description.status.name === 'RUNNING';
    return {
      workflowId,
      alreadyRunning: true,
      outcome: running ? 'already running' : 'already exists',
      runId: description.runId,
    };
  }
}

export const cycleHandle = (client: Client, code: string, year: number): WorkflowHandle =>
  client.workflow.getHandle(cycleWorkflowId(code, year));

/**
 * A known `runId` saves the server looking up the cycle's current run (a database read per call;
 * on the dev server it queues behind every other write on its single SQLite connection).
 */
export async function cycleStatus(client: Client, workflowId: string, runId?: string): Promise<CycleStatus> {
  try {
    return await client.workflow.getHandle(workflowId, runId).query(statusQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new CycleNotFound(workflowId);
    throw err;
  }
}

export interface DigestRead {
  digest: StatusDigest;
  /** `memo`: answered by the server from the cycle's memo; `query`: by a worker (a cycle without the memo). */
  source: 'memo' | 'query';
}

/**
 * The digest of a cycle's status as the server keeps it in the cycle's memo (DescribeWorkflowExecution,
 * no worker involved); `undefined` for a cycle started before the memo existed.
 */
export async function memoDigest(
  client: Client,
  workflowId: string,
  runId?: string,
): Promise<StatusDigest | undefined> {
  let memo: Record<string, unknown> | undefined;
  try {
    ({ memo } = await client.workflow.getHandle(workflowId, runId).describe());
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new CycleNotFound(workflowId);
    throw err;
  }
  const kept = memo?.[statusDigestMemoKey];
  if (kept === undefined) return undefined;
  const parsed = StatusDigestSchema.safeParse(kept);
  if (!parsed.success)
    throw new Error(`${workflowId} keeps a malformed status digest: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Where a cycle stands (the digest of its status), from its memo: it answers while workers are busy or
 * down, and for closed cycles without replaying them. A cycle started before the memo existed is asked
 * with the `status` query instead.
 */
export async function cycleDigest(client: Client, workflowId: string, runId?: string): Promise<DigestRead> {
  const kept = await memoDigest(client, workflowId, runId);
  return kept
    ? { digest: kept, source: 'memo' }
    : { digest: digestOf(await cycleStatus(client, workflowId, runId)), source: 'query' };
}

/** Runs a human step as its Update; a refusal by the cycle's validator becomes a `StepRejected`. See cycleStatus on `runId`. */
export async function runStep<S extends StepName>(
  client: Client,
  workflowId: string,
  step: S,
  payload: StepInput<S>,
  runId?: string,
): Promise<StepResult> {
  const definition = stepUpdates[step];
  try {
    return await client.workflow
      .getHandle(workflowId, runId)
      .executeUpdate(definition, { args: [payload] } as never);
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError)
      throw new StepRejected(step, workflowId, err.cause?.message ?? err.message);
    if (err instanceof WorkflowNotFoundError) throw new CycleNotFound(workflowId);
    throw err;
  }
}

export const CycleFilterSchema = z
  .object({
    region: z.string().trim().min(1).optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    phase: PhaseSchema.optional(),
    escalated: z.boolean().optional(),
    municipalityCode: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    /** Running cycles only (default: all, closed ones too). */
    runningOnly: z.boolean().optional(),
  })
  .strict();
export type CycleFilter = z.input<typeof CycleFilterSchema>;

const quote = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A visibility query on the cycles' custom search attributes: answered by the server, no worker needed. */
export function cycleListQuery(filter: CycleFilter = {}, workflowType = cycleWorkflowType): string {
  const f = CycleFilterSchema.parse(filter);
  const clauses = [`WorkflowType = ${quote(workflowType)}`];
  if (f.region !== undefined) clauses.push(`Region = ${quote(f.region)}`);
  if (f.year !== undefined) clauses.push(`CycleYear = ${f.year}`);
  if (f.phase !== undefined) clauses.push(`CyclePhase = ${quote(f.phase)}`);
  if (f.escalated !== undefined) clauses.push(`Escalated = ${f.escalated}`);
  if (f.municipalityCode !== undefined) clauses.push(`MunicipalityCode = ${quote(f.municipalityCode)}`);
  if (f.runningOnly) clauses.push(`ExecutionStatus = 'Running'`);
  return clauses.join(' AND ');
}

export interface CycleSummary {
  workflowId: string;
  runId: string;
  status: string;
  municipalityCode?: string;
  municipalityName?: string;
  region?: string;
  year?: number;
  phase?: Phase;
  escalated: boolean;
  overdueCount: number;
  nextDueAt?: string;
  startedAt: string;
  closedAt?: string;
  historyLength: number;
}

export type RawExecution = temporal.api.workflow.v1.IWorkflowExecutionInfo;

/**
 * A list row from the raw visibility record, decoded with the SDK's own helpers. The SDK's
 * `workflow.list()` also decodes every row's memo, and each cycle's memo holds its status digest
 * (~3 KB): for 290 rows that decoding was most of the list's time (idle dev server, 3.4 KB memos:
 * 22–35 ms through the SDK, 12–14 ms raw).
 */
function cycleSummary(raw: RawExecution): CycleSummary {
  const sa = decodeTypedSearchAttributes(raw.searchAttributes?.indexedFields);
  return {
    workflowId: raw.execution?.workflowId ?? '',
    runId: raw.execution?.runId ?? '',
    status: (temporal.api.enums.v1.WorkflowExecutionStatus[raw.status ?? 0] ?? '').replace(
      'WORKFLOW_EXECUTION_STATUS_',
      '',
    ),
    municipalityCode: sa.get(MunicipalityCode),
    municipalityName: sa.get(MunicipalityName),
    region: sa.get(Region),
    year: sa.get(CycleYear),
    phase: sa.get(CyclePhase) as Phase | undefined,
    escalated: sa.get(Escalated) ?? false,
    overdueCount: sa.get(OverdueCount) ?? 0,
    nextDueAt: sa.get(NextDueAt)?.toISOString(),
    startedAt: requiredTsToDate(raw.startTime, 'startTime').toISOString(),
    closedAt: optionalTsToDate(raw.closeTime)?.toISOString(),
    historyLength: Number(raw.historyLength ?? 0),
  };
}

/** Every execution a visibility query matches, as the server sends them (memos not decoded), all pages. */
export async function listExecutions(client: Client, query: string): Promise<RawExecution[]> {
  const executions: RawExecution[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.listWorkflowExecutions({
      namespace: client.options.namespace,
      query,
      pageSize: 1000,
      nextPageToken,
    });
    executions.push(...page.executions);
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return executions;
}

/** Lists cycles through visibility, sorted by municipality code then year. */
export async function listCycles(client: Client, filter: CycleFilter = {}): Promise<CycleSummary[]> {
  const cycles = (await listExecutions(client, cycleListQuery(filter))).map(cycleSummary);
  return cycles.sort(
    (a, b) =>
      (a.municipalityCode ?? '').localeCompare(b.municipalityCode ?? '') || (a.year ?? 0) - (b.year ?? 0),
  );
}
