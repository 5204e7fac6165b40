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

describe('rows given twice for one cell', () => {
  it('sums a partner given twice for a cell, so a run holds each partner once', () => {
    const c = Contributions.build((add) => {
      add('calls', 'GB-LND', '2026-03-02', 'p1', 4);
      add('calls', 'GB-LND', '2026-03-02', 'p2', 7);
      add('calls', 'GB-MAN', '2026-03-02', 'p1', 1);
      add('calls', 'GB-LND', '2026-03-02', 'p1', 2);
    });
    expect(new Map(c.cells())).toEqual(new Map([
      ['calls|GB-LND|2026-03-02', new Map([['p1', 6], ['p2', 7]])],
      ['calls|GB-MAN|2026-03-02', new Map([['p1', 1]])],
    ]));
    const place = c.placeCode('calls', 'GB-LND')!;
    const [from, to] = c.runAt(place, c.weekCode('2026-03-02')!);
    expect(to - from).toBe(2);
  });
});
