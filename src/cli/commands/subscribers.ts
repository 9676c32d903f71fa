/**
 * `crieur subscribers list|add|remove|import` (SPEC): crieur's own roster. `import` reads a CSV export (a meetup
 * site's): a header row naming `email` and optionally `name`, `language` (any order, any case, other columns
 * ignored; `,` `;` or tab, Excel's `sep=;` line and blank lines above the header skipped); members imported
 * `--consented` are active with their consent time recorded, the others pending. A member given no language (no
 * `--language`, no or an empty `language` cell) gets the group's (`group.locale`), recorded, never null.
 * Removing a member keeps them as `unsubscribed`, so that a later import cannot bring them back; `add` re-enables a
 * member disabled by bounces (their score restarting), never one who unsubscribed.
 * `add … --digest daily|weekly|off` records the member's digest choice of a configured list (store.digests, the
 * same record as their `digest`/`résumé` mail or the public page); `list` shows the choices (`--json`: `digests`).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { z } from '../../config/zod.ts';
import { withStore } from '../with-store.ts';
import { SUBSCRIBER_STATUSES, type NewSubscriber, type Subscriber, type UpsertOutcome } from '../../app/subscriber-store.ts';
import { DIGEST_FORMATS, type DigestChoice, type DigestFormat } from '../../app/digest-recipients.ts';
import type { Config } from '../../config/schema.ts';
import { csvTable, decodeCsv } from '../../core/csv.ts';
import { isOwnAddress } from '../../core/membership/join.ts';
import { ownAddresses } from '../../app/join.ts';
import { operatorName } from './decide.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { fileError } from '../../core/text/file-error.ts';
import { jsonText, visible } from '../format/visible.ts';

const email = z.email();

export function registerSubscribers(program: Command): void {
  const cmd = program.command('subscribers').description("crieur's roster of members (announcements, reminders)");
  cmd
    .command('list')
    .description('every member')
    .option('--json', 'JSON array')
    .option('--config <file>', 'configuration file')
    .action(async (opts: { json?: boolean; config?: string }) => {
      await withStore(opts.config, async (store, config) => {
        const [list, digests] = await Promise.all([store.subscribers.list(), store.digests.all()]);
        const digestsOf = (s: Subscriber) => digests.get(s.email.toLowerCase()) ?? [];
        // A member recorded without a language (before it defaulted) gets the group's: the one their mail is in.
        const language = (s: Subscriber) => s.language ?? config.group.locale;
        if (opts.json) process.stdout.write(`${jsonText(list.map((s) => toJson({ ...s, language: language(s) }, digestsOf(s))))}\n`);
        else if (list.length === 0) process.stdout.write('no subscribers\n');
        else
          for (const s of list) {
            const d = digestsOf(s).map((c) => `${c.list} ${c.cadence}/${c.format}`);
            // Names and addresses come from people (a CSV, a web form, a mail): shown with their controls escaped.
            process.stdout.write(`${visible(`${s.status.padEnd(12)} ${language(s)}  ${s.email}${s.name ? `  (${s.name})` : ''}${d.length ? `  digest: ${d.join(', ')}` : ''}`)}\n`);
          }
      });
    });
  cmd
    .command('add')
    .description('add a member (active: an organizer adds someone who asked to be)')
    .argument('<email>', 'address')
    .option('--name <name>', 'name used in the greeting')
    .option('--language <lang>', 'fr or en (default: the group\'s)')
    .option('--digest <cadence>', "daily or weekly: a digest of the list's posts instead of nothing; off: none")
    .option('--digest-format <format>', 'html (default), text (RFC 1153) or mime (the posts as attachments)')
    .option('--list <name>', 'the configured list of the digest (needed when there are several)')
    .option('--config <file>', 'configuration file')
    .action(async (address: string, opts: { name?: string; language?: string; digest?: string; digestFormat?: string; list?: string; config?: string }) => {
      const { unknownLanguage, ...m } = member(address, opts.name ?? null, opts.language ?? null, null);
      if (unknownLanguage) throw new CliError(`--language ${opts.language}: expected fr or en`, EXIT.usage);
      const choice = digestChoice(opts);
      await withStore(opts.config, async (store, config) => {
        if (isOwnAddress(m.email, ownAddresses(config))) throw new CliError(ownAddressSaid(m.email), EXIT.usage);
        const list = choice === undefined ? null : digestList(config, opts.list);
        const r = await store.subscribers.upsert([{ ...m, language: m.language ?? config.group.locale, status: 'active', consentedAt: new Date(), source: 'cli' }]);
        const now = await store.subscribers.get(m.email);
        let line = r.added ? `${m.email} added (active)` : r.activated ? `${m.email} was already there: pending → active` : `${m.email} was already there (${now?.status ?? '?'})`;
        // Disabled by bounces is no choice of theirs: the organizer re-enables delivery (their mailbox works again), as
        // Mailman's admin does. Unsubscribed was theirs: only their own confirmed request brings them back.
        if (!r.added && now?.status === 'disabled') {
          const row = await store.membership.byEmail(m.email);
          if (row && (await store.membership.reenable(row.id, `re-enabled by ${operatorName()} (subscribers add)`))) {
            line = `${m.email} was disabled by bounces${now.lastBounce ? ` (last: ${now.lastBounce.what})` : ''}: re-enabled (active), its bounce score starts anew`;
          }
        } else if (!r.added && now?.status === 'unsubscribed') {
          line += `: they left, so add does not bring them back — they rejoin by writing "subscribe" to ${config.addresses.proposals} and confirming`;
        }
        if (choice !== undefined && list !== null) {
          const row = await store.membership.byEmail(m.email);
          if (!row) throw new Error(`${m.email} not found right after being added`);
          await store.digests.set(row.id, list, choice);
          line += choice ? `; digest of ${list}: ${choice.cadence}, ${choice.format}` : `; no digest of ${list}`;
          if (choice && row.status !== 'active') line += ` (none is sent while the member is ${row.status})`;
        }
        process.stdout.write(`${visible(line)}\n`);
      });
    });
  cmd
    .command('remove')
    .description('unsubscribe a member (kept as unsubscribed: an import will not re-add them)')
    .argument('<email>', 'address')
    .option('--config <file>', 'configuration file')
    .action(async (address: string, opts: { config?: string }) => {
      await withStore(opts.config, async (store) => {
        const before = await store.subscribers.get(address.trim());
        if (!(await store.subscribers.remove(address))) throw new CliError(`no subscriber ${address} (see crieur subscribers list)`, EXIT.dataErr);
        // Removing twice changes nothing: said so, as add says « was already there ».
        process.stdout.write(`${visible(address)} ${before?.status === 'unsubscribed' ? 'was already unsubscribed' : 'unsubscribed'}\n`);
      });
    });
  cmd
    .command('import')
    .description('import a CSV (header row: email, and optionally name, language)')
    .argument('<file>', 'CSV file')
    .option('--consented', 'the people in it agreed to receive announcements: import them active')
    .option('--config <file>', 'configuration file')
    .action(async (file: string, opts: { consented?: boolean; config?: string }) => {
      let text: string;
      try {
        text = decodeCsv(readFileSync(file)).text;
      } catch (err) {
        throw fileError(err, { path: file, role: 'input', what: 'the CSV file' });
      }
      const table = csvTable(text);
      // The rows after a quote never closed were read into its cell: importing the rest would drop them unsaid.
      if (table.unclosedQuoteLine !== undefined) {
        throw new CliError(
          `${file}: line ${table.unclosedQuoteLine}: a quote (") opens a cell that is never closed, so the rest of the file would be read as that one cell\nclose the quote or remove it, then import again (nothing was imported)`,
          EXIT.dataErr,
        );
      }
      const header = table.header.map((h) => h.trim().replace(/\s+/g, ' ').toLowerCase());
      const col = (names: string[]) => header.findIndex((h) => names.includes(h));
      const iEmail = col(['email', 'e-mail', 'mail', 'courriel', 'email address', 'e-mail address', 'adresse email', 'adresse e-mail', 'adresse mail', 'adresse électronique']);
      const iName = col(['name', 'nom', 'full name', 'nom complet']);
      const iLang = col(['language', 'langue', 'lang']);
      // Rosters that split the name (French « Prénom;Nom », Mailchimp's and Outlook's "First Name","Last Name"): the
      // greeting's name is both, first name first — beside a first-name column, « Nom » is the family name alone.
      const iFirst = col(['prénom', 'prenom', 'first name', 'firstname', 'first_name', 'given name']);
      const iLast = col(['nom de famille', 'last name', 'lastname', 'last_name', 'family name', 'surname']);
      const familyIsName = iFirst >= 0 && iLast < 0 && header[iName] === 'nom';
      const nameIn = (cells: string[]): string | null => {
        const whole = iName >= 0 && !familyIsName ? (cells[iName] ?? '').trim() : '';
        const parts = [iFirst >= 0 ? cells[iFirst] : '', iLast >= 0 ? cells[iLast] : familyIsName ? cells[iName] : ''];
        return whole || parts.map((p) => (p ?? '').trim()).filter((p) => p !== '').join(' ') || null;
      };
      if (iEmail < 0) {
        const found = table.header.length ? `found on line ${table.headerLine}: ${visible(table.header.map((h) => h.trim()).join(', '))}` : 'the file is empty';
        throw new CliError(`${file}: no email column in the header row (${found})\nthe first row should name the columns, e.g. email,name,language (separated by , ; or a tab)`, EXIT.dataErr);
      }
      const consentedAt = opts.consented ? new Date() : null;
      // One member per address (case aside): a later row fills in what an earlier one left empty, and is counted.
      const byKey = new Map<string, NewSubscriber & { line: number }>();
      let skipped = 0;
      let duplicates = 0;
      for (const { line, cells } of table.rows) {
        if (cells.every((c) => c.trim() === '')) continue;
        try {
          const { unknownLanguage, ...m } = member(cells[iEmail] ?? '', nameIn(cells), iLang >= 0 ? (cells[iLang] ?? null) : null, `line ${line}`);
          // A language crieur does not write in loses nobody from the roster: the member gets the group's, said.
          if (unknownLanguage) process.stderr.write(`${visible(file)}: line ${line}: language "${visible((cells[iLang] ?? '').trim())}" is not one crieur writes in (fr, en) — ${visible(m.email)} imported with the group's language (group.locale)\n`);
          const key = m.email.toLowerCase();
          const seen = byKey.get(key);
          if (seen) duplicates++;
          // The first row keeps its address as written and what it says; a later one only fills in what it left empty
          // (the later row's spelling and name replaced the first's: « F1@X.ORG (Fay upper) » over « f1@x.org,Fay »).
          byKey.set(key, { ...m, email: seen?.email ?? m.email, name: seen?.name ?? m.name ?? null, language: seen?.language ?? m.language ?? null, status: opts.consented ? 'active' : 'pending', consentedAt, source: `import:${basename(file)}`, line: seen?.line ?? line });
        } catch (err) {
          skipped++;
          process.stderr.write(`${visible(file)}: ${visible((err as Error).message)} — skipped\n`);
        }
      }
      if (byKey.size === 0) throw new CliError(`${file}: no valid address to import${skipped ? ` (${skipped} skipped)` : ''}`, EXIT.dataErr);
      await withStore(opts.config, async (store, config) => {
        const own = ownAddresses(config);
        const members = [...byKey.values()].flatMap(({ line, ...m }) => {
          if (!isOwnAddress(m.email, own)) return [m];
          skipped++;
          process.stderr.write(`${visible(file)}: line ${line}: ${visible(ownAddressSaid(m.email))} — skipped\n`);
          return [];
        });
        if (members.length === 0) throw new CliError(`${file}: no valid address to import (${skipped} skipped)`, EXIT.dataErr);
        const r = await store.subscribers.upsert(members.map((m) => ({ ...m, language: m.language ?? config.group.locale })));
        process.stdout.write(`${importSummary(r, { skipped, duplicates }, opts.consented === true)}\n`);
      });
    });
}

/**
 * `2 added (active), 1 pending → active, 3 already there, kept as is (2 active, 1 unsubscribed), 2 duplicates merged`:
 * the added ones in the status the import gave them, the pending ones it made active (they consented since), the
 * others as they are — an import changes no one's name or language, and re-subscribes no one.
 */
