/**
 * bench/startup — what a one-shot `crieur` costs from exec to exit: `parse FILE` and `--version`, run from the bundle
 * (dist/, what the bin runs after `npm ci`) and from the sources through tsx (what it runs when dist/ is stale),
 * next to a bare `node -e 0` in the same run. Wall time and CPU (user + system, from GNU time) per variant, median.
 *
 *   npm run bench:startup [-- --runs N]
 *
 * Runs are interleaved so that load changes hit every variant alike; the load average is printed beside the figures
 * (on a busy machine wall time is mostly waiting for a core: read the CPU column). Builds dist/ first when stale.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { freshBundle } from '../src/cli/bundle.js';
import { buildBundle } from '../scripts/build.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
const FILE = 'tests/fixtures/proposals/01-gmail-alternative-labelled-fr.eml';
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) throw new Error(`${TIME} not found (GNU time measures the children's CPU): apt-get install time`);

if (!freshBundle(new URL('../', import.meta.url)).entry) await buildBundle();

// The sources variant is the bin's fallback itself, minus its digest check (a few ms): tsx's loader, then main.ts.
const FROM_SOURCES = "import { register } from 'tsx/esm/api'; register(); const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));";
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** argv after `node`, and the start of what stdout must say (a variant that fails is not timed). */
const variants: { name: string; argv: string[]; says: string }[] = [
  { name: 'node -e 0 (bare Node)', argv: ['-e', '0'], says: '' },
  { name: 'crieur --version, bundle', argv: ['src/cli/crieur.js', '--version'], says: version },
  { name: 'crieur --version, sources (tsx)', argv: ['--input-type=module', '-e', FROM_SOURCES, '--', '--version'], says: version },
  { name: 'crieur parse FILE, bundle', argv: ['src/cli/crieur.js', 'parse', FILE], says: 'kind:      proposal' },
  { name: 'crieur parse FILE, sources (tsx)', argv: ['--input-type=module', '-e', FROM_SOURCES, '--', 'parse', FILE], says: 'kind:      proposal' },
];

const samples = new Map(variants.map((v) => [v.name, [] as { wall: number; cpu: number; rssMb: number }[]]));
const load: number[] = [];
for (let i = 0; i < runs; i++) {
  for (const v of variants) {
    const r = spawnSync(TIME, ['-f', '%e %U %S %M', process.execPath, ...v.argv], { cwd: ROOT, encoding: 'utf8' });
    const last = r.stderr.trim().split('\n').at(-1) ?? '';
    const [wall, user, sys, kb] = last.split(' ').map(Number);
    if (r.status !== 0 || !r.stdout.startsWith(v.says) || [wall, user, sys, kb].some((x) => x === undefined || Number.isNaN(x))) {
      throw new Error(`${v.name} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
    }
    samples.get(v.name)!.push({ wall: wall!, cpu: user! + sys!, rssMb: kb! / 1024 });
  }
  load.push(loadavg()[0]!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${runs} runs each, interleaved; load average (1 min) during the runs ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} on ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores`);
console.log(`${'variant'.padEnd(34)} ${'wall (median)'.padStart(14)} ${'CPU (median)'.padStart(13)} ${'peak RSS'.padStart(9)}`);
for (const v of variants) {
  const s = samples.get(v.name)!;
  const fmt = (x: number) => `${x.toFixed(2)} s`;
  console.log(`${v.name.padEnd(34)} ${fmt(median(s.map((x) => x.wall))).padStart(14)} ${fmt(median(s.map((x) => x.cpu))).padStart(13)} ${`${median(s.map((x) => x.rssMb)).toFixed(0)} MB`.padStart(9)}`);
}
