/**
 * Proposal refs as people read and type them: P-0007 (four digits at least, more from P-10000 on — the database
 * numbers them the same way in crieur_file_proposal). `p7`, `P7`, `7` and `P-7` all name P-0007.
 */
export function proposalRef(digits: string): string {
  return `P-${digits.padStart(4, '0')}`;
}

/** What a user typed, as the ref it names; anything else is returned trimmed, to be reported as unknown. */
export function normalizeRef(input: string): string {
  const m = /^(?:p-?)?(\d+)$/i.exec(input.trim());
  return m ? proposalRef(m[1]!) : input.trim();
}
