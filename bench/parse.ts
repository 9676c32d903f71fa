/**
 * bench/parse — messages/s of crieur parse's core (decode + classify + extract) over the shared corpus,
 * next to bare mailparser `simpleParser` on the same files in the same run, and the ratio (goal ≥ 1.0, issue 12).
 *
 *   npx tsx bench/parse.ts [corpusDir] [--rounds N]
 *
 * Rounds (21 by default: with 9 the ratio moved ± 0.05 between runs of one build) alternate between the two so that
 * CPU frequency or GC drift hits both alike; the median round counts. Each round is timed in the process's CPU seconds
 * (user + system), not wall time: on a shared 2-core machine the wall clock also counts the time other tenants held
 * the core (the ratio moved 0.75–0.93 between runs of one build).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { parseRawMessage } from '../src/app/parse-message.ts';
import { mailparserReader } from '../src/adapters/mailparser.ts';
import type { ParseContext } from '../src/types.ts';

const args = process.argv.slice(2);
const roundsArg = args.indexOf('--rounds');
const rounds = roundsArg >= 0 ? Number(args[roundsArg + 1]) : 21;
const dir = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds') ?? new URL('../../shared/corpus', import.meta.url).pathname);

function files(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? files(p) : /\.(eml|mbox)$/.test(n) ? [p] : [];
  });
}

const messages = files(dir).map((f) => readFileSync(f));
const bytes = messages.reduce((s, m) => s + m.length, 0);
const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'bench-secret-0123456789' };

/** CPU seconds of this process while `work` runs. */
async function cpuSeconds(work: () => Promise<void>): Promise<number> {
  const u = process.cpuUsage();
  await work();
  const d = process.cpuUsage(u);
  return (d.user + d.system) / 1e6;
}
const runBare = () => cpuSeconds(() => each((m) => simpleParser(m)));
const runCrieur = () => cpuSeconds(() => each((m) => parseRawMessage(m, ctx, mailparserReader)));
async function each(f: (m: Buffer) => Promise<unknown>): Promise<void> {
  for (const m of messages) await f(m);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await runBare();
await runCrieur(); // warm-up: JIT, lazy requires, franc's trigram tables
const bare: number[] = [];
const ours: number[] = [];
for (let i = 0; i < rounds; i++) {
  bare.push(await runBare());
  ours.push(await runCrieur());
}
const bareRate = messages.length / median(bare);
const ourRate = messages.length / median(ours);
console.log(`corpus: ${messages.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${rounds} rounds (median of CPU time)`);
console.log(`mailparser simpleParser (bare, default options): ${bareRate.toFixed(0)} msg/s`);
console.log(`crieur parse core (decode + classify + extract):  ${ourRate.toFixed(0)} msg/s`);
console.log(`ratio crieur / bare: ${(ourRate / bareRate).toFixed(2)} (goal >= 1.0, issue 12)`);
