/**
 * What `parse` and `ingest` read: files, or `-` for stdin; an mbox (recognised by content, src/core/mbox.ts)
 * counts as one input per message, so a list archive or an old proposals folder goes in whole.
 */
import { fileErrorMessage, fileErrorText } from '../core/text/file-error.ts';
import { readFile } from 'node:fs/promises';
import { isMbox, splitMbox } from '../core/mbox.ts';
import { readStdin } from './stdin.ts';
import { CliError, EXIT } from './exit-codes.ts';

export type Input =
  | {
      /** The path as given (`-` for stdin). */
      file: string;
      /** 1-based position in an mbox; absent for a file holding one message. */
      message?: number;
      raw: Buffer;
    }
  | { file: string; message?: undefined; error: string };

/**
 * No file named and stdin a terminal: the command would wait, silent, for a message typed by hand (an operator who
 * ran `crieur parse` to see its usage). Said as bad usage instead; `-` still reads a terminal, when asked for.
 */
export function checkInputsGiven(files: readonly string[], command: string, stdinIsTTY = process.stdin.isTTY === true): void {
  if (files.length === 0 && stdinIsTTY) {
    throw new CliError(`no input: give the message files (or mbox files) to ${command}, or - to read one from standard input\n(see crieur ${command} --help)`, EXIT.usage);
  }
}

/**
 * Every input in the order given, one file read at a time (a backlog of thousands of files is never all in
 * memory); a file that cannot be read is one error, and reading goes on.
 */
export async function* readInputs(files: readonly string[]): AsyncGenerator<Input> {
  for (const file of files.length === 0 ? ['-'] : files) {
    let raw: Buffer;
    try {
      raw = file === '-' ? await readStdin() : await readFile(file);
    } catch (err) {
      // A file: its path, the cause in words and the fix (`… no such file — check the path …`), as every command says it.
      yield { file, error: file === '-' ? `cannot read standard input: ${fileErrorText(err)}` : fileErrorMessage(err, { path: file, role: 'input' }) };
      continue;
    }
    if (isMbox(raw)) yield* splitMbox(raw).map((m, i) => ({ file, message: i + 1, raw: m }));
    else yield { file, raw };
  }
}

/** `archive.mbox#3` for a message of an mbox, the path otherwise (`standard input` for `-`): for human-readable lines. */
export const inputLabel = (i: { file: string; message?: number }): string => {
  const name = i.file === '-' ? 'standard input' : i.file;
  return i.message === undefined ? name : `${name}#${i.message}`;
};
