import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
function files(d: string): string[] { return readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? files(p) : /\.(eml|mbox)$/.test(n) ? [p] : []; }); }
const messages = files('/work/shared/corpus').map((f) => readFileSync(f));
let n = 0, report = 0, bytes = 0; const embeds: Buffer[] = [];
for (const m of messages) { const p = await simpleParser(m, { skipHtmlToText: true, skipTextToHtml: true, keepDeliveryStatus: true } as any); const ct = String(p.headers.get('content-type') ? (p.headers.get('content-type') as any).value : ''); for (const a of p.attachments) if (a.contentType === 'message/rfc822') { n++; embeds.push(a.content); bytes += a.content.length; if (/report/.test(ct)) report++; } }
console.log({ messages: messages.length, embedded: n, inReports: report, kb: bytes / 1024 });
async function cpu(w: () => Promise<void>) { const u = process.cpuUsage(); await w(); const d = process.cpuUsage(u); return (d.user + d.system) / 1e3; }
for (let r = 0; r < 5; r++) { const a = await cpu(async () => { for (const e of embeds) await simpleParser(e); }); const b = await cpu(async () => { for (const m of messages) await simpleParser(m); }); console.log('embedded parse ms', a.toFixed(0), 'all', b.toFixed(0)); }
