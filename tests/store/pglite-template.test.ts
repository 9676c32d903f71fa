/**
 * New pglite:// directories are copies of the cluster the build made (src/adapters/db/pglite-template.js), not an
 * initdb each: a first start, the demo and every test that makes a database take ≈ 1 s and ≈ 450 MB instead of ≈ 9 s
 * and ≈ 900 MB. A copy keeps its template's system identifier (set by initdb, random per cluster): that is how these
 * tests tell a copy from a cluster initdb made.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { openDb } from '../../src/adapters/db/open.ts';
import { copyTemplate, makeTemplate, TEMPLATE_DIR, usableTemplate } from '../../src/adapters/db/pglite-template.js';
import { removeDir, tempDir } from '../support/db.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SYSTEM_ID = 'SELECT system_identifier::text AS id FROM pg_control_system()';

/** The template's system identifier, read from a copy (the template itself is never opened: that would change it). */
async function templateId(): Promise<string> {
  const dir = tempDir();
  try {
    expect(copyTemplate(ROOT, path.join(dir, 'pgdata'))).toBe(true);
    const pg = await PGlite.create(path.join(dir, 'pgdata'));
    const [row] = (await pg.query<{ id: string }>(SYSTEM_ID)).rows;
    await pg.close();
    return row!.id;
  } finally {
    removeDir(dir);
  }
}

describe('PGlite template', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) removeDir(d);
  });

  it('was made by the build (npm ci runs it) for the installed PGlite', () => {
    expect(usableTemplate(ROOT), `no ${TEMPLATE_DIR}: run npm run build`).not.toBeNull();
  });

  it('a new database directory starts as a copy of it, and crieur migrates and uses it', async () => {
    const expected = await templateId();
    const d = dir();
    const db = await openDb(`pglite://${d}`);
    try {
      const [row] = await db.query<{ id: string }>(SYSTEM_ID);
      expect(row!.id).toBe(expected);
      // crieur's tables are there (migrated on the copy) and take writes.
      const [n] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM proposals`);
      expect(n!.n).toBe(0);
    } finally {
      await db.close();
    }
    // The template itself is untouched: another copy has the same identifier and no crieur table.
    expect(await templateId()).toBe(expected);
  }, 120_000);

  it("a database's cluster is its owner's alone (0700): it holds every message and address", async () => {
    // PGlite writes its files 0666 whatever the umask; a copy of the template (0755) or an initdb left it open to all.
    const d = dir();
    const db = await openDb(`pglite://${d}`);
    await db.close();
    expect((fs.statSync(path.join(d, 'pgdata')).mode & 0o777).toString(8)).toBe('700');
    // One made before is closed at its next open.
    fs.chmodSync(path.join(d, 'pgdata'), 0o755);
    await (await openDb(`pglite://${d}`)).close();
    expect((fs.statSync(path.join(d, 'pgdata')).mode & 0o777).toString(8)).toBe('700');
  }, 120_000);

  it('an existing database is opened as it is, never replaced by a copy', async () => {
    const d = dir();
    const first = await openDb(`pglite://${d}`);
    await first.exec(`CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')`);
    await first.close();
    const again = await openDb(`pglite://${d}`);
    try {
      expect(await again.query(`SELECT v FROM kept`)).toEqual([{ v: 'still here' }]);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('the remains of a copy a crash cut short are removed, and never taken for a database', async () => {
    const d = dir();
    const partial = path.join(d, 'pgdata.partial-999999');
    fs.mkdirSync(path.join(partial, 'base'), { recursive: true });
    fs.writeFileSync(path.join(partial, 'PG_VERSION'), '17\n');
    expect(copyTemplate(ROOT, path.join(d, 'pgdata'))).toBe(true);
    expect(fs.readdirSync(d)).toEqual(['pgdata']);
  });

  it('the template is readable by every user and writable by its builder only (the service runs as its own user)', async () => {
    // PGlite writes its files 0666 and one 0600: a service run as User=crieur could not copy a template root built.
    const root = dir();
    fs.cpSync(path.join(ROOT, TEMPLATE_DIR), path.join(root, TEMPLATE_DIR), { recursive: true });
    const replorigin = path.join(root, TEMPLATE_DIR, 'pgdata', 'pg_logical', 'replorigin_checkpoint');
    fs.chmodSync(replorigin, 0o600);
    fs.chmodSync(path.join(root, TEMPLATE_DIR, 'pgdata', 'PG_VERSION'), 0o666);
    // A template made before (npm ci after an upgrade keeps it) is set so too, and so is one made now (the build's).
    expect(await makeTemplate(root)).toEqual({ made: false });
    const fresh = dir();
    expect(await makeTemplate(fresh)).toMatchObject({ made: true });
    for (const top of [path.join(root, TEMPLATE_DIR), path.join(fresh, TEMPLATE_DIR)]) {
      const wrong: string[] = [];
      const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          const mode = fs.statSync(p).mode & 0o777;
          if (mode !== (e.isDirectory() ? 0o755 : 0o644)) wrong.push(`${path.relative(top, p)} ${mode.toString(8)}`);
          if (e.isDirectory()) walk(p);
        }
      };
      walk(top);
      expect(wrong, top).toEqual([]);
    }
  }, 120_000);

  it('a template this user may not read is not copied: PGlite runs initdb, not a refusal blamed on database.url', () => {
    // Tests run as root, whom no read is refused: the copy is told to fail as it does for the service's user.
    const d = dir();
    const template = usableTemplate(ROOT)!;
    const refused = () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: path.join(template, 'pg_logical', 'replorigin_checkpoint') });
    };
    expect(copyTemplate(ROOT, path.join(d, 'pgdata'), refused as typeof fs.cpSync)).toBe(false);
    expect(fs.readdirSync(d)).toEqual([]);
    // A write refused in the database's own directory is still its error (said with database.url's fix by the caller).
    const full = () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: path.join(d, 'pgdata.partial-1', 'PG_VERSION') });
    };
    expect(() => copyTemplate(ROOT, path.join(d, 'pgdata'), full as typeof fs.cpSync)).toThrow(/EACCES/);
  });

  it('without a template made by the installed PGlite, nothing is copied (PGlite runs initdb as before)', () => {
    const root = dir();
    const target = path.join(root, 'db', 'pgdata');
    fs.mkdirSync(path.dirname(target));
    expect(copyTemplate(root, target)).toBe(false);
    // One made by another PGlite version is not used either.
    fs.cpSync(path.join(ROOT, TEMPLATE_DIR), path.join(root, TEMPLATE_DIR), { recursive: true });
    fs.writeFileSync(path.join(root, TEMPLATE_DIR, 'VERSION'), '0.0.1\n');
    expect(copyTemplate(root, target)).toBe(false);
    expect(fs.existsSync(target)).toBe(false);
  });
});
