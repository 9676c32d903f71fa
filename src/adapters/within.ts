/**
 * Bounds on waiting for a service: a client that retries forever (ioredis, BullMQ) must not hang a health check,
 * a start-up or a stop.
 */

/** p's outcome, or a rejection "no answer within ms" if it takes longer. */
export function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** True when p settled (either way) within ms; never rejects. */
export async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return within(
    p.then(
      () => true,
      () => true,
    ),
    ms,
  ).catch(() => false);
}
