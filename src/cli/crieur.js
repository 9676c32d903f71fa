#!/usr/bin/env node
// The `crieur` bin: runs the TypeScript sources through tsx's loader, so `npm ci` is the only setup step
// (no build output to keep in sync with src/).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
