import { describe, expect, it } from 'vitest';
import { partitionOfFolder } from '../../shared/pipeline/fast-ingest/sql.ts';

// The fast path's copy partitions by a number (YYYY or YYYYMM); its folders are turned back into
// the lake's partition values before the files are moved under curated/.
describe('partitionOfFolder', () => {
  it('turns the copy\'s numbers back into the lake\'s partition values', () => {
    expect(partitionOfFolder('month', '202401')).toBe('2024-01');
    expect(partitionOfFolder('month', '199912')).toBe('1999-12');
    expect(partitionOfFolder('year', '2026')).toBe('2026');
  });
  it('refuses a folder the copy cannot have written', () => {
    for (const v of ['2024-01', '202413', '202400', '20241', '2024011', 'abc', '']) expect(partitionOfFolder('month', v)).toBeUndefined();
    for (const v of ['202', '20261', '2026-01', '']) expect(partitionOfFolder('year', v)).toBeUndefined();
  });
});
