// The stop request of a long-running command (`crieur start`, `crieur worker`), listened for from the first line
// of the bin: a SIGTERM or SIGINT that arrives while the command is still loading (compiling its modules, opening
// services) is kept and honoured with a clean stop and exit 0, instead of killing the process by the default
// action. After the first signal the listeners are removed: a second one is the operator's "now", by default.
// Plain JavaScript: the bin imports it before the TypeScript loader has compiled anything.

const SIGNALS = ['SIGTERM', 'SIGINT'];
let received = null;
let resolveStop = () => undefined;
const stopped = new Promise((resolve) => (resolveStop = resolve));

function onSignal(signal) {
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  received = signal;
  resolveStop(signal);
}

/** Starts listening (once per process). */
export function listenForStop() {
  if (process.listeners('SIGTERM').includes(onSignal)) return;
  for (const s of SIGNALS) process.on(s, onSignal);
}

/** Resolves with the signal's name once one arrived (at once if one already did). Listens if not yet listening. */
export function stopRequested() {
  if (received === null) listenForStop();
  return stopped;
}
