import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MallocSchema } from './malloc';
import { BenchUsageError, parseArgsOrUsage } from './usage-error';

export const BenchOptionsSchema = z
  .object({
    /** How many municipalities (first N of the 290, in code order). */
    cycles: z.coerce.number().int().min(1).max(290).default(290),
    /** Length of the compressed promise period (the year of implementation, follow-ups and feedback). */
    yearMinutes: z.coerce.number().min(3).max(600).default(7),
    /** Minutes before the promise period starts, for every cycle's planning phases (≈ 25 human steps each). */
    planningMinutes: z.coerce.number().min(0.5).max(120).default(2),
    /** Minutes between the first and the last cycle's promise period; 0 = all at the same moment (bench/configs.ts). */
    staggerMinutes: z.coerce.number().min(0).max(600).default(0),
    /** Worker processes for the cycles' task queue. */
    workers: z.coerce.number().int().min(1).max(8).default(1),
    /** The workers poll workflow tasks only; one more worker process runs the activities (email). */
    splitActivities: z.boolean().default(false),
    /** WORKER_WORKFLOW_TASK_POLLERS of each worker; unset = the SDK's default (10). */
    workflowPollers: z.coerce.number().int().min(2).max(200).optional(),
    /** WORKER_WORKFLOW_TASK_SLOTS of each worker; unset = the SDK's default (40). */
    workflowSlots: z.coerce.number().int().min(2).max(1000).optional(),
    /** WORKER_ACTIVITY_SLOTS of the workers that send the email; unset = the SDK's default (100). */
    activitySlots: z.coerce.number().int().min(1).max(1000).optional(),
    /** WORKER_MAX_CACHED_WORKFLOWS of each worker; unset = the SDK's default (all cycles fit). */
    maxCached: z.coerce.number().int().min(0).optional(),
    /** WORKER_WORKFLOW_THREADS of each worker: 2, as docker-compose.yml runs it (1 is the SDK's default). */
    workflowThreads: z.coerce.number().int().min(1).max(8).default(2),
    /** The workers' memory allocator (LD_PRELOAD of Debian's library; see bench/malloc.ts). */
    workerMalloc: MallocSchema,
    unexplainedSlipShare: z.coerce.number().min(0).max(1).default(0.1),
    explainedSlipShare: z.coerce.number().min(0).max(1).default(0.1),
    /** Share of feedback rounds recorded only after their deadline (each must get one overdue notice). */
    lateFeedbackShare: z.coerce.number().min(0).max(1).default(0.1),
    deeperDialogueShare: z.coerce.number().min(0).max(1).default(0.1),
    /**
     * Scheduling priority (nice, -20..19) of the observer process. It stands in for a manager's client on
     * another machine; here it shares two cores with the server and the worker. Unset: normal priority.
     */
    observerNice: z.coerce.number().int().min(-20).max(19).optional(),
    /** Also run the no-op ceiling workload afterwards (same server, same shape). */
    ceiling: z.boolean().default(true),
    port: z.coerce.number().int().min(1024).max(65000).default(17433),
    /** A server already running (scripts/bench-postgres-server.sh) instead of a dev server of the bench's own. */
    server: z
      .string()
      .regex(/^[\w.-]+:\d+$/, 'expected host:port')
      .optional(),
    /** That server's process id, for its CPU seconds. */
    serverPid: z.coerce.number().int().min(1).optional(),
    /** The bench's own dev server hands activities to the worker eagerly (run 40). */
    eagerActivities: z.boolean().default(false),
    /** More dynamic-config values for the bench's own dev server (TEMPORAL_DYNAMIC_CONFIG; run 48). */
    serverDynamicConfig: z
      .string()
      .trim()
      .regex(/^[\w.]+=\S+(\s+[\w.]+=\S+)*$/, 'expected KEY=JSON values separated by spaces')
      .optional(),
    keepData: z.boolean().default(false),
    /** Write V8 CPU profiles of the worker (every thread) to {data}/profiles; implies keeping the data. */
    profileWorker: z.boolean().default(false),
    /** Sample the server's call stacks with Linux perf while the year runs (bench/server-profile.ts). */
    profileServer: z.boolean().default(false),
    out: z.string().optional(),
  })
  .refine((o) => !(o.eagerActivities && o.server), {
    message:
      "sets the bench's own dev server; a server started elsewhere takes system.enableActivityEagerExecution in its own dynamic config",
    path: ['eagerActivities'],
  })
  .refine((o) => !(o.serverDynamicConfig && o.server), {
    message: "sets the bench's own dev server; a server started elsewhere has its own dynamic config",
    path: ['serverDynamicConfig'],
  })
  .refine((o) => !(o.profileServer && o.server && !o.serverPid), {
    message: 'needs --server-pid to profile a server started elsewhere',
    path: ['profileServer'],
  });