function importSummary(r: UpsertOutcome, n: { skipped: number; duplicates: number }, consented: boolean): string {
  const added = `${r.added} added${r.added ? ` (${consented ? 'active' : 'pending: import with --consented once they agreed'})` : ''}`;
  const activated = r.activated ? `, ${r.activated} pending → active` : '';
  const kept = { ...r.existingByStatus, active: (r.existingByStatus.active ?? 0) - r.activated };
  const statuses = SUBSCRIBER_STATUSES.filter((s) => kept[s]).map((s) => `${kept[s]} ${s}`);
  const existing = r.existing - r.activated ? `, ${r.existing - r.activated} already there, kept as is (${statuses.join(', ')})` : '';
  const duplicates = n.duplicates ? `, ${n.duplicates} duplicate${n.duplicates > 1 ? 's' : ''} merged` : '';
  return `${added}${activated}${existing}${duplicates}${n.skipped ? `, ${n.skipped} skipped` : ''}`;
}

const NAMES = /^(?:french|francais|francaise|english|anglais|anglaise)$/;

/**
 * A language as people write it in a roster or on the command line: a code or tag (fr, fra, fr-CA, en_GB, fr_FR.UTF-8),
 * or its name in either language (French, français, anglais, English), by its first word (« English (UK) »). null:
 * none given; 'unknown': one crieur does not write in (de, Deutsch) — was its first two letters, so « anglais » was
 * refused and « frisian » read as French.
 */
