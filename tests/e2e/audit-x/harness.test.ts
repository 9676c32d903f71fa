/**
 * Held-out audit X of replies by email: a scoring harness, not a regression suite (skipped unless AUDIT_X_BATCH
 * names a TSV beside it). Each row, written with its expected outcome before the command reader was read, is
 * answered to crieur's real notice / acknowledgement / decision mail as a mail client writes it (Gmail web and
 * Android, Outlook desktop HTML only, OWA, Apple Mail / iPhone, Thunderbird, K-9, Proton, Yahoo, Zimbra), with a
 * real token (or a forged, foreign or expired one), through Dovecot, the workers and PGlite; the proposal's state,
 * the event's date, the speaker's mail and the transcript are compared with the row. Audit AA adds iPhone Mail quoting
 * « crieur <…> », Roundcube, SOGo (HTML only), FairEmail, Outlook on the web in French and Outlook for iOS. Results go to
 * /tmp/audit-x/<batch>.results.tsv and every reply's raw message to /tmp/audit-x/<batch>/<id>.eml (for
 * `crieur parse --json`). Audit AB adds Windows-1252 bodies (Outlook desktop's multipart, a plain 8-bit client), a speaker's
 * reply to a scheduled talk (setup spk-sch), a speaker replying with another speaker's token (foreign-spk) or an expired
 * one (expired-spk), and the checks reached=dim (a mail to the organizers) and answered=no-jean (nothing to the speaker);
 * noreason=TEXT: TEXT in no mail to the speaker (a paragraph under a bare decline is the organizers' comment).
 * Audit AC adds Spark, Mailspring, Evolution (bottom-posted), mutt / neomutt (bottom, top and inline), Outlook for Mac,
 * Gmail's reply-all (Cc), Samsung Email and Yahoo Mail on Android; setups ending in -en (the proposal filed in English);
 * new-mail (the token address in a new mail, no In-Reply-To) and quoted-token (to the group's address, the token only
 * in the quote), from the row's sender, to the organizers' notice or, for spk-* setups, to the speaker's mail.
 * Audit AD adds Proton Mail web (HTML only), Fastmail, the Gmail iOS app, Outlook for iOS / Android in English, an iPad
 * (« Envoyé de mon iPad »), Apple Mail on macOS and Thunderbird sending HTML only, Roundcube in English, Zimbra composing
 * in HTML, HCL (Lotus) Notes' header block and Outlook desktop in plain text (« -----Message d'origine----- »).
 * Audit AE adds Yahoo Mail web in HTML only, GMX / Web.de (the header block opening on its date), Orange webmail (« > Message
 * du … »), eM Client, HEY, Superhuman, mutt with a French attribution, Thunderbird for Android, the notice quoted twice
 * (twice), an earlier decision in the quote (old-decision), a forward answered by another organizer with the forwarder's
 * token in Cc (fwd-answered), Exchange's French out-of-office and a responder with no auto-reply header.
 * Audit AF adds Claws Mail (its attribution on two lines), KMail (bottom-posted), Zoho Mail (« ---- Le … a écrit --- »), Tuta
 * (HTML only, « 3 déc. 2026, 09:12 de … : »), Courrier pour Windows (« Envoyé le : », a From with no address), BlueMail,
 * Nextcloud Mail (no « a écrit »), OX App Suite (the attribution quoted), Thunderbird in Canadian French (« 2026-12-03 à 09 h
 * 12 »), Outlook on the web in plain text, Alpine, and the setup sch (a talk scheduled on the 28 January meetup, the
 * organizer replying to the notice).
 *   AUDIT_X_BATCH=batch1 npx vitest run tests/e2e/audit-x/harness.test.ts
 */
import { mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { hardWrap } from '../../support/wrap.ts';
import { quiet, sentTo, useLiveImap, waitFor, TEST_SECRET, PROPOSALS, type SentMail } from '../../support/pipeline.ts';
import { DIM, fileProposal, JEAN, send, type Filed } from '../../support/commands.ts';
import { mintToken, findTokens } from '../../../src/core/tokens.ts';
import { quotedPrintable } from '../../support/quoted-printable.ts';

const BATCH = process.env.AUDIT_X_BATCH;
const HERE = fileURLToPath(new URL('./', import.meta.url));
const OUT = '/tmp/audit-x';
const MX = 'mx.pgug.example.org';

interface Row {
  id: string;
  setup: string;
  client: string;
  sender: string;
  body: string;
  status: string;
  more: string;
}
const rows: Row[] = BATCH
  ? readFileSync(`${HERE}${BATCH}.tsv`, 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => {
        const [id, setup, client, sender, body, status, more] = l.split('\t');
        return { id: id!, setup: setup!, client: client!, sender: sender!, body: body!.replace(/\\n/g, '\n'), status: status!, more: more ?? '' };
      })
  : [];
const ONLY = process.env.AUDIT_X_ROWS?.split(',');
if (ONLY) rows.splice(0, rows.length, ...rows.filter((r) => ONLY.includes(r.id)));

const FROM: Record<string, string> = {
  dim: 'Dimitri Fontaine <dim@example.org>',
  orga2: 'Lucie Martin <orga2@example.org>',
  jean: 'Jean Dupont <jean.dupont@example.fr>',
  mallory: 'Mallory Durand <mallory@example.net>',
  mailer: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>',
};

// ------------------------------------------------------------------------------------------ MIME writing
/** Outlook desktop's HTML (Word's): the typed lines, its header block `h` over the original `o`, no « > ». */
function outlookHtml(typed: string, h: string, o: string): string {
  const p = (l: string) => `<p class="MsoNormal">${l ? esc(l) : '&nbsp;'}<o:p></o:p></p>`;
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name="Generator" content="Microsoft Word 15 (filtered medium)"></head><body lang="FR"><div class="WordSection1">
${typed.split('\n').map(p).join('\n')}
${p('')}
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal">${h}<o:p></o:p></p></div>
${p('')}
${o.split('\n').map(p).join('\n')}
</div></body></html>`;
}

interface Part {
  type: 'text/plain' | 'text/html';
  body: string;
  flowed?: boolean;
  cte?: 'quoted-printable' | 'base64' | '8bit';
  /** audit AB: the part in Windows-1252 (Outlook desktop and older clients in French Windows) */
  cp1252?: boolean;
}
interface Spec {
  from: string;
  to: string;
  subject: string;
  inReplyTo?: string | null;
  references?: string[];
  headers?: string[];
  parts: Part[];
  raw?: string;
  /** audit Z: what the receiving host (mx.pgug.example.org, trusted: commands.requireDkim) says of the From domain */
  auth?: 'pass' | 'fail';
}
const qp = (s: string): string => quotedPrintable(Buffer.from(s.replace(/\r?\n/g, '\n'), 'utf8'));
const hdr = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);
function authResults(from: string, auth: 'pass' | 'fail'): string {
  const d = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'example.org';
  return auth === 'pass'
    ? `Authentication-Results: ${MX}; dkim=pass header.d=${d}; spf=pass smtp.mailfrom=${d}; dmarc=pass header.from=${d}`
    : `Authentication-Results: ${MX}; dkim=none; spf=fail smtp.mailfrom=${d}; dmarc=fail (p=none) header.from=${d}`;
}
// Windows-1252's 0x80–0x9F; other characters above U+00FF become « ? », as a client that cannot write them does
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
function cp1252(s: string): Buffer {
  return Buffer.from(Array.from(s.replace(/\r?\n/g, '\r\n'), (ch) => {
    const c = ch.codePointAt(0)!;
    const i = CP1252.indexOf(ch);
    return i >= 0 && c > 0xff ? 0x80 + i : c <= 0xff && (c < 0x80 || c > 0x9f) ? c : 0x3f;
  }));
}
function partOut(p: Part): string[] {
  const cte = p.cte ?? 'quoted-printable';
  if (p.cp1252) {
    const bytes = cp1252(p.body);
    const body = cte === '8bit' ? bytes.toString('latin1') : quotedPrintable(bytes);
    return [`Content-Type: ${p.type}; charset="windows-1252"${p.flowed ? '; format=flowed' : ''}`, `Content-Transfer-Encoding: ${cte}`, '', body, ''];
  }
  const body = cte === 'base64' ? (Buffer.from(p.body, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n') : cte === '8bit' ? Buffer.from(p.body.replace(/\r?\n/g, '\r\n'), 'utf8').toString('latin1') : qp(p.body);
  return [`Content-Type: ${p.type}; charset="utf-8"${p.flowed ? '; format=flowed' : ''}`, `Content-Transfer-Encoding: ${cte}`, '', body, ''];
}
function mime(s: Spec): { raw: Buffer; messageId: string } {
  const messageId = `<audit-x-${randomBytes(6).toString('hex')}@mail.example>`;
  const head = [
    `From: ${hdr(s.from)}`,
    `To: ${s.to}`,
    `Subject: ${hdr(s.subject)}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    ...(s.inReplyTo ? [`In-Reply-To: ${s.inReplyTo}`] : []),
    ...(s.references?.length ? [`References: ${s.references.join(' ')}`] : []),
    authResults(s.from, s.auth ?? 'pass'),
    ...(s.headers ?? []),
    'MIME-Version: 1.0',
  ];
  let rest: string[];
  if (s.raw) rest = [s.raw];
  else if (s.parts.length === 1) rest = partOut(s.parts[0]!);
  else {
    const b = `----=_Part_${randomBytes(6).toString('hex')}`;
    rest = [`Content-Type: multipart/alternative; boundary="${b}"`, '', ''];
    for (const p of s.parts) rest.push(`--${b}`, ...partOut(p));
    rest.push(`--${b}--`, '');
  }
  return { raw: Buffer.from([...head, ...rest].join('\r\n'), 'latin1'), messageId };
}

// ------------------------------------------------------------------------------------------ clients
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const quote = (t: string) =>
  t
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
const tokenAddress = (m: SentMail) => m.mail.replyTo[0]?.email ?? m.mail.from!.email;
const thread = (m: SentMail) => ({ inReplyTo: m.mail.messageId, references: [...m.mail.references, m.mail.messageId!] });
const orig = (m: SentMail) => (m.mail.text ?? '').replace(/\r\n/g, '\n');
const htmlLines = (t: string, tag = 'div') =>
  t
    .split('\n')
    .map((l) => `<${tag}>${l ? esc(l) : '<br>'}</${tag}>`)
    .join('');

