/**
 * Review C of audit S's classification rules: people's mail the new rules swallowed, robots they let through.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail, type Draft } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };
const kind = async (d: Draft) => classify(await mail(d), ctx).kind;

describe("a notice's words in a person's subject", () => {
  it.each<[string, Draft]>([
    [
      '« Message refusé : je renvoie ma proposition » over « a été refusé par le serveur »',
      {
        from: 'Lucie Bernard <lucie.bernard@exemple.fr>',
        subject: 'Message refusé : je renvoie ma proposition',
        body: "Bonjour,\n\nMon premier envoi a été refusé par le serveur (la pièce jointe était trop lourde), je renvoie donc ma proposition sans les slides.\n\nTitre : Partitionner sans coupure avec pg_partman\nDurée : 30 minutes\nRésumé : Comment nous avons partitionné une table de 4 To en production, sans interruption de service.\n\nLucie Bernard\n",
      },
    ],
    [
      '« Mail rejeté ? »',
      {
        from: 'Lucie Bernard <lucie.bernard@exemple.fr>',
        subject: 'Mail rejeté ?',
        body: "Bonjour,\n\nJ'ai voulu écrire à la liste mais mon mail a été rejeté par le serveur. Savez-vous pourquoi ? Faut-il être inscrit ?\n\nLucie\n",
      },
    ],
    ['« Remise différée de mes slides »', { subject: 'Remise différée de mes slides', body: 'Bonjour,\n\nMes slides ne seront pas prêtes avant lundi, la remise est différée d\'une semaine, désolé.\n\nPaul\n' }],
    [
      '« Courriel refusé par votre filtre ? »',
      {
        subject: 'Courriel refusé par votre filtre ?',
        body: "Bonjour,\n\nMa proposition envoyée mardi n'a pas encore été remise, semble-t-il : mon serveur dit qu'elle a été refusée par le serveur destinataire. Pouvez-vous vérifier ?\n\nPaul\n",
      },
    ],
    [
      '« Proposition : Échec de la livraison des WAL … »',
      {
        subject: "Proposition : Échec de la livraison des WAL, diagnostiquer archive_command",
        body: "Bonjour,\n\nJe voudrais proposer un talk de 20 minutes sur les échecs d'archivage des WAL : pourquoi archive_command échoue et comment le voir. Le message « could not be delivered » de notre outil maison m'a coûté une nuit.\n\nPaul Morel\n",
      },
    ],
  ])('%s is no bounce', async (_name, draft) => {
    expect(await kind(draft)).not.toBe('bounce');
  });
  it.each<[string, Draft]>([
    ['« Message refusé » from a mailer-daemon', { from: 'MAILER-DAEMON@smtp.fai.example', subject: 'Message refusé', body: 'Votre message à destination de x@fai.example a été refusé par le serveur destinataire : 554 5.7.1\n' }],
    [
      '« Remise différée » under a null reverse-path',
      { from: 'Messagerie <messagerie@ministere.example>', headers: { 'Return-Path': '<>' }, subject: 'Remise différée : Prochain meetup', body: "La remise est différée à ces destinataires ou groupes :\n\nx@ministere.example\n\nCe message n'a pas encore été remis. De nouvelles tentatives de remise seront effectuées.\n" },
    ],
  ])('still one: %s', async (_name, draft) => {
    expect(await kind(draft)).toBe('bounce');
  });
});

describe('a responder that says when it is back is still one', () => {
  it.each<[string, Draft]>([
    [
      '« Je serai présente à partir du 4 janvier »',
      { subject: 'RE: Proposition reçue : Index BRIN', body: "Bonjour,\nJe suis absente du bureau jusqu'au 3 janvier inclus, sans accès à mes mails.\nJe serai présente à partir du 4 janvier.\nEn cas d'urgence, merci de contacter support@acme.fr.\nClaire Martin\n" },
    ],
    [
      '« Je serai là dès le 6 janvier »',
      { subject: 'RE: Proposition reçue : Index BRIN', body: "Bonjour,\nJe suis en congé jusqu'au 5 janvier.\nJe serai là dès le 6 janvier ; pour toute demande urgente, écrivez à support@acme.fr.\nCordialement\n" },
    ],
    [
      '"I will attend the PGConf.EU conference"',
      { from: 'John Smith <john.smith@example.com>', subject: 'RE: Your proposal was received', body: 'Hello,\nI am out of the office until January 6 with limited access to email.\nI will attend the PGConf.EU conference in Athens this week.\nFor urgent matters please contact ops@example.com.\n' },
    ],
    ['« Absence du 23/12 au 03/01 »', { subject: 'Absence du 23/12 au 03/01', body: 'Merci pour votre message. Je le lirai dès mon retour.\n' }],
    ['« Absent du 23 décembre au 2 janvier »', { subject: 'Absent du 23 décembre au 2 janvier', body: 'Merci pour votre message, il sera traité à mon retour.\n' }],
    ['"Absent from office"', { from: 'John Smith <john.smith@example.com>', subject: 'Absent from office', body: 'Thank you for your email. I will reply on my return.\n' }],
    ['"Absent from the office until Jan 6"', { from: 'John Smith <john.smith@example.com>', subject: 'Absent from the office until Jan 6', body: 'Thank you for your message. I will respond when I return.\n' }],
  ])('%s', async (_name, draft) => {
    expect(await kind(draft)).toBe('auto-reply');
  });
  it.each<[string, Draft]>([
    ['« en congé …, mais je serai là le 28 janvier »', { subject: 'Meetup du 28 janvier', body: "Bonjour,\n\nJe suis en congé jusqu'au 3 janvier, mais je serai là le 28 janvier pour le meetup.\n\nLucie\n" }],
    ['« je serai bien là dès 19 h »', { subject: 'Meetup du 28 janvier', body: "Bonjour,\n\nJe suis en déplacement jusqu'au 27 janvier, mais je serai bien là dès 19 h le 28.\n\nLucie\n" }],
    ['"I will attend the next meetup"', { subject: 'Next meetup', body: "Hi,\n\nI'm on leave until January 3rd, but I will attend the next meetup on the 28th.\n\nLucie\n" }],
    ['"Absent from the meetup on Thursday"', { subject: 'Absent from the meetup on Thursday', body: "Hi,\n\nI can't come on Thursday after all, please give my seat to someone else.\n\nLucie\n" }],
    ['« Absence du 28 janvier »', { subject: 'Absence du 28 janvier', body: "Bonjour,\n\nJe ne pourrai pas venir au meetup du 28 janvier, libérez ma place.\n\nLucie\n" }],
  ])('a person: %s', async (_name, draft) => {
    expect(await kind(draft)).not.toBe('auto-reply');
  });
});

describe('a person asking about their held mail under a challenge-like subject', () => {
  it.each<[string, Draft]>([
    [
      '« Proposition en attente de validation ? »',
      {
        subject: 'Proposition en attente de validation ?',
        body: "Bonjour,\n\nJ'ai envoyé ma proposition il y a deux semaines. Mon entreprise utilise Mailinblack : vous avez peut-être reçu une demande pour valider votre envoi, je m'en excuse. Pouvez-vous me dire où en est ma proposition ?\n\nLucie\n",
      },
    ],
    [
      '"Please confirm your message reached you"',
      {
        subject: 'Please confirm your message was sent to the whole list',
        body: "Hi,\n\nOur filter may have asked you to verify that you are a real sender; sorry about that. Did the announcement go out to everyone?\n\nLucie\n",
      },
    ],
  ])('%s is no auto-reply', async (_name, draft) => {
    expect(await kind(draft)).not.toBe('auto-reply');
  });
});
