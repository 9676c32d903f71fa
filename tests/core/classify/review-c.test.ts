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
