/** pino behind the Logger port: JSON lines on stderr, so stdout stays free for command output (--json). */
import { pino } from 'pino';
import type { Logger } from '../../app/logger.ts';

export function createLogger(level: string, bindings: object = {}): Logger {
  return pino({ level, base: { pid: process.pid, ...bindings } }, pino.destination(2)) as unknown as Logger;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
