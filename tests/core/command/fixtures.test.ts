/**
 * Replies as mail clients write them (tests/fixtures/replies: Gmail web and Android, Outlook desktop, web, Mac and
 * iOS, Apple Mail, Thunderbird, iPhone, Samsung; plain and HTML-only, top-posted and inline, fr and en), through
 * the project's mailparser adapter and readCommands, for each verb. The quoted notices all list verbs: none of
 * them may act.
 * Their reply tokens have the current token shape, minted with the secret `crieur-fixtures-secret` for dim@example.org
 * (organizer) and jean.dupont@example.fr (speaker).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMail } from '../../../src/adapters/mailparser.ts';
import { readCommands } from '../../../src/core/command/read.ts';
import { parseCommands } from '../../../src/core/command/parse.ts';
import type { Correction, ReadOptions } from '../../../src/core/command/types.ts';
import { summary } from './summary.ts';

const dir = new URL('../../fixtures/replies/', import.meta.url).pathname;
const opts: ReadOptions = { now: new Date('2026-11-30T10:00:00Z'), timeZone: 'Europe/Paris', locale: 'fr' };

interface Expected {
  commands: string[];
  html?: boolean;
  unknown?: string[];
  corrections?: Correction;
  comment?: string;
  /** `crieur parse`'s command.verbs for it (dates read as of the mail's Date header). */
  verbs?: string[];
  /** Read as this role's reply (the token's), as apply-commands reads it; no role when absent. */
  role?: ReadOptions['role'];
}

const EXPECTED: Record<string, Expected> = {
  '01-gmail-web-accept-fr.eml': { commands: ['accept'], comment: '', verbs: ['accept'] },
  '02-gmail-web-decline-reason-en.eml': { commands: ['decline «We already have a BRIN talk this season»'] },
  '03-gmail-android-schedule-fr.eml': { commands: ['schedule 2027-01-28'], verbs: ['schedule'] },
  '04-outlook-desktop-html-only-waitlist-fr.eml': { html: true, commands: ['waitlist'], comment: '' },
  '05-outlook-web-html-only-ask-en.eml': { html: true, commands: ['ask «Could you shorten it to 20 minutes and drop the live demo?»'], comment: '' },
  '06-apple-mail-confirm-fr.eml': { commands: ['confirm'], comment: '' },
  '07-iphone-confirm-en.eml': { commands: ['confirm'], comment: '' },
  '08-iphone-corrections-fr.eml': {
    commands: [],
    corrections: {
      title: "Partitionnement déclaratif : retour d'expérience",
      durationMinutes: 20,
      // one sentence the line's width cut after its colon: read as typed (src/core/text/unwrap-prose.ts)
      abstract: 'Trois ans de partitionnement déclaratif sur une base de 4 To : ce qui a marché, ce qui a cassé, et ce que PostgreSQL 17 change.',
    },
    comment: '',
    verbs: [],
  },
  '09-thunderbird-withdraw-en.eml': {
    commands: ['withdraw'],
    comment: "Sorry, my company won't let me travel that week. I hope I can propose it again in the spring.",
  },
  '10-thunderbird-inline-decline-fr.eml': { commands: ["decline «trop proche du sujet de mars, on l'a déjà eu en septembre»"] },
  '11-gmail-digest-three-refs-en.eml': {
    commands: ['accept P-0003', 'decline P-0004 «Too close to the March talk on partitioning»', 'waitlist P-0005'],
    comment: '',
    verbs: ['accept', 'decline', 'waitlist'],
  },
  '12-gmail-prose-ok-en.eml': { commands: [], comment: "OK, I'll check the slides tonight and get back to you.\n\nDim", verbs: [] },
  '13-outlook-desktop-schedule-time-fr.eml': { commands: ['schedule 2027-01-28T19:00'], comment: '' },
  '14-outlook-mac-html-only-next-meetup-en.eml': { html: true, commands: ['schedule next-event'], verbs: ['schedule'] },
  '15-samsung-android-unknown-en.eml': { commands: ['schedule !date-unreadable'], unknown: ['acept P-0003'], verbs: [] },
  '16-outlook-ios-lightning-note-fr.eml': { commands: ['lightning', 'note «Il a déjà présenté ça au PGDay, très bon orateur»'] },
  '17-apple-mail-status-help-en.eml': { commands: ['status P-0007', 'help'] },
  '18-thunderbird-override-fr.eml': {
    commands: ['override accept P-0007'],
    comment: "Je reviens sur le refus : l'orateur a accepté de raccourcir à 20 minutes.",
  },
  // a speaker's answer offers a length: a message for the organizers, not a corrected proposal
  '19-gmail-speaker-answer-fr.eml': {
    role: 'speaker',
    commands: [],
    comment: "Bonjour,\n\nOui, je peux le faire en 20 minutes, sans la démo en direct.\nJe remplacerai la démo par deux captures d'écran.",
  },
  '20-outlook-web-html-only-talk-release-fr.eml': { html: true, commands: ['talk P-0008', 'release'], comment: '' },
  '21-gmail-android-prose-apologies-en.eml': { commands: [], comment: 'Accept my apologies for the delay, here are the slides.', verbs: [] },
  // the acknowledgement's « répondez avec la proposition corrigée », answered unlabelled: title and abstract replaced
  '22-gmail-speaker-corrected-proposal-fr.eml': {
    role: 'speaker',
    commands: [],
    corrections: {
      title: 'Partitionnement déclaratif en production : trois ans après',
      abstract: 'Trois ans de partitionnement déclaratif sur une base de 4 To : ce qui a\nmarché, ce qui a cassé, et ce que PostgreSQL 17 change pour nous.',
    },
    comment: '',
  },
  // held-out audit f: a remark after a waiting list or a format (each relayed as a message before, nothing decided)
  '23-gmail-waitlist-later-fr.eml': { commands: ['waitlist'], comment: 'on verra en février', verbs: ['waitlist'] },
  '24-k9-lightning-instead-fr.eml': { commands: ['lightning'], comment: "45 min c'est long pour ce sujet", verbs: ['lightning'] },
  '25-outlook-cp1252-waitlist-remark-en.eml': { commands: ['waitlist'], comment: 'let’s see what else comes in', verbs: ['waitlist'] },
  // Outlook in German (Mac: « Von: … Datum: … An: … Betreff: ») and Spanish (« De: … Enviado: … Para: … Asunto: »): the
  // quoted notice, token address included, was relayed to the other organizers as the writer's message
  '26-outlook-mac-de-accept-en.eml': { commands: ['accept'], comment: '', verbs: ['accept'] },
  '27-outlook-es-waitlist-remark-en.eml': { commands: ['waitlist'], comment: 'let’s see what else comes in', verbs: ['waitlist'] },
};

const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();

describe('reply fixtures', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s', async (file) => {
    const e = EXPECTED[file]!;
    const mail = await readMail(readFileSync(dir + file));
    expect(mail.textFromHtml).toBe(e.html ?? false);
    const r = readCommands(mail.text, { ...opts, role: e.role });
    expect(r.commands.map(summary)).toEqual(e.commands);
    expect(r.unknown).toEqual(e.unknown ?? []);
    expect(r.corrections).toEqual(e.corrections ?? {});
    if (e.comment !== undefined) expect(r.comment).toBe(e.comment);
    if (e.verbs !== undefined) expect(parseCommands(mail.text, { now: mail.date, timeZone: 'Europe/Paris', locale: 'fr' }).verbs).toEqual(e.verbs);
  });
});