export type BenchOptions = z.infer<typeof BenchOptionsSchema>;

const usage = `npm run bench -- [--cycles 290] [--year-minutes 7] [--planning-minutes 2] [--stagger-minutes 0] [--workers 1] [--split-activities] [--workflow-pollers 10] [--workflow-slots 40] [--activity-slots 100] [--max-cached N] [--workflow-threads 2] [--worker-malloc glibc|jemalloc|mimalloc] [--unexplained 0.1] [--explained 0.1]
                  [--late-feedback 0.1] [--deeper 0.1] [--observer-nice=-10] [--no-ceiling] [--port 17433] [--server host:port --server-pid N] [--eager-activities] [--server-dynamic-config 'KEY=JSON …'] [--keep-data] [--profile-worker] [--profile-server] [--out bench/results/x.json]`;

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgsOrUsage(usage, () =>
    parseArgs({
      args: argv,
      options: {
        cycles: { type: 'string' },
        'year-minutes': { type: 'string' },
        'planning-minutes': { type: 'string' },
        'stagger-minutes': { type: 'string' },
        workers: { type: 'string' },
        'split-activities': { type: 'boolean' },
        'workflow-pollers': { type: 'string' },
        'workflow-slots': { type: 'string' },
        'activity-slots': { type: 'string' },
        'max-cached': { type: 'string' },
        'workflow-threads': { type: 'string' },
        'worker-malloc': { type: 'string' },
        unexplained: { type: 'string' },
        explained: { type: 'string' },
        'late-feedback': { type: 'string' },
        deeper: { type: 'string' },
        'observer-nice': { type: 'string' },
        'no-ceiling': { type: 'boolean' },
        port: { type: 'string' },
        server: { type: 'string' },
        'server-pid': { type: 'string' },
        'eager-activities': { type: 'boolean' },
        'server-dynamic-config': { type: 'string' },
        'keep-data': { type: 'boolean' },
        'profile-worker': { type: 'boolean' },
        'profile-server': { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const parsed = BenchOptionsSchema.safeParse({
    cycles: values.cycles,
    yearMinutes: values['year-minutes'],
    planningMinutes: values['planning-minutes'],
    staggerMinutes: values['stagger-minutes'],
    workers: values.workers,
    splitActivities: values['split-activities'] ?? false,
    workflowPollers: values['workflow-pollers'],
    workflowSlots: values['workflow-slots'],
    activitySlots: values['activity-slots'],
    maxCached: values['max-cached'],
    workflowThreads: values['workflow-threads'],
    workerMalloc: values['worker-malloc'],
    unexplainedSlipShare: values.unexplained,
    explainedSlipShare: values.explained,
    lateFeedbackShare: values['late-feedback'],
    deeperDialogueShare: values.deeper,
    observerNice: values['observer-nice'],
    ceiling: !values['no-ceiling'],
    port: values.port,
    server: values.server,
    serverPid: values['server-pid'],
    eagerActivities: values['eager-activities'] ?? false,
    serverDynamicConfig: values['server-dynamic-config'],
    keepData: (values['keep-data'] ?? false) || (values['profile-worker'] ?? false),
    profileWorker: values['profile-worker'] ?? false,
    profileServer: values['profile-server'] ?? false,
    out: values.out,
  });
  if (!parsed.success) throw new BenchUsageError(`${z.prettifyError(parsed.error)}\n\n${usage}`);
  return parsed.data;
}