function client(name: string, m: SentMail, typed: string, from: string): { raw: Buffer; messageId: string } {
  const sender = `PostgreSQL Paris <${tokenAddress(m)}>`;
  const base = { from, to: tokenAddress(m), subject: `Re: ${m.mail.subject}`, ...thread(m) };
  const o = orig(m);
  switch (name) {
    case 'gmail-fr':
    case 'gmail-en': {
      const attr = name === 'gmail-en' ? `On Thu, Nov 28, 2013 at 7:00 PM ${sender} wrote:` : `Le jeu. 28 nov. 2013 à 19:00, ${sender} a écrit :`;
      const text = `${hardWrap(typed)}\n\n${hardWrap(attr)}\n\n${quote(o)}\n`;
      const html = `<div dir="ltr">${htmlLines(typed)}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">${esc(attr)}<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${esc(o).replace(/\n/g, '<br>')}</blockquote></div>`;
      return mime({ ...base, parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'gmail-android': {
      const attr = `Le jeu. 28 nov. 2013, 19:00, ${sender} a écrit :`;
      const text = `${typed}\n\n${hardWrap(attr)}\n\n${quote(o)}\n`;
      const html = `<div dir="auto">${esc(typed).replace(/\n/g, '<div dir="auto"><br></div>')}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">${esc(attr)}<br></div><blockquote class="gmail_quote">${esc(o).replace(/\n/g, '<br>')}</blockquote></div>`;
      return mime({ ...base, parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'outlook-fr':
    case 'outlook-en': {
      const en = name === 'outlook-en';
      const h = en
        ? `<b>From:</b> ${esc(sender)}<br><b>Sent:</b> Thursday, November 28, 2013 7:00 PM<br><b>To:</b> Dimitri Fontaine &lt;dim@example.org&gt;<br><b>Subject:</b> ${esc(m.mail.subject)}`
        : `<b>De&nbsp;:</b> ${esc(sender)}<br><b>Envoyé&nbsp;:</b> jeudi 28 novembre 2013 19:00<br><b>À&nbsp;:</b> Dimitri Fontaine &lt;dim@example.org&gt;<br><b>Objet&nbsp;:</b> ${esc(m.mail.subject)}`;
      const html = outlookHtml(typed, h, o);
      return mime({ ...base, subject: `RE: ${m.mail.subject}`, headers: ['Thread-Topic: x', 'X-MS-Has-Attach:'], parts: [{ type: 'text/html', body: html }] });
    }
    case 'outlook-fr-txt': {
      // audit Z: Outlook desktop as it sends (multipart/alternative): its plain part quotes with no « > », under « De : … Envoyé : … »
      const h = `<b>De&nbsp;:</b> ${esc(sender)} <br><b>Envoyé&nbsp;:</b> jeudi 28 novembre 2026 10:12<br><b>À&nbsp;:</b> Dimitri Fontaine &lt;dim@example.org&gt;<br><b>Objet&nbsp;:</b> ${esc(m.mail.subject)}`;
      const html = outlookHtml(typed, h, o);
      const text = `${typed}\n\nDe : ${sender} \nEnvoyé : jeudi 28 novembre 2026 10:12\nÀ : Dimitri Fontaine <dim@example.org>\nObjet : ${m.mail.subject}\n\n${o}\n`;
      return mime({ ...base, subject: `RE: ${m.mail.subject}`, headers: ['Thread-Topic: x', 'Thread-Index: AdsAuditZ', 'X-MS-Has-Attach:', 'X-Mailer: Microsoft Outlook 16.0'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'thunderbird-html': {
      // audit Z: Thunderbird composing in HTML (its default): a flowed plain part and the HTML, « Le 28/11/2026 à 10:12, crieur a écrit : »
      const attr = `Le 28/11/2026 à 10:12, crieur a écrit :`;
      const flowed = typed
        .split('\n')
        .map((l) => hardWrap(l, 72).split('\n').join(' \n'))
        .join('\n');
      const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body><p>${esc(typed).replace(/\n\n/g, '</p><p>').replace(/\n/g, '<br>')}</p><div class="moz-cite-prefix">${esc(attr).replace(' :', '&nbsp;:')}<br></div><blockquote type="cite" cite="mid:${esc(m.mail.messageId ?? '')}"><pre class="moz-quote-pre" wrap="">${esc(o)}</pre></blockquote></body></html>`;
      return mime({ ...base, headers: ['User-Agent: Mozilla Thunderbird'], parts: [{ type: 'text/plain', body: `${flowed}\n\n${attr}\n${quote(o)}\n`, flowed: true }, { type: 'text/html', body: html }] });
    }
    case 'owa-en': {
      const html = `<html><head></head><body><div style="font-family: Aptos, sans-serif; font-size: 12pt;">${htmlLines(typed)}</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif"><b>From:</b> ${esc(sender)}<br><b>Sent:</b> Thursday, November 28, 2013 19:00<br><b>To:</b> Dimitri Fontaine &lt;dim@example.org&gt;<br><b>Subject:</b> ${esc(m.mail.subject)}</font><div>&nbsp;</div></div><div>${esc(o).replace(/\n/g, '<br>')}</div></body></html>`;
      return mime({ ...base, subject: `RE: ${m.mail.subject}`, parts: [{ type: 'text/html', body: html, cte: 'base64' }] });
    }
    case 'apple-fr':
    case 'apple-en':
    case 'iphone-fr':
    case 'iphone-en': {
      const en = name.endsWith('en');
      const iphone = name.startsWith('iphone');
      const attr = en ? `On 28 Nov 2013, at 19:00, ${sender} wrote:` : `Le 28 nov. 2013 à 19:00, ${sender} a écrit :`;
      const sig = iphone ? (en ? '\n\nSent from my iPhone' : '\n\nEnvoyé de mon iPhone') : '';
      const text = iphone ? `${typed}${sig}\n\n> ${attr}\n> \n${quote(o)}\n` : `${typed}\n\n${attr}\n\n${quote(o)}\n`;
      const html = `<html><body dir="auto">${htmlLines(typed)}<div><br>${iphone ? `<div dir="ltr">${sig.trim()}</div>` : ''}<blockquote type="cite"><div>${esc(attr)}</div><br><div>${esc(o).replace(/\n/g, '<br>')}</div></blockquote></div></body></html>`;
      return mime({ ...base, headers: [iphone ? 'X-Mailer: iPhone Mail (21G93)' : 'X-Mailer: Apple Mail (2.3774.600.62)'], parts: [{ type: 'text/plain', body: text, flowed: true }, { type: 'text/html', body: html }] });
    }
    case 'thunderbird': {
      const attr = `Le 28/11/2013 à 19:00, PostgreSQL Paris a écrit :`;
      const flowed = typed
        .split('\n')
        .map((l) => hardWrap(l, 72).split('\n').join(' \n'))
        .join('\n');
      return mime({ ...base, headers: ['User-Agent: Mozilla Thunderbird'], parts: [{ type: 'text/plain', body: `${flowed}\n\n${attr}\n${quote(o)}\n`, flowed: true, cte: '8bit' }] });
    }
    case 'k9': {
      const text = `${typed}\n-- \nEnvoyé de mon appareil Android avec K-9 Mail. Veuillez excuser ma brièveté.\n\nLe 28 novembre 2013 19:00:11 GMT+01:00, ${sender} a écrit :\n${quote(o)}\n`;
      return mime({ ...base, headers: ['User-Agent: K-9 Mail for Android'], parts: [{ type: 'text/plain', body: text }] });
    }
    case 'proton-fr':
    case 'proton-en': {
      const en = name.endsWith('en');
      const attr = en ? `On Thursday, November 28th, 2013 at 19:00, ${sender} wrote:` : `Le jeudi 28 novembre 2013 à 19:00, ${sender} a écrit :`;
      const sig = en ? 'Sent with Proton Mail secure email.' : 'Envoyé avec la messagerie sécurisée Proton Mail.';
      const text = `${typed}\n\n${sig}\n\n------- Original Message -------\n${attr}\n\n\n${quote(o)}\n`;
      const html = `<div style="font-family: Arial, sans-serif; font-size: 14px;">${htmlLines(typed)}</div><div class="protonmail_signature_block"><div class="protonmail_signature_block-proton">${sig}</div></div><div class="protonmail_quote">------- Original Message -------<br>${esc(attr)}<br><br><blockquote class="protonmail_quote" type="cite">${esc(o).replace(/\n/g, '<br>')}</blockquote><br></div>`;
      return mime({ ...base, parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'yahoo-fr': {
      const attr = `Le jeudi 28 novembre 2013 à 19:00:00 UTC+1, PostgreSQL Paris <${tokenAddress(m)}> a écrit :`;
      const text = `${typed}\n\n    ${attr}  \n \n${o
        .split('\n')
        .map((l) => `${l}`)
        .join('\n')}\n`;
      const html = `<html><body><div class="ydp-container">${htmlLines(typed)}</div><div id="yahoo_quoted_1" class="yahoo_quoted"><div>${esc(attr)}</div><div><br></div><div>${esc(o).replace(/\n/g, '<br>')}</div></div></body></html>`;
      return mime({ ...base, parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'zimbra-fr': {
      const text = `${typed}\n\n----- Mail original -----\nDe: "PostgreSQL Paris" <${tokenAddress(m)}>\nÀ: "Dimitri Fontaine" <dim@example.org>\nEnvoyé: Jeudi 28 Novembre 2013 19:00:00\nObjet: ${m.mail.subject}\n\n${o}\n`;
      return mime({ ...base, headers: ['X-Mailer: Zimbra 9.0.0_GA_4546 (ZimbraWebClient - FF120 (Linux)/9.0.0_GA_4546)'], parts: [{ type: 'text/plain', body: text }] });
    }
    case 'inline': {
      const lines = o.split('\n');
      const text = `Le 28/11/2013 à 19:00, PostgreSQL Paris a écrit :\n${quote(lines.slice(0, 4).join('\n'))}\n\n${typed}\n\n${quote(lines.slice(4).join('\n'))}\n`;
      return mime({ ...base, headers: ['User-Agent: Mozilla Thunderbird'], parts: [{ type: 'text/plain', body: text, flowed: true }] });
    }
    case 'bottom-fr':
    case 'bottom-en': {
      // bottom-posting (Thunderbird, mutt, some Android clients set so): the whole quote, then the reply under it
      const attr = name === 'bottom-en' ? `On 28/11/2013 19:00, PostgreSQL Paris wrote:` : `Le 28/11/2013 à 19:00, PostgreSQL Paris a écrit :`;
      return mime({ ...base, headers: ['User-Agent: Mozilla Thunderbird'], parts: [{ type: 'text/plain', body: `${attr}\n${quote(o)}\n\n${typed}\n`, flowed: true }] });
    }
    // audit AA: clients the earlier batches did not write
    case 'iphone-fr-crieur': {
      // iPhone Mail as it quotes a mail of December 2026: « Le 3 déc. 2026 à 09:12, crieur <…> a écrit : » under the signature
      const attr = `Le 3 déc. 2026 à 09:12, crieur <${tokenAddress(m)}> a écrit :`;
      const text = `${typed}\n\nEnvoyé de mon iPhone\n\n> ${attr}\n> \n${quote(o)}\n`;
      const html = `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">${htmlLines(typed)}<div dir="ltr"><br><div dir="ltr">Envoyé de mon iPhone</div><div dir="ltr"><br><blockquote type="cite">${esc(attr)}<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">${esc(o).replace(/\n/g, '<br>')}</div></blockquote></div></body></html>`;
      return mime({ ...base, headers: ['X-Mailer: iPhone Mail (22B91)'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'roundcube-fr': {
      // Roundcube 1.6, plain text, set to reply above the quote; its signature under « -- »
      const attr = `Le 2026-12-03 09:12, ${m.mail.from?.name ?? 'crieur'} a écrit :`;
      const flowed = typed
        .split('\n')
        .map((l) => hardWrap(l, 72).split('\n').join(' \n'))
        .join('\n');
      return mime({ ...base, headers: ['User-Agent: Roundcube Webmail/1.6.9'], parts: [{ type: 'text/plain', body: `${flowed}\n\n${attr}\n${quote(o)}\n`, flowed: true }] });
    }
    case 'sogo-fr': {
      // SOGo 5 composing in HTML: HTML only, « Le jeudi, décembre 03, 2026 09:12 CET, "…" <…> a écrit: » over a cite blockquote
      const attr = `Le jeudi, décembre 03, 2026 09:12 CET, "${m.mail.from?.name ?? 'crieur'}" <${tokenAddress(m)}> a écrit:`;
      const html = `<html><head><meta http-equiv="content-type" content="text/html; charset=UTF-8"></head><body>${typed
        .split('\n\n')
        .map((para) => `<p>${esc(para).replace(/\n/g, '<br>')}</p>`)
        .join('')}<p>${esc(attr)}</p><blockquote type="cite"><div class="moz-text-plain"><pre>${esc(o)}</pre></div></blockquote></body></html>`;
      return mime({ ...base, headers: ['User-Agent: SOGoMail 5.10.0'], parts: [{ type: 'text/html', body: html }] });
    }
    case 'fairemail': {
      // FairEmail (Android): multipart/alternative, the quote in a styled blockquote and its plain rendering with « > »
      const attr = `Le 3 décembre 2026 09:12:40 UTC+01:00, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit :`;
      const text = `${typed}\n\n${attr}\n${quote(o)}\n`;
      const html = `<!DOCTYPE html><html><head></head><body><div dir="auto">${esc(typed).replace(/\n/g, '<br>')}</div><br><div><p>${esc(attr)}</p><blockquote style="margin:0 0 0 3px;border-left:3px solid #0099cc;padding-left:6px">${esc(o).replace(/\n/g, '<br>')}</blockquote></div></body></html>`;
      return mime({ ...base, headers: ['User-Agent: FairEmail/1.2250'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'owa-fr': {
      // Outlook on the web in French: HTML only (base64), « De : … Envoyé : … » under a rule
      const html = `<html><head></head><body><div style="font-family: Aptos, sans-serif; font-size: 12pt;">${htmlLines(typed)}</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif"><b>De :</b> ${esc(sender)}<br><b>Envoyé :</b> jeudi 3 décembre 2026 09:12<br><b>À :</b> Dimitri Fontaine &lt;dim@example.org&gt;<br><b>Objet :</b> ${esc(m.mail.subject)}</font><div>&nbsp;</div></div><div>${esc(o).replace(/\n/g, '<br>')}</div></body></html>`;
      return mime({ ...base, subject: `RE: ${m.mail.subject}`, parts: [{ type: 'text/html', body: html, cte: 'base64' }] });
    }
    case 'outlook-ios-fr': {
      // Outlook for iOS: « Obtenir Outlook pour iOS », a rule of underscores, the header block, the original unquoted
      const text = `${typed}\n\nObtenir Outlook pour iOS<https://aka.ms/o0ukef>\n________________________________\nDe : ${sender}\nEnvoyé : Thursday, December 3, 2026 9:12:45 AM\nÀ : Dimitri Fontaine <dim@example.org>\nObjet : ${m.mail.subject}\n\n${o}\n`;
      const html = `<html><head></head><body><div dir="auto">${htmlLines(typed)}</div><div dir="auto"><br></div><div class="ms-outlook-mobile-signature">Obtenir <a href="https://aka.ms/o0ukef">Outlook pour iOS</a></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif"><b>De :</b> ${esc(sender)}<br><b>Envoyé :</b> Thursday, December 3, 2026 9:12:45 AM<br><b>À :</b> Dimitri Fontaine &lt;dim@example.org&gt;<br><b>Objet :</b> ${esc(m.mail.subject)}</font><div>&nbsp;</div></div><div>${esc(o).replace(/\n/g, '<br>')}</div></body></html>`;
      return mime({ ...base, subject: `RE: ${m.mail.subject}`, parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    // audit AB: Windows-1252 bodies
    case 'outlook-1252': {
      // Outlook desktop in French Windows: multipart/alternative, both parts windows-1252 quoted-printable
      const h = `<b>De&nbsp;:</b> ${esc(sender)} <br><b>Envoyé&nbsp;:</b> jeudi 3 décembre 2026 10:12<br><b>À&nbsp;:</b> Dimitri Fontaine &lt;dim@example.org&gt;<br><b>Objet&nbsp;:</b> ${esc(m.mail.subject)}`;
      const html = outlookHtml(typed, h, o);
      const text = `${typed}\n\nDe : ${sender} \nEnvoyé : jeudi 3 décembre 2026 10:12\nÀ : Dimitri Fontaine <dim@example.org>\nObjet : ${m.mail.subject}\n\n${o}\n`;
      return mime({ ...base, subject: `RE: ${m.mail.subject}`, headers: ['Thread-Topic: x', 'X-MS-Has-Attach:', 'X-Mailer: Microsoft Outlook 16.0'], parts: [{ type: 'text/plain', body: text, cp1252: true }, { type: 'text/html', body: html, cp1252: true }] });
    }
    case 'plain-1252': {
      // an older plain-text client (The Bat!, Eudora, Claws on Windows): 8-bit windows-1252, « > » quoting
      const attr = `Le 03/12/2026 10:12, crieur a écrit :`;
      return mime({ ...base, headers: ['X-Mailer: The Bat! (v10.5.3) Professional'], parts: [{ type: 'text/plain', body: `${typed}\n\n${attr}\n${quote(o)}\n`, cte: '8bit', cp1252: true }] });
    }
    // audit AC: clients the earlier batches did not write
    case 'spark-en': {
      // Spark (Readdle): multipart/alternative, « On 3 Dec 2026, 09:12 +0100, crieur <…>, wrote: » over « > » quoting
      const attr = `On 3 Dec 2026, 09:12 +0100, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}>, wrote:`;
      const text = `${typed}\n\n${attr}\n${quote(o)}\n`;
      const html = `<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body><div name="messageBodySection"><div dir="auto">${esc(typed).replace(/\n/g, '<br />')}</div></div><div name="messageReplySection">${esc(attr)}<br /><blockquote type="cite" class="spark_quote" style="margin: 5px 5px; padding-left: 10px; border-left: thin solid #1abc9c;">${esc(o).replace(/\n/g, '<br />')}</blockquote></div></body></html>`;
      return mime({ ...base, headers: ['X-Readdle-Message-ID: a1b2c3@Spark'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'mailspring': {
      // Mailspring: multipart/alternative, its quote under a « gmail_quote_attribution » div, the plain part rendered from it
      const attr = `On Dec 3 2026, at 9:12 am, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> wrote:`;
      const text = `${typed}\n\n${attr}\n${quote(o)}\n`;
      const html = `<div>${esc(typed).replace(/\n/g, '<br>')}</div><br><div class="gmail_quote_attribution">${esc(attr)}</div><blockquote><div>${esc(o).replace(/\n/g, '<br>')}</div></blockquote><img class="mailspring-open" alt="Sent from Mailspring" width="0" height="0" style="border:0; width:0; height:0;" src="https://link.getmailspring.com/open/x">`;
      return mime({ ...base, headers: ['X-Mailer: Mailspring'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'evolution-fr': {
      // GNOME Evolution in its default: the attribution and the quote first, the reply under it, its signature under « -- »
      const attr = `Le jeudi 03 décembre 2026 à 09:12 +0100, ${m.mail.from?.name ?? 'crieur'} a écrit :`;
      return mime({ ...base, headers: ['X-Mailer: Evolution 3.50.3-1'], parts: [{ type: 'text/plain', body: `${attr}\n${quote(o)}\n\n${typed}\n-- \nDimitri Fontaine\n`, cte: '8bit' }] });
    }
    case 'mutt':
    case 'mutt-top': {
      // mutt / neomutt: plain text, « On Thu, Dec 03, 2026 at 09:12:40AM +0100, crieur wrote: » and « > » quoting; bottom-posted
      // unless -top; the writer's « -- » signature is part of what is typed
      const attr = `On Thu, Dec 03, 2026 at 09:12:40AM +0100, ${m.mail.from?.name ?? 'crieur'} wrote:`;
      const body = name === 'mutt' ? `${attr}\n${quote(o)}\n\n${typed}\n` : `${typed}\n\n${attr}\n${quote(o)}\n`;
      return mime({ ...base, headers: ['User-Agent: NeoMutt/20240425'], parts: [{ type: 'text/plain', body, cte: '8bit' }] });
    }
    case 'mutt-inline': {
      // an inline reply in mutt: the typed lines between the quote's first paragraph and the rest
      const attr = `On Thu, Dec 03, 2026 at 09:12:40AM +0100, ${m.mail.from?.name ?? 'crieur'} wrote:`;
      const lines = o.replace(/\n+$/, '').split('\n');
      let cut = lines.findIndex((l, i) => i > 1 && !l.trim());
      if (cut < 0) cut = 2;
      const body = `${attr}\n${quote(lines.slice(0, cut).join('\n'))}\n\n${typed}\n\n${quote(lines.slice(cut + 1).join('\n'))}\n`;
      return mime({ ...base, headers: ['User-Agent: NeoMutt/20240425'], parts: [{ type: 'text/plain', body, cte: '8bit' }] });
    }
    case 'outlook-mac-fr':
    case 'outlook-mac-en': {
      // Outlook for Mac: multipart/alternative, its header block (« De : … Date : … ») with no « > », under the reply
      const en = name.endsWith('en');
      const h = en
        ? `From: ${sender}\nDate: Thursday, 3 December 2026 at 09:12\nTo: Dimitri Fontaine <dim@example.org>\nSubject: ${m.mail.subject}`
        : `De : ${sender}\nDate : jeudi, 3 décembre 2026 à 09:12\nÀ : Dimitri Fontaine <dim@example.org>\nObjet : ${m.mail.subject}`;
      const text = `${typed}\n\n${h}\n\n${o}\n`;
      const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name="Generator" content="Microsoft Word 15 (filtered medium)"></head><body><div class="WordSection1">${typed.split('\n').map((l) => `<p class="MsoNormal"><span style="font-size:11.0pt">${l ? esc(l) : '&nbsp;'}<o:p></o:p></span></p>`).join('')}<p class="MsoNormal">&nbsp;</p><div id="mail-editor-reference-message-container"><div class="ms-outlook-mac-reply"><div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal">${esc(h).replace(/\n/g, '<br>')}</p></div><div><p class="MsoNormal">&nbsp;</p></div>${esc(o).replace(/\n/g, '<br>')}</div></div></div></body></html>`;
      return mime({ ...base, subject: `${en ? 'Re' : 'RE'}: ${m.mail.subject}`, headers: ['Thread-Topic: x', 'X-MS-Has-Attach:', 'User-Agent: Microsoft-MacOutlook/16.92.24120731'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'gmail-replyall': {
      // Gmail's « Répondre à tous »: the other organizer and crieur's group address in Cc
      const r = client('gmail-fr', m, typed, from);
      const s = r.raw.toString('latin1').replace(/^To: .*$/m, (l) => `${l}\r\nCc: Lucie Martin <orga2@example.org>, ${PROPOSALS}`);
      return { raw: Buffer.from(s, 'latin1'), messageId: r.messageId };
    }
    case 'samsung-fr': {
      // Samsung Email (Android): « Envoyé depuis mon appareil Galaxy » and « -------- Message d'origine -------- », no « > »
      const h = `-------- Message d'origine --------\nDe : ${sender}\nDate : 03/12/2026 09:12 (GMT+01:00)\nÀ : dim@example.org\nObjet : ${m.mail.subject}`;
      const text = `${typed}\n\n\n\nEnvoyé depuis mon appareil Galaxy\n\n\n${h}\n\n${o}\n`;
      const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body><div dir="auto">${esc(typed).replace(/\n/g, '<br>')}</div><div dir="auto"><br></div><div dir="auto"><br></div><div id="composer_signature" dir="auto"><div style="font-size:85%;color:#575757" dir="auto">Envoyé depuis mon appareil Galaxy</div></div><div dir="auto"><br></div><div><br></div><div align="left" dir="auto" style="font-size:100%;color:#000000"><div>${esc(h).replace(/\n/g, '</div><div>')}</div></div><br>${esc(o).replace(/\n/g, '<br>')}</body></html>`;
      return mime({ ...base, parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html, cte: 'base64' }] });
    }
    case 'yahoo-mobile-en': {
      // Yahoo Mail on Android: « Sent from Yahoo Mail on Android », then the attribution and the original indented, no « > »
      const attr = `On Thu, Dec 3, 2026 at 9:12, ${m.mail.from?.name ?? 'crieur'}<${tokenAddress(m)}> wrote:`;
      const text = `${typed}\n\nSent from Yahoo Mail on Android \n \n  ${attr}   ${o.split('\n').map((l) => `${l}`).join('\n')}\n`;
      const html = `<html><body><div id="ymail_android_signature">${htmlLines(typed)}<br><br><a id="ymail_android_signature_link" href="https://go.onelink.me/107872968?pid=InProduct">Sent from Yahoo Mail on Android</a></div><br><div class="yahoo_quoted"><div>On Thu, Dec 3, 2026 at 9:12, ${esc(m.mail.from?.name ?? 'crieur')}&lt;${esc(tokenAddress(m))}&gt; wrote:</div><blockquote style="margin:0 0 20px 0;"><div>${esc(o).replace(/\n/g, '<br>')}</div></blockquote></div></body></html>`;
      return mime({ ...base, parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    // audit AD: clients the earlier batches did not write
    case 'proton-web-fr': {
      // Proton Mail web in French, HTML only: « Le jeudi 3 décembre 2026 à 09:12, crieur <…> a écrit : » over a protonmail_quote blockquote
      const attr = `Le jeudi 3 décembre 2026 à 09:12, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit :`;
      const html = `<div style="font-family: Arial, sans-serif; font-size: 14px;">${htmlLines(typed)}</div><div style="font-family: Arial, sans-serif; font-size: 14px;"><br></div><div class="protonmail_signature_block protonmail_signature_block-empty"></div><div style="font-family: Arial, sans-serif; font-size: 14px;"><br></div><div class="protonmail_quote">${esc(attr)}<br><br><blockquote class="protonmail_quote" type="cite">${esc(o).replace(/\n/g, '<br>')}</blockquote><br></div>`;
      return mime({ ...base, parts: [{ type: 'text/html', body: html }] });
    }
    case 'fastmail': {
      // Fastmail web: multipart/alternative, « On Thu, 3 Dec 2026, at 09:12, crieur wrote: » and « > », HTML blockquote type=cite
      const attr = `On Thu, 3 Dec 2026, at 09:12, ${m.mail.from?.name ?? 'crieur'} wrote:`;
      const text = `${typed}\n\n${attr}\n${quote(o)}\n`;
      const html = `<!DOCTYPE html><html><head><title></title></head><body>${typed.split('\n').map((l) => `<div>${l ? esc(l) : '<br>'}</div>`).join('')}<div><br></div><div>${esc(attr)}</div><blockquote type="cite" id="qt" style=""><div>${esc(o).replace(/\n/g, '<br>')}</div></blockquote><div><br></div></body></html>`;
      return mime({ ...base, headers: ['User-Agent: Cyrus-JMAP/3.11.0-alpha0-1000', 'X-ME-Sender: <xms:abc>'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'gmail-ios': {
      // the Gmail app on iOS: « Le jeu. 3 déc. 2026 à 09:12, crieur <…> a écrit : », the typed text not wrapped
      const attr = `Le jeu. 3 déc. 2026 à 09:12, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit :`;
      const text = `${typed}\n\n${attr}\n\n${quote(o)}\n`;
      const html = `<div dir="auto">${esc(typed).replace(/\n/g, '<br>')}</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">${esc(attr)}<br></div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">${esc(o).replace(/\n/g, '<br>')}</blockquote></div>`;
      return mime({ ...base, parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'outlook-ios-en':
    case 'outlook-android-en': {
      // Outlook for iOS / Android in English: "Get Outlook for iOS/Android", a rule of underscores, the header block, the original unquoted
      const os = name === 'outlook-ios-en' ? 'iOS' : 'Android';
      const text = `${typed}\n\nGet Outlook for ${os}<https://aka.ms/${os === 'iOS' ? 'o0ukef' : 'AAb9ysg'}>\n________________________________\nFrom: ${sender}\nSent: Thursday, December 3, 2026 9:12:45 AM\nTo: Dimitri Fontaine <dim@example.org>\nSubject: ${m.mail.subject}\n\n${o}\n`;
      const html = `<html><head></head><body><div dir="auto">${htmlLines(typed)}</div><div dir="auto"><br></div><div class="ms-outlook-mobile-signature">Get <a href="https://aka.ms/o0ukef">Outlook for ${os}</a></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif"><b>From:</b> ${esc(sender)}<br><b>Sent:</b> Thursday, December 3, 2026 9:12:45 AM<br><b>To:</b> Dimitri Fontaine &lt;dim@example.org&gt;<br><b>Subject:</b> ${esc(m.mail.subject)}</font><div>&nbsp;</div></div><div>${esc(o).replace(/\n/g, '<br>')}</div></body></html>`;
      return mime({ ...base, subject: `RE: ${m.mail.subject}`, parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'ipad-fr': {
      // Apple Mail on an iPad in French: « Envoyé de mon iPad », then « Le 3 déc. 2026 à 09:12, crieur <…> a écrit : » quoted
      const attr = `Le 3 déc. 2026 à 09:12, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit :`;
      const text = `${typed}\n\nEnvoyé de mon iPad\n\n> ${attr}\n> \n${quote(o)}\n`;
      const html = `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">${htmlLines(typed)}<div dir="ltr"><br><div dir="ltr">Envoyé de mon iPad</div><div dir="ltr"><br><blockquote type="cite">${esc(attr)}<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">${esc(o).replace(/\n/g, '<br>')}</div></blockquote></div></body></html>`;
      return mime({ ...base, headers: ['X-Mailer: iPad Mail (22B91)'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'apple-mac-fr': {
      // Apple Mail on macOS in French, HTML only (no plain part), « Le 3 déc. 2026 à 09:12, crieur <…> a écrit : »
      const attr = `Le 3 déc. 2026 à 09:12, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit :`;
      const html = `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">${htmlLines(typed)}<div><br><blockquote type="cite"><div>${esc(attr)}</div><br class="Apple-interchange-newline"><div><div>${esc(o).replace(/\n/g, '<br>')}</div></div></blockquote></div><br></body></html>`;
      return mime({ ...base, headers: ['X-Mailer: Apple Mail (2.3826.300.87.4.3)'], parts: [{ type: 'text/html', body: html }] });
    }
    case 'thunderbird-htmlonly': {
      // Thunderbird set to send HTML only: « Le 03/12/2026 à 09:12, crieur a écrit : » over a cite blockquote, <p> and <br>
      const attr = `Le 03/12/2026 à 09:12, ${m.mail.from?.name ?? 'crieur'} a écrit&nbsp;:`;
      const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body><p>${esc(typed).replace(/\n\n/g, '</p><p>').replace(/\n/g, '<br>')}</p><div class="moz-cite-prefix">${esc(attr).replace('&amp;nbsp;', '&nbsp;')}<br></div><blockquote type="cite" cite="mid:${esc(m.mail.messageId ?? '')}"><pre class="moz-quote-pre" wrap="">${esc(o)}</pre></blockquote></body></html>`;
      return mime({ ...base, headers: ['User-Agent: Mozilla Thunderbird'], parts: [{ type: 'text/html', body: html }] });
    }
    case 'roundcube-en': {
      // Roundcube 1.6 in English, plain text, above the quote: « On 2026-12-03 09:12, crieur wrote: »
      const attr = `On 2026-12-03 09:12, ${m.mail.from?.name ?? 'crieur'} wrote:`;
      const flowed = typed
        .split('\n')
        .map((l) => hardWrap(l, 72).split('\n').join(' \n'))
        .join('\n');
      return mime({ ...base, headers: ['User-Agent: Roundcube Webmail/1.6.9'], parts: [{ type: 'text/plain', body: `${flowed}\n\n${attr}\n${quote(o)}\n`, flowed: true }] });
    }
    case 'zimbra-html-fr': {
      // Zimbra web in French composing in HTML: « De: … À: … Envoyé: … Objet: » under an hr, the original in a blockquote
      const h = `<b>De: </b>"${esc(m.mail.from?.name ?? 'crieur')}" &lt;${esc(tokenAddress(m))}&gt;<br><b>À: </b>"Dimitri Fontaine" &lt;dim@example.org&gt;<br><b>Envoyé: </b>Jeudi 3 Décembre 2026 09:12:00<br><b>Objet: </b>${esc(m.mail.subject)}<br>`;
      const html = `<html><body><div style="font-family: arial, helvetica, sans-serif; font-size: 12pt; color: #000000">${htmlLines(typed)}<div><br></div><hr id="zwchr" data-marker="__DIVIDER__"><div data-marker="__HEADERS__">${h}</div><br><div data-marker="__QUOTED_TEXT__">${esc(o).replace(/\n/g, '<br>')}</div></div></body></html>`;
      const text = `${typed}\n\n----- Mail original -----\nDe: "${m.mail.from?.name ?? 'crieur'}" <${tokenAddress(m)}>\nÀ: "Dimitri Fontaine" <dim@example.org>\nEnvoyé: Jeudi 3 Décembre 2026 09:12:00\nObjet: ${m.mail.subject}\n\n${o}\n`;
      return mime({ ...base, headers: ['X-Mailer: Zimbra 10.0.6_GA_4585 (ZimbraWebClient - GC131 (Linux)/10.0.6_GA_4585)'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'notes': {
      // HCL (Lotus) Notes: plain text, the header block « crieur <…> / 03/12/2026 09:12 / To / cc / Subject » with no « > »
      const h = `${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}>\n03/12/2026 09:12\n\nTo\ndim@example.org\ncc\n\nSubject\n${m.mail.subject}`;
      const text = `${typed}\n\n\n\n\n${h}\n\n\n\n\n\n${o}\n`;
      return mime({ ...base, headers: ['X-Mailer: HCL Notes Release 12.0.2 November 03, 2022', 'X-MIMETrack: Serialize by Router on notes01/Example'], parts: [{ type: 'text/plain', body: text }] });
    }
    // audit AE: clients the earlier batches did not write
    case 'yahoo-html-fr': {
      // Yahoo Mail web (new) in French, HTML only: the yahoo_quoted div under « Le jeudi 3 décembre 2026 à 09:12:40 UTC+1, crieur <…> a écrit : »
      const attr = `Le jeudi 3 décembre 2026 à 09:12:40 UTC+1, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit :`;
      const html = `<html><head></head><body><div class="ydp1a2b3c4yahoo-style-wrap" style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;">${htmlLines(typed)}<div><br></div></div><div id="ydp1a2b3c4yahoo_quoted_9876543210" class="ydp1a2b3c4yahoo_quoted"><div style="font-family:'Helvetica Neue', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;"><div>${esc(attr)}</div><div><br></div><div><br></div><div><div dir="ltr">${esc(o).replace(/\n/g, '<br>')}</div></div></div></div></body></html>`;
      return mime({ ...base, headers: ['X-Mailer: WebService/1.1.22941 YMailNorrin'], parts: [{ type: 'text/html', body: html }] });
    }
    case 'gmx-fr':
    case 'webde-de': {
      // GMX (gmx.fr) / Web.de (German UI): the header block starts with the date (« Envoyé: » / « Gesendet: »), no « > » in the plain part
      const de = name === 'webde-de';
      const h = de
        ? `Gesendet: Donnerstag, 03. Dezember 2026 um 09:12 Uhr\nVon: "${m.mail.from?.name ?? 'crieur'}" <${tokenAddress(m)}>\nAn: dim@example.org\nBetreff: ${m.mail.subject}`
        : `Envoyé: jeudi 3 décembre 2026 à 09:12\nDe: "${m.mail.from?.name ?? 'crieur'}" <${tokenAddress(m)}>\nÀ: dim@example.org\nObjet: ${m.mail.subject}`;
      const text = `${typed}\n \n \n\n${h}\n\n${o}\n`;
      const html = `<html><head></head><body><div style="font-family: Verdana;font-size: 12.0px;">${htmlLines(typed)}<div>&nbsp;</div><div>&nbsp;</div><div name="quote" style="margin:10px 5px 5px 10px; padding: 10px 0 10px 10px; border-left:2px solid #C3D9E5; word-wrap: break-word;"><div style="margin:0 0 10px 0;"><b>${de ? 'Gesendet:' : 'Envoyé:'}</b>&nbsp;${esc(h.split('\n')[0]!.replace(/^\S+ /, ''))}<br><b>${de ? 'Von:' : 'De:'}</b>&nbsp;"${esc(m.mail.from?.name ?? 'crieur')}" &lt;${esc(tokenAddress(m))}&gt;<br><b>${de ? 'An:' : 'À:'}</b>&nbsp;dim@example.org<br><b>${de ? 'Betreff:' : 'Objet:'}</b>&nbsp;${esc(m.mail.subject)}</div><div name="quoted-content">${esc(o).replace(/\n/g, '<br>')}</div></div></div></body></html>`;
      return mime({ ...base, headers: ['UI-OutboundReport: notice'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'orange-fr': {
      // Orange webmail (Mail Orange): « > Message du 03/12/26 09:12 » over its header block, all quoted with « > »
      const h = `Message du 03/12/26 09:12\nDe : "${m.mail.from?.name ?? 'crieur'}" <${tokenAddress(m)}>\nA : dim@example.org\nCopie à : \nObjet : ${m.mail.subject}\n\n${o}`;
      const text = `${typed}\n\n\n${quote(h)}\n`;
      const html = `<html><head></head><body><p>${esc(typed).replace(/\n/g, '<br />')}</p><br /><br /><blockquote style="border-left:2px solid #ff6600; margin-left:5px; padding-left:5px">${esc(h).replace(/\n/g, '<br />')}</blockquote></body></html>`;
      return mime({ ...base, headers: ['X-Mailer: Orange Messagerie'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'emclient-fr': {
      // eM Client in French: « ------ Message d'origine ------ » and its header block (De / À / Date / Objet), the original
      // under it unquoted in the plain part, in a cite blockquote in the HTML
      const h = `------ Message d'origine ------\nDe "${m.mail.from?.name ?? 'crieur'}" <${tokenAddress(m)}>\nÀ "Dimitri Fontaine" <dim@example.org>\nDate 03/12/2026 09:12:40\nObjet ${m.mail.subject}`;
      const text = `${typed}\n\n${h}\n\n${o}\n`;
      const html = `<html><head></head><body><div>${htmlLines(typed)}</div><div><br /></div><div>------ Message d'origine ------</div><div>De "${esc(m.mail.from?.name ?? 'crieur')}" &lt;${esc(tokenAddress(m))}&gt;</div><div>À "Dimitri Fontaine" &lt;dim@example.org&gt;</div><div>Date 03/12/2026 09:12:40</div><div>Objet ${esc(m.mail.subject)}</div><div><br /></div><div id="xe1b2c3d4"><blockquote cite="${esc(m.mail.messageId ?? '')}" type="cite" class="cite2">${esc(o).replace(/\n/g, '<br />')}</blockquote></div></body></html>`;
      return mime({ ...base, headers: ['User-Agent: eM_Client/10.1.4588.0'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'hey-en': {
      // HEY: multipart, « On December 3, 2026, crieur <…> wrote: » over a cite blockquote, its plain part quoted with « > »
      const attr = `On December 3, 2026, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> wrote:`;
      const text = `${typed}\n\n${attr}\n\n${quote(o)}\n`;
      const html = `<div class="trix-content">\n  <div>${esc(typed).replace(/\n/g, '<br>')}</div><br><details class="hey_quote"><summary>${esc(attr)}</summary><blockquote type="cite">${esc(o).replace(/\n/g, '<br>')}</blockquote></details>\n</div>`;
      return mime({ ...base, headers: ['X-Mailer: HEY'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'superhuman': {
      // Superhuman: multipart, "On Thu, Dec 03, 2026 at 9:12 AM, crieur <…> wrote:" over a gmail_quote blockquote
      const attr = `On Thu, Dec 03, 2026 at 9:12 AM, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> wrote:`;
      const text = `${typed}\n\n${attr}\n\n${quote(o)}\n`;
      const html = `<html><head></head><body><div><div><div>${esc(typed).replace(/\n/g, '<br>')}</div></div><br><div class="gmail_quote"><div class="gmail_quote_attribution">${esc(attr)}</div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">${esc(o).replace(/\n/g, '<br>')}</blockquote></div></div><img width="1" height="1" src="https://r.superhuman.com/x.gif" alt=" " /></body></html>`;
      return mime({ ...base, headers: ['X-Mailer: Superhuman Web (2026-12-02T18:00:00Z)'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'mutt-fr':
    case 'mutt-fr-top': {
      // mutt with a French attribution (set attribution="Le %{%a %d %b %Y à %H:%M:%S %z}, %n a écrit :"), « > » quoting;
      // bottom-posted unless -top
      const attr = `Le jeu. 03 déc. 2026 à 09:12:40 +0100, ${m.mail.from?.name ?? 'crieur'} a écrit :`;
      const body = name === 'mutt-fr' ? `${attr}\n${quote(o)}\n\n${typed}\n` : `${typed}\n\n${attr}\n${quote(o)}\n`;
      return mime({ ...base, headers: ['User-Agent: Mutt/2.2.13 (2024-03-09)'], parts: [{ type: 'text/plain', body, cte: '8bit' }] });
    }
    case 'tb-android': {
      // Thunderbird for Android (K-9's successor): « Le 3 décembre 2026 09:12:40 UTC+01:00, crieur <…> a écrit : » and « > », no signature
      const attr = `Le 3 décembre 2026 09:12:40 UTC+01:00, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit :`;
      return mime({ ...base, headers: ['User-Agent: Thunderbird for Android'], parts: [{ type: 'text/plain', body: `${typed}\n\n${attr}\n${quote(o)}\n` }] });
    }
    case 'twice': {
      // the notice quoted twice: a reply to the writer's own earlier reply (Gmail « Répondre » from the sent folder, to crieur's
      // token address), that one quoting the notice; the earlier decision is in the quote
      const attr1 = `Le jeu. 3 déc. 2026 à 09:20, Dimitri Fontaine <dim@example.org> a écrit :`;
      const attr2 = `Le jeu. 3 déc. 2026 à 09:12, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit :`;
      const inner = `Je regarde ça ce soir.\n\n${attr2}\n\n${quote(o)}`;
      const text = `${hardWrap(typed)}\n\n${attr1}\n\n${quote(inner)}\n`;
      const html = `<div dir="ltr">${htmlLines(typed)}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">${esc(attr1)}<br></div><blockquote class="gmail_quote"><div dir="ltr">Je regarde ça ce soir.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">${esc(attr2)}<br></div><blockquote class="gmail_quote">${esc(o).replace(/\n/g, '<br>')}</blockquote></div></blockquote></div>`;
      return mime({ ...base, parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'old-decision': {
      // a reply quoting an old decision: crieur's notice quoted under Lucie's « Accepter » (her reply-all, forwarded to Dim),
      // Dim answering above it all; the earlier word is in the quote only
      const attr1 = `Le jeu. 3 déc. 2026 à 09:30, Lucie Martin <orga2@example.org> a écrit :`;
      const attr2 = `Le jeu. 3 déc. 2026 à 09:12, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit :`;
      const inner = `Accepter\n\nLucie\n\n${attr2}\n\n${quote(o)}`;
      const text = `${typed}\n\n${attr1}\n\n${quote(inner)}\n`;
      return mime({ ...base, parts: [{ type: 'text/plain', body: text }] });
    }
    case 'outlook-fr-plain': {
      // Outlook desktop in plain text mode: « -----Message d'origine----- » then « De : … Envoyé : … », the original unquoted
      const text = `${typed}\n\n-----Message d'origine-----\nDe : ${sender} \nEnvoyé : jeudi 3 décembre 2026 09:12\nÀ : Dimitri Fontaine <dim@example.org>\nObjet : ${m.mail.subject}\n\n${o}\n`;
      return mime({ ...base, subject: `RE: ${m.mail.subject}`, headers: ['Thread-Topic: x', 'X-Mailer: Microsoft Outlook 16.0'], parts: [{ type: 'text/plain', body: text, cp1252: true }] });
    }
    // audit AF: clients the earlier batches did not write
    case 'claws-fr': {
      // Claws Mail in French: its template « Le %d\n%f a écrit :» — the attribution on two lines (the date alone on the first,
      // in RFC 2822 form), a blank line, « > » quoting; the writer's « -- » signature typed under the reply
      const attr = `Le Thu, 03 Dec 2026 09:12:40 +0100\n${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit :`;
      return mime({ ...base, headers: ['X-Mailer: Claws Mail 4.2.0 (GTK 3.24.41; x86_64-pc-linux-gnu)'], parts: [{ type: 'text/plain', body: `${typed}\n\n${attr}\n\n${quote(o)}\n`, cte: '8bit' }] });
    }
    case 'kmail-fr': {
      // KMail (bottom-posted, its default): « Le jeudi 3 décembre 2026, 09:12:40 CET crieur a écrit :», « > » quoting, the reply under it
      const attr = `Le jeudi 3 décembre 2026, 09:12:40 CET ${m.mail.from?.name ?? 'crieur'} a écrit :`;
      return mime({ ...base, headers: ['User-Agent: KMail/6.2.3 (Linux/6.8.0; KDE/6.8.0; x86_64)'], parts: [{ type: 'text/plain', body: `${attr}\n${quote(o)}\n\n${typed}\n`, cte: '8bit' }] });
    }
    case 'zoho-fr': {
      // Zoho Mail in French: « ---- Le jeu., 03 déc. 2026 09:12:40 +0100 crieur <…> a écrit --- » over the quote
      const attr = `---- Le jeu., 03 déc. 2026 09:12:40 +0100 ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit ---`;
      const text = `${typed}\n\n\n\n\n${attr}\n\n${quote(o)}\n`;
      const html = `<!DOCTYPE html><html><head><meta content="text/html;charset=UTF-8" http-equiv="Content-Type"></head><body><div style="font-family: Verdana, Arial, Helvetica, sans-serif; font-size: 10pt;">${htmlLines(typed)}<div><br></div><div class="zmail_extra_hr" style="border-top: 1px solid rgb(204, 204, 204); height: 0px; margin-top: 10px; margin-bottom: 10px; line-height: 0px;"><br></div><div class="zmail_extra" data-zbluepencil-ignore="true"><div><br></div><div id="Zm-_Id_-Sgn1">${esc(attr)}<br></div><div><br></div><blockquote style="border-left: 1px solid rgb(204, 204, 204); padding-left: 6px; margin: 0px 0px 0px 5px;"><div>${esc(o).replace(/\n/g, '<br>')}</div></blockquote></div><div><br></div></div><br></body></html>`;
      return mime({ ...base, headers: ['User-Agent: Zoho Mail', 'X-Mailer: Zoho Mail'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'tuta-fr': {
      // Tuta (Tutanota) in French, HTML only: « 3 déc. 2026, 09:12 de talks+…@…: » over a tutanota_quote blockquote, the address alone
      const attr = `3 déc. 2026, 09:12 de ${tokenAddress(m)}:`;
      const html = `<html><head></head><body><div dir="auto">${typed.split('\n').map((l) => (l ? esc(l) : '<br>')).join('<br>')}</div><div dir="auto"><br></div><div dir="auto"><br></div><div class="tutanota_quote">${esc(attr)}<br><br><blockquote class="tutanota_quote">${esc(o).replace(/\n/g, '<br>')}</blockquote></div></body></html>`;
      return mime({ ...base, parts: [{ type: 'text/html', body: html }] });
    }
    case 'winmail-fr': {
      // Courrier pour Windows (Windows 10 Mail) in French: « Envoyé à partir de Courrier pour Windows », then its header block with
      // « Envoyé le : » and a From naming no address, the original unquoted
      const h = `De : ${m.mail.from?.name ?? 'crieur'}\nEnvoyé le :jeudi 3 décembre 2026 09:12\nÀ : dim@example.org\nObjet : ${m.mail.subject}`;
      const text = `${typed}\n\nEnvoyé à partir de Courrier pour Windows\n\n${h}\n\n${o}\n`;
      const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body lang="FR"><div class="WordSection1">${typed.split('\n').map((l) => `<p class="MsoNormal">${l ? esc(l) : '&nbsp;'}</p>`).join('')}<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Envoyé à partir de <a href="https://go.microsoft.com/fwlink/?LinkId=550986">Courrier</a> pour Windows</p><p class="MsoNormal">&nbsp;</p><div style="mso-element:para-border-div;border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal" style="border:none;padding:0cm"><b>De : </b>${esc(m.mail.from?.name ?? 'crieur')}<br><b>Envoyé le :</b>jeudi 3 décembre 2026 09:12<br><b>À : </b>dim@example.org<br><b>Objet : </b>${esc(m.mail.subject)}</p></div><p class="MsoNormal">&nbsp;</p>${esc(o).split('\n').map((l) => `<p class="MsoNormal">${l || '&nbsp;'}</p>`).join('')}</div></body></html>`;
      return mime({ ...base, subject: `RE: ${m.mail.subject}`, parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'bluemail-fr': {
      // BlueMail (Android) in French: « Le 3 déc. 2026, à 09:12, crieur <…> a écrit: » and « > », its signature line first
      const attr = `Le 3 déc. 2026, à 09:12, ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit:`;
      const text = `${typed}\n\nTélécharger BlueMail pour Android\n${attr}\n${quote(o)}\n`;
      const html = `<html><head></head><body><div dir="auto">${esc(typed).replace(/\n/g, '<br>')}</div><div dir="auto"><br></div><div dir="auto">Télécharger <a href="https://bluemail.me">BlueMail</a> pour Android</div><div class="gmail_quote">${esc(attr)}<blockquote class="gmail_quote" style="margin: 0pt 0pt 0pt 0.8ex; border-left: 1px solid rgb(204, 204, 204); padding-left: 1ex;">${esc(o).replace(/\n/g, '<br>')}</blockquote></div></body></html>`;
      return mime({ ...base, headers: ['X-Mailer: BlueMail for Android'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'nextcloud-fr': {
      // Nextcloud Mail: plain text, « "crieur" <…> – 3 décembre 2026 09:12 » (no « a écrit ») over « > » quoting
      const attr = `"${m.mail.from?.name ?? 'crieur'}" ${tokenAddress(m)} – 3 décembre 2026 09:12`;
      return mime({ ...base, headers: ['User-Agent: Nextcloud Mail'], parts: [{ type: 'text/plain', body: `${typed}\n\n${attr}\n${quote(o)}\n` }] });
    }
    case 'ox-fr': {
      // OX App Suite (laposte.net, mailbox.org) in French: the attribution itself quoted, « > Le 03/12/2026 09:12 CET crieur <…> a écrit : »
      const attr = `Le 03/12/2026 09:12 CET ${m.mail.from?.name ?? 'crieur'} <${tokenAddress(m)}> a écrit :`;
      const text = `${typed}\n\n\n> ${attr}\n> \n> \n${quote(o)}\n`;
      const html = `<!doctype html><html><head><meta charset="UTF-8"></head><body><div class="default-style">${htmlLines(typed, 'p')}<blockquote type="cite"><div>${esc(attr)}</div><div>&nbsp;</div><div>&nbsp;</div><div>${esc(o).replace(/\n/g, '<br>')}</div></blockquote></div></body></html>`;
      return mime({ ...base, headers: ['X-Mailer: Open-Xchange Mailer v7.10.6-Rev62'], parts: [{ type: 'text/plain', body: text }, { type: 'text/html', body: html }] });
    }
    case 'tb-ca': {
      // Thunderbird in Canadian French: « Le 2026-12-03 à 09 h 12, crieur a écrit : » (ISO date, spaced hour), flowed, « > »
      const attr = `Le 2026-12-03 à 09 h 12, ${m.mail.from?.name ?? 'crieur'} a écrit :`;
      const flowed = typed
        .split('\n')
        .map((l) => hardWrap(l, 72).split('\n').join(' \n'))
        .join('\n');
      return mime({ ...base, headers: ['User-Agent: Mozilla Thunderbird'], parts: [{ type: 'text/plain', body: `${flowed}\n\n${attr}\n${quote(o)}\n`, flowed: true }] });
    }
    case 'owa-fr-plain': {
      // Outlook on the web in French composing in plain text: a rule of underscores, « De : … Envoyé : … », the original unquoted
      const text = `${typed}\n\n________________________________\nDe : ${sender}\nEnvoyé : jeudi 3 décembre 2026 09:12\nÀ : Dimitri Fontaine <dim@example.org>\nObjet : ${m.mail.subject}\n\n${o}\n`;
      return mime({ ...base, subject: `RE: ${m.mail.subject}`, parts: [{ type: 'text/plain', body: text }] });
    }
    case 'alpine-en': {
      // Alpine: plain text, "On Thu, 3 Dec 2026, crieur wrote:" and « > », the reply above it
      const attr = `On Thu, 3 Dec 2026, ${m.mail.from?.name ?? 'crieur'} wrote:`;
      return mime({ ...base, headers: ['User-Agent: Alpine 2.26 (DEB 649 2022-06-02)'], parts: [{ type: 'text/plain', body: `${typed}\n\n${attr}\n\n${quote(o)}\n`, cte: '8bit' }] });
    }
    default:
      throw new Error(`no client ${name}`);
  }
}

function special(row: Row, m: SentMail, ref: string): { raw: Buffer; messageId: string } {
  const o = orig(m);
  const to = tokenAddress(m);
  const body = row.body.replace(/^[A-Z]+:/, '');
  switch (row.client) {
    case 'forged':
      return mime({ from: FROM.dim!, to: PROPOSALS, subject: `Re: ${m.mail.subject}`, parts: [{ type: 'text/plain', body: `${row.body.replace('{REF}', ref)}\n\nDim\n` }] });
    case 'forward': {
      const text = `Lucie, qu'en penses-tu ? Moi je serais pour.\n\n---------- Forwarded message ---------\nDe : PostgreSQL Paris <${to}>\nDate: jeu. 28 nov. 2013 à 19:00\nSubject: ${m.mail.subject}\nTo: <dim@example.org>\n\n\n${o}\n`;
      return mime({ from: FROM.dim!, to, subject: `Fwd: ${m.mail.subject}`, parts: [{ type: 'text/plain', body: text }] });
    }
    case 'forward-c': {
      // a forward with the writer's own words above it (audit Y)
      const text = `${body}\n\n---------- Forwarded message ---------\nDe : PostgreSQL Paris <${to}>\nDate: jeu. 28 nov. 2013 à 19:00\nSubject: ${m.mail.subject}\nTo: <dim@example.org>\n\n\n${o}\n`;
      return mime({ from: FROM.dim!, to, subject: `Fwd: ${m.mail.subject}`, parts: [{ type: 'text/plain', body: text }] });
    }
    case 'new-mail': {
      // audit AC: the token address pasted into a new mail: no In-Reply-To, no References, a subject of the writer's
      return mime({ from: FROM[row.sender]!, to, subject: 'Proposition', parts: [{ type: 'text/plain', body: `${body}\n` }] });
    }
    case 'quoted-token': {
      // audit AC: to the group's address (not the token address), no In-Reply-To or References (crieur's Message-ID carries a
      // token too): the token only in the quote's attribution, as a client that drops the thread or a pasted quote has it
      const attr = `Le jeu. 28 nov. 2013 à 19:00, PostgreSQL Paris <${to}> a écrit :`;
      return mime({ from: FROM[row.sender]!, to: PROPOSALS, subject: `Re: ${m.mail.subject}`, parts: [{ type: 'text/plain', body: `${body}\n\n${attr}\n\n${quote(o)}\n` }] });
    }
    case 'fwd-answered': {
      // audit AE: Dim forwarded the notice to Lucie with crieur's token address in Cc; Lucie answers all: her From, Dim's token
      const text = `${body}\n\nLucie\n\nLe jeu. 3 déc. 2026 à 09:40, Dimitri Fontaine <dim@example.org> a écrit :\n> Lucie, tu en penses quoi ?\n>\n> ---------- Forwarded message ---------\n> De : PostgreSQL Paris <${to}>\n> Date: jeu. 3 déc. 2026 à 09:12\n> Subject: ${m.mail.subject}\n> To: <dim@example.org>\n>\n${quote(o)}\n`;
      return mime({ from: FROM.orga2!, to: FROM.dim!, headers: [`Cc: ${to}`], subject: `Re: Fwd: ${m.mail.subject}`, inReplyTo: `<fwd-${randomBytes(4).toString('hex')}@mail.gmail.com>`, parts: [{ type: 'text/plain', body: text }] });
    }
    case 'autoreply-ex': {
      // audit AE: Exchange's French out-of-office (« Réponse automatique : »), Auto-Submitted: auto-generated
      return mime({ from: FROM.dim!, to, subject: `Réponse automatique : ${m.mail.subject}`, ...thread(m), headers: ['Auto-Submitted: auto-generated', 'X-Auto-Response-Suppress: All', 'X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent'], parts: [{ type: 'text/plain', body: `${body}\n` }] });
    }
    case 'autoreply-bare': {
      // audit AE: a hosting provider's responder: no Auto-Submitted, no Precedence, only its subject says what it is
      return mime({ from: FROM.dim!, to, subject: `Absent du bureau - Re: ${m.mail.subject}`, ...thread(m), parts: [{ type: 'text/plain', body: `${body}\n` }] });
    }
    case 'autoreply':
      return mime({ from: FROM.dim!, to, subject: `Absence : ${m.mail.subject}`, ...thread(m), headers: ['Auto-Submitted: auto-replied', 'X-Autoreply: yes'], parts: [{ type: 'text/plain', body: `${body}\n` }] });
    case 'autoreply-en':
      return mime({ from: FROM.dim!, to, subject: `Automatic reply: ${m.mail.subject}`, ...thread(m), headers: ['X-Auto-Response-Suppress: All', 'X-MS-Exchange-Inbox-Rules-Loop: dim@example.org', 'Thread-Topic: x'], parts: [{ type: 'text/plain', body: `${body}\n` }] });
    case 'autoreply-quote':
      return mime({ from: FROM.dim!, to, subject: `Re: ${m.mail.subject}`, ...thread(m), headers: ['Precedence: bulk', 'X-Autorespond: yes'], parts: [{ type: 'text/plain', body: `${body}\n\n${o}\n` }] });
    case 'bounce': {
      const b = `bnd${randomBytes(4).toString('hex')}`;
      const raw = [
        `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
        '',
        `--${b}`,
        'Content-Type: text/plain; charset=us-ascii',
        '',
        `This is the mail system at host mx.example.org.\r\n\r\nI'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n<dim@example.org>: host mx.example.org said: 552 5.2.2 Mailbox full`,
        '',
        `--${b}`,
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.org',
        '',
        'Final-Recipient: rfc822; dim@example.org',
        'Action: failed',
        'Status: 5.2.2',
        '',
        `--${b}`,
        'Content-Type: message/rfc822',
        '',
        `From: PostgreSQL Paris <${to}>`,
        'To: dim@example.org',
        `Subject: ${hdr(m.mail.subject)}`,
        `Message-ID: ${m.mail.messageId}`,
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        Buffer.from(o.replace(/\n/g, '\r\n'), 'utf8').toString('latin1'),
        '',
        `--${b}--`,
        '',
      ].join('\r\n');
      return mime({ from: FROM.mailer!, to, subject: 'Undelivered Mail Returned to Sender', headers: ['Auto-Submitted: auto-replied'], parts: [], raw });
    }
    default:
      throw new Error(`no setup ${row.setup}`);
  }
}

// ------------------------------------------------------------------------------------------ the audit
describe.skipIf(!BATCH)(`audit X ${BATCH ?? ''}`, () => {
  const live = useLiveImap('pglite', {
    overrides: {
      limits: { acksPerSenderPerDay: 1000 },
      // audit Z: organizers' mail must be authenticated; the harness's receiving host writes Authentication-Results
      commands: { perSenderPerHour: 1000, requireDkim: true, trustedAuthserv: [MX] },
      events: { defaults: { time: '19:00', venue: 'Chez Dalibo', title: 'Meetup PostgreSQL' } },
    },
  });
  const results = `${OUT}/${BATCH}.results.tsv`;
  mkdirSync(`${OUT}/${BATCH}`, { recursive: true });
  if (!ONLY) writeFileSync(results, 'id\tverdict\tgot\twhy\n');
  const get = async (ref: string) => (await live.p.store.proposals.get(ref))!;
  const settle = () => waitFor(() => quiet(live.p), 'pipeline quiet', 30_000);
  const caused = (id: number) => live.p.db.query<{ recipient: string; purpose: string }>('SELECT recipient, purpose FROM outbox WHERE cause_message_id = $1', [id]);
  const lastTo = async (ref: string, email: string) => {
    const all = (await sentTo(live.sink, email)).filter((m) => m.mail.subject.includes(ref));
    return all[all.length - 1]!;
  };
  const flat = (s: string | null | undefined) => (s ?? '').replace(/\s*\n\s*>?\s*/g, ' ');
  let n = 0;

  for (const r of rows) {
    // audit AC: a setup ending in -en files the proposal in English (the speaker's mail in English; the organizers' in the group's French)
    const lang = r.setup.endsWith('-en') ? 'en' : 'fr';
    const row = { ...r, setup: r.setup.replace(/-en$/, '') };
    it(`${row.id} ${r.setup} ${row.client} ${row.body.slice(0, 40)}`, { timeout: 120_000 }, async () => {
      const why: string[] = [];
      let got = '';
      try {
        n++;
        const title = `Audit X ${BATCH} ${row.id} sujet ${n}`;
        const f: Filed = await fileProposal(live, title, JEAN, lang);
        let f2: Filed | null = null;
        if (row.setup.startsWith('new2')) f2 = await fileProposal(live, `${title} bis`, 'anne.orateur@example.fr');
        const decide = async (word: string) => {
          await send(live, client('gmail-fr', f.notice, word, FROM.dim!));
          await settle();
        };
        if (row.setup === 'acc' || row.setup === 'spk-acc') await decide('accepter');
        if (row.setup === 'dec') await decide('refuser');
        if (row.setup === 'spk-sch' || row.setup === 'sch') await decide('accepter');
        // audit Y: several events on the calendar (14 and 28 January, 11 February 2027, 19:00 in Paris), named {EV14}…
        const evs: Record<string, number> = {};
        for (const [k, day] of [['EV14', '2027-01-14'], ['EV28', '2027-01-28'], ['EV11', '2027-02-11']] as const) {
          const on = await live.p.store.events.onDay(day, 'Europe/Paris');
          evs[k] = (on[0] ?? (await live.p.store.events.create({ date: new Date(`${day}T18:00:00Z`), venue: 'Chez Dalibo', title: 'Meetup PostgreSQL' }))).id;
        }
        // audit AB: a talk scheduled on the 28 January meetup before the speaker replies
        if (row.setup === 'spk-sch' || row.setup === 'sch') await decide(`programmer event ${evs.EV28}`);
        let body = row.body.replaceAll('{REF}', f.ref).replaceAll('{R2}', f2?.ref ?? 'P-0000');
        for (const [k, id] of Object.entries(evs)) body = body.replaceAll(`{${k}}`, String(id));
        const from = FROM[row.sender]!;
        let reply: { raw: Buffer; messageId: string };
        const notice = row.sender === 'orga2' ? await waitFor(async () => (await sentTo(live.sink, 'orga2@example.org')).find((s) => s.mail.subject.includes(f.ref) && /Nouvelle proposition|New proposal/.test(s.mail.subject)), 'orga2 notice') : f.notice;
        // a transcript of crieur's forwarded (audit Y): the last mail to Dim about this proposal
        if (row.client === 'forward-t') reply = special({ ...row, client: 'forward-c', body }, await lastTo(f.ref, DIM), f.ref);
        else if (['forged', 'forward', 'forward-c', 'autoreply', 'autoreply-en', 'autoreply-quote', 'bounce', 'fwd-answered', 'autoreply-ex', 'autoreply-bare'].includes(row.client) || (['new-mail', 'quoted-token'].includes(row.client) && !row.setup.startsWith('spk'))) reply = special({ ...row, body }, f.notice, f.ref);
        else if (row.client === 'mallory') reply = client('gmail-fr', f.notice, body, from);
        else if (row.client === 'forged-token') {
          // audit Z: the real token and the organizer's From, but the receiving host says the From domain did not send it
          const r = client('gmail-fr', f.notice, body, from).raw.toString('latin1').replace(/^Authentication-Results: .*$/m, authResults(from, 'fail'));
          reply = { raw: Buffer.from(r, 'latin1'), messageId: /^Message-ID: (.*)$/m.exec(r)![1]!.trim() };
        }
        else if (row.client === 'foreign-spk') reply = client('gmail-fr', f2!.ack, body, from);
        else if (row.setup.startsWith('spk') || row.client === 'speaker-token' || row.setup === 'new2spk') {
          const m = row.setup === 'spk-acc' || row.setup === 'spk-sch' ? await lastTo(f.ref, JEAN) : f.ack;
          reply = ['new-mail', 'quoted-token'].includes(row.client) ? special({ ...row, body }, m, f.ref) : client(row.client === 'speaker-token' || row.client === 'expired-spk' ? 'gmail-fr' : row.client, m, body, from);
          if (row.client === 'expired-spk') {
            const tok = findTokens(tokenAddress(m))[0]!.token;
            const old = mintToken(TEST_SECRET, { purpose: 'speaker', ref: f.ref }, JEAN, new Date(Date.now() - 200 * 86_400_000));
            reply = { ...reply, raw: Buffer.from(reply.raw.toString('latin1').replaceAll(tok, old), 'latin1') };
          }
        } else if (row.client === 'expired') {
          reply = client('gmail-fr', f.notice, body, from);
          const tok = findTokens(tokenAddress(f.notice))[0]!.token;
          const old = mintToken(TEST_SECRET, { purpose: 'organizer', ref: f.ref }, DIM, new Date(Date.now() - 200 * 86_400_000));
          reply = { ...reply, raw: Buffer.from(reply.raw.toString('latin1').replaceAll(tok, old), 'latin1') };
        } else reply = client(row.client, notice, body.replace(/^INLINE:/, ''), from);
        writeFileSync(`${OUT}/${BATCH}/${row.id}.eml`, reply.raw);
        const inbound = await send(live, reply);
        await settle();
        const p = await get(f.ref);
        got = p.status;
        const okStatus = p.status === row.status;
        if (!okStatus) why.push(`status ${p.status}≠${row.status}`);
        const out = await caused(inbound.id);
        const mine = (await sentTo(live.sink, DIM)).concat(await sentTo(live.sink, 'mallory@example.net'), row.sender === 'jean' ? await sentTo(live.sink, JEAN) : []).filter((s) => s.mail.inReplyTo === reply.messageId);
        got += ` out=${out.map((o) => `${o.purpose}>${o.recipient.split('@')[0]}`).join(',')}`;
        for (const check of row.more.split(';').filter(Boolean)) {
          const [k, v] = check.split('=') as [string, string | undefined];
          if (k === 'date') {
            const ev = p.event ? await live.p.store.events.get(Number(p.event)) : null;
            const d = ev ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(ev.date) : 'none';
            if (!v!.split('|').includes(d)) why.push(`date ${d}≠${v}`);
          } else if (k === 'event') {
            if (Number(p.event) !== evs[v!]) why.push(`event ${p.event}≠${v} (${evs[v!]})`);
          } else if (k === 'format') {
            if (p.format !== v) why.push(`format ${p.format}≠${v}`);
          } else if (k === 'title') {
            if (p.title !== v) why.push(`title «${p.title}»`);
          } else if (k === 'dur') {
            if (p.durationMinutes !== Number(v)) why.push(`dur ${p.durationMinutes}≠${v}`);
          } else if (k === 'abstract') {
            if (!(p.abstract ?? '').includes(v!)) why.push(`abstract «${(p.abstract ?? '').slice(0, 40)}»`);
          } else if (k === 'r2') {
            const s2 = (await get(f2!.ref)).status;
            if (s2 !== v) why.push(`r2 ${s2}≠${v}`);
          } else if (k === 'reason') {
            const t = flat((await lastTo(f.ref, JEAN)).mail.text);
            if (!t.includes(v!)) why.push(`reason «${v}» not in speaker mail`);
          } else if (k === 'noreason') {
            // a paragraph under a bare verb is the organizers' comment: never in the speaker's mail (README)
            const t = (await sentTo(live.sink, JEAN)).filter((s) => s.mail.subject.includes(f.ref)).map((s) => flat(s.mail.text));
            if (t.some((x) => x.includes(v!))) why.push(`«${v}» mailed to the speaker`);
          } else if (k === 'spkmail') {
            const t = (await sentTo(live.sink, JEAN)).filter((s) => s.mail.subject.includes(f.ref)).map((s) => flat(s.mail.text));
            if (!t.some((x) => x.includes(v!))) why.push(`no speaker mail with «${v}»`);
          } else if (k === 'history') {
            const h = await live.p.store.proposals.history(f.ref);
            if (!h.some((e) => e.action.includes(v!))) why.push(`no history ${v}: ${h.map((e) => e.action).join(',')}`);
          } else if (k === 'transcript') {
            if ((v === 'yes') !== mine.length > 0) why.push(`transcript ${mine.length}`);
          } else if (k === 'answered') {
            if (v === 'none' && out.length) why.push(`answered ${out.length}`);
            if (v === 'no-mallory' && out.some((o) => o.recipient.includes('mallory'))) why.push('mallory answered');
            if (v === 'no-jean' && out.some((o) => o.recipient === JEAN)) why.push('jean answered');
          } else if (k === 'reached') {
            if (!out.some((o) => o.recipient.startsWith(`${v}@`))) why.push(`nothing to ${v}`);
          }
        }
        // audit AE: crieur's own mail (the notice, the acknowledgement) quoted under the reply is never relayed as the writer's words
        const relayed = await live.p.db.query<{ raw: Buffer }>("SELECT raw FROM outbox WHERE cause_message_id = $1 AND purpose = 'notify-organizer'", [inbound.id]);
        for (const { raw } of relayed) {
          const t = flat((await simpleParser(raw)).text);
          const q = /Un mot suffit|Pièces jointes|Quelque chose ne va pas|One word is enough|Something wrong\?/.exec(t);
          if (q) why.push(`quote relayed («${q[0]}»)`);
        }
        if (mine[0]) got += ` t=«${flat(mine[0].mail.text).slice(0, 160)}»`;
      } catch (err) {
        why.push(`error ${(err as Error).message.slice(0, 120)}`);
      }
      appendFileSync(results, `${row.id}\t${why.length ? 'FAIL' : 'ok'}\t${got}\t${why.join('; ')}\n`);
    });
  }
});
