/**
 * The quoted header block and the "original / forwarded message" lines as the mail clients of our speakers' and
 * organizers' colleagues write them (Outlook, Gmail, Apple Mail, Thunderbird in German, Spanish, Italian, Dutch):
 * the forward reader (text/forward.ts) and the quote reader (text/quotes.ts) read them from one table
 * (text/quoted-headers.ts). The forward reader knew fewer than the quote reader: a German Outlook forward lost its
 * author, a Spanish Gmail forward its subject.
 */
import { describe, expect, it } from 'vitest';
import { findInlineForward } from '../../../src/core/text/forward.ts';
import { stripQuotes } from '../../../src/core/text/quotes.ts';
import { readCommands } from '../../../src/core/command/read.ts';

const BODY = '\n\nHello,\n\nI would like to give a talk about logical replication. 30 minutes.\n\nJens';

describe('findInlineForward in the clients of other languages', () => {
  it.each([
    // Outlook (Windows, de): the original-message line, then « Von: … Gesendet: … Betreff: »
    ['Outlook de', 'FYI\n\n-----Ursprüngliche Nachricht-----\nVon: Jens Becker <jens@x.de> \nGesendet: Montag, 30. November 2026 17:05\nAn: Katrin Vogel <katrin@x.de>\nBetreff: Talk proposal: Replication', true],
    // Outlook (Windows, es), « Enviado el: »
    ['Outlook es', 'Para la lista.\n\n-----Mensaje original-----\nDe: Jens Becker <jens@x.de>\nEnviado el: lunes, 30 de noviembre de 2026 17:05\nPara: Pablo <p@x.es>\nAsunto: Talk proposal: Replication', true],
    // Outlook (Windows, it) without a rule, under a forward's subject
    ['Outlook it', 'Inoltro.\n\nDa: Jens Becker <jens@x.de>\nInviato: lunedì 30 novembre 2026 17:05\nA: Marco <m@x.it>\nOggetto: Talk proposal: Replication', true],
    // Outlook (Windows, nl)
    ['Outlook nl', 'Ter info.\n\nVan: Jens Becker <jens@x.de>\nVerzonden: maandag 30 november 2026 17:05\nAan: Sanne <s@x.nl>\nOnderwerp: Talk proposal: Replication', true],
    // Gmail (Android, es): « Mensaje reenviado », « Fecha: … Asunto: … Para: »
    ['Gmail es', 'Hi, passing this on.\n\n---------- Mensaje reenviado ---------\nDe: Jens Becker <jens@x.de>\nFecha: lun, 30 nov 2026 a las 17:05\nAsunto: Talk proposal: Replication\nPara: Pablo <p@x.es>\n', false],
    // Thunderbird (de): the subject first
    ['Thunderbird de', 'FYI\n\n-------- Weitergeleitete Nachricht --------\nBetreff: \tTalk proposal: Replication\nDatum: \tMon, 30 Nov 2026 17:05:00 +0100\nVon: \tJens Becker <jens@x.de>\nAn: \tKatrin <k@x.de>\n', false],
    // Apple Mail (es, it)
    ['Apple Mail es', 'FYI\n\nInicio del mensaje reenviado:\n\nDe: Jens Becker <jens@x.de>\nAsunto: Talk proposal: Replication\nFecha: 30 de noviembre de 2026, 17:05:00 CET\nPara: Pablo <p@x.es>\n', false],
    ['Apple Mail it', 'FYI\n\nInizio messaggio inoltrato:\n\nDa: Jens Becker <jens@x.de>\nOggetto: Talk proposal: Replication\nData: 30 novembre 2026 17:05:00 CET\nA: Marco <m@x.it>\n', false],
  ])('%s', (_client, head, hint) => {
    const f = findInlineForward(head + BODY, hint);
    expect(f?.from).toEqual({ name: 'Jens Becker', email: 'jens@x.de' });
    expect(f?.subject).toBe('Talk proposal: Replication');
    expect(f?.body).toMatch(/^Hello,\n\nI would like/);
  });
});

describe('stripQuotes in the clients of other languages', () => {
  it.each([
    ['OK\n\nVon: A <a@x>\nDatum: Samstag, 28. November 2026 um 10:12\nAn: B\nBetreff: x\n\nold'],
    ['OK\n\nDe: A <a@x>\nEnviado: sábado, 28 de noviembre de 2026 10:12\nPara: B\nAsunto: x\n\nold'],
    ['OK\n\nDa: A <a@x>\nInviato: sabato 28 novembre 2026 10:12\nA: B\nOggetto: x\n\nold'],
    ['OK\n\nVan: A <a@x>\nVerzonden: zaterdag 28 november 2026 10:12\nAan: B\nOnderwerp: x\n\nold'],
    ['OK\n-----Messaggio originale-----\nDa: A\nold'],
    ['OK\n-----Oorspronkelijk bericht-----\nVan: A\nold'],
    // held-out audit 4: Zimbra's line over its quoted header block
    ['OK\n\n----- Mail original -----\nDe: "PostgreSQL Paris" <talks@pgug.example.org>\nÀ: "liste" <l@x>\nEnvoyé: Lundi 2 Février 2026 09:00:00\nObjet: Appel\n\nold'],
    ['OK\n\n----- Ursprüngliche Mail -----\nVon: A\nold'],
  ])('%s', (text) => expect(stripQuotes(text)).toBe('OK'));

  it('keeps a schedule written as labels', () => {
    const text = 'Date : 14 janvier\nDe : 19h à 21h\nSujet : la réplication';
    expect(stripQuotes(text)).toBe(text);
  });
});

describe('readCommands over a quoted header block in other languages', () => {
  const opts = { now: new Date('2026-11-30T10:00:00Z'), timeZone: 'Europe/Paris', locale: 'fr' } as const;
  const notice = 'Reply with one command per line:\n  accept | decline [reason] | waitlist\n  note TEXT | ask TEXT';
  it.each([
    ['Von: PG Paris <talks+o-p1@x.org>\nGesendet: Samstag, 28. November 2026 10:12\nAn: Dim <dim@x.org>\nBetreff: [P-0003] New proposal'],
    ['Von : PG Paris <talks+o-p1@x.org>\nGesendet : Samstag, 28. November 2026 10:12\nAn : Dim <dim@x.org>\nBetreff : [P-0003] New proposal'],
    ['Von: PG Paris <talks+o-p1@x.org>\nDatum: Samstag, 28. November 2026 um 10:12\nAn: Dim <dim@x.org>\nBetreff: [P-0003] New proposal'],
    ['De: PG Paris <talks+o-p1@x.org>\nEnviado: sábado, 28 de noviembre de 2026 10:12\nPara: Dim <dim@x.org>\nAsunto: [P-0003] New proposal'],
    ['Da: PG Paris <talks+o-p1@x.org>\nInviato: sabato 28 novembre 2026 10:12\nA: Dim <dim@x.org>\nOggetto: [P-0003] New proposal'],
  ])('%s', (block) => {
    const r = readCommands(`accept\n\n${block}\n\n${notice}`, opts);
    expect(r.commands.map((c) => c.verb)).toEqual(['accept']);
    expect(r.comment).toBe('');
  });
});
