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
for (let r = 0; r < 8; r++) {
  const a = await cpu(async () => { for (const m of messages) await simpleParser(m); });
  const b = await cpu(async () => { for (const m of messages) await mailparserReader.read(m); });
  const c = await cpu(async () => { for (const m of messages) await parseRawMessage(m, ctx, mailparserReader); });
  console.log(`simpleParser ${a.toFixed(0)} ms, reader.read ${b.toFixed(0)} ms, parseRaw ${c.toFixed(0)} ms`);
}
