// bench/startup-stages — where the start-up of `crieur parse FILE` goes, stage by stage (CPU of the process, all
// threads, and wall), the README's table under "What crieur runs". Plain JavaScript run by plain node: tsx must not
// be loaded before the stage that measures it.
//
//   node bench/startup-stages.js sources|bundle [ROOT]    (ROOT: another checkout, e.g. main's, to compare)
import { readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL, URL } from 'node:url';

const mode = process.argv[2];
const root = process.argv[3] ? pathToFileURL(`${process.argv[3].replace(/\/$/, '')}/`) : new URL('../', import.meta.url);
const FILE = new URL('tests/fixtures/proposals/01-gmail-alternative-labelled-fr.eml', root).pathname;
const rows = [];
const boot = process.cpuUsage();
rows.push(['Node itself, to the first line', (boot.user + boot.system) / 1000, performance.now()]);
let cpu = process.cpuUsage();
let wall = performance.now();
const lap = (name) => {
  const d = process.cpuUsage(cpu);
  const now = performance.now();
  rows.push([name, (d.user + d.system) / 1000, now - wall]);
  cpu = process.cpuUsage();
  wall = now;
};
const quiet = async (fn) => {
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
};

if (mode === 'sources') {
  const { register } = await import('tsx/esm/api');
  register();
  lap('tsx register');
  const { main } = await import(new URL('src/cli/main.ts', root).href);
  lap('main.ts + commander');
  await import(new URL('src/config/load.ts', root).href);
  lap('configuration: yaml, zod, the schema');
  await import(new URL('src/app/parse-message.ts', root).href);
  lap('core: classify, extract, chrono-node, franc, luxon');
  await import(new URL('src/adapters/mailparser.ts', root).href);
  lap('mailparser, libmime, html-to-text');
  await import(new URL('src/cli/commands/parse.ts', root).href);
  lap('the rest of the parse command');
  await quiet(() => main(['parse', FILE]));
  lap('reading the config, parsing the message, printing');
} else if (mode === 'bundle') {
  const { freshBundle } = await import(new URL('src/cli/bundle.js', root).href);
  const bundle = freshBundle(root);
  if (!bundle.entry) throw new Error(`no up-to-date bundle: ${bundle.stale}`);
  lap('bundle check (digest of the sources)');
  const { main } = await import(bundle.entry);
  lap('dist main.js + commander');
  const dir = new URL('./', bundle.entry);
  await import(new URL(readdirSync(dir).find((f) => /^parse-\w+\.js$/.test(f)), dir).href);
  lap('parse chunk: configuration, core, mailparser');
  await quiet(() => main(['parse', FILE]));
  lap('reading the config, parsing the message, printing');
} else {
  throw new Error('usage: node bench/startup-stages.js sources|bundle [ROOT]');
}
for (const [name, ms, w] of rows) console.log(`${name.padEnd(52)} ${ms.toFixed(0).padStart(5)} ms CPU ${w.toFixed(0).padStart(6)} ms wall`);
const total = process.cpuUsage();
console.log(`${'total'.padEnd(52)} ${((total.user + total.system) / 1000).toFixed(0).padStart(5)} ms CPU ${performance.now().toFixed(0).padStart(6)} ms wall`);
