/** See bundle.js: whether dist/ is the build of the files as they are now. */
export const MANIFEST_FORMAT: number;
export const DIST_DIR: string;
export const MANIFEST: string;
export function digestFiles(rootUrl: string | URL, files: readonly string[]): string;
export function freshBundle(rootUrl: string | URL): { entry: string; stale?: undefined } | { stale: string; entry?: undefined };
