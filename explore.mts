import { corpusMessages } from './tests/support/corpus.ts';
import { readMail } from './src/adapters/mailparser.ts';
import { readCommands } from './src/core/command/read.ts';
const now = new Date('2026-11-30T10:00:00Z');
let n = 0, acting = 0;
for (const m of corpusMessages()) {
  if (!['replies', 'lists'].includes(m.entry.folder)) continue;
  n++;
  let mail;
  try { mail = await readMail(m.raw); } catch (e) { console.log('ERR', m.id); continue; }
  const r = readCommands(mail.text, { now, timeZone: 'Europe/Paris', locale: 'fr' });
  const act = r.commands.filter(c => c.problem === null);
  if (act.length) acting++;
  if (r.commands.length || r.unknown.length || process.env.ALL) console.log(m.id, JSON.stringify(r.commands.map(c => [c.verb, c.problem, c.line])), JSON.stringify(r.unknown), process.env.ALL ? JSON.stringify(r.comment.slice(0, 100)) : '');
}
console.log({ n, acting });
