/**
 * Speakers' replies to their acknowledgement, as they write them (Gmail, Outlook plain and HTML-only, Apple Mail,
 * iPhone, Thunderbird; fr and en): corrected proposals announced in many words, and messages that must stay messages
 * — new slides, a bio, a slot, a second talk, a forward to a co-speaker, questions under « Merci ! ». Written by a
 * review of resubmission.ts (2026-12-01); each wrong reading it found is a case here. `corrections: null`: nothing
 * corrected; `keep`: words the message relayed to the organizers must hold.
 */
import { describe, expect, it } from 'vitest';
import { readCommands } from '../../../src/core/command/read.ts';

const ACK_TITLE = 'Réplication logique en production';
const ACK_ABS = "Retour d'expérience sur la mise en place de la réplication logique entre deux clusters PostgreSQL 16.";
const ackFr = (name = 'Anne') => `Bonjour ${name},

Merci pour votre proposition ! Elle est enregistrée sous la référence
P-0007. Voici ce que nous en avons compris :

  Référence      : P-0007
  Titre          : ${ACK_TITLE}
  Format         : talk, 45 minutes
  Langue         : français
  Orateurs       :
    - Anne Martin <anne.martin@example.org>
  Pièces jointes :
    aucune
  Reçue le       : 30 novembre 2026 à 09:58

  Résumé :

${ACK_ABS}

Quelque chose ne va pas ? Répondez simplement à ce message avec la
proposition corrigée : elle remplacera celle-ci (même référence).

Pour retirer votre proposition, répondez avec le mot
« retirer » seul sur une ligne.

Les organisateurs vous écriront dès qu'ils auront pris leur décision.

-- 
PostgreSQL Paris`;
const ackEn = (name = 'John') => `Hello ${name},

Thank you for your proposal! It is filed as P-0007. Here is what we
understood:

  Reference   : P-0007
  Title       : Zero-downtime upgrades
  Format      : talk, 45 minutes
  Language    : English
  Speakers    :
    - John Smith <john.smith@example.com>
  Attachments :
    none
  Received    : 30 November 2026 at 09:58

  Abstract:

How we upgrade PostgreSQL without downtime.

Something wrong? Just reply to this message with the corrected proposal:
it will replace this one (same reference).

To withdraw your proposal, reply with the word "withdraw" alone
on a line.

The organizers will write to you as soon as they have decided.

-- 
PostgreSQL Paris`;
const q = (s: string) => s.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');
const gmailFr = (name?: string) => `\n\nLe lun. 30 nov. 2026 à 10:02, PostgreSQL Paris <\ntalks+s-p0007-3f9a@pgug.example.org> a écrit :\n\n${q(ackFr(name))}\n`;
const gmailEn = (name?: string) => `\n\nOn Mon, Nov 30, 2026 at 10:02 AM PostgreSQL Paris <\ntalks+s-p0007-3f9a@pgug.example.org> wrote:\n\n${q(ackEn(name))}\n`;
const appleFr = (name?: string) => `\n\n> Le 30 nov. 2026 à 10:02, PostgreSQL Paris <talks+s-p0007-3f9a@pgug.example.org> a écrit :\n> \n${q(ackFr(name))}\n`;
const tbFr = (name?: string) => `\n\nLe 30/11/2026 à 10:02, PostgreSQL Paris a écrit :\n${q(ackFr(name))}\n`;
const tbEn = (name?: string) => `\n\nOn 30/11/2026 10:02, PostgreSQL Paris wrote:\n${q(ackEn(name))}\n`;
const outlookFr = (name?: string) => `\n\nDe : PostgreSQL Paris <talks+s-p0007-3f9a@pgug.example.org>\nEnvoyé : lundi 30 novembre 2026 10:02\nÀ : Anne Martin <anne.martin@example.org>\nObjet : [P-0007] Proposition reçue : ${ACK_TITLE}\n\n${ackFr(name)}\n`;
const outlookHtmlFr = (name?: string) => `\n\n________________________________\n*De :* PostgreSQL Paris <talks+s-p0007-3f9a@pgug.example.org>\n*Envoyé :* lundi 30 novembre 2026 10:02\n*À :* Anne Martin <anne.martin@example.org>\n*Objet :* [P-0007] Proposition reçue : ${ACK_TITLE}\n\n${ackFr(name).replace(/ {2}/g, '\u00a0 ')}\n`;
const outlookEn = (name?: string) => `\n\nFrom: PostgreSQL Paris <talks+s-p0007-3f9a@pgug.example.org>\nSent: Monday, November 30, 2026 10:02 AM\nTo: John Smith <john.smith@example.com>\nSubject: [P-0007] Proposal received: Zero-downtime upgrades\n\n${ackEn(name)}\n`;

