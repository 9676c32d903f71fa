/** See build.js: bundles the CLI into dist/ and writes its manifest. */
export function buildBundle(): Promise<{ ms: number; outputs: number; bytes: number; files: number }>;
