import { condition, defineQuery, defineSignal, setHandler, sleep, upsertMemo } from '@temporalio/workflow';

export interface CommandsInput {
  /** Memo upserts to issue in the first workflow task, one command each. */
  commands: number;
  /** Bytes of padding in each upsert's memo, to tell a cost per command from a cost per byte. */
  payloadBytes: number;
}

/** True once the execution has issued its commands and seen them recorded, so it sits in the cache as a cycle does. */
export const settledQuery = defineQuery<boolean>('settled');
export const releaseSignal = defineSignal('release');

/**
 * Issues `commands` commands, then waits to be released. Two short timers follow the commands: the
 * workflow task after the first one matches the recorded commands, so the SDK's core holds only what it
 * keeps for a run's life, not commands still waiting for their events.
 */
export async function commandsThenWait({ commands, payloadBytes }: CommandsInput): Promise<void> {
  let settled = false;
  let released = false;
  setHandler(settledQuery, () => settled);
  setHandler(releaseSignal, () => void (released = true));
  const padding = 'x'.repeat(payloadBytes);
  for (let i = 0; i < commands; i++) upsertMemo({ command: i, padding });
  await sleep(10);
  await sleep(10);
  settled = true;
  await condition(() => released);
}