type C = { title?: string; abstract?: string; durationMinutes?: number; format?: string; language?: string };
/** corrections: null = must stay a message (corrections {}), keep: phrases that must be in the comment */
type Case = { name: string; group: 'correction' | 'message'; text: string; corrections: C | null; keep?: string[]; note?: string };

const ABS1 = "Depuis deux ans, nous utilisons la réplication logique pour migrer nos bases sans interruption de service.\n\nJe présenterai notre architecture, les pièges rencontrés (séquences, DDL, slots qui gonflent) et les outils que nous avons écrits pour surveiller le retard.";
const ABS_EN = 'We upgraded 40 clusters from PostgreSQL 12 to 16 with logical replication and no downtime.\n\nThis talk covers the cut-over procedure, sequence synchronisation and the monitoring we built.';

const cases: Case[] = [
  // ===== (a) corrected proposals =====
  { name: 'A01 gmail fr « Voilà la bonne version »', group: 'correction', text: `Bonjour,\n\nVoilà la bonne version :\n\nRéplication logique : deux ans en production\n\n${ABS1}\n\nBonne journée,\nAnne` + gmailFr(), corrections: { title: 'Réplication logique : deux ans en production', abstract: ABS1 } },
  { name: 'A02 gmail fr « Petite correction, voici le texte mis à jour : »', group: 'correction', text: `Bonjour,\n\nPetite correction, voici le texte mis à jour :\n\nRéplication logique en production\n\n${ABS1}\n\nMerci !\nAnne` + gmailFr(), corrections: { title: 'Réplication logique en production', abstract: ABS1 } },
  { name: 'A03 gmail en "Updated version below:"', group: 'correction', text: `Hi,\n\nUpdated version below:\n\nZero-downtime major upgrades with logical replication\n\n${ABS_EN}\n\nThanks,\nJohn` + gmailEn(), corrections: { title: 'Zero-downtime major upgrades with logical replication', abstract: ABS_EN } },
  { name: "A04 gmail en \"Sorry, wrong abstract — here's the right one:\"", group: 'correction', text: `Hi,\n\nSorry, wrong abstract — here's the right one:\n\n${ABS_EN}\n\nBest,\nJohn` + gmailEn(), corrections: { abstract: ABS_EN } },
  { name: 'A05 re-pasted whole labelled proposal (fr)', group: 'correction', text: `Bonjour,\n\nJe vous renvoie ma proposition corrigée.\n\nTitre : Réplication logique : deux ans en production\nDurée : 30 minutes\n\nRésumé :\n${ABS1}\n\nCordialement,\nAnne Martin\nDBA, Acme` + gmailFr(), corrections: { title: 'Réplication logique : deux ans en production', durationMinutes: 30, abstract: ABS1 } },
  { name: 'A06 re-pasted unlabelled whole proposal « intitulé », not announced', group: 'message', text: `Bonjour,\n\nJe souhaiterais présenter un talk intitulé « Réplication logique : deux ans en production ».\n\n${ABS1}\n\nLe talk durerait 30 minutes.\n\nAnne` + appleFr(), corrections: null, keep: ['deux ans en production'], note: 'not announced: in a reply, a whole proposal is as often a second talk (B19); relayed' },
  { name: 'A07 title in «quotes» with colon', group: 'correction', text: `Bonjour,\n\nVoici la version corrigée :\n\n« VACUUM : mythes et réalités »\n\nOn entend tout et son contraire sur VACUUM. Je propose de démonter cinq idées reçues, mesures à l'appui, et de montrer comment régler l'autovacuum sur une base très écrite.\n\nCordialement,\nAnne` + gmailFr(), corrections: { title: 'VACUUM : mythes et réalités', abstract: "On entend tout et son contraire sur VACUUM. Je propose de démonter cinq idées reçues, mesures à l'appui, et de montrer comment régler l'autovacuum sur une base très écrite." } },
  { name: 'A08 title with colon, nouvelle version', group: 'correction', text: `Voici la nouvelle version :\n\nPostgreSQL 17 : ce qui change pour les DBA\n\nTour d'horizon des nouveautés de PostgreSQL 17 utiles au quotidien : sauvegardes incrémentales, MERGE amélioré, nouvelles vues de supervision.\n\nAnne` + tbFr(), corrections: { title: 'PostgreSQL 17 : ce qui change pour les DBA', abstract: "Tour d'horizon des nouveautés de PostgreSQL 17 utiles au quotidien : sauvegardes incrémentales, MERGE amélioré, nouvelles vues de supervision." } },
  { name: 'A09 English talk in a French mail, « Le talk sera en anglais »', group: 'correction', text: `Bonjour,\n\nVoici la proposition corrigée :\n\nZero-downtime major upgrades with logical replication\n\n${ABS_EN}\n\nLe talk sera en anglais.\n\nMerci !\nAnne` + gmailFr(), corrections: { title: 'Zero-downtime major upgrades with logical replication', abstract: `${ABS_EN}\n\nLe talk sera en anglais.`, language: 'en' }, note: 'the language sentence stays in the abstract, as it would when filed' },
  { name: "A10 en intro says the duration: \"Here's the revised proposal, now as a 20-minute talk:\"", group: 'correction', text: `Hi,\n\nHere's the revised proposal, now as a 20-minute talk:\n\nZero-downtime major upgrades with logical replication\n\n${ABS_EN}\n\nCheers,\nJohn` + gmailEn(), corrections: { title: 'Zero-downtime major upgrades with logical replication', abstract: ABS_EN, durationMinutes: 20 } },
  { name: 'A11 outlook fr « Veuillez trouver ci-dessous la version modifiée de ma proposition : »', group: 'correction', text: `Bonjour,\n\nVeuillez trouver ci-dessous la version modifiée de ma proposition :\n\nRéplication logique en production\n\n${ABS1}\n\nCordialement,\n\nAnne Martin\nAdministratrice de bases de données – Acme\nTél. : 01 23 45 67 89` + outlookFr(), corrections: { title: 'Réplication logique en production', abstract: ABS1 } },
  { name: 'A12 outlook HTML-only converted, bold title, nbsp', group: 'correction', text: `Bonjour,\u00a0\n\n\u00a0\n\nVoici la version corrigée\u00a0:\n\n\u00a0\n\n*Réplication logique en production*\n\n\u00a0\n\nDepuis deux ans, nous utilisons la réplication logique pour migrer nos bases sans interruption de service.\n\n\u00a0\n\nCordialement\n\n\u00a0\n\n*Jean Dupont* | Consultant PostgreSQL\n\n+33 6 12 34 56 78` + outlookHtmlFr('Jean'), corrections: { title: 'Réplication logique en production', abstract: 'Depuis deux ans, nous utilisons la réplication logique pour migrer nos bases sans interruption de service.' } },
  { name: 'A13 iPhone « Voici la bonne version : »', group: 'correction', text: `Voici la bonne version :\n\nIndexation BRIN pour les séries temporelles\n\nLes index BRIN sont minuscules et très efficaces sur des données naturellement ordonnées. Retour sur 3 To de mesures IoT.\n\nEnvoyé de mon iPhone` + appleFr(), corrections: { title: 'Indexation BRIN pour les séries temporelles', abstract: 'Les index BRIN sont minuscules et très efficaces sur des données naturellement ordonnées. Retour sur 3 To de mesures IoT.' } },
  { name: 'A14 thunderbird en "Here is my corrected submission:" + -- sig', group: 'correction', text: `Hi,\n\nHere is my corrected submission:\n\nPostgres as a job queue with SKIP LOCKED\n\nWhy we dropped RabbitMQ for a plain table, and what broke along the way.\n\n-- \nJohn Smith\nSenior DBA, Foo Ltd` + tbEn(), corrections: { title: 'Postgres as a job queue with SKIP LOCKED', abstract: 'Why we dropped RabbitMQ for a plain table, and what broke along the way.' } },
  { name: "A15 en \"Here's the updated abstract:\" abstract only", group: 'correction', text: `Hi there,\n\nHere's the updated abstract:\n\n${ABS_EN}\n\nCheers,\nJohn` + gmailEn(), corrections: { abstract: ABS_EN } },
  { name: 'A16 « Voici le résumé corrigé, le titre ne change pas : »', group: 'correction', text: `Bonjour,\n\nVoici le résumé corrigé, le titre ne change pas :\n\n${ABS1}\n\nMerci,\nAnne` + gmailFr(), corrections: { abstract: ABS1 } },
  { name: 'A17 title only: « Petite erreur dans le titre, le bon est : »', group: 'correction', text: `Bonjour,\n\nPetite erreur dans le titre, le bon est :\n\nRéplication logique en production : retour d'expérience\n\nLe reste est inchangé.\n\nAnne` + gmailFr(), corrections: { title: "Réplication logique en production : retour d'expérience" }, keep: ['Le reste est inchangé'] },
  { name: 'A18 « Voici la version mise à jour : » abstract with bullets', group: 'correction', text: `Bonjour,\n\nVoici la version mise à jour :\n\nSupervision PostgreSQL avec Prometheus\n\nAu programme :\n- les métriques qui comptent vraiment\n- postgres_exporter et ses requêtes personnalisées\n- des alertes qui ne réveillent personne pour rien\n\nBonne soirée,\nAnne` + gmailFr(), corrections: { title: 'Supervision PostgreSQL avec Prometheus', abstract: "Au programme :\n- les métriques qui comptent vraiment\n- postgres_exporter et ses requêtes personnalisées\n- des alertes qui ne réveillent personne pour rien" } },
  { name: 'A19 en "New version:" title in "quotes" with colon', group: 'correction', text: `New version:\n\n"Postgres as a queue: SKIP LOCKED in practice"\n\nWhy we dropped RabbitMQ for a plain table, and what broke along the way.\n\nJohn` + gmailEn(), corrections: { title: 'Postgres as a queue: SKIP LOCKED in practice', abstract: 'Why we dropped RabbitMQ for a plain table, and what broke along the way.' } },
  { name: 'A20 en "Sorry, I messed up the first one. Here it is again:" whole proposal', group: 'message', text: `Hi,\n\nSorry, I messed up the first one. Here it is again:\n\nI'd like to give a talk titled "Zero-downtime major upgrades with logical replication".\n\n${ABS_EN}\n\nThe talk would take about 30 minutes.\n\nBest regards,\nJohn Smith` + gmailEn(), corrections: null, keep: ['Zero-downtime major upgrades'], note: 'nothing on the announcement names the proposal (« it »): relayed, like a second talk would be' },
  { name: 'A21 labelled Titre/Résumé then « Merci, Anne »', group: 'correction', text: `Titre : Réplication logique en production\n\nRésumé :\n${ABS1}\n\nMerci,\nAnne` + gmailFr(), corrections: { title: 'Réplication logique en production', abstract: ABS1 } },
  { name: 'A22 intro gives the duration « avec une durée de 20 minutes au lieu de 45 »', group: 'correction', text: `Bonjour,\n\nVoici la version corrigée, pour 20 minutes au lieu de 45 :\n\nRéplication logique en production\n\n${ABS1}\n\nAnne` + gmailFr(), corrections: { title: 'Réplication logique en production', abstract: ABS1, durationMinutes: 20 } },
  { name: 'A23 title ending with « ? »', group: 'correction', text: `Bonjour,\n\nVoici la version corrigée :\n\nFaut-il encore utiliser VACUUM FULL ?\n\nPetit tour des alternatives (pg_repack, pg_squeeze) et de leurs limites sur des tables de plusieurs centaines de Go.\n\nAnne` + gmailFr(), corrections: { title: 'Faut-il encore utiliser VACUUM FULL ?', abstract: 'Petit tour des alternatives (pg_repack, pg_squeeze) et de leurs limites sur des tables de plusieurs centaines de Go.' } },
  { name: 'A24 no blank line between title and abstract', group: 'correction', text: `Bonjour,\n\nVoici la nouvelle version :\nRéplication logique en production\nDepuis deux ans, nous utilisons la réplication logique pour migrer nos bases sans interruption de service.\n\nAnne` + gmailFr(), corrections: { title: 'Réplication logique en production', abstract: 'Depuis deux ans, nous utilisons la réplication logique pour migrer nos bases sans interruption de service.' } },
  { name: 'A25 intro and title on the same line', group: 'correction', text: `Bonjour,\n\nVoici la version corrigée : Réplication logique en production\n\n${ABS1}\n\nAnne` + gmailFr(), corrections: { title: 'Réplication logique en production', abstract: ABS1 } },
  { name: 'A26 « Désolé, mauvaise version du résumé. Voici la bonne : »', group: 'correction', text: `Hello,\n\nDésolée, je vous ai envoyé la mauvaise version du résumé. Voici la bonne :\n\n${ABS1}\n\nBonne journée,\nAnne` + gmailFr(), corrections: { abstract: ABS1 } },
  { name: 'A27 corrected proposal followed by a P.S. question', group: 'correction', text: `Bonjour,\n\nVoici la version corrigée :\n\nRéplication logique en production\n\n${ABS1}\n\nPS : est-ce que la salle a un vidéoprojecteur HDMI ?\n\nAnne` + gmailFr(), corrections: { title: 'Réplication logique en production', abstract: ABS1 }, keep: ['vidéoprojecteur'] },
  { name: 'A28 name without sign-off under the abstract', group: 'correction', text: `Voici la version corrigée :\n\nRéplication logique en production\n\n${ABS1}\n\nAnne Martin\nAcme` + gmailFr(), corrections: { title: 'Réplication logique en production', abstract: ABS1 } },
  { name: 'A29 « Ci-dessous la version finale. » + 20 min in the abstract', group: 'correction', text: `Bonjour,\n\nCi-dessous la version finale.\n\nRéplication logique en production\n\nUn talk de 20 minutes : ${ABS1}\n\nBien à vous,\nAnne Martin` + outlookFr(), corrections: { title: 'Réplication logique en production', abstract: `Un talk de 20 minutes : ${ABS1}`, durationMinutes: 20 } },
  { name: 'A30 outlook en "Please find below the amended version of my proposal."', group: 'correction', text: `Dear organizers,\n\nPlease find below the amended version of my proposal.\n\nZero-downtime major upgrades with logical replication\n\n${ABS_EN}\n\nKind regards,\nJohn Smith\nSenior DBA | Foo Ltd | +44 20 7946 0000` + outlookEn(), corrections: { title: 'Zero-downtime major upgrades with logical replication', abstract: ABS_EN } },

  { name: 'A31 « Je me suis trompée de résumé, voici le bon : »', group: 'correction', text: `Bonjour,\n\nJe me suis trompée de résumé, voici le bon :\n\n${ABS1}\n\nDésolée pour le dérangement,\nAnne` + outlookFr(), corrections: { abstract: ABS1 } },
  { name: "A32 trailing « N'hésitez pas si vous avez des questions. » before the sign-off", group: 'correction', text: `Bonjour,\n\nVoici la version corrigée :\n\nRéplication logique en production\n\n${ABS1}\n\nN'hésitez pas si vous avez des questions.\n\nBonne journée,\nAnne` + gmailFr(), corrections: { title: 'Réplication logique en production', abstract: ABS1 } },
  { name: 'A33 5-line signature without sign-off formula', group: 'correction', text: `Voici la version corrigée :\n\nRéplication logique en production\n\n${ABS1}\n\nAnne Martin\nAdministratrice de bases de données\nAcme SAS – 12 rue de la Paix, 75002 Paris\nTél. : 01 23 45 67 89\nhttps://acme.example` + outlookFr(), corrections: { title: 'Réplication logique en production', abstract: ABS1 } },
  { name: 'A34 intro, labelled title, unlabelled abstract', group: 'correction', text: `Bonjour,\n\nVoici la version corrigée :\n\nTitre : Réplication logique en production\n\n${ABS1}\n\nMerci,\nAnne` + gmailFr(), corrections: { title: 'Réplication logique en production', abstract: ABS1 } },
  { name: "A35 « Voici la version corrigée (j'ai surtout changé le résumé) : » title + abstract", group: 'correction', text: `Bonjour,\n\nVoici la version corrigée (j'ai surtout changé le résumé) :\n\nRéplication logique en production\n\n${ABS1}\n\nAnne` + gmailFr(), corrections: { title: 'Réplication logique en production', abstract: ABS1 } },
  { name: 'A36 en "Here\'s the updated proposal with a shorter abstract:" title + abstract', group: 'correction', text: `Hi,\n\nHere's the updated proposal with a shorter abstract:\n\nZero-downtime major upgrades with logical replication\n\n${ABS_EN}\n\nThanks!\nJohn` + gmailEn(), corrections: { title: 'Zero-downtime major upgrades with logical replication', abstract: ABS_EN } },

  // ===== (b) not corrections =====
  { name: 'B01 thanks', group: 'message', text: `Merci beaucoup ! Hâte d'y être.\n\nAnne` + gmailFr(), corrections: null, keep: [], note: 'thanks alone: nothing to relay' },
  { name: 'B02 « Merci ! » alone then a question', group: 'message', text: `Merci !\n\nPetite question : y aura-t-il un adaptateur USB-C pour le projecteur ?\n\nAnne` + gmailFr(), corrections: null, keep: ['USB-C'] },
  { name: 'B03 availability', group: 'message', text: `Bonjour,\n\nJe précise que je ne suis pas disponible en janvier, mais février ou mars me conviennent.\n\nBonne journée,\nAnne` + gmailFr(), corrections: null, keep: ['janvier'] },
  { name: 'B04 answer offering a shorter length', group: 'message', text: `Hello,\n\nOui, pas de souci pour réduire à 20 minutes, je couperai la partie démo.\n\nAnne` + gmailFr(), corrections: null, keep: ['20 minutes'] },
  { name: 'B05 remark on the title in a sentence', group: 'message', text: `Bonjour,\n\nJe me rends compte que le titre « Réplication logique en production » est un peu long ; si vous avez une meilleure idée, n'hésitez pas à le raccourcir.\n\nAnne` + gmailFr(), corrections: null, keep: ['raccourcir'] },
  { name: "B06 en \"I'll send the slides later\"", group: 'message', text: `Thanks! I'll send the slides a few days before the meetup.\n\nBest,\nJohn` + gmailEn(), corrections: null, keep: ['slides'] },
  { name: 'B07 out-of-office fr', group: 'message', text: `Bonjour,\n\nJe suis absente du bureau jusqu'au 7 décembre inclus, avec un accès limité à mes mails. Pour toute urgence, merci de contacter support@acme.example.\n\nCordialement,\nAnne Martin` + outlookFr(), corrections: null, keep: ['absente'] },
  { name: 'B08 out-of-office en', group: 'message', text: `Thank you for your email. I am out of the office until December 7th with limited access to email. For urgent matters, please contact ops@foo.example.\n\nKind regards,\nJohn Smith`, corrections: null, keep: ['out of the office'] },
  { name: 'B09 forward of the ack to a colleague (gmail fr), crieur in copy', group: 'message', text: `Paul, pour info : j'ai proposé notre talk sur la migration, tu es co-speaker. Tu peux vérifier que le résumé te va ?\n\n---------- Forwarded message ---------\nDe : PostgreSQL Paris <talks+s-p0007-3f9a@pgug.example.org>\nDate: lun. 30 nov. 2026 à 10:02\nSubject: [P-0007] Proposition reçue : ${ACK_TITLE}\nTo: Anne Martin <anne.martin@example.org>\n\n\n${ackFr()}\n`, corrections: null, keep: ['co-speaker'] },
  { name: 'B10 forward of the ack (Apple Mail « Début du message réexpédié »)', group: 'message', text: `Paul, voilà l'accusé de réception, tu es bien noté comme co-speaker ?\n\nAnne\n\nDébut du message réexpédié :\n\nDe: PostgreSQL Paris <talks+s-p0007-3f9a@pgug.example.org>\nObjet: [P-0007] Proposition reçue : ${ACK_TITLE}\nDate: 30 novembre 2026 à 10:02:11 UTC+1\nÀ: Anne Martin <anne.martin@example.org>\n\n${ackFr()}\n`, corrections: null, keep: ['co-speaker'] },
  { name: 'B11 question: will it be filmed', group: 'message', text: `Bonjour,\n\nEst-ce que la présentation sera filmée ? Si oui, je préfère ne pas montrer certaines slides avec des données clients.\n\nMerci,\nAnne` + gmailFr(), corrections: null, keep: ['filmée'] },
  { name: 'B12 add a co-speaker', group: 'message', text: `Bonjour,\n\nLe titre et le résumé sont corrects, mais j'aimerais ajouter un co-speaker : Paul Durand <paul.durand@example.org>.\n\nAnne` + gmailFr(), corrections: null, keep: ['Paul Durand'] },
  { name: 'B13 en offers a lightning talk instead', group: 'message', text: `Hi,\n\nYes, I can do a lightning talk instead if the agenda is full. 5 minutes is fine by me, I'd present just the cut-over part.\n\nJohn` + gmailEn(), corrections: null, keep: ['lightning'] },
  { name: 'B14 « Voici la nouvelle version de mes slides » + link', group: 'message', text: `Bonjour,\n\nVoici la nouvelle version de mes slides, avec les retours de Paul :\n\nhttps://speakerdeck.com/amartin/replication-logique\n\nBonne soirée,\nAnne` + gmailFr(), corrections: null, keep: ['speakerdeck'] },
  { name: 'B15 en "New version of the slides attached." + remark', group: 'message', text: `New version of the slides attached.\n\nI shortened the demo part so that it fits in 20 minutes.\n\nCheers,\nJohn` + gmailEn(), corrections: null, keep: ['slides'] },
  { name: 'B16 promises a corrected abstract later', group: 'message', text: `Bonjour,\n\nJe vous enverrai une version corrigée du résumé d'ici vendredi, je dois encore valider les chiffres avec mon employeur.\n\nAnne` + gmailFr(), corrections: null, keep: ['vendredi'] },
  { name: 'B17 en context about the talk + adaptable to 20 min', group: 'message', text: `Thanks for the quick acknowledgement!\n\nJust so you know, the talk is based on our migration at Foo Ltd, where we moved 40 databases from Oracle to PostgreSQL over 18 months. I can also adapt it to a 20-minute slot if needed.\n\nBest,\nJohn` + gmailEn(), corrections: null, keep: ['Oracle'] },
  { name: 'B18 a SECOND, different proposal in reply to the ack', group: 'message', text: `Merci !\n\nJ'ai aussi une autre idée, plus courte : je pourrais présenter un lightning talk intitulé « pg_stat_statements en 5 minutes », pour montrer comment trouver les requêtes lentes en un coup d'œil.\n\nAnne` + gmailFr(), corrections: null, keep: ['pg_stat_statements'], note: 'a new proposal, not a replacement of P-0007' },
  { name: 'B19 a SECOND proposal, no « Merci ! » line', group: 'message', text: `Bonjour,\n\nEn plus de ma proposition, je souhaiterais présenter un lightning talk intitulé « pg_stat_statements en 5 minutes ».\n\nJe montrerai comment trouver les requêtes lentes en un coup d'œil avec pg_stat_statements et un peu de SQL.\n\nAnne` + gmailFr(), corrections: null, keep: ['pg_stat_statements'], note: 'a new proposal, not a replacement of P-0007' },
  { name: 'B20 co-speaker says all good', group: 'message', text: `Bonjour, je suis Paul, le co-speaker d'Anne. Tout est bon pour moi, merci !\n\nPaul Durand` + gmailFr('Paul'), corrections: null, keep: ['co-speaker'] },
  { name: 'B21 en question mentioning the title', group: 'message', text: `Quick question: is "Zero-downtime upgrades" too close to last month's talk title? Happy to rename it if you think so.\n\nJohn` + gmailEn(), corrections: null, keep: ['rename'] },
  { name: 'B22 « Nouvelle version : » of the proposal subject? no — a remark that a new PG version is out', group: 'message', text: `Bonjour,\n\nNouvelle version de PostgreSQL oblige, je mettrai à jour la démo avec la 17.2.\n\nJ'aurai aussi quelques chiffres plus récents sur le retard de réplication.\n\nAnne` + gmailFr(), corrections: null, keep: ['17.2'] },
  { name: 'B23 explains what the talk will cover in reply (no title)', group: 'message', text: `Bonjour,\n\nPour info, je souhaiterais présenter surtout la partie supervision, car la partie migration a déjà été présentée l'an dernier par un collègue. Je peux faire le talk en 30 minutes.\n\nBonne journée,\nAnne` + gmailFr(), corrections: null, keep: ['supervision'] },
  { name: 'B24 iPhone short thanks + question', group: 'message', text: `Super merci ! Je dois venir à quelle heure ?\n\nEnvoyé de mon iPhone` + appleFr(), corrections: null, keep: ['quelle heure'] },
  { name: 'B25 « Voici ma proposition corrigée » but only a remark follows', group: 'message', text: `Bonjour,\n\nVoici ma nouvelle proposition de date : je préférerais passer en février plutôt qu'en janvier.\n\nAnne` + gmailFr(), corrections: null, keep: ['février'] },
  { name: 'B26 en thanks + "the final version of the abstract is fine"', group: 'message', text: `Hi,\n\nThe final version of the abstract looks good to me, thanks for cleaning it up!\n\nJohn` + gmailEn(), corrections: null, keep: ['looks good'] },
  { name: 'B27 « Ma dernière version du résumé était la bonne, merci »', group: 'message', text: `Bonjour,\n\nLa nouvelle version du résumé que vous avez reçue est la bonne, vous pouvez ignorer mon premier mail.\n\nMerci,\nAnne` + gmailFr(), corrections: null, keep: ['ignorer'] },
  { name: 'B28 « Voici ma nouvelle proposition de créneau : » + sentence', group: 'message', text: `Bonjour,\n\nVoici ma nouvelle proposition de créneau :\n\nje préférerais passer en février plutôt qu'en janvier, idéalement le 11.\n\nMerci !\nAnne` + gmailFr(), corrections: null, keep: ['février'] },
  { name: 'B29 en "Here is the new version of my bio for the website:"', group: 'message', text: `Hi,\n\nHere is the new version of my bio for the website:\n\nJohn Smith is a senior DBA at Foo Ltd, where he has been running PostgreSQL in production since 2014.\n\nCheers,\nJohn` + gmailEn(), corrections: null, keep: ['bio'], note: 'a bio is not the abstract' },
  { name: 'B30 « Nouvelle version de ma bio, comme demandé : »', group: 'message', text: `Bonjour,\n\nNouvelle version de ma bio, comme demandé :\n\nAnne Martin est administratrice de bases de données chez Acme depuis 2015. Elle contribue à pg_partman.\n\nAnne` + gmailFr(), corrections: null, keep: ['bio'] },
  { name: 'B31 « Voici la version finale de mes slides » + remark', group: 'message', text: `Bonjour,\n\nVoici la version finale de mes slides (en pièce jointe).\n\nJ'ai ajouté deux graphiques sur le retard de réplication, et retiré la démo en direct.\n\nBonne soirée,\nAnne` + gmailFr(), corrections: null, keep: ['slides', 'graphiques'] },
];


const opts = { timeZone: 'Europe/Paris', locale: 'fr' as const, now: new Date('2026-11-30T10:05:00Z'), role: 'speaker' as const };

describe('speakers\' replies to their acknowledgement', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = readCommands(c.text, opts);
    expect(r.commands).toEqual([]);
    expect(r.corrections).toEqual(c.corrections ?? {});
    for (const k of c.keep ?? []) expect(r.comment).toContain(k);
    if (c.corrections !== null && !c.keep) expect(r.comment).toBe('');
  });
});
