/**
 * Review of kinds audit 4 (61 fresh mails near its rules, written before running crieur): what its new rules, or older
 * ones beside them, made worse — each with the guards that keep the audit's readings.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail, type Draft } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org', 'bounces@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };

function withCalendar(text: string, method: string, partstat = 'ACCEPTED'): Draft['mime'] {
  const ics = [
    'BEGIN:VCALENDAR', 'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN', 'VERSION:2.0', `METHOD:${method}`, 'BEGIN:VEVENT',
    'DTSTART:20270128T180000Z', 'UID:event-42@pgug.example.org', `ATTENDEE;PARTSTAT=${partstat};CN=Luc Moreau:mailto:luc.moreau@example.fr`,
    'ORGANIZER:mailto:talks@pgug.example.org', 'SUMMARY:Meetup PostgreSQL Paris #42', 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\n');
  return {
    contentType: 'multipart/mixed; boundary="cal"',
    body: `--cal\nContent-Type: text/plain; charset=utf-8\n\n${text}\n--cal\nContent-Type: text/calendar; charset=utf-8; method=${method}\n\n${ics}--cal--\n`,
  };
}

const PROPOSAL_FR = "Titre : Les index BRIN sur les séries temporelles\nDurée : 20 minutes\nRésumé : quand un index BRIN remplace un B-tree de 40 Go, comment choisir pages_per_range, et les requêtes où il ne sert à rien.\n\nLuc Moreau";
const PROPOSAL_EN = 'Title: Vacuum tuning for write-heavy tables\nLength: 20 minutes\nAbstract: cost limits, per-table settings, freezing, and the monitoring queries we use.\n\nTom Baker';

describe('review kinds 4: a calendar answer whose text is the person’s own is not an auto-reply (calendar-reply.ts, audit 4)', () => {
  // before: all three auto-replies — the person's proposal or question lost
  it.each([
    ['« Accepté : » over « voici mon sujet : Titre : … »', 'Accepté : Meetup PostgreSQL Paris #42', `Bonjour,\n\nJ'ai accepté l'invitation, et voici mon sujet si vous cherchez encore des orateurs :\n\n${PROPOSAL_FR}`, 'ACCEPTED'],
    ['"Accepted:" over a lightning talk', 'Accepted: Meetup PostgreSQL Paris #42', `Accepted, see you there! And here is a talk idea for a later meetup:\n\n${PROPOSAL_EN}`, 'ACCEPTED'],
    ['"Declined:" offering the talk for February', 'Declined: Meetup PostgreSQL Paris #42', `Sorry, I can't make it on the 28th. But I'd love to give my talk at the February meetup instead:\n\n${PROPOSAL_EN}`, 'DECLINED'],
  ])('%s: a proposal', async (_n, subject, text, partstat) => {
    const c = classify(await mail({ from: 'Luc Moreau <luc.moreau@example.fr>', subject, mime: withCalendar(text, 'REPLY', partstat) }), ctx);
    expect(c.kind).toBe('proposal');
  });

  it('a question in its text (« Pouvez-vous me retirer des participants ? ») is a person’s words: other', async () => {
    const text = 'Bonjour,\n\nje ne pourrai finalement pas venir le 28, désolé. Pouvez-vous me retirer de la liste des participants ?\n\nLuc';
    const c = classify(await mail({ from: 'Luc Moreau <luc.moreau@example.fr>', subject: 'Refusé : Meetup PostgreSQL Paris #42', mime: withCalendar(text, 'REPLY', 'DECLINED') }), ctx);
    expect([c.kind, c.reasons[0]]).toEqual(['other', 'calendar-reply']);
  });

  it('guards: a calendar’s own text, a link’s query string, a short note stay auto-replies', async () => {
    for (const text of [
      '',
      'Luc Moreau has accepted this invitation.\n\nMeetup PostgreSQL Paris #42\nThursday 28 January 2027 ⋅ 7pm – 10pm\n\nhttps://calendar.google.com/calendar/event?action=RESPOND&eid=abc\n\nInvitation from Google Calendar',
      "J'y serai, avec deux collègues.",
      'Luc Moreau a accepté votre invitation.\n\nTitre : Meetup PostgreSQL Paris #42\nQuand : 28 janvier 2027 19:00 - 22:00\n\nCet e-mail a été envoyé par Nextcloud.',
    ]) {
      const c = classify(await mail({ from: 'Luc Moreau <luc.moreau@example.fr>', subject: 'Accepted: Meetup PostgreSQL Paris #42', mime: withCalendar(text, 'REPLY') }), ctx);
      expect(c.kind, text).toBe('auto-reply');
    }
  });
});

describe('review kinds 4: a held message the writer calls their own is a person’s mail, even from a role address (list-notice.ts, audit 4)', () => {
  it('events-owner@ sending a proposal « my post to your list was held for moderation » is a proposal (was an auto-reply)', async () => {
    const body = `Hi,\n\nMy post to your list was held for moderation (I'm not a member), so I'm sending it here directly.\n\n${PROPOSAL_EN}\n`;
    const c = classify(await mail({ from: 'PGDay Lyon Team <events-owner@pgday-lyon.example>', subject: 'Talk proposal: Vacuum tuning for write-heavy tables', body }), ctx);
    expect(c.kind).toBe('proposal');
  });

  it('« notre message … est en attente de modération » from a -request@ role address is not a notice', async () => {
    const body = "Bonjour,\n\nNotre message pour la liste pgsql-fr est en attente de modération depuis une semaine, pouvez-vous regarder ?\n\nL'équipe PGDay\n";
    const c = classify(await mail({ from: 'pgday-request@pgday.example.fr', subject: 'Modération', body }), ctx);
    expect(c.kind).not.toBe('auto-reply');
  });

  it('guards: the list manager’s "your mail … is being held" and Sympa’s rejection stay auto-replies', async () => {
    const mm = "Your mail to 'pgsql-fr@lists.example.org' with the subject\n\n    My talk idea\n\nIs being held until the list moderator can review it for approval.\n";
    expect(classify(await mail({ from: 'pgsql-fr-owner@lists.example.org', subject: 'Held', body: mm }), ctx).kind).toBe('auto-reply');
    const sympa = 'Votre message a été rejeté par le modérateur de la liste pgsql-fr.\n';
    expect(classify(await mail({ from: 'SYMPA <sympa@listes.example.fr>', subject: 'Message', body: sympa }), ctx).kind).toBe('auto-reply');
  });
});

describe('review kinds 4: list managers’ notices and command answers written otherwise (LIST_NOTICE_SUBJECTS)', () => {
  // before: 'other' (never answered, but not told apart from a person's mail left for the organizers)
  it.each([
    ['Mailman 2 "The results of your email commands"', 'pgsql-fr-request@lists.example.org', 'The results of your email commands'],
    ['Mailman 3 « Les résultats de vos commandes par courriel »', 'pgsql-fr-request@lists.example.org', 'Les résultats de vos commandes par courriel'],
    ['Sympa « Ergebnisse Ihrer Befehle »', 'SYMPA <sympa@lists.example.de>', 'Ergebnisse Ihrer Befehle'],
    ['Sympa « Resultados de sus comandos »', 'SYMPA <sympa@listas.example.es>', 'Resultados de sus comandos'],
    ['Sympa "Message for list … forwarded to moderator"', 'SYMPA <sympa@lists.example.org>', 'Message for list pgsql-fr forwarded to moderator'],
    ['Google Groups "… is pending approval"', 'Google Groups <noreply@googlegroups.com>', 'Your message to pgparis is pending approval'],
    ['Google Groupes « … au groupe … est en attente d’approbation »', 'Google Groupes <noreply@googlegroups.com>', "Votre message au groupe pgparis est en attente d'approbation"],
  ])('%s', async (_n, from, subject) => {
    const c = classify(await mail({ from, subject, body: 'Commande inconnue : Bonjour\n' }), ctx);
    expect([c.kind, c.reasons[0]]).toEqual(['auto-reply', 'list-notice']);
  });

  it('guard: a person’s subject « Résultats de vos commandes de benchmarks : un talk ? » is theirs', async () => {
    const c = classify(await mail({ from: 'Julie Roy <julie.roy@example.fr>', subject: 'Résultats de vos commandes de benchmarks : un talk ?', body: 'Titre : pgbench au-delà du TPC-B\nDurée : 20 minutes\n' }), ctx);
    expect(c.kind).toBe('proposal');
  });
});

describe('review kinds 4: Mailinblack « … est bloqué en attendant votre authentification » (CHALLENGE_TEXTS)', () => {
  it('from the protected person’s address under « Vérification de votre adresse email » is an auto-reply (was other)', async () => {
    const body = 'Bonjour,\n\nVotre message à destination de jean.petit@entreprise.example.fr est bloqué en attendant votre authentification.\n\nPour le débloquer, cliquez sur le lien : https://protect.mailinblack.example/auth?id=88a1\n';
    const c = classify(await mail({ from: 'Jean Petit <jean.petit@entreprise.example.fr>', subject: 'Vérification de votre adresse email', body }), ctx);
    expect(c.kind).toBe('auto-reply');
  });
});

describe('review kinds 4: an absence in a subject said for later or before going (SAID_FOR_LATER, audit 4)', () => {
  // before: auto-replies, the proposal lost
  it.each([
    'Out of office from Monday, so here is my talk proposal',
    'Before I am out of office: talk proposal',
    'Out of the office after the 20th — talk proposal for January',
    "Talk proposal before I'm on vacation",
  ])('%s', async (subject) => {
    const c = classify(await mail({ from: 'Tom Baker <tom.baker@example.com>', subject, body: `Hi,\n\nI'd like to propose a talk for the next meetup.\n\n${PROPOSAL_EN}\n` }), ctx);
    expect(c.kind).toBe('proposal');
  });

  it('guards: a responder’s "Out of office from Monday 21/12 to 04/01", "Out of Office: X" stay auto-replies', async () => {
    for (const subject of ['Out of office from Monday 21/12 to 04/01', 'Out of Office: Call for speakers', 'Out of office until 4 January']) {
      const c = classify(await mail({ from: 'Tom Baker <tom.baker@example.com>', subject, body: 'I am away with limited access to email.\n' }), ctx);
      expect(c.kind, subject).toBe('auto-reply');
    }
  });
});

describe('review kinds 4: SES’s JSON counts only as the whole body (ses.ts; the complaint rule from audit 4, the bounce older)', () => {
  const SES_FOOTER = '\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\nhttps://sns.eu-west-1.amazonaws.com/unsubscribe.html?SubscriptionArn=x\n';
  it.each([
    ['a proposal opening on a complaint’s JSON', '{"notificationType": "Complaint", "complaint": {"complainedRecipients": [{"emailAddress": "user@example.com"}]}}\n\nThat document is what SES sends us; we keep millions in JSONB.\n\nTitle: JSONB for event payloads\nLength: 20 minutes\n'],
    ['a proposal opening on a bounce’s JSON', '{\n  "notificationType": "Bounce",\n  "bounce": {"bouncedRecipients": [{"emailAddress": "ghost@example.com"}]}\n}\n\nHi! Above is a typical SES bounce. My talk proposal: how we query these with SQL/JSON path.\n\nTitle: SQL/JSON path on bounce notifications\nLength: 20 minutes\n'],
  ])('%s is a proposal (was a bounce)', async (_n, body) => {
    const c = classify(await mail({ from: 'Eva Klein <eva.klein@example.com>', subject: 'Talk proposal: JSONB for event payloads', body }), ctx);
    expect(c.kind).toBe('proposal');
  });

  it('a person pasting a bounce’s fragment about herself is no bounce (was one, naming her)', async () => {
    const body = "Bonjour,\n\nJe n'ai jamais reçu vos appels ; notre admin voit ceci :\n\"notificationType\":\"Bounce\",\"bouncedRecipients\":[{\"emailAddress\":\"lea.fontaine@example.fr\"}]\nPouvez-vous vérifier mon inscription ?\n\nLéa\n";
    const c = classify(await mail({ from: 'Léa Fontaine <lea.fontaine@example.fr>', subject: 'Re: Appel à orateurs', body }), ctx);
    expect(c.kind).not.toBe('bounce');
  });

  it('guards: SES’s documents, pretty-printed or under SNS’s footer, stay a bounce and a complaint with their recipients', async () => {
    const bounce = '{\n  "notificationType" : "Bounce",\n  "bounce" : {\n    "bounceType" : "Permanent",\n    "bouncedRecipients" : [ {\n      "emailAddress" : "gone.member@example.net",\n      "action" : "failed",\n      "status" : "5.1.1"\n    } ]\n  },\n  "mail" : { "source" : "talks@pgug.example.org" }\n}';
    const b = classify(await mail({ from: 'AWS Notifications <no-reply@sns.amazonaws.com>', subject: 'AWS Notification Message', body: bounce + SES_FOOTER }), ctx);
    expect(b).toMatchObject({ kind: 'bounce', bounce: { recipient: 'gone.member@example.net' } });
    const complaint = '{"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"angry.member@example.net"}],"complaintFeedbackType":"abuse"}}';
    const c = classify(await mail({ from: 'AWS Notifications <no-reply@sns.amazonaws.com>', subject: 'AWS Notification Message', body: complaint + SES_FOOTER }), ctx);
    expect(c).toMatchObject({ kind: 'bounce', bounce: { recipient: 'angry.member@example.net', action: 'complained' } });
  });
});
