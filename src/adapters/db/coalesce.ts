/**
 * Group commit for one kind of statement: the calls made while its previous statement is in flight go together
 * as one statement (one round trip, one commit) as soon as it returns. A lone call goes at once — nothing waits
 * for company, so batching adds no latency to a quiet inbox; under a backlog the concurrent deliver jobs' claims
 * and "sent" marks share their statements (bench/ingest: each round trip is a wake-up of a backend, a commit and,
 * for these two, a WAL flush).
 *
 * `run` gets the waiting inputs in call order and answers one output per input, in the same order. When it
 * throws, every caller of that batch gets the error (each retries on its own, as it would have alone).
 */
export function coalesce<I, O>(run: (inputs: I[]) => Promise<O[]>, maxBatch = 100): (input: I) => Promise<O> {
  type Waiting = { input: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  let waiting: Waiting[] = [];
  let inFlight = false;

  const flush = () => {
    if (inFlight || waiting.length === 0) return;
    const batch = waiting.slice(0, maxBatch);
    waiting = waiting.slice(batch.length);
    inFlight = true;
    run(batch.map((w) => w.input))
      .then(
        (outs) => {
          if (outs.length !== batch.length) throw new Error(`batched statement answered ${outs.length} results for ${batch.length} inputs`);
          batch.forEach((w, i) => w.resolve(outs[i]!));
        },
        (err: unknown) => batch.forEach((w) => w.reject(err)),
      )
      .catch((err: unknown) => batch.forEach((w) => w.reject(err)))
      .finally(() => {
        inFlight = false;
        flush();
      });
  };

  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      flush();
    });
}
