import { ActivityFailure, condition, patched } from '@temporalio/workflow';
import { registerPromise, publishPromise } from '../activity-proxies';
import type { PublicationStep } from '../../domain/status';
import { publicationProblemPatch } from '../patches';
import { buildPublicView } from '../public-view';
import { type CycleState, now } from '../state';
import { assignTask } from '../tasks';
import { taskTitles } from '../texts';

export const retryPublicationTaskId = 'retry-publication';
/** Without a `retry-publication` step, a failed registration or publication is tried again after this. */
const automaticRetry = '1 day';

/** The signed promise is registered (diarium, case type 483) and then published. */
export async function registerAndPublish(state: CycleState): Promise<void> {
  const document = state.gates.promise.document;
  if (!document) return;
  const c = state.config;
  const record = await untilDone(state, 'register', () =>
    registerPromise({
      workflowId: state.workflowId,
      municipalityCode: c.municipality.code,
      year: c.year,
      title: document.text.split('\n')[0]?.replace(/^#\s*/, '') ?? `${c.municipality.name} ${c.year}`,
      text: document.text,
      contentHash: document.contentHash,
    }),
  );
  state.promise = { recordNumber: record.recordNumber, registeredAt: record.registeredAt };
  const { url } = await untilDone(state, 'publish', () =>
    publishPromise({ workflowId: state.workflowId, view: { ...buildPublicView(state), published: true } }),
  );
  state.promise = { ...state.promise, publishedAt: new Date().toISOString(), publicUrl: url };
}

/**
 * Runs a registration or publication until it succeeds. When the activity's own retries are spent (or
 * it refuses for good), the cycle waits in its phase: the coordinators and the communicator get a task
 * to retry once the cause is fixed, and it is retried daily on its own.
 */
async function untilDone<T>(state: CycleState, step: PublicationStep, run: () => Promise<T>): Promise<T> {
  for (;;) {
    // A retry asked for while this attempt runs still counts if the attempt fails.
    state.publicationRetryRequested = false;
    try {
      const result = await run();
      if (state.publicationProblem) {
        state.publicationProblem = undefined;
        state.closeTask(retryPublicationTaskId);
      }
      return result;
    } catch (err) {
      // Cycles that met such a failure before this change ended with it, and replay that way.
      if (!(err instanceof ActivityFailure) || !patched(publicationProblemPatch)) throw err;
      reportProblem(state, step, err.cause?.message ?? err.message);
      await condition(() => state.publicationRetryRequested, automaticRetry);
    }
  }
}

function reportProblem(state: CycleState, step: PublicationStep, reason: string): void {
  const earlier = state.publicationProblem;
  state.publicationProblem = {
    step,
    reason,
    since: earlier?.step === step ? earlier.since : now(),
    rounds: earlier?.step === step ? earlier.rounds + 1 : 1,
  };
  if (state.tasks.has(retryPublicationTaskId)) return;
  assignTask(state, {
    id: retryPublicationTaskId,
    step: 'retry-publication',
    title: taskTitles(state.language).retryPublication(step, reason.slice(0, 200)),
    assignees: [...state.coordinators, { ...state.config.people.communicator, role: 'communicator' }],
    due: state.calendar.due(now(), '2d'),
    subject: {},
  });
}
