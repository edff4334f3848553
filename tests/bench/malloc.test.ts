import { findSharedLibrary, mallocEnv } from '../../bench/malloc';

// Lines as `ldconfig -p` prints them on Debian.
const ldconfig = `3 libs found in cache \`/etc/ld.so.cache'
\tlibmimalloc.so.2.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libmimalloc.so.2.0
\tlibjemalloc.so.2 (libc6,x86-64) => /lib/x86_64-linux-gnu/libjemalloc.so.2
\tlibc.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/x86_64-linux-gnu/libc.so.6
`;

describe('worker allocator', () => {
  it('preloads the allocator found in the linker cache, by its exact file name', () => {
    expect(mallocEnv('jemalloc', ldconfig)).toEqual({ LD_PRELOAD: '/lib/x86_64-linux-gnu/libjemalloc.so.2' });
    // libmimalloc.so.2.0 is not libmimalloc.so.2.
    expect(findSharedLibrary('libmimalloc.so.2', ldconfig)).toBeUndefined();
  });

  it("changes nothing for glibc's malloc", () => {
    expect(mallocEnv('glibc', ldconfig)).toEqual({});
  });

  it('names the Debian package when the library is missing', () => {
    expect(() => mallocEnv('mimalloc', ldconfig)).toThrow(/apt-get install libmimalloc2\.0/);
  });
});
