/** Polls until `check` holds (or fails after `timeoutMs`). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 30_000,
  everyMs = 500,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until)
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${String(JSON.stringify(value)).slice(0, 2000)}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