export function languageOf(cell: string | null | undefined): 'fr' | 'en' | 'unknown' | null {
  const v = (cell ?? '').trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (v === '') return null;
  // its first word: « English (UK) », « Français (France) », "English - US", "English; French" as exports write them
  // (« en français » is French)
  const words = v.split(/[\s(),;/|]+/).filter((w) => w !== '');
  const w = words[0] === 'en' && words.length > 1 && NAMES.test(words[1]!) ? words[1]! : (words[0] ?? '');
  // a POSIX locale's codeset or modifier too (fr_FR.UTF-8, fr_FR@euro)
  const code = (c: string) => new RegExp(`^(?:${c})(?:[-_][a-z0-9]+)*(?:[.@][a-z0-9_-]+)?$`).test(w);
  if (code('fr|fra|fre') || /^(?:french|francais|francaise)$/.test(w)) return 'fr';
  if (code('en|eng') || /^(?:english|anglais|anglaise)$/.test(w)) return 'en';
  return 'unknown';
}

const ownAddressSaid = (address: string) =>
  `${address} is crieur's own address (addresses.proposals, from, bounces or a list's): it cannot be a member — a list gets announcements as a list`;

/**
 * An address as mail clients and address books write one — `Jean Dupont <jean@x.fr>`, `"Dupont, Jean" <jean@x.fr>`,
 * `<jean@x.fr>`, `mailto:jean@x.fr` — pasted from a header into a spreadsheet: its address, and its display name for a
 * member given no name (Mailman's mass subscription reads such lines). Anything else is returned as written.
 */
