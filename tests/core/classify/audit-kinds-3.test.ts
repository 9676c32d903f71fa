/**
 * Held-out kinds audit 3 (bounces of Exim, qmail, Domino, GroupWise, Yahoo, AOL, French ISPs, ESP relays and RFC 6533
 * global DSNs; out-of-office notices in Czech, Nordic, Finnish, Portuguese, Romanian, Turkish, Greek and Japanese; list
 * traffic, newsletters and helpdesks; and people who write about all of these): what it found wrong, each with the
 * guards that kept their reading.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org', 'bounces@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };

describe('audit kinds 3: a person quoting a notice, or titling a talk in its words, is a person', () => {
  it.each([
    [
      'a reply quoting a Postfix notice (« > This is the mail system at host … »)',
      'Re: Undelivered Mail Returned to Sender',
      "Bonjour,\n\nJ'ai reçu ce retour quand j'ai écrit à l'adresse du groupe la semaine dernière. Est-ce que l'adresse talks@ est toujours la bonne ?\n\nMarc\n\nLe 2 déc. 2026 à 18:04, Mail Delivery System <MAILER-DAEMON@mx.example.fr> a écrit :\n> This is the mail system at host mx.example.fr.\n>\n> I'm sorry to have to inform you that your message could not\n> be delivered to one or more recipients. It's attached below.\n>\n> <talks@pgug.example.org>: host mx.pgug.example.org[192.0.2.10] said: 550 5.1.1\n>     <talks@pgug.example.org>: Recipient address rejected: User unknown\n",
      'other',
    ],
    [
      'a reply under "Re: Failure Notice" quoting Yahoo’s',
      'Re: Failure Notice',
      'Hi,\n\nI got the failure notice below when I tried to register for the meetup through your address. Could you add me to the list for January 28?\n\nThanks,\nRobert\n\n> Sorry, we were unable to deliver your message to the following address.\n> <rsvp@pgug.example.org>:\n> 554: delivery error\n',
      'other',
    ],
    [
      'a proposal titled "Undelivered Mail Returned to Sender — …" about DSNs',
      'Talk proposal: Undelivered Mail Returned to Sender — parsing DSNs in SQL',
      "Hello,\n\nI'd like to propose a 20 minute talk on how we store delivery status notifications (RFC 3464) in PostgreSQL: Final-Recipient, Action: failed, Status: 5.1.1, and how we use them to clean our mailing lists.\n\nLéa Roussel\n",
      'proposal',
    ],
  ])('%s', async (_name, subject, body, kind) => {
    expect(classify(await mail({ from: 'Marc Fabre <marc.fabre@example.fr>', subject, body }), ctx).kind).toBe(kind);
  });

  it('guards: the notices themselves — a daemon’s with a sendmail transcript (« >>> RCPT To: »), a person’s address quoting nothing, a notice’s subject before a proposal’s', async () => {
    const transcript = await mail({
      from: 'Mail Delivery Subsystem <MAILER-DAEMON@aol.com>',
      subject: 'Returned mail: see transcript for details',
      body: '   ----- The following addresses had permanent fatal errors -----\n<grandpa.joe@aol.com>\n    (reason: 550 MAILBOX NOT FOUND)\n\n   ----- Transcript of session follows -----\n>>> RCPT To:<grandpa.joe@aol.com>\n<<< 550 MAILBOX NOT FOUND\n550 5.1.1 <grandpa.joe@aol.com>... User unknown\n',
    });
    expect(classify(transcript, ctx)).toMatchObject({ kind: 'bounce', bounce: { recipient: 'grandpa.joe@aol.com', status: '5.1.1', action: 'failed' } });
    // an Exchange server writing from a person's domain, unquoted
    const unquoted = await mail({
      from: 'Paul Girard <paul.girard@corp.example>',
      subject: 'Undeliverable: Appel à orateurs',
      body: 'Delivery has failed to these recipients or groups:\n\nanne@corp.example\nThe email address you entered couldn’t be found.\n',
    });
    expect(classify(unquoted, ctx).kind).toBe('bounce');
    // the notice's words before the proposal's tag: the notice of our mail, not a title
    const before = await mail({
      from: 'MAILER-DAEMON@mx.example.fr',
      subject: 'Undelivered Mail Returned to Sender: Talk proposal: Vacuum',
      body: "This is the mail system at host mx.example.fr.\n\n<ghost@example.fr>: host mx.example.fr said: 550 5.1.1 User unknown\n",
    });
    expect(classify(before, ctx).kind).toBe('bounce');
  });
});

describe('audit kinds 3: Exchange’s French NDR « Notification d’état de remise (échec) »', () => {
  it('is a failed bounce with the recipient and the status it quotes', async () => {
    const body =
      "La remise a échoué pour ces destinataires ou groupes :\n\nsylvie.moreau@laposte.net\nL'adresse de messagerie que vous avez entrée est introuvable.\n\nInformations de diagnostic pour les administrateurs :\n\nsylvie.moreau@laposte.net\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n";
    const c = classify(await mail({ from: 'Postmaster <postmaster@laposte.net>', subject: "Notification d'état de remise (échec)", body }), ctx);
    expect(c).toMatchObject({ kind: 'bounce', bounce: { recipient: 'sylvie.moreau@laposte.net', status: '5.1.10', action: 'failed' } });
  });

  it('its German, Italian, Dutch and Portuguese first lines, under the server’s own subject, are bounces too', async () => {
    for (const line of [
      'Fehler bei der Zustellung an folgende Empfänger oder Gruppen:',
      'Recapito non riuscito a questi destinatari o gruppi:',
      'Bezorging is mislukt voor deze ontvangers of groepen:',
      'Falha na entrega para estes destinatários ou grupos:',
    ]) {
      const m = await mail({ from: 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@firma.example>', subject: 'Appel à orateurs', headers: { 'Return-Path': '<>' }, body: `${line}\n\nanne@firma.example\n\n550 5.1.10 RESOLVER.ADR.RecipientNotFound\n` });
      expect(classify(m, ctx).kind, line).toBe('bounce');
    }
  });
});

describe('audit kinds 3: Outlook’s “Automatic reply” in more languages, and a Nordic « Fravær »', () => {
  it.each([
    'Automatiskt svar: Appel à orateurs',
    'Fravær: Appel à orateurs',
    'Răspuns automat: Appel à orateurs',
    'Automatická odpoveď: Appel à orateurs',
    'Automatski odgovor: Appel à orateurs',
    'Samodejni odgovor: Appel à orateurs',
    'Automaatvastus: Appel à orateurs',
    'Otomatik cevap: Appel à orateurs',
    'Автоматична відповідь: Appel à orateurs',
  ])('« %s » is an auto-reply', async (subject) => {
    expect(classify(await mail({ subject, body: 'Hei,\n\n5. januar.\n' }), ctx).kind).toBe('auto-reply');
  });

  it('guards: a proposal or a reply to one still reads as before', async () => {
    const body = "Bonjour,\n\nJe voudrais proposer un talk de 20 minutes sur les index BRIN.\n\nIngrid Hansen\n";
    expect(classify(await mail({ subject: 'Proposition : fravær et index BRIN', body }), ctx).kind).toBe('proposal');
    expect(classify(await mail({ subject: 'Re: Fravær: Appel à orateurs', body: "Bonne année ! On se voit le 28.\n\nJean\n" }), ctx).kind).not.toBe('auto-reply');
  });
});

describe('audit kinds 3: out-of-office texts in Czech, Danish, Norwegian, Finnish, Romanian, Turkish, Greek and Japanese, with no header or subject saying so', () => {
  it.each([
    ['Czech', 'Dobrý den,\n\nděkuji za Váš e-mail. Jsem na dovolené do 4. 1. 2027 a nemám přístup k poště. Vaši zprávu si přečtu po návratu.\n\nLucie Svobodová\n'],
    ['Danish', 'Tak for din mail.\n\nJeg er på ferie og er tilbage mandag den 4. januar. Jeg har ikke adgang til min mail i perioden.\n\nVenlig hilsen\nMette Jensen\n'],
    ['Norwegian', 'Hei,\n\nJeg er ikke på kontoret før 5. januar og har begrenset tilgang til e-post. Henvendelser kan rettes til post@bedrift-exemple.no.\n\nMvh\nIngrid Hansen\n'],
    ['Finnish', 'Hei,\n\nOlen lomalla 7.1.2027 asti enkä lue sähköpostiani. Kiireellisissä asioissa ota yhteyttä asiakaspalveluun.\n\nMikko Virtanen\n'],
    ['Romanian', 'Bună ziua,\n\nSunt în concediu până pe 6 ianuarie, cu acces limitat la e-mail. Pentru urgențe vă rog să contactați birou@firma-exemplu.ro.\n\nAndrei Popescu\n'],
    ['Turkish', 'Merhaba,\n\n5 Ocak tarihine kadar yıllık izindeyim. Acil durumlarda lütfen destek@sirket-ornek.com.tr adresine yazınız.\n\nAyşe Yılmaz\n'],
    ['Greek', 'Καλησπέρα σας,\n\nΕίμαι εκτός γραφείου έως τις 7 Ιανουαρίου με περιορισμένη πρόσβαση στο ηλεκτρονικό ταχυδρομείο.\n\nΓιώργος Παπαδόπουλος\n'],
    ['Japanese', 'お世話になっております。\n\n誠に申し訳ございませんが、12月28日から1月5日まで不在にしております。\n期間中はメールの確認ができませんので、1月6日以降に順次ご返信いたします。\n\n田中 太郎\n'],
  ])('%s', async (_lang, body) => {
    const c = classify(await mail({ subject: 'Re: Appel à orateurs : meetup du 28 janvier', headers: { 'In-Reply-To': '<cfp-2026-12.42@pgug.example.org>' }, body }), ctx);
    expect(c).toMatchObject({ kind: 'auto-reply', reasons: ['auto-reply-body'] });
  });

  it('guards: the same state with no date nor cue, and a person away who proposes, are not', async () => {
    expect(classify(await mail({ subject: 'Re: Appel à orateurs', body: 'Hei,\n\nJeg er på ferie, men jeg kommer gjerne!\n\nIngrid\n' }), ctx).kind).not.toBe('auto-reply');
    const proposal = "Bonjour,\n\nJe suis en congé jusqu'au 5 janvier, mais voici ma proposition avant la date limite :\n\nTitre : « pg_stat_statements au quotidien »\nDurée : 20 minutes\n\nClaire Morel\n";
    expect(classify(await mail({ subject: 'Proposition de talk', body: proposal }), ctx).kind).toBe('proposal');
  });
});

describe('audit kinds 3, batch k2: an Outlook reply over the notice it got, unquoted, is its writer’s', () => {
  it('« RE: Undelivered Mail Returned to Sender » over « -----Message d’origine----- » and Postfix’s notice', async () => {
    const body =
      "Bonjour,\n\nJe reçois ce message d'erreur quand j'écris à l'adresse des propositions. Pouvez-vous vérifier ?\n\nCordialement,\nNicolas Girard\n\n-----Message d'origine-----\nDe : Mail Delivery System <MAILER-DAEMON@mx.entreprise-exemple.fr>\nEnvoyé : mercredi 2 décembre 2026 18:04\nÀ : Nicolas Girard <nicolas.girard@entreprise-exemple.fr>\nObjet : Undelivered Mail Returned to Sender\n\nThis is the mail system at host mx.entreprise-exemple.fr.\n\nI'm sorry to have to inform you that your message could not be delivered to one or more recipients. It's attached below.\n\n<talks@pgug.example.org>: host mx.pgug.example.org[192.0.2.10] said: 550 5.1.1 User unknown\n";
    expect(classify(await mail({ from: 'Nicolas Girard <nicolas.girard@entreprise-exemple.fr>', subject: 'RE: Undelivered Mail Returned to Sender', body }), ctx).kind).toBe('other');
  });
});

describe('audit kinds 3, batch k2: a person away who offers a talk or says when they can present', () => {
  it.each([
    ["here's my talk idea (the contraction)", 'Talk idea for February', "Hi,\n\nI'm on vacation until the 5th but here's my talk idea before I forget: a 20 minute talk on \"Zero-downtime schema migrations with pgroll\".\n\nEmma Scott\n"],
    ['"I can only present in February"', 'Re: Your talk at the January meetup', "Hi,\n\nI'm travelling until the 20th, so please note I can only present in February. Sorry for the trouble.\n\nThanks,\nTom\n"],
    ['« je ne pourrai présenter qu’en février »', 'Re: Votre talk en janvier', "Bonjour,\n\nJe suis en déplacement jusqu'au 20, je ne pourrai présenter qu'en février. Désolé !\n\nTom\n"],
  ])('%s', async (_name, subject, body) => {
    expect(classify(await mail({ subject, body }), ctx).kind).not.toBe('auto-reply');
  });

  it('guard: a responder’s "I will reply when I’m back" still is one', async () => {
    const body = "Thanks for your message. I'm away until 4 January and will reply when I'm back.\n\nGrace\n";
    expect(classify(await mail({ subject: 'Re: Appel à orateurs', body }), ctx).kind).toBe('auto-reply');
  });
});

describe('audit kinds 3, batch k2: out-of-office notices in Slovak, Hungarian, European Portuguese, Danish and Japanese wordings', () => {
  it.each([
    ['Slovak', 'Re: Appel à orateurs', 'Dobrý deň,\n\nsom na dovolenke do 6. 1. 2027 s obmedzeným prístupom k e-mailu. V naliehavých prípadoch kontaktujte kolegu na info@firma-exemple.sk.\n\nMartin Horváth\n'],
    ['Hungarian', 'Re: Appel à orateurs', 'Tisztelt Feladó!\n\nJanuár 5-ig szabadságon vagyok, e-mailjeimet korlátozottan olvasom. Sürgős ügyben kérem, keresse kollégámat: iroda@ceg-example.hu.\n\nKovács Péter\n'],
    ['European Portuguese', 'Re: Appel à orateurs', 'Bom dia,\n\nEncontro-me ausente até dia 6 de janeiro, com acesso limitado ao correio eletrónico.\n\nRita Costa\n'],
    ['Danish « holder ferie »', 'Re: Appel à orateurs', 'Hej,\n\nJeg holder juleferie og er tilbage på kontoret mandag den 4. januar. Mails bliver ikke videresendt.\n\nMvh Lars\n'],
    ['Japanese « 以降に確認いたします »', 'Re: Appel à orateurs', 'お世話になっております。佐藤です。\n\nただいま休暇をいただいております。1月6日以降に確認いたしますので、ご了承ください。\n\n佐藤 花子\n'],
    ['Czech subject « Nepřítomnost: »', 'Nepřítomnost: Appel à orateurs', 'Dobrý den, do 8. ledna čerpám dovolenou. Děkuji za pochopení.\n'],
  ])('%s', async (_name, subject, body) => {
    expect(classify(await mail({ subject, body }), ctx).kind).toBe('auto-reply');
  });
});

describe('audit kinds 3, batch k2: a German helpdesk’s acknowledgement (OTRS « Ihre Anfrage ist bei uns eingegangen »)', () => {
  it('under its ticket number is an auto-reply', async () => {
    const body = 'Sehr geehrte Damen und Herren,\n\nvielen Dank für Ihre Nachricht. Ihre Anfrage ist bei uns eingegangen und wurde unter der Ticketnummer 2026120310000789 erfasst.\n\nIhr Kundendienst\n';
    expect(classify(await mail({ from: 'Kundendienst <service@firma-beispiel.de>', subject: '[Ticket#2026120310000789] Appel à orateurs', body }), ctx).kind).toBe('auto-reply');
  });

  it('guard: a speaker’s German-titled proposal mentioning a ticket is a proposal', async () => {
    const body = "Hello,\n\nI'd like to propose a 25 minute talk on how our support team's ticket search went from minutes to milliseconds with full text search in PostgreSQL.\n\nSarah Klein\n";
    expect(classify(await mail({ subject: 'Talk proposal: Eingangsbestätigung in 3 ms — ticket #4521 and full text search', body }), ctx).kind).toBe('proposal');
  });
});
