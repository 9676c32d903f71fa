/** See pglite-template.js: new pglite:// directories copied from a cluster made at install time. */
export const TEMPLATE_DIR: string;
export function pgliteVersion(): string;
export function usableTemplate(rootDir: string): string | null;
export function copyTemplate(rootDir: string, pgdata: string): boolean;
export function makeTemplate(rootDir: string): Promise<{ made: false } | { made: true; ms: number }>;
