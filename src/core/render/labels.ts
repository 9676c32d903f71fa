/**
 * The few words crieur puts around user data in its mails (format names, languages, sizes), per locale.
 * Sentences live in templates/; only what must be computed from data is here.
 */
import type { Language, TalkFormat } from '../../types.ts';

interface Labels {
  format: Record<TalkFormat, string>;
  language: Record<Language, string>;
  untitled: string;
  /** A speaker without a name, where their address must not show (the public pages, the calendar feed). */
  speaker: string;
  minutes: (n: number) => string;
  bytes: [string, string, string, string]; // B, KB, MB, GB
}

export const LABELS: Record<Language, Labels> = {
  fr: {
    format: { talk: 'conférence', lightning: 'présentation éclair (lightning talk)' },
    language: { fr: 'français', en: 'anglais' },
    untitled: '(sans titre)',
    speaker: 'un·e orateur·rice',
    minutes: (n) => `${n} minute${n > 1 ? 's' : ''}`,
    bytes: ['octets', 'Ko', 'Mo', 'Go'],
  },
  en: {
    format: { talk: 'talk', lightning: 'lightning talk' },
    language: { fr: 'French', en: 'English' },
    untitled: '(untitled)',
    speaker: 'a speaker',
    minutes: (n) => `${n} minute${n === 1 ? '' : 's'}`,
    bytes: ['bytes', 'KB', 'MB', 'GB'],
  },
};

/** « 1,2 Mo » / "1.2 MB": one decimal at most, the locale's decimal mark, binary multiples. */
export function formatSize(bytes: number, locale: Language): string {
  const units = LABELS[locale].bytes;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const n = sizeFormat(locale, unit === 0 ? 0 : 1).format(value);
  return `${n} ${units[unit]}`;
}

/**
 * The four number formats formatSize writes with (two locales, zero or one decimal), made once: a NumberFormat built
 * for every attachment of every mail about a proposal was most of formatSize's time (bench/compose's profile).
 */
const sizeFormats = new Map<string, Intl.NumberFormat>();
function sizeFormat(locale: Language, digits: 0 | 1): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let f = sizeFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: digits });
    sizeFormats.set(key, f);
  }
  return f;
}
