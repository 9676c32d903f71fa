/**
 * An HTML-only list post keeps its links in the digests (PostgreSQL, the real reader and renderer): the text every
 * rule reads drops each link's target (`ignoreHref`), and the digests showed « voir la page du wiki » with no way to
 * it. The post is now read again for the digest with the targets kept, `text <https://…>`; only web links.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import { storeOn } from '../../src/adapters/db/store.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { silentLogger } from '../../src/adapters/log/pino.ts';
import { mailparserReader, readMail } from '../../src/adapters/mailparser.ts';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { collectListPost } from '../../src/app/collect-list-post.ts';
import { loadDigest } from '../../src/app/build-digest.ts';
import { sincePeriod } from '../../src/core/digest/period.ts';
import type { Store } from '../../src/app/store.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';
import { e2eConfig } from '../support/pipeline.ts';

const LIST = { name: 'generale', address: 'pgsql-fr-generale@lists.postgresql.example', language: 'fr' as const };

/** An HTML-only post, as Outlook on the web or Gmail's « HTML only » sends it. */
function htmlOnlyPost(html: string): Buffer {
  return Buffer.from(
    [
      `Message-ID: <${randomBytes(6).toString('hex')}@example.fr>`,
      'From: Claire <claire@example.fr>',
      `To: ${LIST.address}`,
      'Subject: [generale] Lectures sur VACUUM',
      'Date: Tue, 01 Dec 2026 09:00:00 +0100',
      'List-Id: <pgsql-fr-generale.lists.postgresql.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      html,
      '',
    ].join('\r\n'),
  );
}

describe('an HTML-only list post in the digests', () => {
  const schema = randomSchema('dl');
  let db: Db;
  let store: Store;
  const config = e2eConfig({ smtpUrl: 'smtp://127.0.0.1:1', databaseUrl: PG_URL, prefix: 'unused' });

  beforeAll(async () => {
    db = await openDb(PG_URL, { schema });
    store = storeOn(db);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
  });

  it('keeps each web link’s target after its text, in the text and HTML digests; other links keep their text alone', async () => {
    const raw = htmlOnlyPost(
      '<div><p>Bonjour,</p><p>Voir <a href="https://wiki.postgresql.org/wiki/Don%27t_Do_This">la page du wiki</a> et ' +
        '<a href="https://www.postgresql.org/docs/current/routine-vacuuming.html">la documentation</a>, ou directement ' +
        '<a href="https://example.org/slides.pdf">https://example.org/slides.pdf</a>. <a href="mailto:claire@example.fr">Écrivez-moi</a>, ' +
        '<a href="javascript:alert(1)">ici</a>.</p></div>',
    );
    const { id } = await store.inbound.saveRaw(raw, { source: 'cli' });
    const mail = await readMail(raw);
    expect(mail.textFromHtml).toBe(true);
    await collectListPost({ config, store, clock: { now: () => new Date() }, log: silentLogger, reader: mailparserReader }, id, mail);

    const data = (await loadDigest({ store, config }, LIST, sincePeriod(new Date(), '1h')!))!;
    const composer = createDigestComposer(config);
    const r = composer.forMember(await composer.render(data, 'fr', { members: true }), { email: 'alice@example.fr', memberId: 0 });
    const said = 'Voir la page du wiki <https://wiki.postgresql.org/wiki/Don%27t_Do_This> et la documentation <https://www.postgresql.org/docs/current/routine-vacuuming.html>, ou directement https://example.org/slides.pdf.';
    expect(r.text.replace(/\s+/g, ' ')).toContain(said);
    expect(r.html).toContain('la page du wiki &lt;https://wiki.postgresql.org/wiki/Don%27t_Do_This&gt;');
    expect(r.text).toContain('Écrivez-moi, ici.');
    expect(r.text).not.toMatch(/javascript:|mailto:claire/);
  });
});
