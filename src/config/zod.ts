/**
 * zod, loaded as CommonJS. Its ESM build is ≈ 95 files, and under the tsx loader every ESM file crosses the
 * loader's hooks thread: a third of `crieur parse`'s start-up went there. Required, the CommonJS build loads
 * without the hooks. Values come from here (`z.object(…)`); types from the package (`import type { z }`).
 */
import { createRequire } from 'node:module';
import type * as Zod from 'zod';

export const z: typeof Zod.z = (createRequire(import.meta.url)('zod') as typeof Zod).z;
