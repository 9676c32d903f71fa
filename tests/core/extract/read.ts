/**
 * The parse audits' and reviews' reader: a handcrafted mail (classify/build.ts) classified, and for a proposal the fields
 * a test compares — each file names its own, so that its rows say only what they check (`toEqual` on the record).
 */
import { classify } from '../../../src/core/classify/index.ts';
import { extractProposal } from '../../../src/core/extract/index.ts';
import { mail } from '../classify/build.ts';

/** The group the audits' mail is written to. */
export const AUDIT_CTX = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

type Field = 'title' | 'abstract' | 'minutes' | 'format' | 'speakers';
export interface Read {
  kind: string;
  title?: string | null;
  abstract?: string | null;
  minutes?: number;
  format?: string;
  speakers?: (string | null)[];
}

/** `speakers`: their names alone, or « Name <address> » (`addresses`). */
export function proposalReader(fields: readonly Field[], opts: { speakers?: 'names' | 'addresses' } = {}) {
  return async (from: string, subject: string, body: string, contentType?: string): Promise<Read> => {
    const m = await mail(contentType ? { from, subject, mime: { contentType, body } } : { from, subject, body });
    const kind = classify(m, AUDIT_CTX).kind;
    if (kind !== 'proposal') return { kind };
    const p = extractProposal(m, AUDIT_CTX).proposal;
    const all: Required<Read> = {
      kind,
      title: p.title,
      abstract: p.abstract,
      minutes: p.durationMinutes,
      format: p.format,
      speakers: p.speakers.map((s) => (opts.speakers === 'addresses' ? `${s.name} <${s.email}>` : s.name)),
    };
    const out: Read = { kind };
    for (const f of fields) Object.assign(out, { [f]: all[f] });
    return out;
  };
}
