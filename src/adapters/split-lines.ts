/**
 * mailsplit's MessageSplitter._transform (@zone-eu/mailsplit 5.4.30, pinned in package.json: internal API, used
 * knowingly) with one change: the next line end of a write is found by Buffer#indexOf (memchr, in C++) instead of a
 * JavaScript loop over every byte. That loop — every byte of every message, base64 attachments included, through two
 * closure variables — was 12 % of the CPU samples of a read of the corpus under --jitless (node --cpu-prof,
 * bench/understand.ts --understand 0), the largest single cost of the decode; callgrind counted a pass of the corpus
 * 10.0 → 7.2 G instructions (--jitless), the warm rounds of a corpus folder −7 % under the JIT. Everything else is
 * mailsplit's code as it is (its comments shortened): the same lines handed to processLine, the same groups pushed,
 * the same yields to the event loop every YIELD_BYTES. src/adapters/mailparser.ts installs it; tests/adapters/split-lines.test.ts compares
 * the splitter's output with the original's on the corpus, whole and written in small pieces.
 */
import { createRequire } from 'node:module';
import type { TransformCallback } from 'node:stream';

const require = createRequire(import.meta.url);

type Chunk = { type: string; value?: Buffer; node?: { parentNode?: unknown } };
type OnLine = (err: Error | null, data?: Chunk | null, flush?: boolean) => void;
/** The splitter as _transform reads it (mailsplit 5.4.30's message-splitter.js). */
type Splitter = {
  lineLength: number;
  hasFailed: boolean;
  push(chunk: unknown): boolean;
  processLine(line: Buffer | false, final: boolean, next: OnLine): void;
  appendPendingLine(chunk: Buffer): void;
  enforcePendingLineLimit(): Error | null;
};
type Transform = (this: Splitter, chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback) => void;

/** mailsplit's own constant: bytes split in one go before yielding to the event loop. */
const YIELD_BYTES = 16 * 1024;

/** mailsplit's trimBodyLineEnd: the line end before a boundary belongs to the delimiter, not to a child's body. */
function trimBodyLineEnd(group: Chunk, chunk: Buffer, start: number, end: number): number {
  if (group.type !== 'body' || !group.node || !group.node.parentNode) return end;
  if (end > start && chunk[end - 1] === 0x0a) {
    end--;
    if (end > start && chunk[end - 1] === 0x0d) end--;
  }
  return end;
}

/** The original's _transform, kept for the test that compares both. */
export const { Splitter: MessageSplitter } = require('@zone-eu/mailsplit') as { Splitter: { prototype: { _transform: Transform } } };
export const originalTransform: Transform = MessageSplitter.prototype._transform;

export const splitLines: Transform = function (chunk, _encoding, callback) {
  let pos = 0;
  let i = 0;
  let group: Chunk = { type: 'none' };
  let groupstart = this.lineLength ? -this.lineLength : 0;
  let groupend = 0;
  let yieldPos = 0;
  let inLine = false;
  let resumeInLine = false;

  const checkTrailingLinebreak = (data: Chunk): void => {
    if (data.type === 'body' && data.node!.parentNode && data.value && data.value.length) {
      if (data.value[data.value.length - 1] === 0x0a) {
        groupstart--;
        groupend--;
        pos--;
        if (data.value.length > 1 && data.value[data.value.length - 2] === 0x0d) {
          groupstart--;
          groupend--;
          pos--;
          if (groupstart < 0 && !this.lineLength) this.appendPendingLine(Buffer.from([0x0d]));
          data.value = data.value.slice(0, data.value.length - 2);
        } else {
          data.value = data.value.slice(0, data.value.length - 1);
        }
      } else if (data.value[data.value.length - 1] === 0x0d) {
        groupstart--;
        groupend--;
        pos--;
        data.value = data.value.slice(0, data.value.length - 1);
      }
    }
  };

  const nextLine = (): void => {
    if (inLine && i - yieldPos < YIELD_BYTES) {
      resumeInLine = true;
      return;
    }
    setImmediate(iterateData);
  };

  const onLine: OnLine = (err, data, flush) => {
    if (err) {
      this.hasFailed = true;
      setImmediate(() => callback(err));
      return;
    }
    if (!data) return nextLine();
    if (flush) {
      if (group && group.type !== 'none') {
        groupend = trimBodyLineEnd(group, chunk, groupstart, groupend);
        if (groupstart < groupend) {
          group.value = chunk.slice(groupstart, groupend);
          if (groupend < i && 'value' in data) data.value = chunk.slice(groupend, i);
        }
        this.push(group);
        group = { type: 'none' };
        groupstart = groupend = i;
      }
      this.push(data);
      groupend = i;
      return nextLine();
    }
    if (data.type === group.type) {
      groupend = i;
    } else {
      groupend = trimBodyLineEnd(group, chunk, groupstart, groupend);
      if (group.type !== 'none' && group.type !== 'node') {
        if (groupstart !== groupend) {
          group.value = chunk.slice(groupstart, groupend);
          if (group.value && group.value.length) {
            this.push(group);
            group = { type: 'none' };
          }
        }
      }
      if (data.type === 'node') {
        this.push(data);
        groupstart = i;
        groupend = i;
      } else if (groupstart < 0) {
        groupstart = i;
        groupend = i;
        checkTrailingLinebreak(data);
        if (data.value && data.value.length) this.push(data);
      } else {
        group = data;
        groupstart = groupend;
        groupend = i;
      }
    }
    return nextLine();
  };

  const iterateData = (): void => {
    yieldPos = i;
    while (i < chunk.length) {
      // the one change: the next <LF> found in C++ (mailsplit stepped i byte by byte to it)
      const lf = chunk.indexOf(0x0a, i);
      if (lf < 0) {
        i = chunk.length;
        break;
      }
      const start = Math.max(pos, 0);
      pos = i = lf + 1;
      inLine = true;
      resumeInLine = false;
      this.processLine(chunk.slice(start, i), false, onLine);
      inLine = false;
      if (!resumeInLine) return;
    }
    pos = trimBodyLineEnd(group, chunk, groupstart, pos);
    if (group.type !== 'none' && group.type !== 'node' && pos > groupstart) {
      group.value = chunk.slice(groupstart, pos);
      if (group.value && group.value.length) {
        this.push(group);
        group = { type: 'none' };
      }
    }
    if (pos < chunk.length) this.appendPendingLine(chunk.slice(Math.max(pos, 0)));
    const pendingLineError = this.enforcePendingLineLimit();
    if (pendingLineError) {
      this.hasFailed = true;
      return callback(pendingLineError);
    }
    callback();
  };

  setImmediate(iterateData);
};
