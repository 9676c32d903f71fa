#!/usr/bin/env node
// The `crieur` bin. Runs the bundle in dist/ (built by `npm ci` through `prepare`, or `npm run build`) when it is
// the build of the sources as they are now — start-up without compiling anything — and otherwise the TypeScript
// sources through tsx's loader, so that someone editing src/ never runs stale code (the rule: src/cli/bundle.js).
import { listenForStop } from './stop-signal.js';
import { URL } from 'node:url';
import { freshBundle } from './bundle.js';

// A reader that went away (`crieur proposals list | head -1`) is no failure of the command: the rest of its output has
// nowhere to go. Ended quietly with 0, as `git log | head` ends (SIGPIPE, which Node ignores), for every command —
// rather than Node's unhandled 'error' event, its stack trace and exit 1. Commands print once their work is stored.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

// Long-running commands take a stop request from the start, also while their modules are still loading.
const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (command === 'start' || command === 'worker') listenForStop();

const bundle = freshBundle(new URL('../../', import.meta.url));
// A stack trace printed by --verbose names the .ts sources, as under tsx; reading the maps costs start-up, so only then.
if (bundle.entry && process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
let main;
if (bundle.entry) {
  ({ main } = await import(bundle.entry));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
