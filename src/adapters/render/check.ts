/**
 * `checkTemplates()`: every template crieur sends, loaded through the configured override folder, parsed, MJML-
 * compiled and rendered once with sample data — so that a broken override fails `crieur doctor` and
 * `announce --dry-run` (and any announce, before a single mail is queued), never at send time. Each override
 * file is parsed on its own first, so that a syntax error names that file and its line.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileErrorMessage } from '../../core/text/file-error.ts';
import type { Config } from '../../config/schema.ts';
import { eventMailData } from '../../core/render/announce-data.ts';
import { callMailData } from '../../core/render/call-data.ts';
import { parseTemplate } from '../../core/render/template.ts';
import type { Language } from '../../types.ts';
import { templateDirs } from '../compose/announcement.ts';
import { createRenderer } from './messages.ts';

export class TemplateCheckError extends Error {
  readonly code = 'ETEMPLATE_CHECK';
  readonly exitCode = 78;
}

/** The messages loaded at start elsewhere (ack, notify-organizer, the membership mails) and the event mails, in both languages. */
const COMPILED_ONLY = ['ack', 'notify-organizer', 'join-confirm', 'leave-confirm', 'left', 'welcome'];
const EVENT_MAILS = ['announce', 'reminder'] as const;
const LOCALES: Language[] = ['fr', 'en'];

/** Resolves when every template is sound; else throws TemplateCheckError listing each problem (file, line). */
export async function checkTemplates(config: Config): Promise<void> {
  const problems: string[] = [];
  if (config.templates.dir) problems.push(...(await checkFiles(config.templates.dir)));
  if (problems.length === 0) {
    const renderer = createRenderer({ dir: templateDirs(config) });
    const group = { name: config.group.name, timezone: config.group.timezone };
    const ev = { id: 1, date: new Date('2027-01-28T18:00:00Z'), venue: 'Venue', title: 'Title', venueAddress: 'Address', mapUrl: 'https://example.org/map', registrationUrl: 'https://example.org/r', capacity: 80 };
    const talks = [
      { ref: 'P-0001', format: 'talk' as const, title: 'Talk', abstract: 'Abstract.', durationMinutes: 45, speakers: [{ name: 'A', email: 'a@example.org' }] },
      { ref: 'P-0002', format: 'lightning' as const, title: 'Lightning', abstract: null, durationMinutes: 5, speakers: [{ name: 'B', email: 'b@example.org' }] },
    ];
    for (const locale of LOCALES) {
      for (const name of COMPILED_ONLY) await renderer.warm([name], [locale]).catch((e: unknown) => problems.push((e as Error).message));
      for (const name of EVENT_MAILS) {
        for (const personal of [true, false]) {
          const data = eventMailData(ev, talks, { group, locale, proposalsAddress: config.addresses.proposals, personal, next: null, daysBefore: 6, forSpeakers: false });
          await renderer.render(name, locale, data).catch((e: unknown) => problems.push((e as Error).message));
        }
      }
      for (const personal of [true, false]) {
        const data = callMailData([{ date: ev.date, venue: ev.venue, title: ev.title, formats: ['lightning'] }], { group, locale, proposalsAddress: config.addresses.proposals, personal });
        await renderer.render('call', locale, data).catch((e: unknown) => problems.push((e as Error).message));
      }
    }
  }
  const unique = [...new Set(problems)];
  if (unique.length) throw new TemplateCheckError(`template problem${unique.length > 1 ? 's' : ''}: ${unique.join('; ')}`);
}

/** Each file of the override folder (and its partials/) parsed alone: errors carry its own name and line. */
async function checkFiles(dir: string): Promise<string[]> {
  const problems: string[] = [];
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /\.(mjml|txt)$/.test(f));
  } catch (err) {
    // The folder itself (missing, a file, unreadable): said with its fix, not as "ENOENT: …, scandir '…'".
    return [fileErrorMessage(err, { path: dir, role: 'config', what: 'the templates.dir directory', action: 'open', setting: 'templates.dir (or remove it: the built-in templates are used)' })];
  }
  const partials = await readdir(join(dir, 'partials')).catch(() => [] as string[]);
  for (const f of [...files, ...partials.filter((p) => /\.(mjml|txt)$/.test(p)).map((p) => `partials/${p}`)]) {
    const path = join(dir, f);
    const src = (await readFile(path, 'utf8')).replace(/\{\{>\s*[\w-]+\s*\}\}/g, '');
    try {
      parseTemplate(src, path);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return problems;
}
