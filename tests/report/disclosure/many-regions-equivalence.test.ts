/**
 * The column-by-column ledger (typed arrays, numbered weekly points, shared cell lists) protects a
 * report over many regions exactly as the object-per-figure ledger did: the reference digests
 * (tests/fixtures/report/many-regions-protected.json) were recorded with the code of main at
 * 8f5bf90, before the change, on generated reports of 70 regions x 21 weeks x 2 channels, for the
 * shared copy (with the per-region weekly table), the partners' copy, and other rules.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Contributions, protectReport, regionWeeksCsvBytes, renderRegionWeeksCsv, resolveRules } from '../../../shared/report/index.ts';
import { generatedCells } from '../../support/generated-contributions.ts';
import { manyRegionsReport, protectedDigest } from '../../support/many-regions-report.ts';
import { CASES } from './many-regions-cases.ts';

const reference = JSON.parse(readFileSync(new URL('../../fixtures/report/many-regions-protected.json', import.meta.url), 'utf8')) as Record<string, Record<string, ReturnType<typeof protectedDigest>>>;

describe('the ledger at many regions against the object-per-figure ledger', () => {
  for (const seed of ['3', '8'])
    it.each(Object.keys(CASES))(`the same protected copy, marks and weekly CSV (seed ${seed}, %s)`, (name) => {
      const c = CASES[name]!;
      const r = manyRegionsReport(Number(seed));
      const contributions = c.contributions ? Contributions.fromCells(generatedCells(r)) : undefined;
      const copy = protectReport(r, { audience: c.audience, rules: resolveRules(c.rules), ...(contributions ? { contributions } : {}) });
      const csv = renderRegionWeeksCsv(copy);
      expect(protectedDigest(copy, csv)).toEqual(reference[seed]![name]);
      // The bytes the analysis writes are that text's UTF-8, encoded a series at a time.
      expect(Buffer.from(regionWeeksCsvBytes(copy) ?? []).equals(Buffer.from(csv ?? '', 'utf8'))).toBe(true);
    });

  it('compares copies that hide weekly points, with the table in the shared copy only', () => {
    for (const byCase of Object.values(reference)) {
      for (const d of Object.values(byCase)) expect(d.hiddenWeeks).toBeGreaterThan(100);
      expect(byCase.shared!.csv).not.toBe(byCase.partners!.csv);
      expect(byCase.shared!.marks).not.toBe(byCase['shared, no contributions']!.marks);
    }
  });
});
