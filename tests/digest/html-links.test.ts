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
  it('wraps an HTML-only post’s paragraphs at 72 columns in the text digest, its quote recognised, a <pre> plan kept as typed', async () => {
    const plan = 'Seq Scan on pgbench_accounts  (cost=0.00..263935.00 rows=10000000 width=97) (actual time=0.010..812.345 rows=10000000 loops=1)';
    const raw = htmlOnlyPost(
      '<div><p>Oui, il prend un <b>ACCESS EXCLUSIVE</b> &amp; bloque toutes les lectures et écritures pendant toute la durée de la réécriture de la table, index compris, ' +
        'ce qui peut prendre des heures sur une grosse table. Voir <a href="https://wiki.postgresql.org/wiki/Lock_Monitoring">la page du wiki sur la surveillance des verrous</a>.</p>' +
        `<pre>${plan}</pre>` +
        '<div>Le mer. 2 déc. 2026 à 11:41, Paul Poster &lt;paul@example.net&gt; a écrit&nbsp;:<br></div><blockquote>Est-ce que VACUUM FULL verrouille la table&nbsp;?</blockquote></div>',
    );
    const { id } = await store.inbound.saveRaw(raw, { source: 'cli' });
    const mail = await readMail(raw);
    await collectListPost({ config, store, clock: { now: () => new Date() }, log: silentLogger, reader: mailparserReader }, id, mail);

    const data = (await loadDigest({ store, config }, LIST, sincePeriod(new Date(), '1h')!))!;
    const composer = createDigestComposer(config);
    const r = composer.forMember(await composer.render(data, 'fr', { members: true }), { email: 'alice@example.fr', memberId: 0 });
    const post = r.text.slice(r.text.indexOf('Oui, il prend'));
    const body = post.slice(0, post.indexOf('------------------------------'));
    expect(body.replace(/\s+/g, ' ')).toContain('Oui, il prend un ACCESS EXCLUSIVE & bloque toutes les lectures et écritures pendant toute la durée');
    expect(body.replace(/\s+/g, ' ')).toContain('la page du wiki sur la surveillance des verrous <https://wiki.postgresql.org/wiki/Lock_Monitoring>.');
    for (const line of body.split('\n')) if (line !== plan) expect([...line].length, line).toBeLessThanOrEqual(72);
    expect(body.split('\n')).toContain(plan);
    // the quoted history is still cut
    expect(body).not.toContain('Est-ce que VACUUM FULL');
  });
});
