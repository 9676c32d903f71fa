// A parse thread that comes up, then stops while it holds a message (tests/adapters/parse-threads.test.ts): a thread
// cut short (a crash in native code, a process.exit in a dependency) is a fault a real parse cannot be made to produce.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => process.exit(3));
parentPort.postMessage({ ready: true });
