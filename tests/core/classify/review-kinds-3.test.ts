/**
 * Review of kinds audit 3 (2b10b4f): people's mail close to its new out-of-office wordings, which must not read as a
 * robot's, and responders close to its new "it's a person" markers, which must.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org', 'bounces@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };
const speakerReply = { to: 'talks+s-p0012-crcexvblljumrs6a@pgug.example.org', headers: { 'In-Reply-To': '<s-p0012-crcexvblljumrs6a.a81f2c@pgug.example.org>' } };

describe('an absence and its date above a speaker’s own news, in a language HUMAN_MARK does not read, is a person’s (DATE_ALONE)', () => {
  // since 2b10b4f each was an auto-reply (Polish's since earlier): AWAY_NOW and a date cue, nothing a person says was read
  it.each([
    ['Danish proposal', 'Foredrag: Logisk replikering i praksis', 'Hej,\n\nJeg er på ferie indtil den 10. januar, men jeg vil gerne holde et foredrag på jeres næste meetup.\nEmne: logisk replikering i praksis, 20 minutter.\nJeg vender tilbage med slides.\n\nMette Hansen\n'],
    ['Norwegian proposal', 'Forslag til foredrag: pgvector i produksjon', 'Hei!\n\nJeg er på ferie til 6. januar, men kommer gjerne tilbake og holder et foredrag om pgvector i produksjon den 28.\nCa. 25 minutter med demo.\n\nOla Nordmann\n'],
    ['Danish « jeg har fri »', 'Re: Næste meetup: 28. januar', 'Hej,\n\nJeg har fri den 14., men er tilbage til meetuppet den 28. og kan godt holde mit foredrag der.\n\nMette\n'],
    ['Danish « holder juleferie »', 'Re: [P-0012] Dit forslag er accepteret', 'Hej,\n\nJeg holder juleferie og er tilbage den 4. januar. Jeg bekræfter gerne foredraget den 28.\n\nMette\n'],
    ['Polish proposal', 'Propozycja prelekcji: partycjonowanie w PostgreSQL', 'Dzień dobry,\n\nJestem na urlopie do 10 stycznia, ale chciałbym zgłosić prelekcję o partycjonowaniu.\nCzas: 20 minut.\n\nPiotr Kowalski\n'],
    ['Czech proposal', 'Návrh přednášky: PostgreSQL a JSONB', 'Dobrý den,\n\njsem na dovolené do 4. 1., ale rád bych přihlásil přednášku o JSONB v PostgreSQL.\nDélka 20 minut.\n\nJan Novák\n'],
    ['Slovak proposal', 'Návrh prednášky: indexy v PostgreSQL', 'Dobrý deň,\n\nsom na dovolenke do 6. 1., ale rád by som prihlásil prednášku o indexoch.\nTrvanie 20 minút.\n\nPeter Horváth\n'],
    ['Finnish reply', 'Re: Seuraava meetup: 28. tammikuuta', 'Hei,\n\nolen lomalla 7.1. asti, mutta voin pitää esitykseni 28. päivä.\n\nMatti\n'],
    ['Romanian confirmation', 'Re: [P-0012] Propunerea ta a fost acceptată', 'Bună ziua,\n\nSunt în concediu până pe 6 ianuarie, dar confirm prezentarea din 28 ianuarie.\n\nAndrei\n'],
    ['Turkish confirmation', 'Re: [P-0012] Teklifiniz kabul edildi', "Merhaba,\n\nŞu anda izindeyim, 5 Ocak tarihine kadar. Ama 28 Ocak'taki sunumu onaylıyorum.\n\nAyşe\n"],
    ['Hungarian reply', 'Re: Következő meetup: január 28.', 'Szia,\n\nJanuár 5-ig szabadságon vagyok, de a 28-i előadást vállalom.\n\nGábor\n'],
    ['European Portuguese confirmation', 'Re: [P-0012] A sua proposta foi aceite', 'Olá,\n\nEncontro-me ausente até dia 6, mas confirmo a apresentação de dia 28.\n\nRui\n'],
    ['Greek reply', 'Re: Επόμενο meetup: 28 Ιανουαρίου', 'Γεια σας,\n\nΕίμαι σε διακοπές μέχρι τις 6 Ιανουαρίου, αλλά επιβεβαιώνω την ομιλία μου στις 28.\n\nΝίκος\n'],
    ['Japanese reply', 'Re: 次回ミートアップ: 1月28日', 'お世話になっております。\n\n1月5日まで休暇をいただいております。28日の発表は大丈夫です。\n\n田中\n'],
    ['Czech confirmation', 'Re: [P-0012] Váš návrh byl přijat', 'Dobrý den,\n\njsem mimo kancelář do 4. 1., ale přednášku 28. ledna potvrzuji.\n\nJan\n'],
    ['Norwegian « sykmeldt »', 'Re: Neste meetup: 28. januar', 'Hei,\n\nJeg er sykmeldt denne uka, men er tilbake til meetupen og kan holde foredraget mitt.\n\nOla\n'],
  ])('%s', async (_name, subject, body) => {
    expect(classify(await mail({ ...speakerReply, from: 'Speaker <speaker@example.eu>', subject, body }), ctx).kind).not.toBe('auto-reply');
  });

  it('guards: the same languages’ responders, which add what only a responder adds, and an English or French one with a date alone', async () => {
    for (const body of [
      'Hej,\n\nJeg er på ferie indtil den 10. januar og har ikke adgang til min mail.\n\nMette Hansen\n',
      'Dzień dobry,\n\nJestem na urlopie do 10 stycznia. W pilnych sprawach proszę o kontakt z biuro@firma.example.pl.\n\nPiotr Kowalski\n',
      'Dobrý den,\n\njsem na dovolené do 4. 1. 2027. V naléhavých případech volejte kolegu. Zprávu si přečtu po návratu.\n\nJan Novák\n',
      "Bonjour,\n\nJe suis absent du bureau jusqu'au 5 janvier.\n\nJean\n",
      "Hello,\n\nI'm out of the office until January 5.\n\nTom\n",
    ]) {
      expect(classify(await mail({ subject: 'Re: Appel à orateurs', body }), ctx).kind, body).toBe('auto-reply');
    }
  });
});

describe('a responder who presents elsewhere, or presents something, is no speaker (HUMAN_MARK: a date after "present")', () => {
  // since 2b10b4f each was read as a person's, and answered
  it.each([
    "Hello,\n\nI am out of the office until January 20 and I will present at FOSDEM in Brussels. Limited access to email.\nFor urgent matters please contact office@example.com.\n\nBest regards,\nTom\n",
    "Hello,\n\nI'm travelling until February 5th; I will speak at PGConf India. I will have limited access to email.\n\nTom\n",
    "Hello,\n\nI'm out of the office until 20 January with limited access to email. I can present your request to my colleagues on my return.\n\nTom\n",
    "Bonjour,\n\nJe suis absent jusqu'au 12 février : je peux présenter vos demandes à mon retour. En cas d'urgence, contactez accueil@example.fr.\n\nJean\n",
  ])('%j', async (body) => {
    expect(classify(await mail({ subject: 'Re: Appel à orateurs', body }), ctx).kind).toBe('auto-reply');
  });

  it('guards: a speaker saying when they present still is one', async () => {
    for (const body of [
      "Hi,\n\nI'm out of office until the 20th. I'll present on the 28th as planned.\n\nTom\n",
      "Hi,\n\nI'm travelling until the 20th, so please note I can only present at the February meetup.\n\nTom\n",
      "Bonjour,\n\nJe suis absente la semaine du meetup, du 26 au 30 janvier, désolée.\nJe pourrai présenter en février si vous voulez.\n\nClaire\n",
      "Bonjour,\n\nJe suis en déplacement jusqu'au 20, je pourrai présenter au prochain meetup.\n\nTom\n",
    ]) {
      expect(classify(await mail({ ...speakerReply, subject: 'Re: [P-0012] Votre proposition est acceptée', body }), ctx).kind, body).not.toBe('auto-reply');
    }
  });
});

describe('an absence noun opens a responder’s subject with its colon (AUTO_REPLY_SUBJECT_PREFIXES « Fravær: », « Nepřítomnost: »)', () => {
  // since 2b10b4f each was an auto-reply: the noun alone opened the subject, a person's news about their own absence
  it.each([
    ['Fravær på meetup 28. januar', 'Hei,\n\njeg kan dessverre ikke komme på meetupen 28. januar, så foredraget mitt må flyttes.\n\nOla\n'],
    ['Nepřítomnost na meetupu 28. ledna', 'Dobrý den,\n\nna meetupu 28. ledna nebudu, přednášku bych rád přesunul na únor.\n\nJan\n'],
    ['Házon kívül leszek január 28-án', 'Szia,\n\njanuár 28-án nem leszek itt, áttehetnénk az előadásomat februárra.\n\nGábor\n'],
  ])('%s', async (subject, body) => {
    expect(classify(await mail({ from: 'Speaker <speaker@example.eu>', subject, body }), ctx).kind).not.toBe('auto-reply');
  });

  it('a responder’s « Nieobecność: », « Neprítomnosť: » (a \\b after « ć », « ť » never matched), « Fravær: », « Nepřítomnost: » are auto-replies', async () => {
    for (const subject of ['Nieobecność: Appel à orateurs', 'Neprítomnosť: Appel à orateurs', 'Fravær: Appel à orateurs', 'Nepřítomnost: Appel à orateurs', 'Házon kívül: Appel à orateurs']) {
      expect(classify(await mail({ subject, body: 'Hei,\n\n5. januar.\n' }), ctx).kind, subject).toBe('auto-reply');
    }
  });
});

describe('« je présenterai le 28 » is a speaker saying when, as "I’ll present on the 28th" (HUMAN_MARK)', () => {
  it('under an absence and its date, a confirmation', async () => {
    const body = "Bonjour,\n\nJe suis en vacances jusqu'au 6 janvier mais je confirme avec plaisir, je présenterai le 28.\n\nClaire\n";
    expect(classify(await mail({ ...speakerReply, subject: 'Re: [P-0012] Votre proposition est acceptée', body }), ctx).kind).not.toBe('auto-reply');
  });

  it('guard: a responder « je présenterai votre demande à mon retour » still is one', async () => {
    const body = "Bonjour,\n\nJe suis absent jusqu'au 12 février, je présenterai votre demande à mon retour. En cas d'urgence, contactez accueil@example.fr.\n\nJean\n";
    expect(classify(await mail({ subject: 'Re: Appel à orateurs', body }), ctx).kind).toBe('auto-reply');
  });
});
