/**
 * Held-out parse audit 10 (HTML-only and Outlook mail, legacy charsets, attached proposals, answers to a call, co-speakers,
 * free-form lengths, mail close to a proposal that is none): mail written before reading the rules, each case below
 * wrongly read before. Rows vary the wording of what the audit found, so that each shows a rule, not one message.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { extractProposal } from '../../../src/core/extract/index.ts';
import { stripSignature } from '../../../src/core/text/signature.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

async function read(from: string, subject: string, body: string, contentType?: string) {
  const m = await mail(contentType ? { from, subject, mime: { contentType, body } } : { from, subject, body });
  const kind = classify(m, ctx).kind;
  if (kind !== 'proposal') return { kind };
  const p = extractProposal(m, ctx).proposal;
  return { kind, title: p.title, abstract: p.abstract, minutes: p.durationMinutes, format: p.format, speakers: p.speakers.map((s) => s.name) };
}

describe('a question whether the call still has room is no proposal (score.ts ASKS_ABOUT_CALL)', () => {
  it.each([
    ['Lightning talks in January?', 'Hi,\n\nAre lightning talks still open for the January meetup, or is the programme full?\nAnd do you have a projector with HDMI?\n\nThanks,\nOmar\n'],
    ['Lightning talks', 'Hello,\n\nAre there any slots left for lightning talks at the next meetup?\n\nBest,\nOmar\n'],
    ['Lightning talks', 'Hi,\n\nIs the agenda already full for February?\n\nOmar\n'],
    ['Créneaux lightning talks', 'Bonjour,\n\nReste-t-il des créneaux pour des lightning talks en mars ?\n\nMerci,\nOmar\n'],
    ['Lightning talks en février ?', "Bonjour,\n\nLe programme est-il déjà complet pour février ? L'appel est-il encore ouvert ?\n\nOmar\n"],
  ])('%s', async (subject, body) => {
    expect((await read('Omar Haddad <omar.haddad@mail.example>', subject, body)).kind).toBe('other');
  });

  it.each([
    // guards: the question asked, and the talk offered with its title
    ['Lightning talk', 'Hi,\n\nIs there still room for a lightning talk in February? I\'d like to present "pg_cron in three slides".\n\nThanks,\nEmma\n'],
    ['Lightning talk', 'Bonjour,\n\nReste-t-il un créneau pour un lightning talk ? Je propose « psql : dix astuces ».\n\nThéo\n'],
  ])('guard: %s', async (subject, body) => {
    expect((await read('Emma Wilson <emma@x.example>', subject, body)).kind).toBe('proposal');
  });
});

describe('sign-offs after « with » or thanks close the mail (text/signature.ts SIGN_OFFS)', () => {
  it.each([
    ['With best regards,\nAhmed El Amrani\nLead Backend Engineer', 'Ahmed El Amrani'],
    ['With kind regards,\nAhmed El Amrani', 'Ahmed El Amrani'],
    ['Thank you and regards,\nDmitri Volkov', 'Dmitri Volkov'],
    ['Thanks & best regards,\nDmitri Volkov', 'Dmitri Volkov'],
    ['Thanks and regards\nDmitri Volkov', 'Dmitri Volkov'],
    ['Sincères salutations,\nHélène Giraud', 'Hélène Giraud'],
    ['Meilleures salutations,\nHélène Giraud', 'Hélène Giraud'],
    ['En vous remerciant par avance,\nHélène Giraud', 'Hélène Giraud'],
    ['Excellente journée,\nHélène Giraud', 'Hélène Giraud'],
  ])('%s', (closing, name) => {
    expect(stripSignature(`Hello,\n\nThe talk covers partitioning and its pitfalls in production.\n\n${closing}\n`)).toEqual({
      body: 'Hello,\n\nThe talk covers partitioning and its pitfalls in production.',
      name,
    });
  });

  it('guard: "With regards to …" is a sentence of the text', () => {
    const text = 'Hello,\n\nThe talk covers partitioning.\n\nWith regards to the length, 30 minutes would suit me.\nPriya\n';
    expect(stripSignature(text).body).toContain('With regards to the length');
  });

  it('the abstract of an HTML-only proposal ends before "With best regards"', async () => {
    const html = '<html><body><p>Good morning,</p><h2>Geospatial queries with PostGIS for delivery routing</h2><p>Our company use PostGIS and pgRouting to calculate delivery routes for 2000 drivers daily.</p><p>Duration: around 40 minutes</p><p>With best regards,<br>Ahmed El Amrani<br>Lead Backend Engineer<br>Tel: +212 6 61 23 45 67</p></body></html>';
    const r = await read('Ahmed El Amrani <ahmed@delivr.example>', 'Proposal for meetup', html, 'text/html; charset=utf-8');
    expect(r.abstract).toBe('Our company use PostGIS and pgRouting to calculate delivery routes for 2000 drivers daily.');
  });
});

describe('the name under a sign-off past Outlook\'s empty paragraphs (text/signature.ts firstName)', () => {
  it('« Cordialement, » then an &nbsp; paragraph then the name: the signed order wins over "Lefèvre Nathalie"', async () => {
    const p = (t: string) => `<p class="MsoNormal">${t}<o:p></o:p></p>`;
    const html = `<html><body><div class="WordSection1">${[
      'Bonjour,', '&nbsp;', 'Je souhaiterais proposer une présentation.', '&nbsp;', '<b>Titre :</b> Migrer d’Oracle à PostgreSQL en douceur',
      '<b>Résumé :</b> Nous avons migré 40 bases Oracle vers PostgreSQL en deux ans, avec ora2pg et pgloader.', '&nbsp;', 'Cordialement,', '&nbsp;',
      '<b>Nathalie Lefèvre</b>', 'Architecte bases de données | Groupe Transalp', 'Tél. : +33 1 44 55 66 77',
    ].map(p).join('\n')}</div></body></html>`;
    const r = await read('Lefèvre Nathalie <nathalie.lefevre@transalp.example>', 'Proposition de présentation', html, 'text/html; charset=utf-8');
    expect(r.speakers).toEqual(['Nathalie Lefèvre']);
  });

  it.each([
    ['Cordialement,\n\n \n\nNathalie Lefèvre\n\nArchitecte', 'Nathalie Lefèvre'],
    ['Regards,\n\n\n\n\nTom Becker', 'Tom Becker'],
  ])('%j', (closing, name) => expect(stripSignature(`Bonjour,\n\nLe texte du résumé, assez long.\n\n${closing}\n`).name).toBe(name));
});

describe('each co-speaker of a list after "co-presented with" (speakers.ts CO_SPEAKER)', () => {
  it.each([
    ['I\'d like to propose "Observability for Postgres with OpenTelemetry", co-presented with Anna Schmidt and Li Wei from our SRE team.', ['Ben Carter', 'Anna Schmidt', 'Li Wei']],
    ['Je propose « Patroni sur Kubernetes », co-animé avec Julie Caron, Hervé Dumas et Léa Roy.', ['Ben Carter', 'Julie Caron', 'Hervé Dumas', 'Léa Roy']],
    ['We propose "Patroni on Kubernetes", together with Anna Schmidt, Li Wei and Tom Baker.', ['Ben Carter', 'Anna Schmidt', 'Li Wei', 'Tom Baker']],
    // guard: one co-speaker as before
    ['I\'d like to propose "Observability for Postgres", co-presented with Anna Schmidt.', ['Ben Carter', 'Anna Schmidt']],
  ])('%s', async (offer, speakers) => {
    const body = `Hi all,\n\n${offer}\n\nWe instrumented our connection poolers and the database and correlate traces with pg_stat_activity.\n\nCheers,\nBen Carter\n`;
    expect((await read('Ben Carter <ben.carter@obs.example>', 'Talk proposal', body)).speakers).toEqual(speakers);
  });
});

describe('an offer to host or sponsor closing the mail is no part of the abstract (abstract.ts ALSO_OFFERED)', () => {
  it.each([
    ['Par ailleurs, notre société peut accueillir un prochain meetup dans ses locaux à la Défense (salle de 60 places).'],
    ['Nous pourrions aussi offrir les pizzas et les boissons ce soir-là.'],
    ['Also, my company would be happy to sponsor the pizzas for that evening.'],
    ['We could also host one of your next meetups in our office near Bastille.'],
  ])('%s', async (aside) => {
    const body = `Bonjour,\n\nJe propose un talk : « TimescaleDB ou partitionnement natif ? ».\nComparaison sur nos données de capteurs : ingestion, compression, requêtes.\nDurée : 30 minutes.\n\n${aside}\n\nCordialement,\nIsabelle Nguyen\n`;
    const r = await read('Isabelle Nguyen <isabelle@iotech.example>', 'Proposition de talk', body);
    expect(r.abstract).toContain('Comparaison sur nos données de capteurs : ingestion, compression, requêtes.');
    expect(r.abstract).not.toContain(aside);
  });

  it('guard: a description ending on events stored is kept', async () => {
    const body = 'Hello,\n\nI\'d like to propose "Event sourcing on Postgres", 30 minutes.\nWe store every change as a row.\n\nI will show how we host 500 events per second on one table.\n\nBest,\nIsabelle\n';
    const r = await read('Isabelle Nguyen <isabelle@iotech.example>', 'Talk proposal', body);
    expect(r.abstract).toContain('I will show how we host 500 events per second on one table.');
  });
});
