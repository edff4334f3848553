import { randomBytes } from 'node:crypto';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Directories this process has made sure of; a folder is never removed while the worker runs. */
const knownDirectories = new Set<string>();

/**
 * Writes a file so that it either exists completely or not at all, and survives a crash once the
 * promise resolves: temporary file, fsync, rename, fsync of the directory. Asynchronous, so the
 * fsyncs run on libuv's thread pool and never block the worker's event loop (queries, other sends).
 */
export async function writeFileDurably(path: string, data: string | Buffer): Promise<void> {
  const dir = dirname(path);
  if (!knownDirectories.has(dir)) {
    const created = await mkdir(dir, { recursive: true });
    if (created) await fsyncDirectory(dirname(dir)); // the new folder's own entry must survive a crash too
    knownDirectories.add(dir);
  }
  const temporary = join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  await fsyncDirectory(dir);
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
