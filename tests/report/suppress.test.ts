import { describe, expect, it } from 'vitest';
import { displayCount, isSmallCount, protectGroup, suppressCount } from '../../shared/report/suppress.ts';

describe('suppressCount', () => {
  it('shows 1 to 4 as <5 and everything else as a formatted number', () => {
    expect([0, 1, 2, 3, 4, 5, 12, 12345].map(suppressCount)).toEqual(['0', '<5', '<5', '<5', '<5', '5', '12', '12,345']);
  });
  it('shows missing values as a dash', () => {
    expect(suppressCount(null)).toBe('–');
    expect(suppressCount(Number.NaN)).toBe('–');
  });
  it('knows what a small count is', () => {
    expect([0, 1, 4, 5].map(isSmallCount)).toEqual([false, true, true, false]);
  });
});

describe('protectGroup (secondary suppression)', () => {
  it('applies only the primary rule when no total is shown', () => {
    expect(protectGroup([3, 40], null)).toEqual({ parts: ['small', 'shown'], total: 'shown' });
  });
  it('hides the next-smallest cell when one small cell sits next to a shown total', () => {
    expect(protectGroup([3, 40, 25], 68)).toEqual({ parts: ['small', 'shown', 'secondary'], total: 'shown' });
  });
  it('leaves two small cells alone when the remainder does not pin them down', () => {
    expect(protectGroup([3, 4, 30], 37)).toEqual({ parts: ['small', 'small', 'shown'], total: 'shown' });
  });
  it('protects small cells that the remainder forces to 4 each', () => {
    expect(protectGroup([4, 4, 20], 28).parts).toEqual(['small', 'small', 'secondary']);
  });
  it('hides the total when nothing else can protect the small cell', () => {
    // 1 + 5 = 6: the [c] cell must be 5 and the <5 cell 1, so the total goes too.
    expect(protectGroup([1, 5], 6)).toEqual({ parts: ['small', 'secondary'], total: 'secondary' });
  });
  it('marks a small total and shows zeros', () => {
    expect(protectGroup([2, 0], 2)).toEqual({ parts: ['small', 'shown'], total: 'small' });
    expect(protectGroup([0, 40], 40)).toEqual({ parts: ['shown', 'shown'], total: 'shown' });
  });
  it('renders disclosures', () => {
    expect(displayCount(44, 'secondary')).toBe('[c]');
    expect(displayCount(3, 'small')).toBe('<5');
    expect(displayCount(1234, 'shown')).toBe('1,234');
  });
});
