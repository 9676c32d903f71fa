/**
 * PGlite lets one process open a data directory. The process that opens it writes DIR/crieur.lock (its pid,
 * created with O_EXCL); a lock whose pid is dead is stale and taken over. An owner that serves writes
 * DIR/crieur.endpoint.json so that the others connect to it instead.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Endpoint {
  pid: number;
  host: string;
  port: number;
}

export type LockAttempt = { held: true; release: () => void } | { held: false; pid: number };

const LOCK = 'crieur.lock';
const ENDPOINT = 'crieur.endpoint.json';
const TAKEOVER = 'crieur.lock.takeover';
/** A takeover marker older than this was left by a process that died mid-takeover. */
const TAKEOVER_STALE_MS = 5_000;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(JSON.parse(fs.readFileSync(file, 'utf8')).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null; // missing, or half-written by a process that is creating it right now
  }
}

function create(file: string): boolean {
  try {
    fs.writeFileSync(file, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

export function tryLock(dir: string): LockAttempt {
  const file = path.join(dir, LOCK);
  if (create(file)) return held(file);
  const pid = readPid(file);
  if (pid === null || isAlive(pid)) return { held: false, pid: pid ?? 0 };
  // Stale. Two processes may both see it stale: the takeover marker lets only one remove and recreate it,
  // so that nobody deletes a lock that another has just taken.
  const marker = path.join(dir, TAKEOVER);
  if (!create(marker)) {
    try {
      if (Date.now() - fs.statSync(marker).mtimeMs > TAKEOVER_STALE_MS) fs.rmSync(marker, { force: true });
    } catch {
      /* gone meanwhile */
    }
    return { held: false, pid };
  }
  try {
    if (readPid(file) === pid) fs.rmSync(file, { force: true });
    return create(file) ? held(file) : { held: false, pid: readPid(file) ?? 0 };
  } finally {
    fs.rmSync(marker, { force: true });
  }
}

function held(file: string): LockAttempt {
  // A process that exits without closing the store must not leave a lock that looks alive to a recycled pid.
  const onExit = (): void => {
    if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
  };
  process.once('exit', onExit);
  return {
    held: true,
    release: () => {
      process.removeListener('exit', onExit);
      onExit();
    },
  };
}

export function writeEndpoint(dir: string, ep: Endpoint): void {
  const file = path.join(dir, ENDPOINT);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(ep));
  fs.renameSync(tmp, file); // readers never see half a file
}

export function readEndpoint(dir: string): Endpoint | null {
  try {
    const ep = JSON.parse(fs.readFileSync(path.join(dir, ENDPOINT), 'utf8')) as Endpoint;
    return Number.isInteger(ep.pid) && Number.isInteger(ep.port) && typeof ep.host === 'string' ? ep : null;
  } catch {
    return null;
  }
}

export function removeEndpoint(dir: string): void {
  const file = path.join(dir, ENDPOINT);
  if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
}
