/**
 * The columnar contributions (typed arrays and dictionary codes, no Map per cell) protect a report
 * exactly as the per-cell maps did: the reference copies were recorded with the map-based partner
 * rules on generated contributions (tests/support/generated-contributions.ts), for the shared
 * copy and the partners' copy, a report after the campaign and one still running.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Contributions, protectReport } from '../../../shared/report/index.ts';
import { resolveRules } from '../../../shared/report/disclosure/rules.ts';
import { loadSample, runningSample } from '../sample.ts';
import { generatedCells } from '../../support/generated-contributions.ts';

const reference = JSON.parse(readFileSync(new URL('../../fixtures/series/row-based-protected.json', import.meta.url), 'utf8'));
const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('columnar contributions against the per-cell maps', () => {
  it.each([['post', loadSample], ['running', runningSample]] as const)('the same protected copies (%s)', (name, load) => {
    const r = load();
    const cells = generatedCells(r);
    const contributions = Contributions.fromCells(cells);
    expect(new Map(contributions.cells())).toEqual(new Map([...cells].filter(([, p]) => p.size > 0)));
    // The partner rules hide something here that the public rules alone would not.
    expect(plain(protectReport(r, { contributions }))).not.toEqual(plain(protectReport(r, {})));
    expect(plain(protectReport(r, { contributions }))).toEqual(reference[name].public);
    expect(plain(protectReport(r, { contributions, audience: 'partners' }))).toEqual(reference[name].partners);
    expect(plain(protectReport(r, { contributions, audience: 'partners', rules: resolveRules({ minPartners: 2 }) }))).toEqual(reference[name].partners2);
  });
});
