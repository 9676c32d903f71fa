import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mailparserReader } from '../src/adapters/mailparser.ts';
import { understand } from '../src/core/understand.ts';
function files(d: string): string[] { return readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? files(p) : /\.(eml|mbox)$/.test(n) ? [p] : []; }); }
const messages = files('/work/shared/corpus').map((f) => readFileSync(f));
const ctx: any = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'bench-secret-0123456789' };
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect();
await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 50 });
const self = new Map<string, number>(); let total = 0;
const perMsg: number[] = new Array(messages.length).fill(0);
for (let r = 0; r < 12; r++) {
  const mails = [] as any[];
  for (const m of messages) mails.push(await mailparserReader.read(m));
  if (r >= 2) await s.post('Profiler.start');
  mails.forEach((m, i) => { const t = process.hrtime.bigint(); try { understand(m, ctx); } catch {} if (r >= 2) perMsg[i] += Number(process.hrtime.bigint() - t) / 1e6; });
  if (r < 2) continue;
  const { profile } = await s.post('Profiler.stop');
  const byId = new Map<number, any>(); for (const n of profile.nodes) byId.set(n.id, n);
  const parent = new Map<number, number>(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id: number, i: number) => { let nid = id; while (byId.get(nid).callFrame.functionName === 'dispatch' && parent.has(nid)) nid = parent.get(nid)!; const cf = byId.get(nid).callFrame; const key = `${cf.functionName || '(anon)'} ${cf.url.replace(/.*node_modules\//, '').replace(/.*work\/main\//, '')}:${cf.lineNumber}`; const t = profile.timeDeltas[i] ?? 0; self.set(key, (self.get(key) ?? 0) + t); total += t; });
}
console.log('total understand ms per round', (total / 1000 / 10).toFixed(0));
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((t / total * 100).toFixed(1).padStart(5), k);
const files2 = files('/work/shared/corpus');
const top = perMsg.map((t, i) => [t / 10, files2[i]] as const).sort((a, b) => b[0] - a[0]).slice(0, 12);
for (const [t, f] of top) console.log(t.toFixed(2), 'ms', f.replace('/work/shared/corpus/', ''));
