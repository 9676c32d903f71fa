import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mailparserReader } from '../src/adapters/mailparser.ts';
import { parseRawMessage } from '../src/app/parse-message.ts';
function files(d: string): string[] { return readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? files(p) : /\.(eml|mbox)$/.test(n) ? [p] : []; }); }
const messages = files('/work/shared/corpus').map((f) => readFileSync(f));
const ctx: any = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'bench-secret-0123456789' };
for (let r = 0; r < 3; r++) for (const m of messages) await parseRawMessage(m, ctx, mailparserReader);
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect();
await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 100 }); await s.post('Profiler.start');
for (let r = 0; r < 10; r++) for (const m of messages) await parseRawMessage(m, ctx, mailparserReader);
const { profile } = await s.post('Profiler.stop');
const byId = new Map<number, any>(); for (const n of profile.nodes) byId.set(n.id, n);
const parent = new Map<number, number>(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>(); let total = 0;
const name = (n: any) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*work\/main\//, '')}`;
profile.samples.forEach((id: number, i: number) => {
  const t = profile.timeDeltas[i] ?? 0; const nm = name(byId.get(id));
  if (/^\((idle|program)\)/.test(nm)) return;
  total += t; const seen = new Set<string>();
  for (let nid: number | undefined = id; nid !== undefined; nid = parent.get(nid)) { const k = name(byId.get(nid)); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + t); } }
});
console.log('busy ms/round', (total / 1000 / 10).toFixed(0));
for (const [k, t] of [...incl].filter(([k]) => /src\/|simpleParser|garbage/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((t / total * 100).toFixed(1).padStart(5), k);
