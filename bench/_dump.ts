import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
const root = process.argv[2]!;
const { mailparserReader } = await import(root + '/src/adapters/mailparser.ts');
const { parseRawMessage } = await import(root + '/src/app/parse-message.ts');
function files(d: string): string[] { return readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? files(p) : /\.(eml|mbox)$/.test(n) ? [p] : []; }).sort(); }
const ctx: any = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'bench-secret-0123456789' };
for (const f of files('/work/shared/corpus')) { const o = await parseRawMessage(readFileSync(f), ctx, mailparserReader); console.log(f.slice(21), JSON.stringify(o.ok ? o.result : o.error)); }
