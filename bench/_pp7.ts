import { simpleParser } from 'mailparser';
import { mailparserReader } from '../src/adapters/mailparser.ts';
const head = Buffer.from('From: a@b.example\r\nTo: c@d.example\r\nSubject: =?UTF-8?Q?Propos=C3=A9?=\r\nMessage-ID: <x@y>\r\nDate: Mon, 3 Jun 2024 10:00:00 +0200\r\n\r\n');
async function cpu(w: () => Promise<void>) { const u = process.cpuUsage(); await w(); const d = process.cpuUsage(u); return (d.user + d.system) / 1e3; }
for (let r = 0; r < 5; r++) {
  const a = await cpu(async () => { for (let i = 0; i < 5000; i++) await simpleParser(head); });
  const b = await cpu(async () => { for (let i = 0; i < 5000; i++) await mailparserReader.readHeaders(head); });
  console.log('simpleParser header-only us/call', (a / 5).toFixed(1), 'readHeaders', (b / 5).toFixed(1));
}
