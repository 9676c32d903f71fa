// A parse thread's first module (pool.ts starts it). It loads crieur as the bin does (src/cli/crieur.js): the bundle in
// dist/ when it is the build of the files as they are now, else the TypeScript sources through tsx's loader — then
// serves parses until the pool ends it. Plain JavaScript: no TypeScript loader exists in a new thread.
import { URL } from 'node:url';
import { freshBundle } from '../../cli/bundle.js';

const bundle = freshBundle(new URL('../../../', import.meta.url));
let entry;
if (bundle.entry) {
  entry = await import(bundle.entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = await import('../../cli/main.ts');
}
await entry.serveThread('parse');
