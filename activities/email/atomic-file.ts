import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes a file so that it either exists completely or not at all, and survives a crash once this
 * returns: temporary file, fsync, rename, fsync of the directory.
 */
export function writeFileDurably(path: string, data: string | Buffer): void {
  const dir = dirname(path);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    fsyncDirectory(dirname(dir)); // the new folder's own entry must survive a crash too
  }
  const temporary = join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  fsyncDirectory(dir);
}

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
