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
const self = new Map<string, number>(); const byId = new Map<number, any>();
for (const n of profile.nodes) byId.set(n.id, n);
const dt = profile.timeDeltas; const counts = new Map<number, number>();
profile.samples.forEach((id: number, i: number) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
let total = 0;
for (const [id, t] of counts) { const n = byId.get(id); const cf = n.callFrame; const key = `${cf.functionName || '(anon)'} ${cf.url.replace(/.*node_modules\//, '').replace(/.*work\/main\//, '')}:${cf.lineNumber}`; self.set(key, (self.get(key) ?? 0) + t); total += t; }
// also by file
const byFile = new Map<string, number>();
for (const [id, t] of counts) { const n = byId.get(id); const u = n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*work\/main\//, ''); const k = u.split('/').slice(0, 2).join('/') || n.callFrame.functionName; byFile.set(k, (byFile.get(k) ?? 0) + t); }
console.log('total ms', (total / 1000).toFixed(0));
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 35)) console.log((t / total * 100).toFixed(1).padStart(5), k);
console.log('--- by package/dir');
for (const [k, t] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((t / total * 100).toFixed(1).padStart(5), k);
