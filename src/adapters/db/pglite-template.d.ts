/** See pglite-template.js: new pglite:// directories copied from a cluster made at install time. */
export const TEMPLATE_DIR: string;
export function pgliteVersion(): string;
export function usableTemplate(rootDir: string): string | null;
export function copyTemplate(rootDir: string, pgdata: string, copy?: typeof import('node:fs').cpSync): boolean;
export function makeTemplate(rootDir: string): Promise<{ made: false } | { made: true; ms: number }>;
