/** Database URLs: which engine, where, and how to print them without a password. */
import path from 'node:path';
import { DbError } from './db.ts';

export type DbTarget = { engine: 'postgres'; url: string; label: string } | { engine: 'pglite'; dir: string; label: string };

export function parseDbUrl(url: string): DbTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) return { engine: 'postgres', url, label: redact(url) };
  const m = /^pglite:\/\/(.+)$/i.exec(url);
  if (m?.[1]) {
    const dir = path.resolve(m[1]);
    return { engine: 'pglite', dir, label: `pglite://${dir}` };
  }
  throw new DbError('EDB_URL', `unsupported database URL "${redact(url)}": use postgres://user@host/db or pglite://./data/crieur`);
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}
