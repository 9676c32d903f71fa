/** A campaign's progress on one terminal line: bar, sent / failed / remaining, rate, ETA. */
export function progressLine(n: { total: number; sent: number; failed: number; queued: number }, doneAtStart: number, seconds: number, width = 24): string {
  const done = n.sent + n.failed;
  const filled = n.total === 0 ? width : Math.round((done / n.total) * width);
  const rate = seconds > 0 ? Math.max(0, done - doneAtStart) / seconds : 0;
  const eta = rate > 0 ? n.queued / rate : null;
  const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n.sent} sent, ${n.failed} failed, ${n.queued} remaining  ${rate.toFixed(1)}/s  ETA ${eta === null ? '--:--' : clock(eta)}  `;
}
