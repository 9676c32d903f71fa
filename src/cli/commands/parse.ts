/** `crieur parse FILE…|- [--json] [--config FILE]` — SPEC: understands messages without touching any service. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { parseRawMessage, parseContextFrom } from '../../app/parse-message.ts';
import { mailparserReader } from '../../adapters/mailparser.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { formatParseResult } from '../format/parse-result.ts';
import { readStdin } from '../stdin.ts';

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('print what crieur understands of raw messages (files, or - for stdin)')
    .argument('[files...]', 'RFC 5322 message files; - or nothing reads stdin')
    .option('--json', 'machine-readable output (one object; NDJSON with several files)')
    .option('--config <file>', 'configuration file')
    .action(async (files: string[], opts: { json?: boolean; config?: string }) => {
      const config = loadConfig({ file: opts.config });
      const ctx = parseContextFrom(config);
      const inputs = files.length === 0 ? ['-'] : files;
      const many = inputs.length > 1;
      let failed = false;
      const fail = (file: string, reason: string) => {
        failed = true;
        if (!many) throw new CliError(reason, EXIT.dataErr);
        if (opts.json) process.stdout.write(`${JSON.stringify({ file, error: reason })}\n`);
        else process.stderr.write(`crieur: ${file}: ${reason}\n`);
      };
      for (const file of inputs) {
        let raw: Buffer;
        try {
          raw = file === '-' ? await readStdin() : await readFile(file);
        } catch (err) {
          fail(file, `cannot read ${file === '-' ? 'standard input' : file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
          continue;
        }
        const outcome = await parseRawMessage(raw, ctx, mailparserReader);
        if (!outcome.ok) {
          fail(file, outcome.error);
          continue;
        }
        if (opts.json) {
          const obj = many ? { file, ...outcome.result } : outcome.result;
          process.stdout.write(`${JSON.stringify(obj)}\n`);
        } else {
          process.stdout.write(`${many ? `== ${file}\n` : ''}${formatParseResult(outcome.result)}\n`);
        }
      }
      if (failed) process.exitCode = EXIT.dataErr;
    });
}
