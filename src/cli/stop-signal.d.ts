/** See stop-signal.js: the stop request of `crieur start` / `crieur worker`, listened for from the bin's first line. */
export function listenForStop(): void;
export function stopRequested(): Promise<'SIGTERM' | 'SIGINT'>;
