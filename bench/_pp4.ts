import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { mailparserReader } from '../src/adapters/mailparser.ts';
import { parseRawMessage } from '../src/app/parse-message.ts';
import { understand } from '../src/core/understand.ts';
function files(d: string): string[] { return readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? files(p) : /\.(eml|mbox)$/.test(n) ? [p] : []; }); }
const messages = files('/work/shared/corpus').map((f) => readFileSync(f));
const ctx: any = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'bench-secret-0123456789' };
async function cpu(w: () => Promise<void>) { const u = process.cpuUsage(); await w(); const d = process.cpuUsage(u); return (d.user + d.system) / 1e3; }
const v = process.argv[2];
const f: Record<string, () => Promise<void>> = {
  bare: async () => { for (const m of messages) await simpleParser(m); },
  read: async () => { for (const m of messages) await mailparserReader.read(m); },
  parse: async () => { for (const m of messages) await parseRawMessage(m, ctx, mailparserReader); },
  readund: async () => { for (const m of messages) { const x = await mailparserReader.read(m); try { understand(x, ctx); } catch {} } },
};
const xs: number[] = [];
for (let r = 0; r < 12; r++) xs.push(await cpu(f[v]!));
xs.sort((a, b) => a - b);
console.log(v, 'median', xs[6]!.toFixed(0), 'min', xs[0]!.toFixed(0));
