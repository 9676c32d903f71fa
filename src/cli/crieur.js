#!/usr/bin/env node
// The `crieur` bin: runs the TypeScript sources through tsx's loader, so `npm ci` is the only setup step
// (no build output to keep in sync with src/).
import { register } from 'tsx/esm/api';
import { listenForStop } from './stop-signal.js';

// Long-running commands take a stop request from the start, also while their modules are still loading.
const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (command === 'start' || command === 'worker') listenForStop();

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
