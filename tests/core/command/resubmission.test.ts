/**
 * A speaker's corrected proposal sent unlabelled, as the acknowledgement invites (« répondez avec la proposition
 * corrigée : elle remplacera celle-ci »): read as corrections when it is announced as the corrected version; a
 * question, thanks, an answer or new slides stay a message for the organizers. More replies, as mail clients write
 * them, in resubmission-replies.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readCommands } from '../../../src/core/command/read.ts';
import type { ReadOptions } from '../../../src/core/command/types.ts';

const QUOTE = '\n\nLe 30 nov. 2026 à 10:00, PostgreSQL Paris <talks@pgug.example.org> a écrit :\n> Bonjour Anne,\n> Merci pour votre proposition ! Elle est enregistrée sous la référence P-0003.\n>   Titre          : Partitionnement\n';
const speaker: ReadOptions = { timeZone: 'Europe/Paris', locale: 'fr', now: new Date('2026-11-30T10:00:00Z'), role: 'speaker' };
const read = (text: string, o: ReadOptions = speaker) => readCommands(text + QUOTE, o);

describe('a speaker\'s unlabelled corrected proposal', () => {
  it.each([
    [
      'announced, fr, title line then abstract',
      'Bonjour,\n\nVoici la version corrigée :\n\nPartitionnement déclaratif avec PostgreSQL 17\n\nDans cette présentation, je montrerai comment migrer une table de 2 To sans interruption de service.\n\nMerci,\nAnne',
      { title: 'Partitionnement déclaratif avec PostgreSQL 17', abstract: 'Dans cette présentation, je montrerai comment migrer une table de 2 To sans interruption de service.' },
    ],
    [
      'announced, en, with a length in the abstract',
      'Hi,\n\nHere is the corrected proposal:\n\nDeclarative partitioning in PostgreSQL 17\n\nIn this talk I will show how we moved a 2 TB table to declarative partitioning without downtime. The talk takes 20 minutes.\n\nThanks,\nAnne',
      { title: 'Declarative partitioning in PostgreSQL 17', abstract: 'In this talk I will show how we moved a 2 TB table to declarative partitioning without downtime. The talk takes 20 minutes.', durationMinutes: 20 },
    ],
    [
      'announced, quoted title, a lightning talk',
      'Nouvelle version :\n\n« Partitionner sans douleur »\n\nUn lightning talk de 5 minutes sur pg_partman.',
      { title: 'Partitionner sans douleur', abstract: 'Un lightning talk de 5 minutes sur pg_partman.', durationMinutes: 5, format: 'lightning' },
    ],
    ['the abstract alone, the name under it left out', 'Voici le résumé corrigé :\n\nNous verrons comment migrer une table de 2 To.\nAvec pg_partman.\n\nAnne', { abstract: 'Nous verrons comment migrer une table de 2 To.\nAvec pg_partman.' }],
  ])('%s: replaces what it states, and is not relayed as a message', (_name, text, corrections) => {
    const r = read(text);
    expect(r.corrections).toEqual(corrections);
    expect(r.comment).toBe('');
    expect(r.commands).toEqual([]);
  });

  it.each([
    ['a question', 'Merci beaucoup ! Est-ce que je peux venir avec un collègue ?'],
    ['an answer offering a length', 'Oui, je peux présenter un talk de 20 minutes sur le partitionnement au lieu de 45.'],
    // (« Le bon titre est « … » » in a sentence is no resubmission, but a correction said in a sentence since audit Z:
    // tests/core/command/audit-z.test.ts)
    ['a precision', "Merci ! Petite précision : la démo durera 10 minutes de plus, j'espère que ce n'est pas gênant."],
    ['a question about the talk', "J'ai une question sur le talk : faut-il apporter son ordinateur pour la présentation ?"],
    // not announced: in a reply, a whole proposal is as often a second talk offered as a replacement
    ['a whole proposal, not announced', 'Je souhaiterais présenter un talk intitulé « Partitionnement déclaratif avec PostgreSQL 17 ».\n\nJe montrerai comment migrer une table de 2 To sans interruption de service.'],
    ['new slides announced', 'Voici la nouvelle version de mes slides, avec les retours de Paul :\n\nhttps://speakerdeck.com/amartin/partitionnement'],
  ])('%s stays a message for the organizers', (_name, text) => {
    const r = read(text);
    expect(r.corrections).toEqual({});
    expect(r.comment).toBe(text);
  });

  it('a PS under the corrected proposal goes on to the organizers', () => {
    const r = read('Voici la version corrigée :\n\nPartitionner sans douleur\n\nUn retour sur pg_partman.\n\nPS : la salle a-t-elle un adaptateur HDMI ?');
    expect(r.corrections).toEqual({ title: 'Partitionner sans douleur', abstract: 'Un retour sur pg_partman.' });
    expect(r.comment).toBe('PS : la salle a-t-elle un adaptateur HDMI ?');
  });

  it('labelled lines in it win, and « Voici la version corrigée : » above them is not relayed', () => {
    const r = read('Bonjour,\n\nVoici la version corrigée :\n\nTitre : Partitionner sans douleur\nDurée : 20 minutes\n\nMerci');
    expect(r.corrections).toEqual({ title: 'Partitionner sans douleur', durationMinutes: 20 });
    expect(r.comment).toBe('');
  });

  it('a confirmation is still a command, not a resubmission', () => {
    const r = read('Je confirme, merci !');
    expect(r.commands.map((c) => c.verb)).toEqual(['confirm']);
    expect(r.corrections).toEqual({});
  });

  it('is a speaker\'s reading only: an organizer\'s or an unknown role\'s prose is never a proposal\'s replacement', () => {
    const text = 'Voici la version corrigée :\n\nPartitionnement déclaratif avec PostgreSQL 17\n\nDans cette présentation, je montrerai comment migrer une table de 2 To.';
    for (const role of ['organizer', undefined] as const) {
      const r = read(text, { ...speaker, role });
      expect(r.corrections).toEqual({});
      expect(r.comment).toContain('Partitionnement déclaratif avec PostgreSQL 17');
    }
  });
});

describe('« Proposition : » in a reply is a suggestion, not a title', () => {
  it('is relayed, not read as the new title', () => {
    const r = read('Bonjour,\n\nProposition : on décale mon passage en avril, mars est compliqué pour moi.\n\nAnne');
    expect(r.corrections.title).toBeUndefined();
  });
});
