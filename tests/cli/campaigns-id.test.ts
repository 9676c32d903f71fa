/**
 * `crieur campaigns show|pause|resume ID` with an ID that is no number is bad usage (64), as `events show abc` and
 * `failed retry abc` are — an audit found it answered 65 « no campaign abc », the code of a campaign that does not
 * exist; a number naming none is still 65. One line on stderr either way. On PostgreSQL (a schema of its own).
 */
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('campaigns-id', 'cid');

describe('crieur campaigns with an id that is no number', { timeout: 300_000 }, () => {
  it.each(['show', 'pause', 'resume'])('%s abc: exit 64, one line; 999999: exit 65', async (verb) => {
    const bad = await cli.crieur('campaigns', verb, 'abc');
    expect(bad.code, bad.stderr).toBe(64);
    expect(bad.stderr).toBe('crieur: "abc" is not a campaign id: give the number crieur campaigns list shows\n');
    const none = await cli.crieur('campaigns', verb, '999999');
    expect(none.code, none.stderr).toBe(65);
    expect(none.stderr).toBe('crieur: no campaign 999999 (see crieur campaigns list)\n');
  });

  it('show 99999999999 (beyond the id column): exit 65, no campaign, not a database error', async () => {
    const big = await cli.crieur('campaigns', 'show', '99999999999');
    expect(big.code, big.stderr).toBe(65);
    expect(big.stderr).toBe('crieur: no campaign 99999999999 (see crieur campaigns list)\n');
  });
});
