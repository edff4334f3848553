/**
 * Another memory allocator for the worker processes only (LD_PRELOAD), from Debian's packages:
 * `libjemalloc2`, `libmimalloc2.0`. glibc's malloc is what Node uses otherwise.
 */
import { execFileSync } from 'node:child_process';
import { z } from 'zod';
import { BenchUsageError } from './usage-error';

export const mallocs = ['glibc', 'jemalloc', 'mimalloc'] as const;
export type Malloc = (typeof mallocs)[number];
/** `--worker-malloc` of `npm run bench` and `npm run bench:memory`. */
export const MallocSchema = z.enum(mallocs).default('glibc');

const libraries: Record<Exclude<Malloc, 'glibc'>, { file: string; debianPackage: string }> = {
  jemalloc: { file: 'libjemalloc.so.2', debianPackage: 'libjemalloc2' },
  mimalloc: { file: 'libmimalloc.so.2', debianPackage: 'libmimalloc2.0' },
};

/** The dynamic linker's cache; ldconfig lives in /sbin, which a normal user's PATH may lack. */
function linkerCache(): string {
  for (const ldconfig of ['ldconfig', '/sbin/ldconfig']) {
    try {
      return execFileSync(ldconfig, ['-p'], { encoding: 'utf8' });
    } catch {
      // try the next
    }
  }
  return '';
}

/** Finds `file` in the dynamic linker's cache (`ldconfig -p` lines end in `=> /path/file`). */
export function findSharedLibrary(file: string, ldconfigOutput = linkerCache()): string | undefined {
  for (const line of ldconfigOutput.split('\n')) {
    const path = line.split('=>')[1]?.trim();
    if (path?.endsWith(`/${file}`)) return path;
  }
  return undefined;
}

/** The environment a worker process needs to run on `malloc` (nothing for glibc). */
export function mallocEnv(malloc: Malloc, ldconfigOutput?: string): NodeJS.ProcessEnv {
  if (malloc === 'glibc') return {};
  const { file, debianPackage } = libraries[malloc];
  const path = findSharedLibrary(file, ldconfigOutput);
  if (!path)
    throw new BenchUsageError(
      `${file} not found (ldconfig -p): install it with apt-get install ${debianPackage}`,
    );
  return { LD_PRELOAD: path };
}
