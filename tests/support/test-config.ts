/**
 * The configuration and the silent logger of the in-process use-case tests (announcements, campaigns, deliver
 * marks): a group, its addresses, a secret named after the test, an SMTP URL each test replaces with its own sender.
 */
import { configSchema, type Config } from '../../src/config/schema.ts';
import type { Logger } from '../../src/app/logger.ts';

export function groupConfig(tag: string, over: Record<string, unknown> = {}): Config {
  return configSchema.parse({
    group: { name: 'Groupe de test', locale: 'fr', timezone: 'Europe/Paris' },
    addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
    secret: `${tag}-secret-0123456789abcdef`,
    smtp: { url: 'smtp://127.0.0.1:1', pool: 2 },
    ...over,
  });
}

/** The list the announcement tests send to. */
export const GENERALE = { name: 'generale', address: 'pgsql-fr-generale@lists.example.org', language: 'fr' };

export const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLog };
