/**
 * crieur's acknowledgement as its text template lays it out (templates/ack.fr.txt, ack.en.txt, the proposal partial),
 * for the replies in tests that quote it. `signature` adds the layout's « -- » footer.
 */
export interface AckText {
  ref: string;
  name: string;
  title: string;
  abstract: string;
  speaker: string;
  received: string;
  signature?: boolean;
}

export function ackTextFr(a: AckText): string {
  return `Bonjour ${a.name},

Merci pour votre proposition ! Elle est enregistrée sous la référence
${a.ref}. Voici ce que nous en avons compris :

  Référence      : ${a.ref}
  Titre          : ${a.title}
  Format         : talk, 45 minutes
  Langue         : français
  Orateurs       :
    - ${a.speaker}
  Pièces jointes :
    aucune
  Reçue le       : ${a.received}

  Résumé :

${a.abstract}

Quelque chose ne va pas ? Répondez simplement à ce message avec la
proposition corrigée : elle remplacera celle-ci (même référence).

Pour retirer votre proposition, répondez avec le mot
« retirer » seul sur une ligne.

Les organisateurs vous écriront dès qu'ils auront pris leur décision.${a.signature ? '\n\n-- \nPostgreSQL Paris' : ''}`;
}

export function ackTextEn(a: AckText): string {
  return `Hello ${a.name},

Thank you for your proposal! It is filed as ${a.ref}. Here is what we
understood:

  Reference   : ${a.ref}
  Title       : ${a.title}
  Format      : talk, 45 minutes
  Language    : English
  Speakers    :
    - ${a.speaker}
  Attachments :
    none
  Received    : ${a.received}

  Abstract:

${a.abstract}

Something wrong? Just reply to this message with the corrected proposal:
it will replace this one (same reference).

To withdraw your proposal, reply with the word "withdraw" alone
on a line.

The organizers will write to you as soon as they have decided.${a.signature ? '\n\n-- \nPostgreSQL Paris' : ''}`;
}
