/**
 * zod, loaded as CommonJS. Its ESM build is ≈ 95 files, and under the tsx loader every ESM file crosses the
 * loader's hooks thread: a third of `crieur parse`'s start-up went there. Required, the CommonJS build loads
 * without the hooks (in the bundle in dist/ it is bundled in, which costs neither). Values come from here
 * (`z.object(…)`); types from the package (`import type { z }`).
 */
import { createRequire } from 'node:module';
import type * as Zod from 'zod';

// The bundle build (scripts/build.js) drops this line, so that esbuild bundles the require below in.
const require = createRequire(import.meta.url);
export const z: typeof Zod.z = (require('zod') as typeof Zod).z;
