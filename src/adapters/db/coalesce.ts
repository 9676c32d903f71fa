/**
 * Group commit for one kind of statement: the calls made while its previous statement is in flight go together
 * as one statement (one round trip, one commit) as soon as it returns. A call that finds none in flight goes at the
 * end of the event loop's turn that made it (setImmediate), with the calls made in that same turn — a job carrying
 * several messages calls once per message, and the callers one batch resumed call again side by side. Nothing waits
 * for IO or a timer, so batching adds no latency to a quiet inbox; under a backlog the concurrent jobs' reads, filings,
 * claims and "sent" marks share their statements (bench/ingest: each round trip is a wake-up of a backend, a commit
 * and, for the writes, a WAL flush).
 *
 * `run` gets the waiting inputs in call order and answers one output per input, in the same order. When it
 * throws, every caller of that batch gets the error (each retries on its own, as it would have alone) — unless
 * `alone`: then each input of a failed batch of several is run again by itself, and each caller gets its own answer.
 * For writes of data from mail: one caller's row the database refuses (a constraint, a value it cannot store) must
 * not fail the callers it happened to share a statement with — the workers park a job at once on such an error.
 */
export function coalesce<I, O>(run: (inputs: I[]) => Promise<O[]>, opts: { maxBatch?: number; alone?: boolean } = {}): (input: I) => Promise<O> {
  const maxBatch = opts.maxBatch ?? 100;
  type Waiting = { input: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  let waiting: Waiting[] = [];
  let inFlight = false;
  let scheduled = false;

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
        async (err: unknown) => {
          if (!opts.alone || batch.length === 1) return batch.forEach((w) => w.reject(err));
          // One after another: the same rows' locks, taken again, need not wait for each other.
          for (const w of batch) {
            await run([w.input]).then(
              (outs) => (outs.length === 1 ? w.resolve(outs[0]!) : w.reject(new Error(`statement answered ${outs.length} results for 1 input`))),
              w.reject,
            );
          }
        },
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
      if (inFlight || scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        flush();
      });
    });
}
