/**
 * `crieur parse FILE…|- [--json] [--config FILE]` — SPEC: understands messages without touching any service. An mbox
 * is one input per message: NDJSON lines carry `file` and `message` (its 1-based position).
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { parseRawMessage, parseContextFrom, UNREADABLE } from '../../app/parse-message.ts';
import { mailparserReader } from '../../adapters/mailparser.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { formatParseResult } from '../format/parse-result.ts';
import { visible, jsonText } from '../format/visible.ts';
import { checkInputsGiven, inputLabel, readInputs } from '../inputs.ts';

/** The fix, for the one-input case whose line is all the user sees. */
const NOT_MAIL_HINT = '\n(crieur reads raw messages as saved by a mail client — "Save as…" .eml, "Show original" — or mbox files)';

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('print what crieur understands of raw messages (files, or - for stdin)')
    .argument('[files...]', 'RFC 5322 message files or mbox files; - or nothing reads stdin')
    .option('--json', 'machine-readable output (one object; NDJSON with several files)')
    .option('--config <file>', 'configuration file')
    .action(async (files: string[], opts: { json?: boolean; config?: string }) => {
      checkInputsGiven(files, 'parse');
      const config = loadConfig({ file: opts.config });
      const ctx = parseContextFrom(config);
      // Files and mbox files are read first: how many messages there are decides between one object and NDJSON.
      const inputs = [];
      for await (const input of readInputs(files)) inputs.push(input);
      const many = inputs.length > 1;
      let failed = false;
      for (const input of inputs) {
        const where = many ? { file: input.file, ...(input.message === undefined ? {} : { message: input.message }) } : {};
        const outcome = 'error' in input ? ({ ok: false, error: input.error } as const) : await parseRawMessage(input.raw, ctx, mailparserReader);
        if (!outcome.ok) {
          failed = true;
          // Under --json the reason is on stdout (one object, or its NDJSON line: a script piping to jq reads why)
          // and on stderr too, naming the input: an exit 65 is never said by nothing on stderr.
          if (opts.json) process.stdout.write(`${jsonText({ file: input.file, ...where, error: outcome.error })}\n`);
          // A read error names its file already; a parse error gets the file and what crieur reads.
          const said = 'error' in input ? outcome.error : `${inputLabel(input)}: ${outcome.error}`;
          // the hint is for what is no mail at all: a message too large to read is one already
          if (!many) throw new CliError(`${said}${'error' in input || outcome.error.startsWith(UNREADABLE) ? '' : NOT_MAIL_HINT}`, EXIT.dataErr);
          process.stderr.write(`crieur: ${visible(said)}\n`);
          continue;
        }
        if (opts.json) process.stdout.write(`${jsonText({ ...where, ...outcome.result })}\n`);
        else process.stdout.write(`${many ? `== ${visible(inputLabel(input))}\n` : ''}${formatParseResult(outcome.result)}\n`);
      }
      if (failed) process.exitCode = EXIT.dataErr;
    });
}
