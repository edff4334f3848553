/**
 * Preloaded into the probed worker (`node -r dist/bench/heap-snapshot-preload.js`). Node can only
 * signal a heap snapshot of the main thread, but the workflows live in the SDK's worker threads: this
 * remembers every running thread the process started and, on SIGUSR2, writes a snapshot of the main
 * thread and of each of them into HEAP_SNAPSHOT_DIR, then a `<label>.done` file listing them.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { writeHeapSnapshot } from 'node:v8';
import workerThreads from 'node:worker_threads';

const threads: workerThreads.Worker[] = [];
const Original = workerThreads.Worker;
// The SDK reads `Worker` off the module object when it starts its threads, after this preload ran.
workerThreads.Worker = class TrackedWorker extends Original {
  constructor(...args: ConstructorParameters<typeof Original>) {
    super(...args);
    threads.push(this);
    this.once('exit', () => threads.splice(threads.indexOf(this), 1));
  }
};

const dir = process.env.HEAP_SNAPSHOT_DIR ?? process.cwd();
let taken = 0;
process.on('SIGUSR2', () => {
  const label = `snapshot-${++taken}`;
  const files = [join(dir, `${label}-main.heapsnapshot`)];
  writeHeapSnapshot(files[0]);
  // All threads are asked at once: with SDK 1.24 every workflow thread exits (code 1) right after the
  // first thread's snapshot, so a thread asked after another would be gone.
  void Promise.all(
    threads.map(async (thread, i) => {
      const file = join(dir, `${label}-thread${i}.heapsnapshot`);
      await pipeline(await thread.getHeapSnapshot(), createWriteStream(file));
      return file;
    }),
  ).then((written) => writeFileSync(join(dir, `${label}.done`), [...files, ...written].join('\n')));
});
