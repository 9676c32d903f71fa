import { readFileSync, readdirSync } from 'node:fs';
import { readMail } from './src/adapters/mailparser.ts';
import { readCommands } from './src/core/command/read.ts';
const now = new Date('2026-11-30T10:00:00Z');
for (const f of readdirSync('tests/fixtures/replies').sort()) {
  const mail = await readMail(readFileSync('tests/fixtures/replies/' + f));
  const r = readCommands(mail.text, { now, timeZone: 'Europe/Paris', locale: 'fr' });
  console.log(f, mail.textFromHtml ? '(html)' : '', JSON.stringify(r.commands.map(c => [c.verb, c.ref, c.override, c.text, c.date && c.date.day + ' ' + c.date.time, c.nextEvent, c.problem])), JSON.stringify(r.corrections), JSON.stringify(r.unknown), JSON.stringify(r.comment));
}
