/**
 * A directory to write output into (`--out DIR`, `init DIR`): made by src/adapters/make-dir.ts one level at a time
 * (never Node's recursive mkdir, which spins forever on /proc), its failure worded for an output place.
 */
import { fileError } from '../core/text/file-error.ts';
import { makeDir } from '../adapters/make-dir.ts';

export { makeDir };

/** `makeDir` with its failure worded for an output place (SPEC: one line, cause and fix, exit 1). */
export async function makeOutputDir(dir: string, setting: string): Promise<void> {
  await makeDir(dir).catch((err: unknown) => {
    throw fileError(err, { path: dir, role: 'output', what: 'the directory', setting });
  });
}
