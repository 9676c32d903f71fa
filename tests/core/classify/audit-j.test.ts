/**
 * Held-out round J (mail from many MTAs, auto-responders and helpdesks nobody here had seen): the rules it showed missing.
 * - challenge-response robots that ask to "confirm you are a human being" or « confirmer que vous n'êtes pas un robot »;
 * - helpdesks' acknowledgements of receipt ("[Ticket #4821] We received your request", Precedence: bulk, no
 *   auto-reply header) were list posts;
 * - an acknowledgement that says so in its text (« Accusé de réception », "This is an automated response … we have
 *   received your message") was kind other;
 * - Gmail's old text notice "Message not delivered … a temporary problem delivering your message … will retry for 46
 *   more hours" was an auto-reply, not a delayed bounce;
 * - a German out-of-office was English: "in", "an", "will" are German words too, and « Grüßen » split on its ß gave
 *   a French « en ».
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { bodyLanguage } from '../../../src/core/language.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail, type Draft } from './build.ts';
import { readTextBounce } from '../../../src/core/classify/bounce-text.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };

describe('challenge-response robots in their own words', () => {
  it.each<[string, Draft]>([
    [
      'a "Re:" from the person\'s own address: confirm you are a human being (en)',
      {
        from: 'Rob Keller <rob.keller@smallbiz.example>',
        subject: 'Re: Thanks for your proposal',
        body: "Hello,\n\nI'm protecting my inbox from junk mail. Your message is being held until you complete a one-time check.\n\nPlease click the link below and confirm you are a human being:\n\nhttps://guard.example/confirm?id=1\n",
      },
    ],
    ['"prove you\'re not a robot" (en)', { subject: 'Re: Meetup', body: 'To get your message delivered, please prove you’re not a robot: https://cr.example/p/9\n' }],
    [
      'a noreply@ robot of the filtering service, no "Re:", no null reverse-path (fr)',
      {
        from: '"sylvie@cabinet.example" <no-reply@antispam.example>',
        subject: "Demande d'authentification de votre message",
        body: "Bonjour,\n\nVotre message à sylvie@cabinet.example est en attente. Merci de confirmer que vous n'êtes pas un robot en cliquant sur le lien ci-dessous :\n\nhttps://antispam.example/v/3c9d\n",
      },
    ],
    ['« pour valider votre envoi » under "Re:" (fr)', { subject: 'RE: Proposition de talk', body: 'Ce destinataire filtre ses courriels. Cliquez ici pour valider votre envoi : https://filtre.example/ok\n' }],
  ])('%s', async (_name, draft) => {
    const c = classify(await mail(draft), ctx);
    expect(c.kind).toBe('auto-reply');
    expect(c.reasons[0]).toBe('challenge-response');
  });

  it.each<[string, Draft]>([
    ['a proposal about SCRAM, a challenge-response mechanism', { subject: 'Proposition de talk : SCRAM sans douleur', body: 'Bonjour,\n\nJe propose un talk de 30 minutes sur SCRAM, un mécanisme challenge-response, et comment prouver que vous êtes bien le client attendu.\n\nJean Dupont\n' }],
    ['a person joking about robots in a reply', { subject: 'Re: Appel à orateurs', body: "Bonjour,\n\nJe ne suis pas un robot, promis : voici ma proposition, « VACUUM pour les humains », 20 minutes.\n\nJean\n" }],
    ['a speaker happy to wait on the waiting list', { subject: "Re: [P-0012] Votre proposition : liste d'attente", body: 'Thanks for letting me know! Happy to stay on hold until you have the\nfinal schedule, just tell me when.\n\nAlice\n' }],
  ])('not one: %s', async (_name, draft) => {
    const c = classify(await mail(draft), ctx);
    expect(c.reasons[0]).not.toBe('challenge-response');
    expect(c.kind).not.toBe('auto-reply');
  });
});

describe("helpdesks' acknowledgements of receipt", () => {
  it.each<[string, Draft]>([
    [
      'Zendesk: "[Ticket #4821] We received your request", Precedence: bulk and a return path',
      {
        from: 'Vendor DB Support <support@vendor-db.example>',
        subject: '[Ticket #4821] We received your request',
        headers: { Precedence: 'bulk', 'Return-Path': '<support+id4821@vendor-db.example>' },
        body: '##- Please type your reply above this line -##\n\nYour request (4821) has been received and is being reviewed by our support staff.\n',
      },
    ],
    ['Freshdesk: "Ticket Received - …"', { from: 'help@salles.example', subject: 'Ticket Received - Room booking for the meetup', body: 'Thank you for contacting us.\n' }],
    ['« Nous avons bien reçu votre demande »', { from: 'contact@mairie.example', subject: 'Nous avons bien reçu votre demande', body: 'Bonjour,\n\nUn agent vous répondra.\n' }],
    ['a ticket number over « Votre demande a bien été enregistrée »', { from: 'glpi@mairie.example', subject: '[GLPI #0058213] Salle pour le meetup PostgreSQL', body: 'Bonjour,\n\nVotre demande a bien été enregistrée sous le numéro 58213.\n' }],
    ['a ticket number over "has been created"', { from: 'otrs@host.example', subject: 'Ticket#2026040112000011 Room booking', body: 'Dear customer,\n\nyour ticket has been created and will be handled shortly.\n' }],
    // A bare phrase wrapping the subject it received, over a copy of that mail: a proposal's, or our own acknowledgement
    [
      'a bare "Request received:" wrapping a proposal\'s subject, over a copy of the proposal',
      {
        from: 'Acme Support <support@acme.example>',
        subject: 'Request received: Proposition : Partitionnement déclaratif en production',
        body: "Hello,\n\nThanks for contacting Acme Support! Our team will get back to you shortly.\n\nHere is a copy of your message:\n\nBonjour,\n\nJe souhaite proposer une conférence pour le prochain meetup.\n\nTitre : Partitionnement déclaratif en production\nDurée : 30 minutes\nRésumé : Retour d'expérience sur le partitionnement déclaratif de nos tables\nde facturation sous PostgreSQL 16, les pièges et les gains.\n\nJean Dupont\n",
      },
    ],
    [
      'a bare "Ticket received -" wrapping our acknowledgement\'s subject, over a copy of it',
      {
        from: 'Acme Support <support@acme.example>',
        subject: 'Ticket received - #48211 - [P-0007] Proposition reçue : Partitionnement déclaratif en production',
        body: "Hello,\n\nThanks for contacting Acme Support! Our team will get back to you shortly.\n\n-----\nBonjour Jean,\n\nMerci pour votre proposition ! Elle est enregistrée sous la référence\nP-0007. Voici ce que nous en avons compris :\n\n  Référence      : P-0007\n  Titre          : Partitionnement déclaratif en production\n  Format         : talk, 45 minutes\n  Langue         : français\n\n  Résumé :\n\nRetour d'expérience sur le partitionnement déclaratif de nos tables\nde facturation sous PostgreSQL 16, les pièges et les gains.\n",
      },
    ],
  ])('%s', async (_name, draft) => {
    const c = classify(await mail(draft), ctx);
    expect(c.kind).toBe('auto-reply');
    expect(c.reasons[0]).toBe('acknowledgement-of-receipt');
  });

  it.each<[string, Draft]>([
    ['a person answering in the ticket\'s thread ("Re:")', { subject: 'Re: [Ticket #4821] We received your request', body: 'Thanks, the room is booked for the 26th.\n' }],
    ['a speaker answering our own acknowledgement', { subject: 'Re: [P-0044] Proposal received: VACUUM for humans', body: 'withdraw\n' }],
    ['a talk named after a request', { subject: 'Talk proposal: Request received, tracing an HTTP request into PostgreSQL', body: 'Hello,\n\nI would like to propose a 30 minute talk on tracing a request from the load balancer down to pg_stat_activity.\n\nAnn Lee\n' }],
    ['a number in a subject over a person\'s words', { subject: 'Proposition de talk (#1234 sur GitHub)', body: 'Bonjour,\n\nMa proposition a été publiée sur GitHub, voici le résumé : partitionnement, 30 minutes.\n\nJean\n' }],
    [
      'a talk title as the subject, « Incident ouvert à 3h du matin »',
      { subject: "Incident ouvert à 3h du matin : retour d'expérience Patroni", body: 'Bonjour,\n\nJe voudrais proposer un talk.\n\nTitre : Incident ouvert à 3h du matin\nDurée : 20 minutes\n\nRésumé : comment notre cluster Patroni a basculé trois fois en une nuit.\n\nClaire\n' },
    ],
    ['a talk title as the subject, "Request received, …"', { subject: 'Request received, tracing an HTTP request into PostgreSQL', body: 'Hello,\n\nI would like to propose a 30 minute talk.\n\nAnn Lee\n' }],
    // A helpdesk's bare phrase, a separator, and a proposal under it: the title a speaker chose, not a robot's receipt
    [
      'a talk title as the subject, « Ticket ouvert : … »',
      { subject: "Ticket ouvert : retour d'expérience sur notre migration vers PostgreSQL 17", body: "Bonjour,\n\nJe vous propose un talk de 30 minutes : « Ticket ouvert : retour d'expérience sur notre migration vers PostgreSQL 17 ».\n\nRésumé : comment nous avons migré 40 bases en un week-end, ce qui a cassé, ce que nous referions.\n\nMarie\n" },
    ],
    ['a talk title as the subject, "Ticket created - …"', { subject: 'Ticket created - what our support queue taught us about locks', body: 'Hi,\n\nI would like to propose a lightning talk (5 minutes) about the lock waits our support tickets revealed.\n\nTom Hale\n' }],
    [
      'a ticket in a proposal\'s subject over an abstract saying one was opened',
      { subject: 'Proposal: what we learned from ticket #4821', body: "Hi,\n\nTitle: What we learned from support ticket #4821\nDuration: 20 min\n\nAbstract: A customer's ticket has been opened at 2am: autovacuum could not\nkeep up. Here is what we changed.\n\nDan\n" },
    ],
  ])('not one: %s', async (_name, draft) => {
    const c = classify(await mail(draft), ctx);
    expect(c.reasons[0]).not.toBe('acknowledgement-of-receipt');
    expect(c.kind).not.toBe('auto-reply');
  });
});

describe('the language of a body in neither French nor English', () => {
  it.each([
    [
      'a German out-of-office',
      'Sehr geehrte Damen und Herren,\n\nvielen Dank für Ihre Nachricht. Ich bin bis einschließlich 10. April nicht im Büro\nund habe keinen Zugriff auf meine E-Mails. In dringenden Fällen wenden Sie sich\nbitte an meinen Kollegen Jonas Weber.\n\nMit freundlichen Grüßen\nKatrin Schäfer\n',
    ],
    ['German with "in", "an", "will", "so"', 'Hallo,\n\nich bin ab dem 14. April wieder im Büro. In dieser Zeit werden E-Mails nicht weitergeleitet. Ihre Nachricht wird nach meiner Rückkehr bearbeitet. Bei Fragen zum Projekt wenden Sie sich an das Team. Ich will Ihnen so schnell wie möglich antworten.\n\nGrüße\nMax'],
    ['Dutch', 'Beste,\n\nIk ben afwezig tot en met 10 april. Voor dringende zaken kunt u contact opnemen met mijn collega Pieter. Ik zal uw bericht na mijn terugkeer beantwoorden.\n\nMet vriendelijke groet,\nAnke'],
    ['a short German line', 'Ich bin bis zum 10. April nicht im Büro.'],
  ])('%s is neither', (_name, text) => {
    expect(bodyLanguage(text)).toBeNull();
  });

  it.each([
    ['English naming a German colleague', 'Hi, I am away until Monday with limited access to email. For anything urgent please contact Jonas Weber (die Datenbank-Gruppe) or the team.', 'en'],
    ['French with « cœur » and a German word', "Bonjour, je vous propose un talk sur le cœur du planificateur, « Der Planer » comme disent nos collègues, en 30 minutes.", 'fr'],
    ['English mentioning Las Vegas and pg_dump para', 'Hello, I would like to present our migration from Las Vegas to Paris data centers, with the numbers for each step and what we learned.', 'en'],
  ])('%s stays what it is', (_name, text, lang) => {
    expect(bodyLanguage(text)).toBe(lang);
  });
});

describe('an acknowledgement in its own words', () => {
  it.each<[string, Draft]>([
    [
      '« Accusé de réception » over « Votre message a bien été reçu »',
      { from: 'Contact <contact@societe.example>', subject: 'Accusé de réception : Proposition de talk', body: 'Bonjour,\n\nVotre message a bien été reçu. Il sera traité dans les meilleurs délais.\n\nSociété Exemple\n' },
    ],
    [
      '"This is an automated response … we have received your message" under "Re:"',
      { from: 'Events Team <events@conf.example>', subject: 'Re: Speaker exchange', body: 'Thank you for your email. This is an automated response to let you know we have received your message. A member of our team will respond within 3 business days.\n' },
    ],
    [
      '« Ceci est un message automatique » after « Nous avons bien reçu votre courriel »',
      { from: 'Accueil <accueil@asso.example>', subject: 'Re: Salle pour le meetup', body: 'Bonjour,\n\nNous avons bien reçu votre courriel et vous répondrons rapidement.\n\nCeci est un message automatique, merci de ne pas y répondre.\n' },
    ],
  ])('%s', async (_name, draft) => {
    const c = classify(await mail(draft), ctx);
    expect(c.kind).toBe('auto-reply');
    expect(c.reasons[0]).toBe('acknowledgement-text');
  });

  it.each<[string, Draft]>([
    [
      'a speaker answering our acknowledgement, quoted below',
      { subject: 'Re: [P-0044] Proposition reçue : VACUUM', body: 'retirer\n\nLe 3 mars 2026 à 10:00, PostgreSQL Paris <talks@pgug.example.org> a écrit :\n> Ceci est un message automatique.\n> Votre proposition a bien été enregistrée sous la référence P-0044.\n' },
    ],
    ['a person saying they received something', { subject: 'Re: Question', body: 'Bonjour,\n\nVotre message a bien été reçu, je vous réponds la semaine prochaine.\n\nDim\n' }],
    [
      'a proposal about automated responses',
      { subject: 'Proposition de talk : réponses automatiques', body: 'Bonjour,\n\nJe propose 20 minutes sur les accusés de réception : ce qui se passe quand une demande a bien été reçue par un robot, et comment « Ceci est un message automatique » finit dans nos tables.\n\nJean\n' },
    ],
  ])('not one: %s', async (_name, draft) => {
    expect(classify(await mail(draft), ctx).reasons[0]).not.toBe('acknowledgement-text');
  });
});

describe("Gmail's old text notice of a temporary failure", () => {
  const notice = (body: string): Draft => ({ from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>', subject: 'Message not delivered', headers: { 'Return-Path': '<>' }, body });

  it('is a delayed bounce with the reply code it quotes', async () => {
    const m = await mail(notice('There was a temporary problem delivering your message to hugo@lent.example. Gmail will retry for 46 more hours. You\'ll be notified if the delivery fails permanently.\n\nThe response from the remote server was:\n451 4.3.0 Temporary lookup failure\n'));
    const c = classify(m, ctx);
    expect(c.kind).toBe('bounce');
    expect(c.bounce).toEqual({ recipient: 'hugo@lent.example', status: '4.3.0', action: 'delayed' });
  });

  it('without a code, is delayed all the same', async () => {
    const m = await mail(notice('There was a temporary problem delivering your message to hugo@lent.example. Gmail will retry for 46 more hours.\n'));
    expect(readTextBounce(m)).toMatchObject({ recipient: 'hugo@lent.example', action: 'delayed' });
    expect(readTextBounce(m).status).toMatch(/^4\./);
  });
});
