/**
 * The demo's inbox: a few messages as speakers and robots really send them — a French proposal from Thunderbird
 * in ISO-8859-1, an English lightning talk from Gmail, a two-speaker proposal with Cc, and the mail crieur must
 * never answer (an out-of-office, a bounce, a list post). Built as raw RFC 5322 bytes.
 */
import iconv from 'iconv-lite';

export interface Sample {
  name: string;
  raw: Buffer;
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

export function demoSamples(domain = 'pgug.example.org'): Sample[] {
  const to = `talks@${domain}`;
  return [
    {
      name: 'fr-partitionnement',
      raw: iconv.encode(
        crlf(`From: =?ISO-8859-1?Q?Jean_Dupr=E9?= <jean.dupre@exemple.fr>
To: ${to}
Subject: =?ISO-8859-1?Q?Proposition_de_conf=E9rence_:_Partitionnement_d=E9claratif_en_production?=
Date: Mon, 23 Nov 2026 09:12:00 +0100
Message-ID: <demo-fr-1@exemple.fr>
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-1; format=flowed
Content-Transfer-Encoding: 8bit
User-Agent: Mozilla/5.0 Thunderbird/128.0

Bonjour,

Je vous propose une présentation pour un prochain meetup.

Titre : Partitionnement déclaratif en production
Durée : une quarantaine de minutes
Résumé : Retour d'expérience sur la migration d'une table de 4 To vers le
partitionnement déclaratif : choix de la clé, détachement des partitions,
VACUUM et pièges des index globaux.

Cordialement,
--
Jean Dupré
DBA, Exemple SA
`),
        'latin1',
      ),
    },
    {
      name: 'en-lightning',
      raw: Buffer.from(
        crlf(`From: "Raman, Priya" <priya.raman@example.com>
To: ${to}
Subject: [LT] pg_stat_statements in five minutes
Date: Tue, 24 Nov 2026 18:30:00 +0000
Message-ID: <demo-en-1@example.com>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=UTF-8

Hi all,

I'd like to give a lightning talk at the next meetup: how to find your
slowest queries with pg_stat_statements, live, in five minutes.

I will give it in English.

Thanks,
Priya

--b1
Content-Type: text/html; charset=UTF-8

<div dir="ltr">Hi all,<br><br>I'd like to give a lightning talk at the next meetup: how to find your slowest queries with pg_stat_statements, live, in five minutes.<br><br>I will give it in English.<br><br>Thanks,<br>Priya</div>

--b1--
`),
      ),
    },
    {
      name: 'fr-two-speakers',
      raw: Buffer.from(
        crlf(`From: Claire Martin <claire.martin@exemple.org>
To: ${to}
Cc: Marc Petit <marc.petit@exemple.org>
Subject: Proposition de talk - =?UTF-8?Q?R=C3=A9plication_logique_=C3=A0_grande_=C3=A9chelle?=
Date: Wed, 25 Nov 2026 10:00:00 +0100
Message-ID: <demo-fr-2@exemple.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Bonjour,

Marc Petit et moi aimerions présenter ensemble notre migration vers la
réplication logique : 300 bases, zéro interruption.

Orateurs : Claire Martin <claire.martin@exemple.org>, Marc Petit <marc.petit@exemple.org>
Durée : 30 minutes

Claire
`),
      ),
    },
    {
      name: 'auto-reply',
      raw: Buffer.from(
        crlf(`From: Paul Durand <paul.durand@exemple.fr>
To: ${to}
Subject: =?UTF-8?Q?R=C3=A9ponse_automatique_:_absent_du_bureau?=
Date: Wed, 25 Nov 2026 11:00:00 +0100
Message-ID: <demo-auto-1@exemple.fr>
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=UTF-8

Je suis absent jusqu'au 2 décembre.
`),
      ),
    },
    {
      name: 'bounce',
      raw: Buffer.from(
        crlf(`From: Mail Delivery System <MAILER-DAEMON@mx.exemple.fr>
To: bounces@${domain}
Subject: Undelivered Mail Returned to Sender
Date: Wed, 25 Nov 2026 11:30:00 +0100
Message-ID: <demo-bounce-1@mx.exemple.fr>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"

--dsn
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.exemple.fr. Your message could not be delivered.

--dsn
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.exemple.fr

Final-Recipient: rfc822; ancien.orateur@exemple.fr
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <ancien.orateur@exemple.fr>: Recipient address rejected

--dsn--
`),
      ),
    },
    {
      name: 'list-post',
      raw: Buffer.from(
        crlf(`From: Someone <someone@example.net>
To: pgsql-fr-generale@lists.postgresql.example
Subject: Re: Question sur autovacuum
Date: Wed, 25 Nov 2026 12:00:00 +0100
Message-ID: <demo-list-1@example.net>
List-Id: <pgsql-fr-generale.lists.postgresql.example>
Precedence: list
Content-Type: text/plain; charset=UTF-8

Regardez autovacuum_vacuum_scale_factor.
`),
      ),
    },
  ];
}
