// Waiting in end-to-end tests for what they assert, never for a fixed time.

/** Polls `probe` every 100 ms until it gives a value other than null (a throw counts as null); fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
