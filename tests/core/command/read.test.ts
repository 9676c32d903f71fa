/**
 * readCommands over reply texts, table-driven: which lines act, which are prose (reading stops), which are
 * attempts not understood, what is left as the comment. Mail-client layouts as whole messages: fixtures.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readCommands } from '../../../src/core/command/read.ts';
import { withoutAssentTo } from '../../../src/core/command/read-line.ts';
import type { ReadOptions } from '../../../src/core/command/types.ts';
import { summary } from './summary.ts';
import { hardWrap } from '../../support/wrap.ts';

const opts: ReadOptions = { now: new Date('2026-11-30T10:00:00Z'), timeZone: 'Europe/Paris', locale: 'fr' };
const read = (text: string) => readCommands(text, opts);
const acts = (text: string): string[] => read(text).commands.map(summary);

describe('command lines', () => {
  it.each<[string, string[]]>([
    ['accept', ['accept']],
    ['Accepter', ['accept']],
    ['OK', ['accept']],
    ['ok.', ['accept']],
    ['Accepté !', ['accept']],
    // the writer's own say (audit W: « OK pour moi, on accepte. » accepted nothing; « Refusé pour moi » mailed the speaker
    // the reason « pour moi »), the first person plural; « Ok pour moi » alone stays prose (below, audit f)
    ['Accepté pour moi', ['accept']],
    ['Validé de mon côté', ['accept']],
    ['Accept from my side', ['accept']],
    ['On accepte', ['accept']],
    ['We accept.', ['accept']],
    ['OK pour moi, on accepte.', ['accept']],
    ['OK pour moi, refuser : hors sujet', ['decline «hors sujet»']],
    ['Ok for me, waitlist', ['waitlist']],
    ['Refusé pour moi', ['decline']],
    ['Declined on my end', ['decline']],
    ['Attente de mon côté', ['waitlist']],
    ['On refuse, trop commercial', ['decline «trop commercial»']],
    ['P-0007 accept', ['accept P-0007']],
    ['accept P-0007', ['accept P-0007']],
    ['P-7: refuser', ['decline P-0007']],
    ['p0007 attente', ['waitlist P-0007']],
    ['[P-0012] waitlist', ['waitlist P-0012']],
    ['accept P-0003, P-0004', ['accept P-0003', 'accept P-0004']],
    ["liste d'attente", ['waitlist']],
    ['decline We already have a BRIN talk this season', ['decline «We already have a BRIN talk this season»']],
    ['refuser : trop proche du sujet de mars', ['decline «trop proche du sujet de mars»']],
    ['decline P-0004 Too close to the March talk', ['decline P-0004 «Too close to the March talk»']],
    ['refuser', ['decline']],
    ['talk', ['talk']],
    ['lightning P-0009', ['lightning P-0009']],
    ['éclair', ['lightning']],
    ['note Bob knows him from PGDay', ['note «Bob knows him from PGDay»']],
    ['note', ['note !text-missing']],
    ['ask Could you shorten it to 20 minutes?', ['ask «Could you shorten it to 20 minutes?»']],
    ['question : pouvez-vous raccourcir à 20 minutes ?', ['ask «pouvez-vous raccourcir à 20 minutes ?»']],
    ['question', ['ask !text-missing']],
    ['status', ['status']],
    ['statut P-0007', ['status P-0007']],
    ['help', ['help']],
    ['Status ?', ['status']],
    ['Je retire ma proposition.', ['withdraw']],
    ['Je confirme ma venue !', ['confirm']],
    // a whole sentence saying the act, with the writer's reason (an audit's speaker was left withdrawn in his mind only)
    ['Je retire ma proposition, désolé : je change de poste en janvier.', ['withdraw «désolé : je change de poste en janvier.»']],
    ['Je confirme ma venue le 14 janvier.', ['confirm «le 14 janvier.»']],
    // audit Y: the meetup or its day after « au » / « pour » / "for" is what is confirmed (it was a message)
    ['Je confirme ma participation au meetup du 17 décembre.', ['confirm «au meetup du 17 décembre.»']],
    ['Je confirme ma venue pour la rencontre de jeudi !', ['confirm «pour la rencontre de jeudi !»']],
    ['Je confirme ma présence pour le 17, avec plaisir.', ['confirm «pour le 17, avec plaisir.»']],
    ['I confirm my participation for the December meetup.', ['confirm «for the December meetup.»']],
    ['Je confirme ma participation à la prochaine rencontre.', ['confirm «à la prochaine rencontre.»']],
    // audit Y: saying one will come, after the confirmation, is no message of its own (it was relayed, nothing confirmed)
    ["C'est confirmé, je serai là.", ['confirm']],
    ['Confirmé, nous serons bien présents !', ['confirm']],
    ["Confirmed, I'll be there. Thanks!", ['confirm']],
    ['I withdraw my talk, my company moved me to another team.', ['withdraw «my company moved me to another team.»']],
    ['aide', ['help']],
    ['release', ['release']],
    ['confirm', ['confirm']],
    ['Confirmer', ['confirm']],
    ['Je confirme', ['confirm']],
    ['withdraw', ['withdraw']],
    ['retirer', ['withdraw']],
    ['override accept', ['override accept']],
    ['forcer refuser P-0007 : finalement non', ['override decline P-0007 «finalement non»']],
    ['P-0007 override waitlist', ['override waitlist P-0007']],
    ['schedule 2027-01-28', ['schedule 2027-01-28']],
    ['schedule 28/01 P-0007', ['schedule P-0007 2027-01-28']],
    ['programmer prochain meetup', ['schedule next-event']],
    // SPEC: schedule DATE|EVENT (an audit's « schedule event 2 » was refused as an unreadable date)
    ['schedule event 2', ['schedule event-2']],
    ["programmer à l'événement n° 12", ['schedule event-12']],
    ['P-0009 schedule meetup #3', ['schedule P-0009 event-3']],
    // `#3` alone, as an organizer copies it from `crieur events list` (audit W: « programmer #2 » was an unreadable date)
    ['programmer #3', ['schedule event-3']],
    ['schedule #12 P-0009', ['schedule P-0009 event-12']],
    ['programmer n° 4', ['schedule event-4']],
    ['schedule', ['schedule !date-missing']],
    ['schedule someday', ['schedule !date-unreadable']],
    ['accept, schedule 2027-01-28', ['accept', 'schedule 2027-01-28']],
    // one command a line (SPEC): « et » joins nothing, a reason keeps it (« Accepter et programmer le 17 décembre » is
    // left undecided, and its transcript says so: audit Y, e2e commands-audit-t 34b)
    ['refuser : trop long et trop commercial', ['decline «trop long et trop commercial»']],
    ['P-0003 et P-0004 : refuser', ['decline P-0003', 'decline P-0004']],
    ['decline P-0004; accept P-0005', ['decline P-0004', 'accept P-0005']],
    ['refuser : trop proche, déjà vu en mars', ['decline «trop proche, déjà vu en mars»']],
    ['decline, too close to March', ['decline «too close to March»']],
    ['refuser : voir https://example.org/cfp?year=2027', ['decline «voir https://example.org/cfp?year=2027»']],
    ['P-0011 decline? not sure', []],
  ])('%j', (text, expected) => {
    expect(acts(text)).toEqual(expected);
  });

  it('reads one command per line, several refs across lines (a digest answered)', () => {
    expect(acts('accept P-0003\ndecline P-0004 trop proche\n\nP-5: waitlist\n')).toEqual(['accept P-0003', 'decline P-0004 «trop proche»', 'waitlist P-0005']);
  });

  it('keeps each line as written, for the transcript', () => {
    expect(read('  *P-7*:  refuser  \nok').commands.map((c) => c.line)).toEqual(['*P-7*:  refuser', 'ok']);
  });
});

describe('prose never acts', () => {
  it.each([
    "OK, I'll check the slides",
    'ok merci',
    'OK pour moi, je regarde ce soir',
    "ok pour moi si Claire est d'accord",
    'Oui, ok pour moi',
    'OK for me',
    'OK pour moi, on en reparle jeudi',
    'Accept my apologies for the delay',
    'Je confirme que je serai là mais…',
    // « avec plaisir » alone is courtesy (« Je confirme, avec plaisir » confirms: audit T); a condition after it is not
    'Je confirme, avec plaisir si mon employeur est d’accord',
    'Je confirme ma venue si le train circule.',
    'I confirm my participation, unless you prefer a shorter talk?',
    'Refuser serait dommage, le sujet est bon.',
    'decline?',
    'accept?',
    'Decline to comment.',
    'Note that I will be away next week.',
    'Note the Cc: and cc: headers.',
    'Schedule looks good to me',
    'Annuler la réunion de demain, je suis malade',
    'I think we should accept this one.',
    'Status: Resolved',
    'Merci pour la proposition.\nOn en reparle.\naccept',
    // wondering after decline or schedule (an audit's organizers: each of these declined or scheduled, and mailed the speaker)
    "Decline? Not sure, it overlaps with Tomasz's talk. Let's discuss Thursday.",
    'Schedule? Maybe Jan 28.',
    'Refuser ? Je ne suis pas sûr, on en parle jeudi.',
    'Refuser… à voir avec Claire.',
    'Refuser... à voir avec Claire.',
    "Refuser, à mon avis. Qu'en penses-tu ?",
    'Decline. Unless you disagree?',
    'decline, maybe — too close to the March talk',
    'schedule maybe 2027-01-28',
    'programmer peut-être le 28 janvier',
    // …and after it: the date reader let the doubt go by as a word or two past the date, and scheduled (held-out CLI audit)
    'programmer 28 janvier peut-être',
    'schedule Jan 28 maybe',
    'programmer le 28 janvier 2027 à 19h, probablement',
    "programmer le 28 janvier si Bob est d'accord",
    'schedule next meetup if possible',
  ])('%j', (text) => {
    const r = read(text);
    expect(r.commands).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.comment).toBe(text.trim());
  });

  it('stops at the first line that is not a command: the rest is the comment', () => {
    const r = read('accept\n\nNice talk, the speaker is great.\ndecline\n');
    expect(r.commands.map(summary)).toEqual(['accept']);
    expect(r.comment).toBe('Nice talk, the speaker is great.\ndecline');
  });
});

describe('attempts not understood', () => {
  it.each<[string, string[], string[]]>([
    ['acept P-0003', [], ['acept P-0003']],
    ['acepter', [], ['acepter']],
    ['shedule 28/01', [], ['shedule 28/01']],
    ['P-0003 maybe later', [], ['P-0003 maybe later']],
    ['override', [], ['override']],
    ['acept P-0003\naccept P-0004', ['accept P-0004'], ['acept P-0003']],
  ])('%j', (text, commands, unknown) => {
    const r = read(text);
    expect(r.commands.map(summary)).toEqual(commands);
    expect(r.unknown).toEqual(unknown);
  });

  it('a label of the proposal form is not an attempt', () => {
    expect(read('Notes : rien de plus').unknown).toEqual([]);
    expect(read('Project: onlinestore').unknown).toEqual([]);
  });
});

describe('what is around the commands', () => {
  it.each<[string, string]>([
    ['"> accept" quoted lines', 'Merci pour tout\n> accept\n> P-0007'],
    ['after "Le … a écrit :"', 'Vu.\n\nLe lun. 3 juin 2024 à 10:00, Crieur <talks@pgug.example.org> a écrit :\naccept'],
    ['after Gmail\'s wrapped attribution', 'Vu.\n\nLe jeu. 28 nov. 2013 à 10:00, PostgreSQL Paris <\ntalks@pgug.example.org> a écrit :\naccept'],
    ['after "On … wrote:"', 'Seen.\n\nOn Mon, Jun 3, 2024 at 10:00 AM Crieur <talks@pgug.example.org> wrote:\naccept'],
    ['after -----Original Message-----', 'Seen.\n-----Original Message-----\naccept'],
    ["after -----Message d'origine-----", "Vu.\n-----Message d'origine-----\naccept"],
    ['after an Outlook "De :" block', 'Vu\nDe : Crieur\nEnvoyé : lundi 3 juin 2024 10:00\nÀ : Dim\nObjet : P-0007\naccept'],
    ['after an Outlook "From:" block', 'Seen\nFrom: Crieur\nSent: Monday, June 3, 2024 10:00 AM\nTo: Dim\nSubject: P-0007\naccept'],
    ['after "-- "', 'Vu\n-- \naccept'],
    ['after "Envoyé de mon iPhone"', 'Vu\nEnvoyé de mon iPhone\naccept'],
    ['after "Sent from my Pixel"', 'Seen\nSent from my Pixel\naccept'],
    ['after "Envoyé depuis Outlook"', 'Vu\nEnvoyé depuis Outlook\naccept'],
    ['after "Get Outlook for Android"', 'Seen\nGet Outlook for Android\naccept'],
  ])('ignores commands %s', (_name, text) => {
    expect(read(text).commands).toEqual([]);
  });

  it.each(['merci', 'Merci !', 'Cordialement,', 'Bien à vous,', 'Thanks,', 'Regards,', 'Best,', 'Cheers', 'Bonne journée'])(
    'ignores everything after the closing line %j',
    (closing) => {
      const r = read(`accept\n${closing}\ndecline\nJean`);
      expect(r.commands.map(summary)).toEqual(['accept']);
      expect(r.comment).toBe('');
    },
  );

  it('reads one verb written in both languages once (« Confirmer / Confirm », "withdraw / retirer"), not two different ones', () => {
    expect(acts('Confirmer / Confirm')).toEqual(['confirm']);
    expect(acts('withdraw / retirer')).toEqual(['withdraw']);
    expect(acts('accepter / refuser')).toEqual([]);
  });

  it('takes « Merci ! » on top of a question for an opening, not a closing: the question is the message', () => {
    expect(read('Merci !\n\nPetite question : y aura-t-il un adaptateur USB-C pour le projecteur ?\n\nAnne').comment).toBe(
      'Merci !\n\nPetite question : y aura-t-il un adaptateur USB-C pour le projecteur ?\n\nAnne',
    );
    // over a name alone, or a command, it still closes
    expect(read('Merci,\nJean').comment).toBe('');
    expect(read('Merci !\naccept').commands).toEqual([]);
  });

  it('leaves out a forward under the note (« Début du message réexpédié : »): it is someone else\'s mail', () => {
    const r = read("Paul, tu es bien noté comme co-speaker ?\n\nDébut du message réexpédié :\n\nDe: PostgreSQL Paris <talks@pgug.example.org>\nObjet: [P-0007] Proposition reçue\nDate: 30 novembre 2026\n\nTitre : Réplication logique\naccepter");
    expect(r.comment).toBe('Paul, tu es bien noté comme co-speaker ?');
    expect(r.corrections).toEqual({});
  });

  it('lets a line introduce the commands, only when commands follow it', () => {
    expect(acts('Bonjour,\nVoici mes décisions :\n\naccept P-0003\nP-0004 refuser')).toEqual(['accept P-0003', 'decline P-0004']);
    expect(acts('My picks:\naccept P-0003')).toEqual(['accept P-0003']);
    const r = read('Deux remarques :\nle titre est long.\naccept');
    expect(r.commands).toEqual([]);
    expect(r.comment).toBe('Deux remarques :\nle titre est long.\naccept');
  });

  it('lets a greeting come first', () => {
    expect(acts('Bonjour,\n\naccept\n\nDim')).toEqual(['accept']);
    expect(read('Bonjour,\n\nJe regarde ça demain.').comment).toBe('Bonjour,\n\nJe regarde ça demain.');
  });

  it('reads an inline reply (answers between quoted lines)', () => {
    const r = read('Le 30/11/2026 à 10:02, PostgreSQL Paris a écrit :\n> Nouvelle proposition P-0007\n> Répondez :\n>   accepter\n\naccepter\n\n> programmer AAAA-MM-JJ\n');
    expect(r.commands.map(summary)).toEqual(['accept']);
    const greeted = read('Bonjour,\n\nLe 30/11/2026 à 10:02, PostgreSQL Paris a écrit :\n> Répondez :\n>   accepter\nrefuser : pas cette saison\n> fin\n');
    expect(greeted.commands.map(summary)).toEqual(['decline «pas cette saison»']);
  });
});

describe('HTML-to-text artefacts and control characters', () => {
  it.each<[string, string[]]>([
    ['*accept*', ['accept']],
    ['**refuser** : trop tôt', ['decline «trop tôt»']],
    ['_P-0007_ accept', ['accept P-0007']],
    ['\u00a0accept\u00a0', ['accept']],
    ['&nbsp;accept&nbsp;', ['accept']],
    ['refuser\u00a0: trop tôt', ['decline «trop tôt»']],
    ['   accept   \n\n\n', ['accept']],
    ['\u200baccept\u200b', ['accept']],
    ['- accept P-0003\n- decline P-0004', ['accept P-0003', 'decline P-0004']],
    ['1. accept P-0003\n2. waitlist P-0004', ['accept P-0003', 'waitlist P-0004']],
    ['accept\r\nP-0004 decline\r\n', ['accept', 'decline P-0004']],
  ])('%j', (text, expected) => {
    expect(acts(text)).toEqual(expected);
  });

  it('removes control characters from the line quoted back', () => {
    const r = read('decline\u0007 bad\u001b[31m idea\u202e\n');
    expect(r.commands[0]?.line).toBe('decline bad[31m idea');
    expect(r.commands[0]?.line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });
});

describe('speaker corrections', () => {
  it('reads labelled lines with the proposal extractor', () => {
    const r = read('Titre : Partitionnement déclaratif : retour d\'expérience\nDurée : 20 min\nFormat : lightning\nLangue : anglais\nRésumé : Trois ans de partitionnement\nsur une base de 4 To.\n\nMerci !');
    expect(r.corrections).toEqual({
      title: "Partitionnement déclaratif : retour d'expérience",
      durationMinutes: 20,
      format: 'lightning',
      language: 'en',
      abstract: 'Trois ans de partitionnement\nsur une base de 4 To.',
    });
    expect(r.unknown).toEqual([]);
    expect(r.comment).toBe('');
  });

  it('a corrected abstract the mail client hard-wrapped reads as typed, its paragraphs apart', () => {
    const typed = [
      "Trois ans de partitionnement déclaratif sur une base de 4 To : le découpage par mois, les index qui manquent et le détachement des vieilles partitions sans verrou.",
      'Une démonstration en direct clôt le talk, avec les requêtes de supervision que nous utilisons chaque jour en production.',
    ];
    const r = read(hardWrap(`Résumé : ${typed[0]}\n\n${typed[1]}`, 72));
    expect(r.corrections.abstract).toBe(typed.join('\n\n'));
  });

  it('reads English labels and keeps commands and comment apart', () => {
    const r = read('confirm\nTitle: Partitioning, for real\nDuration: 30 minutes\n\nSee you there.');
    expect(r.commands.map(summary)).toEqual(['confirm']);
    expect(r.corrections).toEqual({ title: 'Partitioning, for real', durationMinutes: 30 });
    expect(r.comment).toBe('See you there.');
  });

  it('a length given with the format is the duration, as when the proposal was filed', async () => {
    const line = 'Format : talk de 30 minutes';
    expect(read(line).corrections).toEqual({ format: 'talk', durationMinutes: 30 });
    const { extractProposal } = await import('../../../src/core/extract/index.ts');
    const { mail } = await import('../classify/build.ts');
    const filed = extractProposal(await mail({ subject: 'Proposition de talk', body: `Bonjour,\n\nJe vous propose un talk.\n\nTitre : Partitionnement\n${line}\n` }), {
      ownAddresses: ['talks@pgug.example.org'],
      organizers: [],
      secret: null,
    });
    expect(filed.proposal).toMatchObject({ format: 'talk', durationMinutes: 30 });
  });

  it.each([
    // an audit's Outlook signature under a duration correction renamed the talk "Lead Database Engineer"
    'Hi,\n\nDuration: 20 minutes\n\nJulia Schmidt\nTitle: Lead Database Engineer\nExample GmbH | Berlin',
    'Durée : 20 minutes\n\nCordialement,\nTitre : Responsable des bases de données\nExemple SAS',
    'Duration: 20 minutes\n\n--\nJulia Schmidt\nTitle: CTO',
  ])('a signature\'s job title is no talk title: %j', (text) => {
    expect(read(text).corrections).toEqual({ durationMinutes: 20 });
  });

  it.each([
    // answering an organizer's « question : une bio de deux lignes et votre poste » (an audit's speakers had their talk renamed)
    'Nom : Sébastien Marchal\nTitre : Architecte données, Banque Exemple\nBio : quinze ans de PostgreSQL dans la banque.',
    'Name: Yuki Tanaka\nTitle: Staff Engineer, SaaS Example\nBio: Yuki runs the database platform team.',
  ])('a bio with a job title corrects no title, and is relayed whole: %j', (text) => {
    const r = read(text);
    expect(r.corrections.title).toBeUndefined();
    expect(r.comment).toContain(text.split('\n')[1]!);
  });

  it.each([
    "accepter\nmais seulement si Lucie est d'accord, elle connaît mieux le sujet que moi.",
    'accept\nonly if the speaker can shorten it to 20 minutes',
    "refuser\nqu'en pensez-vous ?",
  ])('a decision hanging on the next line acts on nothing (the audit\'s speaker was told yes on a condition): %j', (text) => {
    expect(read(text).commands).toEqual([]);
    expect(read(text).comment).toBe(text);
  });

  it.each<[string, string]>([
    ["Je confirme, merci beaucoup ! Hâte d'y être.", 'confirm'],
    ['Je confirme pour nous deux.', 'confirm'],
    ['Nous confirmons.', 'confirm'],
    ['Parfait, je confirme.', 'confirm'],
    ["C'est confirmé de mon côté.", 'confirm'],
    ['Confirmed, see you on the 28th!', 'confirm'],
    ['Happy to confirm!', 'confirm'],
    ['Malheureusement je dois annuler : je change de poste en janvier.', 'withdraw «je change de poste en janvier.»'],
  ])('a speaker confirms or withdraws as people write it: %j', (text, expected) => {
    expect(readCommands(text, { ...opts, role: 'speaker' }).commands.map(summary)).toEqual([expected]);
  });

  it.each([
    'Je dois annuler la réunion de demain',
    // something else withdrawn from or confirmed (a review of the change: each of these acted)
    'Je me désiste pour le dîner après le meetup, mais je serai bien là pour mon talk.',
    'Je dois annuler ma venue au dîner des orateurs, mais je serai là pour mon talk.',
    "I have to withdraw from the speakers' dinner, my talk is still on.",
    'Je confirme ma venue au dîner, par contre pas pour le talk.',
    'Happy to confirm that I can no longer make it.',
    'Nous confirmons notre participation au repas uniquement.',
  ])('withdraws or confirms nothing: %j', (text) => {
    expect(readCommands(text, { ...opts, role: 'speaker' }).commands).toEqual([]);
  });

  it('a confirmation and the corrected abstract under it: both (the audit\'s abstract was only relayed)', () => {
    const r = readCommands(
      "Je confirme.\n\nOups, je vous avais envoyé une mauvaise version du résumé, voici la bonne :\n\nTrois anti-patterns JSONB vus en production et, pour chacun, le schéma relationnel qui l'aurait évité.\n\nMerci,\nKarim",
      { ...opts, role: 'speaker' },
    );
    expect(r.commands.map(summary)).toEqual(['confirm']);
    expect(r.corrections.abstract).toContain('Trois anti-patterns JSONB');
  });

  it('a Markdown heading in a reply corrects no title', () => {
    expect(read('# Quick question\n\nDuration: 20 minutes\n').corrections).toEqual({ durationMinutes: 20 });
  });

  it.each([
    ['Title: Lead, follow, and the planner', 'Lead, follow, and the planner'],
    ['Bonjour,\nTitre : Le rôle du DBA dans une équipe produit\n\nMarie', 'Le rôle du DBA dans une équipe produit'],
  ])('a talk title that names a job is still the title: %j', (text, title) => {
    expect(read(text).corrections).toEqual({ title });
  });

  it.each([
    // an audit's speakers: each of these relayed its greeting, name or signature to every organizer
    ['Je confirme, merci !\n\nJean', 'confirm'],
    ['confirm\n\nMarc', 'confirm'],
    ['Bonjour,\nPetite correction :\nDurée : 20 minutes\n\nSophie', 'duration'],
    ['Hi,\n\nDuration: 20 minutes\n\nJulia Schmidt\nTitle: Lead Database Engineer\nExample GmbH | Berlin', 'duration'],
    ['accept\n\nCordialement,\nDimitri\n+33 6 12 34 56 78', 'accept'],
  ])('nothing written to anyone under what acted: no comment: %j', (text) => {
    expect(read(text).comment).toBe('');
  });

  it.each([
    ['Je confirme, merci !\n\nJ\'aurai besoin d\'un adaptateur HDMI.\n\nJean', "J'aurai besoin d'un adaptateur HDMI.\n\nJean"],
    ['confirm\n\nCan I bring a co-speaker?\nMarc', 'Can I bring a co-speaker?\nMarc'],
    ['Durée : 20 minutes\n\nJean\nPS : la démo sera enregistrée, je viendrai sans portable.', 'Jean\nPS : la démo sera enregistrée, je viendrai sans portable.'],
  ])('a sentence for the organizers stays the comment: %j', (text, comment) => {
    expect(read(text).comment).toBe(comment);
  });

  it('a label whose value cannot be read stays in the comment', () => {
    const r = read('Durée : je ne sais pas encore');
    expect(r.corrections).toEqual({});
    expect(r.comment).toBe('Durée : je ne sais pas encore');
  });
});

describe('edges', () => {
  it('reads nothing from nothing', () => {
    for (const t of [null, '', '\n\n', '> accept']) expect(readCommands(t, opts)).toEqual({ commands: [], corrections: {}, comment: '', unknown: [] });
  });

  it('a very long line is prose', () => {
    expect(read(`decline ${'x'.repeat(400)}`).commands).toEqual([]);
  });

  it('bounds the work on a huge body', () => {
    const r = read('accept P-0001\n'.repeat(50_000));
    expect(r.commands.length).toBeLessThanOrEqual(100);
  });
});

describe("read as the author's role (the authenticated token's)", () => {
  const as = (role: 'organizer' | 'speaker', text: string) => readCommands(text, { ...opts, role });

  it("a speaker's organizer verbs are a message for the organizers, not commands refused", () => {
    for (const text of ['OK', 'Lightning', 'Question : y aura-t-il un vidéoprojecteur HDMI ?', "Note : je ne serai là qu'à partir de 19h30.", 'statut']) {
      const r = as('speaker', text);
      expect(r.commands, text).toEqual([]);
      expect(r.unknown, text).toEqual([]);
      expect(r.comment, text).toBe(text);
    }
    // read without a role, the same lines are commands (apply-commands then says who may not)
    expect(read('OK').commands.map(summary)).toEqual(['accept']);
  });

  it('a speaker may confirm, withdraw and ask for help', () => {
    expect(as('speaker', 'confirmer').commands.map(summary)).toEqual(['confirm']);
    expect(as('speaker', 'Annuler').commands.map(summary)).toEqual(['withdraw']);
    expect(as('speaker', 'aide').commands.map(summary)).toEqual(['help']);
  });

  it("an organizer's « Annuler » (undo) is quoted back as not understood, never a withdrawal", () => {
    for (const text of ['Annuler', 'cancel', 'annuler P-0007']) {
      const r = as('organizer', text);
      expect(r.commands, text).toEqual([]);
      expect(r.unknown, text).toEqual([text]);
    }
    // the explicit verb still works: a withdrawal the speaker gave by phone
    expect(as('organizer', 'retirer').commands.map(summary)).toEqual(['withdraw']);
  });
});

describe('answers as people write them', () => {
  it.each<[string, string[]]>([
    ['Je confirme, merci !', ['confirm']],
    ['Confirmé ! Merci beaucoup, à bientôt.', ['confirm']],
    ['Oui, je confirme.', ['confirm']],
    ['« confirmer »', ['confirm']],
    ['Je retire ma proposition, désolé.', ['withdraw']],
    ['Yes, I confirm', ['confirm']],
    ['P-0003, P-0004 : accepter', ['accept P-0003', 'accept P-0004']],
    ['P-0003 et P-0004 refuser', ['decline P-0003', 'decline P-0004']],
    ['Re,\naccepter', ['accept']],
    ['Accepté 👍', ['accept']],
    ['Accepté, merci !', ['accept']],
    ['Accepted, thanks!', ['accept']],
    ['Décision : accepter', ['accept']],
    ['Réponse : refuser', ['decline']],
    // courtesy after decline is no reason (an audit's speaker was declined « pour la raison suivante : merci ! »)
    ['Refuser, merci !', ['decline']],
    ['Refuser. Merci beaucoup !', ['decline']],
    ['refuser merci', ['decline']],
    ['P-0007 refuser, merci 👍', ['decline P-0007']],
    ['Decline, thanks!', ['decline']],
    ['Declined 👍🏻', ['decline']],
    ['refuser : merci, à bientôt', ['decline']],
    ['Refuser, merci pour la proposition mais le sujet est déjà pris', ['decline «merci pour la proposition mais le sujet est déjà pris»']],
  ])('%j', (text, commands) => {
    expect(acts(text)).toEqual(commands);
  });

  // audit f (held-out replies): « please » is courtesy, an assent may come without its comma, a speaker may speak for himself
  it.each<[string, string[]]>([
    ['accept P-0003 please', ['accept P-0003']],
    ['Accepter svp', ['accept']],
    ["Waitlist, please.", ['waitlist']],
    ["En attente s'il vous plaît", ['waitlist']],
    ['Refuser svp', ['decline']],
    ['decline Not a fit for this season', ['decline «Not a fit for this season»']],
    ['Refuser Pas assez technique pour nous', ['decline «Pas assez technique pour nous»']],
    // audit W: the noun, as a form's answer
    ['Refus : trop commercial', ['decline «trop commercial»']],
    ['Refus.', ['decline']],
    ['Merci beaucoup, accepté.', ['accept']],
    ['Thanks again, accepted.', ['accept']],
    ['Thank you so much, declined: off topic', ['decline «off topic»']],
  ])('organizer: %j', (text, commands) => {
    expect(readCommands(text, { ...opts, role: 'organizer' }).commands.map(summary)).toEqual(commands);
  });

  it.each<[string, string[]]>([
    ['Ok, je confirme !', ['confirm']],
    ['OK je confirme', ['confirm']],
    ['Oui je confirme', ['confirm']],
    ['Yes I confirm', ['confirm']],
    ['Okay, confirmed.', ['confirm']],
    ['Confirmé de mon côté.', ['confirm']],
    ["C'est confirmé pour moi, merci !", ['confirm']],
    ['Confirmed on my end, thanks', ['confirm']],
    // audit W: « Je retire » said alone; thanks that open a closing's way, then the verb (the line was cut as a sign-off)
    ['Merci beaucoup, je confirme ma venue.', ['confirm']],
    ['Thanks a lot, I confirm.', ['confirm']],
    ['Bien reçu, je confirme.', ['confirm']],
    ['Super nouvelle, je confirme !', ['confirm']],
    ['Quelle bonne nouvelle ! Je confirme ma participation.', ['confirm']],
    ['Great news! I confirm.', ['confirm']],
    ['Thanks for accepting, I confirm.', ['confirm']],
    ['Top, je confirme', ['confirm']],
    ['Awesome, confirmed! See you there.', ['confirm']],
    ['Je retire.', ['withdraw']],
    ['Je me retire, désolé.', ['withdraw']],
  ])('speaker: %j', (text, commands) => {
    const r = readCommands(`${text}\n\nJean`, { ...opts, role: 'speaker' });
    expect(r.commands.map(summary)).toEqual(commands);
    expect(r.comment).toBe('');
  });

  it('a closing under the commands still closes (audit W: only a closing that says a verb is read)', () => {
    const r = readCommands('accepter\nMerci beaucoup, à bientôt\nDim', { ...opts, role: 'organizer' });
    expect([r.commands.map(summary), r.comment]).toEqual([['accept'], '']);
    expect(readCommands('Merci beaucoup, à bientôt', { ...opts, role: 'speaker' }).commands).toEqual([]);
  });

  it.each(['Bien reçu, je confirme que je ne pourrai pas venir', 'Top, je confirme demain'])('speaker, still prose: %j', (text) => {
    expect(readCommands(text, { ...opts, role: 'speaker' }).commands).toEqual([]);
  });

  it.each(['accepter et on verra', 'Accept, and schedule for Jan 28.', 'accepter et programmer le 28 janvier', 'Bien reçu, accepter', 'Top, refuser', 'refuser pas possible avant mars', 'Refus de trancher seul', 'Je retire la partie sur Citus', "je retire ce que j'ai dit", 'ok parfait', 'Ok pour moi', 'Je confirme pour le dîner', 'Je confirme ma venue pour le dîner'])('still prose: %j', (text) => {
    expect(readCommands(text, { ...opts, role: 'organizer' }).commands).toEqual([]);
  });

  it.each(["C'est confirmé, je serai là à 19h30 si le train circule.", "Confirmed, I'll be there if my flight lands on time."])('a speaker’s « je serai là » with more than courtesy after it stays a message: %j', (text) => {
    expect(readCommands(text, { ...opts, role: 'speaker' }).commands).toEqual([]);
  });

  it.each(['talk\n\nDim', 'Talk.\nDimitri', 'lightning\nDimitri Fontaine', 'accepter\ntalk\n\nDim'])('a bare verb over the writer’s name is the verb, not a title heading: %j', (text) => {
    const r = readCommands(text, { ...opts, role: 'organizer' });
    expect(r.commands.map((c) => c.verb)).toContain(/lightning/.test(text) ? 'lightning' : 'talk');
    expect(r.corrections).toEqual({});
  });

  it("a speaker's « talk » over his name corrects no title", () => {
    expect(readCommands('talk\n\nJean', { ...opts, role: 'speaker' }).corrections).toEqual({});
    expect(readCommands('Titre : Talk\n\nJean', { ...opts, role: 'speaker' }).corrections).toEqual({ title: 'Talk' });
  });

  it("mutt's own attribution (« * Name <address> [date]: ») above the quote is no comment (audit f)", () => {
    const r = readCommands('decline Not a fit for this season\n\n* PostgreSQL Paris <talks+o-p0007-x@pgug.example.org> [2026-11-30 11:02 +0100]:\n> New proposal P-0007\n', { ...opts, role: 'organizer' });
    expect(r.commands.map(summary)).toEqual(['decline «Not a fit for this season»']);
    expect(r.comment).toBe('');
    // an address in the writer's own line is kept: no quote follows it
    expect(read('accepter\n\nÉcris à claire@example.org :\nelle a les détails').comment).toContain('claire@example.org');
  });

  // « OK, refuser : trop commercial » accepted the proposal and declined it; « OK, accepté » accepted it twice; « OK ! »
  // was prose once ok+space became an assent before a speaker's verb
  it.each<[string, string[]]>([
    ['OK, refuser trop commercial', ['decline «trop commercial»']],
    ['ok, decline: not for this season', ['decline «not for this season»']],
    ['Okay, waitlist', ['waitlist']],
    ['OK, accepté', ['accept']],
    ['OK !', ['accept']],
    ['OK, programmer le 10/12', ['accept', 'schedule 2026-12-10']],
    ['OK, refuser P-0004', ['accept', 'decline P-0004']],
  ])('an « OK, » before a decision agrees with it, adds none: %j', (text, expected) => {
    expect(acts(text)).toEqual(expected);
  });

  it.each<[string, string[]]>([
    ['ok P-0004', ['accept P-0004']],
    ['OK, P-0004', ['accept P-0004']],
    ['OK P-0004, P-0005', ['accept P-0004', 'accept P-0005']],
    ['ok [P-0012]', ['accept P-0012']],
    ['OK P-0004\nrefuser P-0005 : trop commercial', ['accept P-0004', 'decline P-0005 «trop commercial»']],
  ])('« ok » before a ref accepts that proposal, it is no assent (an organizer\'s « ok P-0004 » was quoted back as not understood): %j', (text, expected) => {
    expect(readCommands(text, { ...opts, role: 'organizer' }).commands.map(summary)).toEqual(expected);
    expect(acts(text)).toEqual(expected);
  });

  // « OK, refuser P-0004 » in P-0004's own thread accepted P-0004 (the speaker asked to confirm), and the decline was
  // then refused: an accepted talk is not declined. Agreeing there; in another proposal's thread it still accepts that one.
  it.each<[string, string, string[]]>([
    ['OK, refuser P-0004 : trop commercial', 'P-0004', ['decline P-0004 «trop commercial»']],
    ['OK, P-0004 refuser', 'P-0004', ['decline P-0004']],
    ['ok, waitlist P-0004', 'P-0004', ['waitlist P-0004']],
    ['OK, refuser P-0004', 'P-0003', ['accept', 'decline P-0004']],
    ['OK, programmer P-0004 le 10/12', 'P-0004', ['accept', 'schedule P-0004 2026-12-10']],
  ])('an « OK, » before a decision naming the thread\'s own proposal agrees with it: %j in %s', (text, tokenRef, expected) => {
    expect(withoutAssentTo(read(text).commands, tokenRef).map(summary)).toEqual(expected);
  });

  // organizers answering a notice in their own words (audit f: these were prose, answered with the help transcript)
  it.each<[string, string[]]>([
    ["J'accepte", ['accept']],
    ['J’accepte !', ['accept']],
    ['Validé, merci', ['accept']],
    ['Je valide', ['accept']],
    ['Approved.', ['accept']],
    ['Je refuse, trop commercial', ['decline «trop commercial»']],
    ['Je refuse : trop proche du talk de mars', ['decline «trop proche du talk de mars»']],
  ])('an organizer\'s own words for a decision: %j', (text, expected) => {
    expect(acts(text)).toEqual(expected);
  });

  it('an infinitive makes only a decline a sentence: « Note de Dim : à revoir » stays a note', () => {
    expect(acts('Note de Dim : à revoir')).toEqual(['note «de Dim : à revoir»']);
  });

  it.each(["J'accepte la proposition de Marc", 'Je refuse de trancher seul', "Refuser d'en parler serait dommage", "Je valide l'idée de Claire", 'Le planning est validé'])(
    'still prose: a sentence about accepting or refusing: %j',
    (text) => {
      expect(acts(text)).toEqual([]);
    },
  );

  it('courtesy after decline is neither a reason nor a message', () => {
    expect(read('Refuser, merci !')).toMatchObject({ comment: '', unknown: [] });
  });

  it.each(['ok merci', 'OK, thanks', 'Oui, ok', 'Accepté, merci pour le rappel, je relis ce soir', 'Je confirme, avec plaisir si le train circule'])('courtesy after « ok », assent before an organizer verb, a sentence after a verb: prose: %j', (text) => {
    expect(acts(text)).toEqual([]);
  });
});

describe('a remark after a decision (SPEC: free text may follow a verb; audit k)', () => {
  const org = (text: string) => readCommands(text, { ...opts, role: 'organizer' });
  it.each<[string, string, string]>([
    ['Accepter, très bon sujet pour les débutants.', 'accept', 'très bon sujet pour les débutants.'],
    ['Accept - great topic for beginners', 'accept', 'great topic for beginners'],
    ['Accepted: solid talk, the room will love it.', 'accept', 'solid talk, the room will love it.'],
    ["J'accepte, excellent sujet !", 'accept', 'excellent sujet !'],
    ['accept P-0007, great topic', 'accept P-0007', 'great topic'],
    ["Liste d'attente, on a déjà deux talks sur Patroni.", 'waitlist', 'on a déjà deux talks sur Patroni.'],
    // held-out audit f: a waiting list's « later » is what it decides; "let's do it" is the decision again; a format's
    // remark, after « plutôt » or not — each was relayed as a message, nothing decided
    ['attente, on verra en février', 'waitlist', 'on verra en février'],
    ['Waitlist – let’s see what else comes in', 'waitlist', 'let’s see what else comes in'],
    ['Waitlist for now — we already have two Patroni talks', 'waitlist', 'we already have two Patroni talks'],
    ["Accept — great topic, let's do it", 'accept', "great topic, let's do it"],
    ["lightning plutôt, 45 min c'est long pour ce sujet", 'lightning', "45 min c'est long pour ce sujet"],
    ['Talk instead - there is enough material for 45 minutes', 'talk', 'there is enough material for 45 minutes'],
  ])('%j acts; the remark is the comment, not the verb’s text', (text, act, remark) => {
    const r = org(text);
    expect(r.commands.map(summary)).toEqual([act]);
    expect(r.comment).toBe(remark);
  });

  it.each([
    // still deciding: a deferral, a reservation, a condition, a hedge, a question, another decision
    'Accepté, merci pour le rappel, je relis ce soir',
    'Accepter, mais il faut voir avec Claire',
    'Accept, but let me check the schedule first',
    'Accepter, si la salle est dispo',
    "Accepted, pending Bob's review",
    'Accepter, je regarde les slides demain',
    'Accepter. Je préfère attendre l’avis de Claire',
    'Accept. Not sure about the length though',
    'Accept, or maybe waitlist?',
    'Accepter, à programmer en mars',
    "Accept, I'll confirm tomorrow",
    // waiting on someone, or on a condition, in other words
    "Accepter, on attend l'avis de Claire.",
    "Accept, waiting for Claire's opinion.",
    "Accept, need Bob's OK too.",
    'Accepter, Bob doit encore relire le résumé.',
    'Accept, assuming Bob agrees.',
    // a waiting list's remark is still read for the writer deciding, and « later » still defers an acceptance
    'Attente, je relis ce soir',
    'Waitlist, let me check with Bob',
    'Accepter, on verra en février',
    "Accept, let's discuss it on Thursday",
    "Accept, let's ask Bob first",
    // a format's remark that decides something else, or hangs
    'Lightning, accepter aussi',
    'Lightning plutôt, mais à voir avec Claire',
    'Talk, maybe?',
    // `ok` stays alone; without a separator the verb opens a sentence
    'ok, je regarde',
    'OK, great topic',
    'Accepter très bon sujet',
  ])('%j acts on nothing', (text) => {
    expect(org(text).commands).toEqual([]);
  });
});

describe('answers between the quoted lines, under a short introduction', () => {
  const quoted = (intro: string, answer: string) =>
    `${intro}\n\nLe lun. 30 nov. 2026 à 10:02, PostgreSQL Paris <talks@pgug.example.org> a écrit :\n> Nouvelle proposition P-0007\n${answer}\n> Répondez par accepter ou refuser.\n`;

  it.each(['Réponse dans le texte :', 'Voir ma réponse ci-dessous.', 'Answers inline.', 'Bonjour,', 'Re,'])('%j', (intro) => {
    expect(acts(quoted(intro, 'accepter'))).toEqual(['accept']);
  });

  it('a sentence above the quote is the message: nothing inline is read', () => {
    expect(acts(quoted('Je regarde ça ce soir et je reviens vers vous.', 'accepter'))).toEqual([]);
  });
});

describe('a short line that is not an introduction stays the message', () => {
  it.each(['Je serai en ligne demain.\naccepter', 'Les slides sont en pièce jointe.\naccepter'])('%j', (text) => {
    expect(acts(text)).toEqual([]);
  });
});

describe('a verb line ending with a colon announces its text on the lines under it (audit g)', () => {
  const org = (text: string) => readCommands(text, { ...opts, role: 'organizer' });
  const orgActs = (text: string) => org(text).commands.map(summary);

  it.each<[string, string[]]>([
    ['Refuser :\nTrop proche du talk de mars.\n\nDim', ['decline «Trop proche du talk de mars.»']],
    ['refuser :\nTrop proche du talk de mars.', ['decline «Trop proche du talk de mars.»']],
    ['Decline:\nNot a fit for this season.\n\nBest,\nDim', ['decline «Not a fit for this season.»']],
    ['**Refuser :**\nHors sujet pour ce meetup.', ['decline «Hors sujet pour ce meetup.»']],
    // html-to-text: a new paragraph (<p>) is a blank line between the verb and its reason
    ['Refuser :\n\nTrop proche du talk de mars.\n\nDimitri', ['decline «Trop proche du talk de mars.»']],
    // a reason over several lines, up to the first blank line
    ['Refuser :\nTrop proche du talk de mars.\nEt le sujet a déjà été traité en 2025.\n\nOn en parle jeudi.', ['decline «Trop proche du talk de mars.\nEt le sujet a déjà été traité en 2025.»']],
    // a reason the client hard-wrapped reads as typed; one the writer broke keeps its break (above)
    [
      `Refuser :\n${hardWrap("Le sujet a déjà été traité en mars par l'équipe de Lyon, avec les mêmes exemples et presque les mêmes mesures : revenez avec une autre approche.", 72)}`,
      ["decline «Le sujet a déjà été traité en mars par l'équipe de Lyon, avec les mêmes exemples et presque les mêmes mesures : revenez avec une autre approche.»"],
    ],
    ['P-0003, P-0004 : refuser :\nDéjà deux talks sur le sujet.', ['decline P-0003 «Déjà deux talks sur le sujet.»', 'decline P-0004 «Déjà deux talks sur le sujet.»']],
    // whatever the grammar says takes text
    ['Note :\nBob le connaît du PGDay.', ['note «Bob le connaît du PGDay.»']],
    ['Question :\nPeux-tu raccourcir à 20 minutes ?\n\nMerci,\nDim', ['ask «Peux-tu raccourcir à 20 minutes ?»']],
    ['ask:\nCould you shorten it to 20 minutes?', ['ask «Could you shorten it to 20 minutes?»']],
  ])('%j', (text, expected) => {
    expect(orgActs(text)).toEqual(expected);
  });

  it('the reason is no comment: nothing is relayed, the transcript quotes the line with it', () => {
    const r = org('Refuser :\nTrop proche du talk de mars.\n\nDim\nPostgreSQL Paris');
    expect(r.comment).toBe('');
    expect(r.commands[0]!.line).toBe('Refuser : Trop proche du talk de mars.');
    // what comes after the blank line stays the organizers' comment
    expect(org('Refuser :\nTrop proche.\n\nOn en parle jeudi avec Claire.').comment).toBe('On en parle jeudi avec Claire.');
  });

  it('a line that is a command stays a command: « Refuser : » over « P-0004 accepter » is two', () => {
    expect(orgActs('Refuser :\nP-0004 accepter')).toEqual(['decline', 'accept P-0004']);
    expect(orgActs('P-0004 refuser :\nHors sujet pour nous.\nP-0005 accepter')).toEqual(['decline P-0004 «Hors sujet pour nous.»', 'accept P-0005']);
  });

  it.each(['Refuser :', 'Refuser :\nDim', 'Refuser :\n\nDimitri Fontaine\nPostgreSQL Paris', 'Refuser :\nCordialement,\nDim', 'Refuser :\n> Nouvelle proposition P-0007', 'Refuser :\nMerci beaucoup 👍'])(
    'nothing usable below still declines, with no reason: %j',
    (text) => {
      expect(orgActs(text)).toEqual(['decline']);
      expect(org(text).comment).toBe('');
    },
  );

  it('a reason below that wonders is the writer wondering, as on the line: nothing acts', () => {
    const r = org('refuser :\nà voir avec Claire');
    expect(r.commands).toEqual([]);
    expect(r.comment).toBe('refuser :\nà voir avec Claire');
    expect(orgActs('Decline:\nNot sure, what do you think?')).toEqual([]);
  });

  it('a verb that takes nothing reads nothing from below: « accepter : » over a remark is the remark', () => {
    const r = org('accepter :\nsuper sujet, on le met en janvier');
    expect(r.commands.map(summary)).toEqual(['accept']);
    expect(r.comment).toBe('super sujet, on le met en janvier');
  });

  it('as a speaker\'s « Résumé : » over several lines: the lines right under the label are its value', () => {
    expect(readCommands('Résumé :\n\nligne un\nligne deux\n\nJean', { ...opts, role: 'speaker' }).corrections).toEqual({ abstract: 'ligne un\nligne deux' });
    expect(orgActs('Refuser :\n\nligne un\nligne deux\n\nDim')).toEqual(['decline «ligne un\nligne deux»']);
  });
});

describe('courtesy alone (audit g): nothing to act on, nothing to say', () => {
  const as = (role: 'organizer' | 'speaker') => (text: string) => readCommands(text, { ...opts, role });
  const org = as('organizer');
  const speaker = as('speaker');

  it.each([
    'Merci !',
    'Thanks!',
    'Merci beaucoup, bonne journée',
    'Thank you 👍',
    '👍',
    'Merci Claire !',
    'Bonjour,\n\nMerci !\n\nDim',
    'Merci pour le retour, bonne journée à tous !\n\nDimitri Fontaine\nPostgreSQL Paris\n06 12 34 56 78',
    'Thanks for the quick answer, have a nice day',
    'Parfait, merci !',
    'Top merci',
    'OK thanks',
    'ok merci',
    'Bien reçu, merci.',
    'Noté, merci !',
    'Noted, thanks!',
    'Merci :)\n\n-- \nDim\nPostgreSQL Paris\nhttps://pgug.example.org\nMeetup tous les mois\nInscrivez-vous\nSuivez-nous\nRejoignez-nous',
  ])("an organizer's %j", (text) => {
    expect(org(text)).toEqual({ commands: [], corrections: {}, comment: '', unknown: [], courtesy: true });
  });

  it.each([
    ['ok', ['accept']],
    ['OK.', ['accept']],
    ['Merci, accepté', ['accept']],
    ['Thanks, declined.', ['decline']],
    ['Merci ! accepter', ['accept']],
  ])('a verb with thanks still acts: %j', (text, expected) => {
    expect(org(text).commands.map(summary)).toEqual(expected);
    expect(org(text).courtesy).toBeUndefined();
  });

  it.each([
    "Merci, c'est pour quand ?",
    'Merci pour le retour, je regarde ça demain.',
    'Merci pour le retour mais je préfère refuser',
    "Merci de m'envoyer les slides",
    'Thanks for the update, could you resend it',
    'Merci !\nJe regarde demain.',
    'Bonjour,',
    'Hello!',
    'Merci, ok P-0009 ?',
  ])('is no courtesy, read as before: %j', (text) => {
    expect(org(text).courtesy).toBeUndefined();
  });

  it('nothing written at all is no courtesy (the organizer is still sent the help)', () => {
    expect(org('').courtesy).toBeUndefined();
    expect(org('\n\nLe lun. 30 nov. 2026 à 10:02, PostgreSQL Paris <talks@pgug.example.org> a écrit :\n> Nouvelle proposition P-0007\n').courtesy).toBeUndefined();
  });

  it.each(['Merci !', 'Thank you 👍', 'Merci ! 🙏', 'Hi Dim,\n\nThanks!\n\nJean', 'Merci beaucoup, bonne journée'])("a speaker's %j: relayed to nobody", (text) => {
    expect(speaker(text)).toMatchObject({ comment: '', courtesy: true });
  });

  it.each(['OK', 'Super, merci !', 'Avec plaisir, merci !', 'Merci beaucoup pour la confirmation, à bientôt !'])(
    "a speaker's %j may be the assent the organizers wait for, or words for them: still relayed",
    (text) => {
      expect(speaker(text).comment).not.toBe('');
      expect(speaker(text).courtesy).toBeUndefined();
    },
  );

  it("a speaker's thanks before his verb confirm", () => {
    expect(speaker('Merci, je confirme').commands.map(summary)).toEqual(['confirm']);
  });
});

describe('a speaker\'s labelled correction that gives nothing usable (said, never set)', () => {
  const speaker = { ...opts, role: 'speaker' as const };
  it.each([
    ['Durée : 0', 'duration'],
    ['Durée : 600', 'duration'],
    ['Duration: 10 hours', 'duration'],
    ['Durée : dix heures', 'duration'],
    ['Titre :', 'title'],
    ['**Title:**', 'title'],
  ])('« %s »: nothing corrected, the line named as unread (%s)', (line, field) => {
    const r = readCommands(`Bonjour,\n\n${line}\n\nMerci,\nJean`, speaker);
    expect(r.corrections).toEqual({});
    expect(r.unread).toEqual([{ field, line }]);
  });

  it.each([
    ['Durée : une heure', { durationMinutes: 60 }],
    ['Durée : 1h30', { durationMinutes: 90 }],
    ['Titre :\nPartitionnement en production', { title: 'Partitionnement en production' }],
  ])('« %s » is a correction', (text, corrections) => {
    const r = readCommands(text, speaker);
    expect(r.corrections).toEqual(corrections);
    expect(r.unread).toBeUndefined();
  });

  it.each([
    'Durée : 30 min questions comprises ?',
    'Durée : OK, merci',
    "Durée : j'ai mis 45 minutes mais je peux faire 30 si ça arrange",
    'Sujet :',
  ])('« %s » asks, approves, hedges or is no title label: nothing unread', (text) => {
    expect(readCommands(text, speaker).unread).toBeUndefined();
  });

  it('beside a correction that reads: that one is made, the other named', () => {
    const r = readCommands('Titre : Nouveau titre\nDurée : 600', speaker);
    expect(r.corrections).toEqual({ title: 'Nouveau titre' });
    expect(r.unread).toEqual([{ field: 'duration', line: 'Durée : 600' }]);
  });
});

describe('a speaker\'s « Durée : » as a clock writes it', () => {
  const speaker = { ...opts, role: 'speaker' as const };
  it('« Durée : 0:45 » corrects the length to 45 minutes (it was named unread: « [refusé] »)', () => {
    const r = readCommands('Durée : 0:45', speaker);
    expect(r.corrections).toEqual({ durationMinutes: 45 });
    expect(r.unread).toBeUndefined();
  });
});

describe("a speaker's bare verb, an apology, the reason (held-out audit f: relayed as a message, the talk left in)", () => {
  const speaker = (text: string) => readCommands(text, { ...opts, role: 'speaker' });
  it.each<[string, string, string]>([
    ['Withdraw - sorry, my company will not let me travel that week.', 'withdraw', 'sorry, my company will not let me travel that week.'],
    ['Retirer, désolée : je change de poste en janvier.', 'withdraw', 'désolée : je change de poste en janvier.'],
    ['Withdraw — unfortunately my flight was cancelled', 'withdraw', 'unfortunately my flight was cancelled'],
    ['Confirmed - sorry for the delay, I was travelling.', 'confirm', 'sorry for the delay, I was travelling.'],
  ])('%j acts, its words go to the organizers', (text, act, said) => {
    const r = speaker(text);
    expect(r.commands.map(summary)).toEqual([`${act} «${said}»`]);
    expect(r.comment).toBe(said);
  });

  it.each([
    'Retirer : la démo live, trop risquée',
    'Retirer la partie sur Citus, désolé',
    'Annuler - sorry, wrong thread',
    'Withdraw - sorry, should I withdraw or just shorten it?',
    'Withdraw - sorry, only if you cannot find a slot in February',
  ])('%j acts on nothing', (text) => {
    expect(speaker(text).commands).toEqual([]);
  });
});
