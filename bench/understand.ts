/**
 * bench/understand — a fixed amount of work for an instruction counter: the corpus decoded (mailparser adapter), and
 * with `--understand 1` each message understood (classify + extract), `--rounds` times. Nothing timed: on the shared
 * 2-core machine wall and CPU time move with the other tenants; instructions counted by callgrind do not (issue 12).
 *
 *   npx esbuild bench/understand.ts --bundle --platform=node --format=esm --packages=external --outfile=/tmp/u.mjs
 *   (from a directory whose node_modules resolves: the bundle's createRequire looks beside it — or output under bench/)
 *   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out node --jitless --predictable /tmp/u.mjs DIR... --understand 1
 *
 * understand's instructions are the total with `--understand 1` less the total with `--understand 0`. --predictable
 * (V8: no time-driven GC, one thread) makes two runs of one build agree within 0.01 %; without it they differed by 9 %
 * (28.1 and 30.6 G, GC timing). Under the JIT, valgrind did not finish one round in 11 minutes: --jitless.
 *
 * `--bare 1` decodes with bare mailparser `simpleParser` (default options) instead, nothing understood: bench:parse's
 * yardstick in instructions. Decode alone is the total with `--understand 0`; its ratio to the yardstick is
 * (total(--bare 1) − start-up) / (total(--understand 0) − start-up), the start-up (≈ 3 G: loading the bundle) being a
 * `--rounds 0` run's total; a second pass alone is a `--rounds 2` total less a `--rounds 1` one. Or in one run: with
 * `--dump-before=uv_getrusage` (process.cpuUsage, called as each round begins and nowhere else) callgrind writes the
 * start-up and each round to files of their own (out.1 the start-up, out.2 the first round…).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { mailparserReader } from '../src/adapters/mailparser.ts';
import { notMailReason, understand } from '../src/core/understand.ts';
import type { ParseContext } from '../src/types.ts';

const args = process.argv.slice(2);
const opt = (k: string, d: number) => (args.includes(k) ? Number(args[args.indexOf(k) + 1]) : d);
const rounds = opt('--rounds', 1);
const doUnderstand = opt('--understand', 1) === 1;
const bare = opt('--bare', 0) === 1;
const dirs = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
// by default the shared corpus beside the checkout (a worktree in /tmp finds it through /tmp/shared, as the rules have it)
if (dirs.length === 0) dirs.push(resolve('../shared/corpus'));

function files(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? files(p) : /\.eml$/.test(n) ? [p] : [];
  });
}

const messages = dirs.flatMap(files).sort().map((f) => readFileSync(f));
// a fixed clock: a token's age is read against it, so that two runs do the same work
const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'bench-secret-0123456789', now: () => new Date('2026-12-01T00:00:00Z') };
let warnings = 0;
for (let r = 0; r < rounds; r++) {
  // a mark for callgrind: with --dump-before=uv_getrusage, each round's instructions are a file of their own
  process.cpuUsage();
  for (const raw of messages) {
    if (bare) {
      await simpleParser(raw).catch(() => null);
      continue;
    }
    let mail;
    try {
      mail = await mailparserReader.read(raw);
    } catch {
      continue;
    }
    if (notMailReason(mail)) continue;
    if (doUnderstand) warnings += understand(mail, ctx).warnings.length;
  }
}
console.log(`${messages.length} files, ${rounds} round(s), ${bare ? 'bare simpleParser' : `understand ${doUnderstand ? 'on' : 'off'}, ${warnings} warnings`}`);