function mailbox(cell: string): { address: string; displayName: string | null } {
  const c = cell.trim();
  const m = /^(?:"((?:[^"\\]|\\.)*)"|([^"<>]*?))\s*<\s*(?:mailto:)?([^<>\s]+)\s*>$/i.exec(c);
  if (m) return { address: m[3]!, displayName: nameOfPhrase(m[1]?.replace(/\\(.)/g, '$1') ?? m[2] ?? '') };
  return { address: c.replace(/^mailto:/i, ''), displayName: null };
}

/**
 * A display name as a greeting can use: without the single quotes some clients put around it (`'Jean Dupont' <…>`),
 * and none when it is only an address (Outlook's `'jean@x.fr' <jean@x.fr>` for a contact with no name) — as crieur
 * reads a From display name (cleanName). Otherwise as written: « Martin, Claire » stays the roster's to correct.
 */
function nameOfPhrase(phrase: string): string | null {
  const p = phrase.trim().replace(/^'(.*)'$/s, '$1').trim();
  return p === '' || (p.includes('@') && !/\s/.test(p)) ? null : p;
}

/** An address, a name and a language, checked; a language crieur does not write in is the caller's to decide. */
function member(address: string, name: string | null, language: string | null, where: string | null): Pick<NewSubscriber, 'email' | 'name' | 'language'> & { unknownLanguage: boolean } {
  const { address: e, displayName } = mailbox(address);
  if (!email.safeParse(e).success) throw new CliError(`${where ? `${where}: ` : ''}"${address.trim()}" is not an email address`, EXIT.usage);
  const lang = languageOf(language);
  const n = (name?.trim() ? name : displayName)?.replace(/\s+/g, ' ').trim() || null;
  return { email: e, name: n, language: lang === 'unknown' ? null : lang, unknownLanguage: lang === 'unknown' };
}

