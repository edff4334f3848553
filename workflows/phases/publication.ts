import { registerPromise, publishPromise } from '../activity-proxies';
import { buildPublicView } from '../public-view';
import type { CycleState } from '../state';

/** The signed promise is registered (diarium, case type 483) and then published. */
export async function registerAndPublish(state: CycleState): Promise<void> {
  const document = state.gates.promise.document;
  if (!document) return;
  const c = state.config;
  const record = await registerPromise({
    workflowId: state.workflowId,
    municipalityCode: c.municipality.code,
    year: c.year,
    title: document.text.split('\n')[0]?.replace(/^#\s*/, '') ?? `${c.municipality.name} ${c.year}`,
    text: document.text,
    contentHash: document.contentHash,
  });
  state.promise = { recordNumber: record.recordNumber, registeredAt: record.registeredAt };
  const { url } = await publishPromise({
    workflowId: state.workflowId,
    view: { ...buildPublicView(state), published: true },
  });
  state.promise = { ...state.promise, publishedAt: new Date().toISOString(), publicUrl: url };
}
