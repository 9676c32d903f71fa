/**
 * Held-out kinds audit 2 (read receipts, calendar replies, challenge-response robots, delay notices in French, German,
 * Spanish and Italian, quota and multi-recipient DSNs, ESPs, Microsoft 365 NDRs, helpdesks, out-of-office notices,
 * list robots, newsletters, and people who write about all of these): what it found wrong, each with the guards that
 * kept their reading.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org', 'bounces@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };

describe('audit kinds 2: a reply to an auto-reply is its writer’s', () => {
  it.each([
    [
      'a proposal under « Re: Réponse automatique : … »',
      'Re: Réponse automatique : Appel à orateurs : meetup du 28 janvier',
      'Bonjour,\n\nDe retour de congés, je vous propose un talk de 20 minutes : « pg_stat_statements au quotidien ».\nJe montrerai comment on repère les requêtes coûteuses et ce qu’on en a tiré en production.\n\nClaire Morel\n',
      'proposal',
    ],
    [
      'a colleague’s word under "RE: Automatic reply: …"',
      'RE: Automatic reply: Next meetup: January 28',
      "No worries, we'll sort out the room when you're back.\n\nJean\n\n> Thank you for your message. I am currently on parental leave.\n",
      'other',
    ],
    ['« AW: Abwesenheitsnotiz: … » over a proposal', 'AW: Abwesenheitsnotiz: Nächstes Meetup', "Hallo,\n\nI'd like to propose a 20 minute talk on logical replication slots and how we monitor them.\n\nJonas Weber\n", 'proposal'],
  ])('%s', async (_name, subject, body, kind) => {
    expect(classify(await mail({ subject, headers: { 'In-Reply-To': '<ooo-1@exemple.fr>' }, body }), ctx).kind).toBe(kind);
  });

  it('a proposal whose title holds an auto-reply’s words ("Out of office", « réponse automatique ») is a proposal', async () => {
    for (const subject of ['Talk proposal: Out of office! Taming auto-replies in a ticketing app', 'Proposition de talk : la réponse automatique qui ne bouclait jamais']) {
      const body = "Hello,\n\nI'd like to propose a 30 minute talk about how our helpdesk detects auto-replies and read receipts, and stores them in PostgreSQL so that tickets never loop.\n\nTom Hill\n";
      expect(classify(await mail({ subject, body }), ctx).kind, subject).toBe('proposal');
    }
  });

  it('guards: responders’ own subjects stay auto-replies — before our subject, after it, forwarded, and with a reply prefix they copied', async () => {
    const away = 'I am out of the office until Monday 11 January with limited access to email.\n\nTom\n';
    for (const subject of ['Automatic reply: Next meetup: January 28', 'Réponse automatique : Re: [P-0012] Votre proposition', 'Re: Next meetup (Automatic Response)', 'WG: Abwesenheitsnotiz: Vortrag', 'Out of Office: Talk proposal: Vacuum']) {
      expect(classify(await mail({ subject, body: away }), ctx).kind, subject).toBe('auto-reply');
    }
    // a reply prefix before the responder's: its headers or its text still tell
    expect(classify(await mail({ subject: 'Re: Automatic reply: Next meetup', headers: { 'Auto-Submitted': 'auto-replied' }, body: away }), ctx).kind).toBe('auto-reply');
    expect(classify(await mail({ subject: 'RE: Réponse automatique : Appel à orateurs', body: "Je suis absente du bureau jusqu'au 4 janvier. Pour toute urgence, contactez Julien.\n" }), ctx).kind).toBe('auto-reply');
    // a proposal's subject with the words, over a notice that is no proposal
    expect(classify(await mail({ subject: 'Talk proposal: Vacuum (Automatic reply)', body: away }), ctx).kind).toBe('auto-reply');
  });
});

describe('audit kinds 2: a German read receipt names the time zone’s cities before « gelesen »', () => {
  it('Outlook’s « Gelesen: … » is a read receipt', async () => {
    const body =
      'Ihre Nachricht\n\n  An: Lukas Müller\n  Betreff: Nächstes Meetup: 28. Januar\n  Gesendet: Mittwoch, 2. Dezember 2026 18:00:01 (UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien\n\nwurde am Donnerstag, 3. Dezember 2026 09:05:44 (UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien gelesen.\n';
    expect(classify(await mail({ subject: 'Gelesen: Nächstes Meetup: 28. Januar', body }), ctx)).toMatchObject({ kind: 'auto-reply', reasons: ['read-receipt', 'read receipt in text'] });
  });

  it('guards: « Gelesen: » over a person’s text, the verb far from the date, is no receipt', async () => {
    const body = 'Hallo,\n\ndie Nachricht wurde am Montag in unserem Team besprochen.\n\nIch würde gern einen Vortrag halten; den Entwurf habe ich noch nicht gelesen.\n';
    expect(classify(await mail({ subject: 'Gelesen: Vortrag', body }), ctx).reasons[0]).not.toBe('read-receipt');
  });
});

describe('audit kinds 2: challenge-response robots in words the tables lacked', () => {
  it.each([
    [
      'Mailinblack (« confirmer votre adresse », « se protéger contre le spam ») from noreply@',
      'Mailinblack <noreply@mailinblack.com>',
      '[Mailinblack] Veuillez confirmer votre adresse email',
      "Bonjour,\n\nVotre message à destination de laurent.blanc@mairie-exemple.fr n'a pas encore été délivré.\n\nAfin de se protéger contre le spam, laurent.blanc@mairie-exemple.fr utilise Mailinblack. Pour que votre message soit délivré, merci de confirmer votre adresse en cliquant sur le lien ci-dessous.\n\nhttps://auth.mailinblack.com/validate?token=9f2a7c\n",
    ],
    [
      'ChoiceMail ("held and will be delivered to me once you register") under « Re: »',
      'Tom Baker <tom@bakerfamily.example>',
      'Re: Next meetup: January 28 [Registration Request]',
      "Hi,\n\nYou sent an email to tom@bakerfamily.example. I'm using ChoiceMail One to protect myself from junk mail. Your message has been held and will be delivered to me once you register.\n\nhttp://register.digiportal.com/register.asp?m=83672\n",
    ],
    [
      'Boxbe’s notice from notify@ (an address no person writes from), under our own subject',
      'Boxbe <notify@boxbe.com>',
      'Appel à orateurs : meetup du 28 janvier (Action Required)',
      "Hello talks@pgug.example.org,\n\nYou will not receive any more courtesy notices from our members for two days. Messages you have sent will remain in a lower priority mailbox for our member to review at their leisure.\n\nFuture messages will be more likely to be viewed if you are on our member's priority Guest List.\n",
    ],
    [
      'a robot’s own subject « Confirmez votre adresse » from the protected person',
      'Laurent Blanc <laurent.blanc@mairie-exemple.fr>',
      'Confirmez votre adresse pour écrire à Laurent Blanc',
      "Bonjour,\n\nAfin de me protéger contre les courriers indésirables, je n'accepte que les expéditeurs connus. Merci de confirmer votre adresse en cliquant sur ce lien : https://filtre.example/c/77\n",
    ],
  ])('%s', async (_name, from, subject, body) => {
    const c = classify(await mail({ from, subject, headers: { Precedence: 'bulk' }, body }), ctx);
    expect(c.kind).toBe('auto-reply');
    expect(c.reasons[0]).toBe('challenge-response');
  });

  it('guards: a person who protects their mail from spam, or asks us to confirm an address, is no robot', async () => {
    const proposal = classify(
      await mail({
        subject: 'Proposition de talk : se protéger contre le spam avec PostgreSQL',
        body: 'Bonjour,\n\nJe propose un talk de 20 minutes : comment nous filtrons le spam dans PostgreSQL, et pourquoi il faut confirmer votre adresse avant tout envoi.\n\nLéa Roussel\n',
      }),
      ctx,
    );
    expect(proposal.kind).toBe('proposal');
    const notify = await mail({ from: 'Meetup Notifications <notify@meetup.example>', subject: 'New comment on your event', body: 'Jean Dupont commented on « Meetup PostgreSQL Paris »: see you there!\n' });
    expect(classify(notify, ctx).reasons[0]).not.toBe('challenge-response');
  });
});

describe('audit kinds 2: delay notices in French (Postfix), German, Spanish and Italian (Exchange)', () => {
  const daemon = 'Mail Delivery System <MAILER-DAEMON@smtp.fai.example>';
  it("Postfix's translated warning « CECI EST UN AVERTISSEMENT SEULEMENT » is delayed, not failed", async () => {
    const body =
      "Ceci est le système de messagerie de smtp.fai.example.\n\n####################################################################\n# CECI EST UN AVERTISSEMENT SEULEMENT.  VOUS N'AVEZ PAS BESOIN DE  #\n# RENVOYER VOTRE MESSAGE.                                          #\n####################################################################\n\nVotre message n'a pas pu être délivré depuis 4 heures.\nIl restera en file d'attente jusqu'à ce qu'il soit âgé de 5 jours.\n\n<paul.girard@lent.example>: connect to mx.lent.example[203.0.113.7]:25:\n    Connection timed out\n";
    const c = classify(await mail({ from: daemon, subject: 'Courrier retardé (nouvelle tentative en cours)', headers: { 'Auto-Submitted': 'auto-replied' }, body }), ctx);
    expect(c).toMatchObject({ kind: 'bounce', bounce: { recipient: 'paul.girard@lent.example', status: '4.4.1', action: 'delayed' } });
  });

  it.each([
    [
      'Zustellung verzögert: Nächstes Meetup',
      'Die Zustellung an diese Empfänger oder Gruppen ist verzögert:\n\nlukas.mueller@firma.de (lukas.mueller@firma.de)\n\nBetreff: Nächstes Meetup\n\nDiese Nachricht wurde noch nicht zugestellt. Es wird weiterhin versucht, die Nachricht zuzustellen.\n',
      'lukas.mueller@firma.de',
    ],
    [
      'Entrega retrasada: Próximo meetup',
      'La entrega a estos destinatarios o grupos se ha retrasado:\n\nlucia.ortega@empresa.es (lucia.ortega@empresa.es)\n\nAsunto: Próximo meetup\n\nEste mensaje no se ha entregado todavía. Se seguirá intentando entregarlo.\n',
      'lucia.ortega@empresa.es',
    ],
    [
      'Recapito ritardato: Prossimo meetup',
      'Il recapito ai seguenti destinatari o gruppi è stato ritardato:\n\ngiulia.rossi@azienda.it (giulia.rossi@azienda.it)\n\nOggetto: Prossimo meetup\n\nQuesto messaggio non è stato ancora recapitato. Il server continuerà a tentare di recapitarlo.\n',
      'giulia.rossi@azienda.it',
    ],
  ])('Exchange’s text notice « %s » is a delayed bounce', async (subject, body, recipient) => {
    const c = classify(await mail({ from: 'Microsoft Outlook <postmaster@firma.example>', subject, headers: { 'Auto-Submitted': 'auto-generated' }, body }), ctx);
    expect(c).toMatchObject({ kind: 'bounce', bounce: { recipient, action: 'delayed' } });
  });

  it('guards: a person’s « Zustellung verzögert » from their own address, and a failed notice in the same languages, read as before', async () => {
    const person = classify(await mail({ from: 'Jonas Weber <jonas.weber@firma.de>', subject: 'Zustellung verzögert: mein Vortrag kommt später', body: 'Hallo,\n\nich schicke die Folien nächste Woche.\n\nJonas\n' }), ctx);
    expect(person.kind).toBe('other');
    const failed = classify(
      await mail({
        from: daemon,
        subject: 'Unzustellbar: Nächstes Meetup',
        body: "Ihre Nachricht an jonas.weber@firma.de konnte nicht zugestellt werden.\n\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found'\n",
      }),
      ctx,
    );
    expect(failed).toMatchObject({ kind: 'bounce', bounce: { recipient: 'jonas.weber@firma.de', status: '5.1.10', action: 'failed' } });
  });
});

describe('audit kinds 2, batch b2: read receipts of Lotus Notes, Spanish and Portuguese Outlook', () => {
  it.each([
    ['Return Receipt', 'Your document:\tProchain meetup : 28 janvier 2027\nwas received by:\tJean-Luc Perrin/ASSUR\nat:\t03/12/2026 09:12:04\n'],
    [
      'Leído: Prochain meetup',
      'Su mensaje\n\n  Para: Pablo Ruiz\n  Asunto: Prochain meetup\n  Enviado: miércoles, 2 de diciembre de 2026 18:00:01 (UTC+01:00) Bruselas, Copenhague, Madrid, París\n\nse leyó el jueves, 3 de diciembre de 2026 9:20:11 (UTC+01:00) Bruselas, Copenhague, Madrid, París.\n',
    ],
    ['Lida: Prochain meetup', 'A sua mensagem\n\n  Para: Rui Costa\n  Assunto: Prochain meetup\n\nfoi lida em quinta-feira, 3 de dezembro de 2026 09:20:11 (UTC+00:00) Dublin, Edimburgo, Lisboa, Londres.\n'],
  ])('« %s » is a read receipt', async (subject, body) => {
    expect(classify(await mail({ subject, body }), ctx)).toMatchObject({ kind: 'auto-reply', reasons: ['read-receipt', 'read receipt in text'] });
  });

  it('guards: a subject "Return receipt" or « Lu » over a person’s words is no receipt', async () => {
    const a = classify(await mail({ subject: 'Return receipt', body: 'Hi, my client asked for a return receipt by mistake, sorry about that.\n' }), ctx);
    const b = classify(await mail({ subject: 'Lu', body: "J'ai lu le programme, c'est parfait.\n" }), ctx);
    expect([a.reasons[0], b.reasons[0]]).not.toContain('read-receipt');
  });
});

describe('audit kinds 2, batch b2: helpdesks’ acknowledgements in words the tables lacked', () => {
  it.each([
    [
      'osTicket: "Support Ticket Opened [#482913]"',
      'Support Ticket Opened [#482913]',
      'Dear PostgreSQL Paris,\n\nA request for support has been created and assigned ticket #482913. A representative will follow-up with you as soon as possible.\n',
    ],
    [
      'ServiceNow: "INC0012345 has been opened on your behalf"',
      'INC0012345 has been opened on your behalf',
      'Your incident INC0012345 has been opened on your behalf.\n\nShort description: Meetup PostgreSQL Paris - salle\n\nWe will contact you as soon as possible.\n',
    ],
  ])('%s', async (_name, subject, body) => {
    expect(classify(await mail({ from: 'IT Support <support@univ.example>', subject, body }), ctx).kind).toBe('auto-reply');
  });

  it('guards: a talk about support tickets, and a person’s reply to the acknowledgement, are not', async () => {
    const talk = await mail({
      subject: 'Support ticket opened: what we learned from 10,000 incidents in PostgreSQL',
      body: 'Hello,\n\nI would like to propose a 30 minute talk on how we store and analyse 10,000 support incidents a month in PostgreSQL.\n\nRui Costa\n',
    });
    expect(classify(talk, ctx).kind).toBe('proposal');
    const reply = await mail({ subject: 'Re: INC0012345 has been opened on your behalf', body: 'Thanks, the room is for 60 people on January 28.\n' });
    expect(classify(reply, ctx).kind).toBe('other');
  });
});

describe('audit kinds 2, batch b2: a mailbox no longer read, in French and English', () => {
  it.each([
    ['Re: Appel à orateurs', "Bonjour,\n\nCette boîte aux lettres n'est plus consultée. Merci d'adresser désormais vos messages à communication.ville@mairie-exemple.fr.\n\nLe service communication\n"],
    ['Re: Appel à orateurs', "Cette messagerie n'est plus relevée. Écrivez à contact@asso.example.\n"],
    ['Re: Next meetup', 'This mailbox is not monitored. Please send your questions to events@partner.example.\n'],
  ])('%s: %j', async (subject, body) => {
    expect(classify(await mail({ from: 'Communication <communication@mairie-exemple.fr>', subject, body }), ctx)).toMatchObject({ kind: 'auto-reply', reasons: ['auto-reply-body'] });
  });

  it('guards: a person who says their old mailbox is not read any more, and asks or proposes, is a person', async () => {
    const ask = await mail({ subject: 'Changement d’adresse', body: "Bonjour,\n\nMon ancienne adresse n'est plus consultée : pouvez-vous m'inscrire avec celle-ci ?\n\nMarc\n" });
    expect(classify(ask, ctx).kind).not.toBe('auto-reply');
  });
});

describe('audit kinds 2, batch b2: a French delay notice « pas encore pu être remis », « Message retardé »', () => {
  it('is a delayed bounce with the code it quotes', async () => {
    const body =
      "Bonjour. Ceci est le programme qmail-send de mail.asso.example.\nVotre message n'a pas encore pu être remis à l'adresse suivante. Ce n'est pas une erreur définitive : de nouvelles tentatives seront faites pendant quelques jours.\n\n<tresorier@asso.example>:\n451 4.3.0 Temporary local problem - please try later\n";
    const c = classify(await mail({ from: 'MAILER-DAEMON@mail.asso.example', subject: 'Message retardé : Prochain meetup', body }), ctx);
    expect(c).toMatchObject({ kind: 'bounce', bounce: { recipient: 'tresorier@asso.example', status: '4.3.0', action: 'delayed' } });
  });

  it('guards: a speaker’s « Message retardé » about their slides is theirs', async () => {
    const c = classify(await mail({ subject: 'Message retardé : mes slides arrivent lundi', body: 'Bonjour,\n\nDésolé, mes slides arriveront lundi.\n\nHugo\n' }), ctx);
    expect(c.kind).toBe('other');
  });
});

describe('audit kinds 2, batch b3: « Nous accusons bonne réception de votre demande », "We acknowledge receipt of"', () => {
  it.each([
    ['Accusé de réception de votre demande n° 45821', 'Bonjour,\n\nNous accusons bonne réception de votre demande, enregistrée sous le numéro 45821. Nos équipes reviennent vers vous sous 48 heures ouvrées.\n\nLe support\n'],
    ['Acknowledgement: Meetup sponsorship', 'Dear sender,\n\nWe acknowledge receipt of your e-mail and will respond within two working days.\n\nAcme Partnerships\n'],
  ])('« %s » is an acknowledgement', async (subject, body) => {
    expect(classify(await mail({ from: 'Support <support@hebergeur.example>', subject, body }), ctx).kind).toBe('auto-reply');
  });

  it('guards: a speaker who acknowledges receipt of our mail, under their own subject, is a person', async () => {
    const c = classify(await mail({ subject: 'Re: [P-0012] Votre proposition a bien été reçue', body: 'Bonjour,\n\nNous accusons réception, merci ! Pouvez-vous nous dire quand vous aurez décidé ?\n\nAgathe\n' }), ctx);
    expect(c.kind).not.toBe('auto-reply');
  });
});

describe('audit kinds 2, batch b3: Exchange’s Dutch delay notice and Postfix’s Spanish warning', () => {
  it('« Bezorging vertraagd: … » is a delayed bounce', async () => {
    const body =
      'De bezorging aan deze ontvangers of groepen is vertraagd:\n\np.devries@bedrijf.example (p.devries@bedrijf.example)\n\nOnderwerp: Next meetup\n\nDit bericht is nog niet bezorgd. Er wordt nog steeds geprobeerd het bericht te bezorgen.\n';
    const c = classify(await mail({ from: 'Microsoft Outlook <postmaster@bedrijf.example>', subject: 'Bezorging vertraagd: Next meetup', headers: { 'Auto-Submitted': 'auto-generated' }, body }), ctx);
    expect(c).toMatchObject({ kind: 'bounce', bounce: { recipient: 'p.devries@bedrijf.example', action: 'delayed' } });
  });

  it('« Correo retrasado (todavía se está reintentando) » is a delayed bounce', async () => {
    const body =
      'Este es el sistema de correo de correo.empresa.es.\n\n# ESTO ES SÓLO UNA ADVERTENCIA. NO NECESITA REENVIAR SU MENSAJE. #\n\nSu mensaje no ha podido entregarse desde hace 4 horas.\nSe seguirá intentando hasta que tenga 5 días.\n\n<pablo.ruiz@lento.example>: connect to mx.lento.example[203.0.113.8]:25: Connection timed out\n';
    const c = classify(await mail({ from: 'Mail Delivery System <MAILER-DAEMON@correo.empresa.es>', subject: 'Correo retrasado (todavía se está reintentando)', body }), ctx);
    expect(c).toMatchObject({ kind: 'bounce', bounce: { recipient: 'pablo.ruiz@lento.example', action: 'delayed' } });
  });

  it('guards: « Bezorging vertraagd » or « Correo retrasado » from a person is theirs', async () => {
    for (const subject of ['Bezorging vertraagd: mijn slides komen later', 'Correo retrasado: mis diapositivas llegan el lunes']) {
      expect(classify(await mail({ from: 'Pieter de Vries <p.devries@bedrijf.example>', subject, body: 'Hallo,\n\nmijn slides komen maandag.\n\nPieter\n' }), ctx).kind, subject).toBe('other');
    }
  });
});

describe('audit kinds 2, batch b4: out-of-office texts in Portuguese, Swedish and Polish, with no header or subject saying so', () => {
  it.each([
    ['Re: Next meetup', 'Olá,\n\nEstou fora do escritório até 6 de janeiro, com acesso limitado ao email. Para assuntos urgentes, contacte a Ana Silva.\n\nRui\n'],
    ['SV: Next meetup', 'Hej,\n\nJag är ledig till och med 8 januari och läser inte min e-post. Vid brådskande ärenden, kontakta Erik Berg.\n\nAnna\n'],
    ['Re: Next meetup', 'Dzień dobry,\n\nJestem poza biurem do 7 stycznia z ograniczonym dostępem do poczty. W pilnych sprawach proszę kontaktować się z Anną Kowalską.\n\nPiotr\n'],
  ])('%s: %j', async (subject, body) => {
    expect(classify(await mail({ subject, body }), ctx)).toMatchObject({ kind: 'auto-reply', reasons: ['auto-reply-body'] });
  });

  it('guards: a person away who asks or proposes, and an English "to do 2 talks", are not', async () => {
    const ask = await mail({ subject: 'SV: Next meetup', body: 'Hej! Jag är ledig till och med 8 januari — finns det plats för en blixttalk i februari?\n\nAnna\n' });
    expect(classify(ask, ctx).kind).not.toBe('auto-reply');
    const en = await mail({ subject: 'Re: Next meetup', body: "I'm travelling, and I have to do 2 talks at the conference, so I can't come.\n\nTom\n" });
    expect(classify(en, ctx).kind).not.toBe('auto-reply');
  });
});

describe('audit kinds 2, batch b4: read receipts in Italian and Polish, a Portuguese NDR, a ticket number with letters', () => {
  it.each([
    ['Letto: Prossimo meetup', 'Il messaggio\n\n  A: Giulia Rossi\n  Oggetto: Prossimo meetup\n\nè stato letto giovedì 3 dicembre 2026 09:31:08 (UTC+01:00) Amsterdam, Berlino, Berna, Roma, Stoccolma, Vienna.\n'],
    ['Przeczytane: Next meetup', 'Twoja wiadomość\n\n  Do: Piotr Nowak\n  Temat: Next meetup\n\nzostała przeczytana czwartek, 3 grudnia 2026 09:40:00 (UTC+01:00).\n'],
  ])('« %s » is a read receipt', async (subject, body) => {
    expect(classify(await mail({ subject, body }), ctx)).toMatchObject({ kind: 'auto-reply', reasons: ['read-receipt', 'read receipt in text'] });
  });

  it('Exchange’s Portuguese « Não é possível entregar: … » is a failed bounce', async () => {
    const body =
      "Não foi possível entregar a sua mensagem para ana.silva@empresa.pt.\n\nNão foi possível encontrar ana.silva em empresa.pt.\n\nana.silva@empresa.pt\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n";
    const c = classify(await mail({ from: 'Microsoft Outlook <postmaster@empresa.pt>', subject: 'Não é possível entregar: Next meetup', headers: { 'Auto-Submitted': 'auto-generated' }, body }), ctx);
    expect(c).toMatchObject({ kind: 'bounce', bounce: { recipient: 'ana.silva@empresa.pt', status: '5.1.10', action: 'failed' } });
  });

  it('a helpdesk’s « [#XYZ-123-45678]: … » over « Votre ticket a été créé » is an acknowledgement', async () => {
    const body = 'Bonjour,\n\nMerci de nous avoir contactés. Votre ticket a été créé et un membre de notre équipe vous répondra rapidement.\n';
    expect(classify(await mail({ from: 'Acme Helpdesk <helpdesk@acme.example>', subject: '[#XYZ-123-45678]: Salle pour le meetup', body }), ctx).kind).toBe('auto-reply');
  });
});

describe('audit kinds 2: a web site’s robot address relaying a proposal in a challenge’s words is no challenge (review of 8c12753)', () => {
  it.each([
    [
      'a form’s notification from wordpress@, no Reply-To',
      'Site PostgreSQL Paris <wordpress@pgug.example.org>',
      '[PostgreSQL Paris] Nouvelle proposition de talk',
      'Nouvelle proposition reçue via le formulaire du site.\n\nNom : Léa Roussel\nE-mail : lea.roussel@exemple.fr\nTitre : Allow lists et pg_hba : verify your clients\nDurée : 20 minutes\nRésumé : Comment maintenir une white list de clients et vérifier les certificats, avec pg_hba.conf et les rôles.\n',
    ],
    [
      'a platform’s message relay from notifications@',
      'Meetup Notifications <notifications@meetup.example>',
      'Talk proposal from Léa Roussel',
      "Léa Roussel sent you a message:\n\nHi, I'd like to propose a 20 minute talk on managing an allowed list of extensions and how to verify your signatures in PostgreSQL.\n",
    ],
  ])('%s is a proposal', async (_name, from, subject, body) => {
    expect(classify(await mail({ from, subject, body }), ctx).kind).toBe('proposal');
  });
});

describe('audit kinds 2: a speaker answering our call under « Re: » in a challenge’s words is a speaker (review of 8c12753)', () => {
  it.each([
    ['Re: Call for speakers', "Hi,\n\nI'd like to propose a 20 minute talk: how to verify your backups with pg_verifybackup.\n\nTom\n"],
    ['Re: Call for speakers', "Hi,\n\nI'd like to propose a 20 minute talk: how we use PostgreSQL full text search to filter spam, and an allowed list of senders.\n\nTom\n"],
    ['Re: Appel à orateurs : meetup du 28 janvier', 'Bonjour,\n\nJe propose un talk de 20 minutes sur la vérification des inscriptions : comment confirmer votre adresse e-mail avec un jeton stocké dans PostgreSQL.\n\nPaul Girard\n'],
  ])('%s: %j is a proposal', async (subject, body) => {
    expect(classify(await mail({ subject, body }), ctx).kind).toBe('proposal');
  });

  it('guards: a challenge under « Re: » with no proposal, and one from noreply@ or a null reverse-path, are still robots', async () => {
    const spamArrest = "I apologize for this automatic reply to your email.\n\nTo control spam, I now allow incoming messages only from senders I have approved beforehand. If you would like to be added to my list of approved senders, please fill out the short request form.\n\nhttps://www.spamarrest.com/a2/a/mv?1dcb\n";
    expect(classify(await mail({ subject: 'Re: Call for speakers', body: spamArrest }), ctx).reasons[0]).toBe('challenge-response');
  });
});

describe('audit kinds 2: a proposal titled in a challenge subject’s words is a proposal (review of 8c12753)', () => {
  it.each([
    ['Talk : validez votre adresse e-mail sans envoyer de mail', 'Bonjour,\n\nUn talk de 20 minutes pour le meetup : comment confirmer votre adresse e-mail côté serveur, avec PostgreSQL et un jeton signé, sans jamais stocker le secret.\n\nPaul Girard\n'],
    ['Talk: verify your email without sending mail', "Hello,\n\nA 20 minute talk for the meetup: how to verify that you own an address with PostgreSQL and a signed token, and keep a white list of domains.\n\nTom Hill\n"],
  ])('%s', async (subject, body) => {
    expect(classify(await mail({ subject, body }), ctx).kind).toBe('proposal');
  });
});
