/**
 * Reply tokens and who they prove: the mint day is MAC'd and ages out; a token counts only for the From it was
 * minted for (display names, case and plus-tags aside); organizer tokens only while their holder organizes; the
 * answer to a call for talks stays a proposal even when it carries an announcement token (fixture 47).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMail } from '../../../src/adapters/mailparser.ts';
import { authenticate } from '../../../src/core/command/authenticate.ts';
import { checkToken, findTokens, mintToken } from '../../../src/core/tokens.ts';
import { understand } from '../../../src/core/understand.ts';
import { mail } from '../classify/build.ts';

const SECRET = 'test-secret-0123456789';
const ORGANIZER = 'dim@example.org';
const SPEAKER = 'jean.dupont@example.fr';
const NOW = new Date('2026-11-30T10:00:00Z');
const DAY = 86_400_000;
const auth = { secret: SECRET, organizers: [ORGANIZER], now: NOW, maxAgeDays: 120 };
const plus = (token: string): string => `talks+${token}@pgug.example.org`;

describe('tokens carry their mint day under the MAC', () => {
  const token = mintToken(SECRET, { purpose: 'speaker', ref: 'P-0007' }, SPEAKER, NOW);

  it('reads back purpose, ref and day; valid for its recipient, whatever the case, name or plus-tag', () => {
    const [t] = findTokens(plus(token));
    expect(t).toMatchObject({ purpose: 'speaker', ref: 'P-0007', day: Math.floor(NOW.getTime() / DAY) });
    for (const who of [SPEAKER, 'Jean.Dupont@EXAMPLE.fr', 'jean.dupont+pg@example.fr', 'Jean <jean.dupont@example.fr>']) {
      expect(checkToken(SECRET, t!, who, NOW, 120), who).toBe('valid');
    }
    expect(checkToken(SECRET, t!, 'jean.dupont@example.com', NOW, 120)).toBe('bad-mac');
  });

  it('expires after maxAgeDays; a younger day written over an old token breaks the MAC', () => {
    const old = mintToken(SECRET, { purpose: 'speaker', ref: 'P-0007' }, SPEAKER, new Date(NOW.getTime() - 121 * DAY));
    const [t] = findTokens(old);
    expect(checkToken(SECRET, t!, SPEAKER, NOW, 120)).toBe('expired');
    expect(checkToken(SECRET, t!, SPEAKER, NOW, 200)).toBe('valid');
    const [fresh] = findTokens(token);
    const rejuvenated = { ...t!, day: fresh!.day };
    expect(checkToken(SECRET, rejuvenated, SPEAKER, NOW, 120)).toBe('bad-mac');
  });

  it('a mint day in the future is not ours', () => {
    const [t] = findTokens(mintToken(SECRET, { purpose: 'speaker', ref: 'P-0007' }, SPEAKER, new Date(NOW.getTime() + 10 * DAY)));
    expect(checkToken(SECRET, t!, SPEAKER, NOW, 120)).toBe('bad-mac');
  });
});

describe('authenticate: the token proves the author, not the From header', () => {
  const org = mintToken(SECRET, { purpose: 'organizer', ref: 'P-0007' }, ORGANIZER, NOW);
  const spk = mintToken(SECRET, { purpose: 'speaker', ref: 'P-0007' }, SPEAKER, NOW);

  it.each([
    ['organizer token, organizer From (Reply-To address)', { from: `Dim <${ORGANIZER}>`, to: plus(org) }, { ok: true, role: 'organizer' }],
    ['organizer token in References only', { from: ORGANIZER, headers: { References: `<${org}.abc@pgug.example.org>` } }, { ok: true, role: 'organizer' }],
    ['speaker token, speaker From', { from: `Jean <${SPEAKER}>`, to: plus(spk) }, { ok: true, role: 'speaker' }],
    ['forged From without token', { from: ORGANIZER }, { ok: false, reason: 'no-token' }],
    ['organizer token, another From', { from: 'mallory@example.net', to: plus(org) }, { ok: false, reason: 'forged' }],
    ['speaker token, organizer From', { from: ORGANIZER, to: plus(spk) }, { ok: false, reason: 'forged' }],
  ])('%s', async (_n, d, expected) => {
    expect(authenticate(await mail(d), auth)).toMatchObject(expected);
  });

  it('an ex-organizer (no longer listed) proves nothing, even with a fresh token of theirs', async () => {
    const ex = 'ex@example.org';
    const t = mintToken(SECRET, { purpose: 'organizer', ref: 'P-0007' }, ex, NOW);
    expect(authenticate(await mail({ from: ex, to: plus(t) }), auth)).toMatchObject({ ok: false, reason: 'not-organizer' });
  });

  it('an expired token of the right sender is "expired" (answered), not "forged"', async () => {
    const t = mintToken(SECRET, { purpose: 'organizer', ref: 'P-0007' }, ORGANIZER, new Date(NOW.getTime() - 200 * DAY));
    expect(authenticate(await mail({ from: ORGANIZER, to: plus(t) }), auth)).toMatchObject({ ok: false, reason: 'expired', sender: ORGANIZER });
  });
});

describe('fixture 47: the answer to a call for talks is a proposal, announcement token or not', () => {
  const file = fileURLToPath(new URL('../../fixtures/proposals/47-answer-to-call-for-talks-fr.eml', import.meta.url));
  const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: [ORGANIZER], secret: SECRET, now: () => NOW, tokenMaxAgeDays: 120 };

  it.each(['In-Reply-To', 'To'])('with an announcement token in %s', async (where) => {
    const announce = mintToken(SECRET, { purpose: 'announce', ref: 'e12' }, 'pgsql-fr-generale@lists.postgresql.example', NOW);
    let raw = readFileSync(file, 'latin1');
    raw =
      where === 'To'
        ? raw.replace('To: talks@pgug.example.org', `To: ${plus(announce)}`)
        : raw.replace(/<cfp-2026-12@pgug\.example\.org>/g, `<${announce}.cfp@pgug.example.org>`);
    const r = understand(await readMail(Buffer.from(raw, 'latin1')), ctx);
    expect(r.kind).toBe('proposal');
    expect(r.proposal?.durationMinutes).toBe(30);
  });
});