/** `--digest` and `--digest-format` → the choice to record (null: none), or undefined when `--digest` is absent. */
export function digestChoice(opts: { digest?: string; digestFormat?: string; list?: string }): DigestChoice | null | undefined {
  if (opts.digest === undefined) {
    if (opts.digestFormat !== undefined || opts.list !== undefined) throw new CliError('--digest-format and --list go with --digest daily|weekly', EXIT.usage);
    return undefined;
  }
  const cadence = opts.digest.trim().toLowerCase();
  if (cadence === 'off' || cadence === 'none') {
    if (opts.digestFormat !== undefined) throw new CliError('--digest-format goes with --digest daily|weekly, not off', EXIT.usage);
    return null;
  }
  if (cadence !== 'daily' && cadence !== 'weekly') throw new CliError(`--digest "${opts.digest}": expected daily, weekly or off`, EXIT.usage);
  const format = (opts.digestFormat ?? 'html').trim().toLowerCase();
  if (!DIGEST_FORMATS.includes(format as DigestFormat)) throw new CliError(`--digest-format "${opts.digestFormat}": expected html, text or mime`, EXIT.usage);
  return { cadence, format: format as DigestFormat };
}

/** The list a digest choice is about: the one named, or the only one configured. */
export function digestList(config: Config, name: string | undefined): string {
  const names = config.lists.map((l) => l.name);
  if (name !== undefined) {
    if (!names.includes(name)) throw new CliError(`no list named "${name}" in the configuration (lists: ${names.join(', ') || 'none configured'})`, EXIT.usage);
    return name;
  }
  if (names.length === 1) return names[0]!;
  if (names.length === 0) throw new CliError('no list is configured, so there is no digest to choose: add one under lists', EXIT.config);
  throw new CliError(`several lists are configured: name the digest's with --list (${names.join(', ')})`, EXIT.usage);
}

/** SPEC: `{email, name, language, status, lists, bounces}`, and each digest choice (`digests`). */
function toJson(s: Subscriber, digests: (DigestChoice & { list: string })[]) {
  return { email: s.email, name: s.name, language: s.language, status: s.status, lists: s.lists, bounces: s.bounces, lastBounce: s.lastBounce, digests };
}
