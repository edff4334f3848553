import { condition, patched } from '@temporalio/workflow';
import type { DeliveryReport, Notification } from '../domain/notifications';
import { notify } from './activity-proxies';
import { processItem } from './agenda-items';
import { digestBudgetPatch, digestFollowUpsPatch, statusMemoPatch } from './patches';
import { syncVisibility, visibilityLoop } from './search-attributes';
import { type CycleState, iso, now } from './state';

/**
 * The agenda loop: one timer, to the earliest dated item; everything due is processed together.
 * Woken early (cancelling the timer) only when something earlier is scheduled.
 */
async function agendaLoop(state: CycleState): Promise<void> {
  while (!state.finished) {
    const next = state.agenda.earliest();
    state.agenda.target = next?.at;
    state.agenda.wokenEarly = false;
    const wait = next ? next.at - now() : undefined;
    if (wait === undefined) await condition(() => state.agenda.wokenEarly || state.finished);
    else if (wait > 0) await condition(() => state.agenda.wokenEarly || state.finished, wait);
    for (const item of state.agenda.takeDue(now())) processItem(state, item);
  }
}

function recordFailures(state: CycleState, batch: Notification[], reports: DeliveryReport[]): void {
  const failed = reports.filter((r) => r.status === 'failed' && r.failures.length > 0);
  for (const report of failed) {
    const sent = batch.find((n) => n.key === report.key);
    for (const f of report.failures)
      state.deliveryFailures.push({
        at: iso(now()),
        kind: sent?.kind ?? 'unknown',
        recipient: f.recipient.email,
        reason: f.reason,
      });
    if (sent && sent.kind !== 'delivery-failure') {
      state.send({
        kind: 'delivery-failure',
        subject: report.key,
        occurrence: 'failed',
        to: state.coordinators,
        failed: report.failures.map((f) => ({ kind: sent.kind, recipient: f.recipient, reason: f.reason })),
      });
    }
  }
}

/** The outbox: everything queued while handling one workflow task goes out in one `notify` call. */
async function outboxLoop(state: CycleState): Promise<void> {
  for (;;) {
    await condition(() => state.outbox.length > 0 || state.finished);
    if (state.outbox.length === 0) return;
    const batch = state.outbox.splice(0);
    state.flushing = true;
    try {
      recordFailures(state, batch, await notify(batch));
    } finally {
      state.flushing = false;
    }
  }
}

export function startDispatcher(state: CycleState): void {
  // Cycles started before the status memo existed replay without it (their histories have no memo upserts).
  state.keepsStatusMemo = patched(statusMemoPatch);
  state.digestShowsFollowUps = state.keepsStatusMemo && patched(digestFollowUpsPatch);
  state.digestFitsBudget = state.keepsStatusMemo && patched(digestBudgetPatch);
  void agendaLoop(state);
  void outboxLoop(state);
  void visibilityLoop(state);
}

/** Stops the loops once everything queued has been sent. */
export async function stopDispatcher(state: CycleState): Promise<void> {
  state.finished = true;
  await condition(() => state.outbox.length === 0 && !state.flushing);
  syncVisibility(state);
}
