/**
 * Held-out kinds audit 4 (Microsoft 365 and Google Workspace NDRs, ESPs' notices and ARF complaints, delay warnings, read
 * receipts, calendar replies, challenge-response robots, list managers' moderation notices, notifiers and newsletters,
 * and people who write about all of these): what it found wrong, each with the guards that kept their reading.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail, type Draft } from './build.ts';
import { growth, LINEAR } from '../../support/growth.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org', 'bounces@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };

/** A calendar's answer: a text part (maybe empty) and the iTIP object, as Outlook and Google send it. */
function withCalendar(text: string, method: string, partstat = 'ACCEPTED', type = 'text/calendar', extra: string[] = []): Draft['mime'] {
  const ics = [
    'BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0', `METHOD:${method}`, 'BEGIN:VEVENT',
    'DTSTART:20270128T180000Z', 'DTEND:20270128T210000Z', 'UID:event-12@pgug.example.org',
    `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};CN=Luc Moreau:mailto:luc.moreau@example.fr`,
    'ORGANIZER:mailto:talks@pgug.example.org', 'SUMMARY:Meetup PostgreSQL Paris #42', ...extra, 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\n');
  return {
    contentType: 'multipart/mixed; boundary="cal"',
    body: `--cal\nContent-Type: text/plain; charset=utf-8\n\n${text}\n--cal\nContent-Type: ${type}; charset=utf-8; method=${method}\n\n${ics}--cal--\n`,
  };
}

describe('audit kinds 4: a calendar’s answer to an invitation (iTIP METHOD:REPLY) is an auto-reply, whatever its subject', () => {
  // before: "Accepted: …" with an empty text part was 'other'; Google's "Declined: Meetup … @ Thu 28 Jan 2027 7pm" a proposal
  it.each([
    ['Outlook "Accepted:", empty text', 'Accepted: Meetup PostgreSQL Paris #42', '', 'REPLY', 'ACCEPTED'],
    ['Outlook « Accepté : » with a note', 'Accepté : Meetup PostgreSQL Paris #42', "J'y serai, avec deux collègues.", 'REPLY', 'ACCEPTED'],
    ['Outlook « Provisoire : »', 'Provisoire : Meetup PostgreSQL Paris #42', '', 'REPLY', 'TENTATIVE'],
    ['Outlook « Refusé : » (an organizer’s verb in the subject)', 'Refusé : Meetup PostgreSQL Paris #42', '', 'REPLY', 'DECLINED'],
    [
      'Google Calendar "Declined: … @ Thu 28 Jan 2027 7pm"',
      'Declined: Meetup PostgreSQL Paris #42 @ Thu 28 Jan 2027 7pm - 10pm (CET) (talks@pgug.example.org)',
      'Luc Moreau has declined this invitation.\n\nMeetup PostgreSQL Paris #42\nThursday 28 January 2027 ⋅ 7pm – 10pm\n\nInvitation from Google Calendar\n',
      'REPLY',
      'DECLINED',
    ],
    ['a proposed new time (COUNTER)', 'New Time Proposed: Meetup PostgreSQL Paris #42', 'Luc Moreau proposed a new time for this event.', 'COUNTER', 'TENTATIVE'],
    ['German Outlook « Zugesagt: »', 'Zugesagt: Meetup PostgreSQL Paris #42', '', 'REPLY', 'ACCEPTED'],
  ])('%s', async (_name, subject, text, method, partstat) => {
    const c = classify(await mail({ from: 'Luc Moreau <luc.moreau@example.fr>', subject, mime: withCalendar(text, method, partstat) }), ctx);
    expect(c).toMatchObject({ kind: 'auto-reply', reasons: ['calendar-reply', `METHOD:${method}`] });
  });

  it('one with its attendee’s note (COMMENT, X-RESPONSE-COMMENT) is a person’s words for the organizers: other, never a proposal or a command', async () => {
    const noted = [
      withCalendar('Will be better for me, thx', 'COUNTER', 'TENTATIVE', 'text/calendar', ['COMMENT;LANGUAGE=en-US:Will be better for me\\, thx\\n']),
      withCalendar("J'y serai avec deux collègues.", 'REPLY', 'ACCEPTED', 'text/calendar', ["COMMENT;LANGUAGE=fr-FR:J'y serai avec deux collègues."]),
      withCalendar('Luc Moreau has declined this invitation.', 'REPLY', 'DECLINED', 'text/calendar', ['ATTENDEE;PARTSTAT=DECLINED;X-RESPONSE-COMMENT="Je propose plutôt un talk en février":mailto:luc@example.fr']),
    ];
    for (const mime of noted) {
      const c = classify(await mail({ from: 'Dimitri <dim@example.org>', to: 'talks+o-p0007-crcexvblljumrs6a@pgug.example.org', subject: 'Declined: Meetup PostgreSQL Paris #42', mime }), ctx);
      expect([c.kind, c.reasons[0], c.reasons[2]]).toEqual(['other', 'calendar-reply', 'with a note']);
    }
  });

  it('an older client’s application/ics attachment answers too', async () => {
    const c = classify(await mail({ subject: 'Accepted: Meetup PostgreSQL Paris #42', mime: withCalendar('', 'REPLY', 'ACCEPTED', 'application/ics') }), ctx);
    expect(c.kind).toBe('auto-reply');
  });

  it('guards: an invitation, an event or its cancellation a person sends (REQUEST, PUBLISH, CANCEL) is theirs; "Accepted:" without a calendar is prose', async () => {
    const invite = await mail({ subject: 'Invitation: visite de la salle @ mar. 12 janv. 2027 18:00', mime: withCalendar('Bonjour, je vous propose de visiter la salle avant le meetup.', 'REQUEST', 'NEEDS-ACTION') });
    expect(classify(invite, ctx).kind).toBe('other');
    const slot = await mail({
      subject: 'Proposition de talk : pgBackRest en production',
      mime: withCalendar("Bonjour,\n\nJe voudrais proposer un talk de 20 minutes : « pgBackRest en production ».\nRetour d'expérience sur nos sauvegardes de 12 To.\n\nClaire Fontaine", 'PUBLISH', 'ACCEPTED'),
    });
    expect(classify(slot, ctx).kind).toBe('proposal');
    const cancel = await mail({ subject: 'Annulé : visite de la salle', mime: withCalendar('La visite est annulée, désolé.', 'CANCEL', 'DECLINED') });
    expect(classify(cancel, ctx).kind).toBe('other');
    const prose = await mail({
      subject: 'Accepted: my talk at PGConf.EU — could I give it at the meetup too?',
      body: 'Hello,\n\nMy talk "Logical replication at scale" was accepted at PGConf.EU. Would you like a 30 minute version for the January meetup? It covers slots, conflicts and monitoring.\n\nHélène Roussel\n',
    });
    expect(classify(prose, ctx).kind).toBe('proposal');
  });
});

describe('audit kinds 4: challenge-response robots in Mailinblack’s words', () => {
  // before: 'other' (noreply@ robot, but « un humain » and « protégé par » were in no table)
  it.each([
    [
      'Mailinblack « confirmer que vous êtes un humain »',
      'Vérification de votre adresse : Appel à orateurs',
      "Bonjour,\n\nVous avez envoyé un message à contact@cabinet-durand.example.\n\nPour que votre message lui soit délivré, merci de confirmer que vous êtes un humain en cliquant sur le lien ci-dessous :\n\nhttps://protect.example/verif?c=AbCdEf123\n",
    ],
    [
      '« Ce destinataire est protégé par … »',
      'Appel à orateurs',
      'Bonjour,\n\nCe destinataire est protégé par un filtre anti-spam. Cliquez sur le lien pour que votre message soit délivré :\nhttps://protect.example/v?c=1\n',
    ],
    ['"This recipient is protected by …"', 'Appel à orateurs', 'Hello,\n\nThis recipient is protected by MailShield. Click below once so your message reaches them:\nhttps://protect.example/v?c=2\n'],
    ['« vérifier que vous êtes humaine »', 'Re: Appel à orateurs', "Bonjour,\n\nAvant de délivrer votre message, nous devons vérifier que vous êtes humaine ou humain : https://protect.example/v?c=3\n"],
  ])('%s', async (_name, subject, body) => {
    const c = classify(await mail({ from: 'Protection <noreply@protect.example>', subject, body }), ctx);
    expect([c.kind, c.reasons[0]]).toEqual(['auto-reply', 'challenge-response']);
  });

  it('the French subject « Vérification de votre adresse » from the protected person’s own address', async () => {
    const c = classify(await mail({ from: 'Cabinet Durand <contact@cabinet-durand.example>', subject: 'Vérification de votre adresse : Appel à orateurs', body: "Bonjour,\n\nCe destinataire est protégé par Mailinblack : merci de confirmer que vous êtes un humain.\nhttps://protect.example/v?c=4\n" }), ctx);
    expect([c.kind, c.reasons[0]]).toEqual(['auto-reply', 'challenge-response']);
  });

  it('guards: a speaker’s mail under a mail gateway’s footer, and a talk about proving you are human, are the speaker’s', async () => {
    const footer = await mail({
      subject: 'Proposition de talk : pg_stat_statements au quotidien',
      body: "Bonjour,\n\nJe voudrais proposer un talk de 20 minutes sur pg_stat_statements au quotidien.\n\nClaire Morel\n\n--\nThis email is protected by Mimecast. This message is intended for the addressee only.\n",
    });
    expect(classify(footer, ctx).kind).toBe('proposal');
    const talk = await mail({
      subject: 'Re: Appel à orateurs',
      body: "Bonjour,\n\nJe vous propose un talk de 20 minutes : « Prouver que vous êtes un humain : CAPTCHA et PostgreSQL ».\nComment on stocke et vérifie les défis dans une table partitionnée.\n\nNoé Lambert\n",
    });
    expect(classify(talk, ctx).kind).toBe('proposal');
  });
});

describe('audit kinds 4: a list manager’s notice that our mail is held or rejected is an auto-reply', () => {
  // before: Mailman 3's and Sympa's notices with no list header were 'other'; Mailman 2's, with its headers, a list post
  it.each<[string, Draft]>([
    [
      'Mailman 3, from -owner@, no list header',
      { from: 'pgday-annonces-owner@lists.pgday.example', subject: 'Your message to pgday-annonces@lists.pgday.example awaits moderator approval', body: 'Your message to the pgday-annonces mailing-list was held for moderator approval.\n\nThe message is not from a list member\n' },
    ],
    [
      'Mailman 3 rejection, the reasons in its text',
      { from: 'pgday-annonces-owner@lists.pgday.example', subject: 'Appel à orateurs', body: 'Your message to the pgday-annonces mailing-list was rejected for the following\nreasons:\n\nThe message is not from a list member\n' },
    ],
    [
      'Mailman 2, from -bounces@ with its list headers',
      {
        from: 'generale-bounces@lists.example',
        subject: 'Your message to Generale awaits moderator approval',
        headers: { 'X-Mailman-Version': '2.1.39', 'List-Id': '<generale.lists.example>', Precedence: 'bulk' },
        body: "Your mail to 'Generale' with the subject\n\n    Appel à orateurs\n\nIs being held until the list moderator can review it for approval.\n",
      },
    ],
    ['Sympa « Message rejeté »', { from: 'SYMPA <sympa@listes.univ.example>', subject: 'Message rejeté', headers: { Precedence: 'list' }, body: 'Votre message pour la liste « doctorants » a été rejeté par le modérateur de la liste.\n' }],
    ['Sympa « Message à modérer »', { from: 'SYMPA <sympa@listes.univ.example>', subject: 'Message à modérer pour la liste doctorants', body: 'Bonjour,\n' }],
    ['Sympa, transmitted to the moderators', { from: 'doctorants-request@listes.univ.example', subject: 'Appel à orateurs', body: 'Votre message pour la liste doctorants@listes.univ.example a été transmis aux modérateurs de la liste.\n' }],
    ['LISTSERV', { from: 'LISTSERV@LISTSERV.UNIV.EXAMPLE', subject: 'Appel à orateurs', body: 'Your message to the PGUSERS list has been forwarded to the list moderator for approval.\n' }],
    ['a German Mailman', { from: 'generale-owner@lists.example.de', subject: 'Ihre Nachricht an generale@lists.example.de wartet auf Freigabe durch den Moderator', body: 'Hallo,\n' }],
  ])('%s', async (_name, draft) => {
    const c = classify(await mail(draft), ctx);
    expect([c.kind, c.reasons[0]]).toEqual(['auto-reply', 'list-notice']);
  });

  it('guards: a person asking about their held message, and a member’s post about moderation, are theirs', async () => {
    const ask = await mail({ subject: 'Mon message à la liste est en attente de modération ?', body: "Bonjour,\n\nMon annonce est en attente de modération sur la liste generale depuis lundi, vous pouvez regarder ?\n\nMarc\n" });
    expect(classify(ask, ctx).kind).toBe('other');
    const post = await mail({
      from: 'Anne Martin <anne.martin@example.fr>',
      subject: '[generale] my message to the list was rejected by the moderator?',
      headers: { 'List-Id': '<generale.lists.example>' },
      body: 'Hi all,\n\nMy message to generale was rejected by the list moderator yesterday. Was it the attachment?\n\nAnne\n',
    });
    expect(classify(post, ctx).kind).toBe('list-post');
  });
});

describe('audit kinds 4: Amazon SES’s bounce as SNS’s email-json delivers it (the notification a string in SNS’s JSON)', () => {
  it('is a bounce with its recipient', async () => {
    const body =
      '{\n  "Type" : "Notification",\n  "TopicArn" : "arn:aws:sns:eu-west-1:123456789012:ses-bounces",\n  "Message" : "{\\"notificationType\\":\\"Bounce\\",\\"bounce\\":{\\"bounceType\\":\\"Permanent\\",\\"bouncedRecipients\\":[{\\"emailAddress\\":\\"thomas.blanc@example-dead.fr\\",\\"action\\":\\"failed\\",\\"status\\":\\"5.1.1\\"}]}}"\n}\n';
    const c = classify(await mail({ from: 'AWS Notifications <no-reply@sns.amazonaws.com>', subject: 'AWS Notification Message', body }), ctx);
    expect(c).toMatchObject({ kind: 'bounce', bounce: { recipient: 'thomas.blanc@example-dead.fr', action: 'failed' } });
  });

  it('guard: its delivery notification is none', async () => {
    const body = '{\n  "Type" : "Notification",\n  "Message" : "{\\"notificationType\\":\\"Delivery\\",\\"delivery\\":{\\"recipients\\":[\\"ok@example.fr\\"]}}"\n}\n';
    expect(classify(await mail({ from: 'AWS Notifications <no-reply@sns.amazonaws.com>', subject: 'AWS Notification Message', body }), ctx).kind).not.toBe('bounce');
  });
});

describe('audit kinds 4, batch 2: an absence said for later in a subject is a person’s news (SAID_FOR_LATER)', () => {
  // before: "Out of office next week, so here is my talk idea now" was an auto-reply (the subject prefix alone)
  it.each([
    [
      'Out of office next week, so here is my talk idea now',
      "Hello,\n\nI'm out of office from Monday until the 14th, so here is my talk idea now: a 20 minute talk on pgvector index tuning (HNSW vs IVFFlat) with benchmarks on 50M embeddings.\n\nNina Petrova\n",
      'proposal',
    ],
    ['On vacation in January, see you in February', 'Hi,\n\nI will miss the January meetup; see you all in February.\n\nNina\n', 'other'],
    ['Anne is out of the office tomorrow: I answer for her', 'Hello,\n\nThe room is booked for 60 people on January 28.\n\nPaul\n', 'other'],
    ['Away from my desk this afternoon, quick question about the room', 'Is the projector HDMI or USB-C?\n\nPaul\n', 'other'],
    ['Talk: out of office tomorrow — the on-call life of a DBA', 'Hello,\n\nI would like to propose a 20 minute talk on being on call for PostgreSQL clusters.\n\nNina Petrova\n', 'proposal'],
  ])('%s', async (subject, body, kind) => {
    expect(classify(await mail({ from: 'Nina Petrova <nina.petrova@example.com>', subject, body }), ctx).kind).toBe(kind);
  });

  it.each([
    'Out of Office: Meetup PostgreSQL Paris',
    'Out of office until 5 January',
    'Out of office from 21/12 to 04/01',
    'Out of Office AutoReply: Meetup PostgreSQL Paris',
    'Jean Dupont is out of the office (returning 05/01/2027)',
    'On vacation until Jan 4',
    'Away from my mail',
  ])('guard: a responder’s "%s" is an auto-reply', async (subject) => {
    expect(classify(await mail({ subject, body: 'Thank you for your message.\n' }), ctx).kind).toBe('auto-reply');
  });
});

describe('audit kinds 4, batch 2: challenge robots that hold the message « en attente de confirmation », and German ones', () => {
  it.each([
    [
      '« n’accepte que les messages des expéditeurs connus » under « Re: »',
      'Nicolas Brun <nicolas.brun@free-exemple.fr>',
      'Re: Appel à orateurs',
      "Votre message est en attente de confirmation.\n\nAfin de lutter contre les courriers indésirables, cette adresse n'accepte que les messages des expéditeurs connus. Cliquez une seule fois sur le lien suivant :\nhttps://antispam.example/ok?k=55ab\n",
    ],
    ['« Votre message a été mis en attente jusqu’à … »', 'Filtre <noreply@antispam.example>', 'Appel à orateurs', "Votre message a été mis en attente jusqu'à ce que vous confirmiez votre adresse : https://antispam.example/ok?k=1\n"],
    [
      'German « Bitte bestätigen Sie …, dass Sie ein Mensch sind »',
      'Spamschutz <noreply@mailschutz.example.de>',
      'Bitte bestätigen Sie Ihre E-Mail an info@kanzlei.example',
      'Guten Tag,\n\nDieser Empfänger ist durch einen Spamschutz geschützt. Bitte bestätigen Sie einmalig, dass Sie ein Mensch sind:\nhttps://mailschutz.example.de/confirm?id=88aa\n',
    ],
    ['"only accepts messages from approved senders"', 'Mail Guard <noreply@guard.example>', 'Appel à orateurs', 'This address only accepts messages from approved senders. Click to request approval: https://guard.example/a?1\n'],
    ['German subject alone, fresh from the protected address', 'Kanzlei Müller <info@kanzlei.example>', 'Bitte bestätigen Sie Ihre Nachricht', 'Nur Nachrichten von bekannten Absendern werden zugestellt: https://mailschutz.example.de/c?2\n'],
  ])('%s', async (_name, from, subject, body) => {
    const c = classify(await mail({ from, subject, body }), ctx);
    expect([c.kind, c.reasons[0]]).toEqual(['auto-reply', 'challenge-response']);
  });

  it('guards: a speaker whose filter asked us to confirm, and a talk about fighting spam, are the speaker’s', async () => {
    const sorry = await mail({
      subject: 'Re: Appel à orateurs',
      body: "Bonjour,\n\nDésolé, mon antispam n'accepte que les messages des expéditeurs connus, d'où le message de confirmation que vous avez reçu.\nJe vous propose un talk de 20 minutes sur rspamd et PostgreSQL : comment on stocke 2 milliards de verdicts.\n\nNoé Lambert\n",
    });
    expect(classify(sorry, ctx).kind).toBe('proposal');
    const reply = await mail({
      subject: 'Re: Appel à orateurs',
      body: "Bonjour,\n\nPas de talk pour moi cette fois. Pour info, afin de lutter contre le spam sur nos listes nous utilisons rspamd : https://rspamd.example\n\nNoé\n",
    });
    expect(classify(reply, ctx).kind).toBe('other');
    const talk = await mail({ subject: 'Proposition de talk : lutter contre le spam avec PostgreSQL', body: "Bonjour,\n\nPour lutter contre le spam, nous stockons 2 milliards de verdicts dans PostgreSQL. Je propose un talk de 20 minutes sur ce retour d'expérience.\n\nNoé Lambert\n" });
    expect(classify(talk, ctx).kind).toBe('proposal');
  });
});

describe('audit kinds 4, batch 2: a list manager’s answer to a command is an auto-reply', () => {
  it.each([
    ['SYMPA <sympa@listes.univ.example>', 'Résultats de vos commandes', "> subscribe doctorants\n\nVotre demande d'abonnement à la liste doctorants a été transmise au propriétaire de la liste.\n"],
    ['Majordomo <majordomo@lists.example.org>', 'Majordomo results: subscribe generale', '>>>> subscribe generale\nSucceeded.\n'],
    ['LISTSERV <LISTSERV@LISTSERV.UNIV.EXAMPLE>', 'Output of your job "talks"', '> SUBSCRIBE PGUSERS\nYou have been added to the PGUSERS list.\n'],
  ])('%s: %s', async (from, subject, body) => {
    const c = classify(await mail({ from, subject, body }), ctx);
    expect([c.kind, c.reasons[0]]).toEqual(['auto-reply', 'list-notice']);
  });

  it('guard: a person’s « Résultats de vos commandes de t-shirts » is theirs', async () => {
    expect(classify(await mail({ subject: 'Résultats de vos commandes de t-shirts', body: 'Bonjour,\n\n12 t-shirts M, 8 L : je les apporte le 28.\n\nLucie\n' }), ctx).kind).toBe('other');
  });
});

describe('audit kinds 4, batch 2: Amazon SES’s complaint as JSON is a complaint', () => {
  // before: 'other' (no-reply@sns.amazonaws.com, no ARF part)
  it.each([
    ['the notification itself (SNS "email")', '{"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"Julien.Marty@outlook.example"}],"complaintFeedbackType":"abuse"},"mail":{"source":"talks@pgug.example.org"}}\n'],
    [
      'inside SNS’s envelope (SNS "email-json")',
      '{\n  "Type" : "Notification",\n  "MessageId" : "8b2b1f3c-1f0a-5c6e-9d1a-2f7f1c0a9e11",\n  "TopicArn" : "arn:aws:sns:eu-west-1:123456789012:ses-complaints",\n  "Message" : "{\\"notificationType\\":\\"Complaint\\",\\"complaint\\":{\\"complainedRecipients\\":[{\\"emailAddress\\":\\"julien.marty@outlook.example\\"}]}}"\n}\n',
    ],
  ])('%s', async (_name, body) => {
    const c = classify(await mail({ from: 'AWS Notifications <no-reply@sns.amazonaws.com>', subject: 'AWS Notification Message', body }), ctx);
    expect(c).toMatchObject({ kind: 'bounce', bounce: { recipient: 'julien.marty@outlook.example', status: null, action: 'complained' } });
  });

  it('guard: a speaker quoting one in a proposal is a speaker', async () => {
    const body =
      'Hello,\n\nI would like to propose a 20 minute talk on how we store SES notifications in PostgreSQL with JSONB, e.g.\n{"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"x@example.com"}]}}\n\nRui Costa\n';
    expect(classify(await mail({ subject: 'Talk proposal: SES feedback in JSONB', body }), ctx).kind).toBe('proposal');
  });
});

describe('audit kinds 4: a web form relaying a person’s question about a held message is the person’s', () => {
  it('WordPress notification, Reply-To the person', async () => {
    const m = await mail({
      from: 'PostgreSQL Paris <wordpress@pgug.example.org>',
      subject: '[PostgreSQL Paris] Nouveau message du formulaire de contact',
      headers: { 'Reply-To': 'Anne Martin <anne.martin@example.fr>' },
      body: 'De : Anne Martin <anne.martin@example.fr>\n\nMessage :\nBonjour, mon message à la liste generale a été rejeté par le modérateur hier, pouvez-vous regarder ?\n',
    });
    expect(classify(m, ctx).reasons[0]).not.toBe('list-notice');
  });
});

describe('audit kinds 4: the new patterns stay linear', () => {
  it('50,000-character bodies and subjects classify in linear time', async () => {
    // a head, the unit repeated and how many of it make the short body (the long one is four times that)
    const bodies = [
      ['', 'votre message pour la liste ', 500],
      ['', 'is being held until the list ', 500],
      ['', 'Dieser Empfänger ist durch ', 500],
      ['{', ' "notificationType" : "Delivery",', 375],
      ['', 'afin de lutter contre le ', 500],
    ] as const;
    for (const [head, unit, times] of bodies) {
      const m = (k: number) => mail({ from: 'generale-owner@lists.example', subject: `Out of office ${'next '.repeat(500 * k)}`, body: head + unit.repeat(times * k) });
      expect(await growth(m, (x) => classify(x, ctx)), unit).toBeLessThan(LINEAR);
    }
    const ics = (k: number) => mail({ subject: 'Accepted: x', mime: withCalendar('', 'REPLY', 'ACCEPTED', 'text/calendar', ['COMMENT:' + 'a'.repeat(12_500 * k)]) });
    expect(classify(await ics(4), ctx).kind).toBe('other');
    expect(await growth(ics, (x) => classify(x, ctx))).toBeLessThan(LINEAR);
  });
});

describe('audit kinds 4, own check: Exchange Online’s HTML NDR under our subject, with curly apostrophes, and in Dutch', () => {
  // before: auto-replies (daemon notice), no recipient — NOTICE_BODY read « n'a pas pu » and "couldn't" with a straight ' only
  it.each([
    ['Votre message à claire.dumas@exemple-corp.fr n’a pas pu être remis.', 'claire.dumas@exemple-corp.fr'],
    ['Your message to a.smith@corp.example couldn’t be delivered.', 'a.smith@corp.example'],
    ['Uw bericht aan p.devos@bedrijf.example kan niet worden bezorgd.', 'p.devos@bedrijf.example'],
  ])('%s', async (line, recipient) => {
    const m = await mail({
      from: 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@corp.example>',
      subject: 'Appel à orateurs : meetup du 28 janvier',
      headers: { 'Return-Path': '<>' },
      mime: { contentType: 'text/html; charset=utf-8', body: `<html><body><p>${line}</p><p>550 5.1.10 RESOLVER.ADR.RecipientNotFound</p></body></html>\n` },
    });
    expect(classify(m, ctx)).toMatchObject({ kind: 'bounce', bounce: { recipient, action: 'failed' } });
  });

  it('a delay warning’s curly « Vous n’avez pas besoin de renvoyer votre message » is a delay', async () => {
    const m = await mail({
      from: 'MAILER-DAEMON@mx.fai-exemple.fr',
      subject: 'Courrier retardé',
      body: "CECI EST UN AVERTISSEMENT. Vous n’avez pas besoin de renvoyer votre message.\n\n<gilles.perrot@fai-exemple.fr>: 421 mailbox busy\n",
    });
    expect(classify(m, ctx)).toMatchObject({ kind: 'bounce', bounce: { recipient: 'gilles.perrot@fai-exemple.fr', action: 'delayed' } });
  });

  it('guard: a speaker whose mail “couldn’t be delivered” yesterday, proposing again, is a speaker', async () => {
    const m = await mail({
      subject: 'Re: Appel à orateurs',
      body: "Hello,\n\nMy first reply couldn’t be delivered yesterday, so here it is again: I'd like to propose a 20 minute talk on pg_squeeze in production.\n\nRui Costa\n",
    });
    expect(classify(m, ctx).kind).toBe('proposal');
  });
});
