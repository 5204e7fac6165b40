import { describe, expect, it } from 'vitest';
import { withoutPartnerColumn } from '../../shared/portal/template.ts';
import { weekFormToCsv } from '../../shared/portal/week-form.ts';
import { alignedWeekStart, lastFullWeek, missingWeeks, weekProblem } from '../../shared/portal/weeks.ts';

describe('weekly form and template helpers', () => {
  it('turns filled lines into template CSV, keeping half-filled lines so their problem is reported', () => {
    const r = weekFormToCsv({ week_start: '2026-03-02', region_1: 'GB-CAM', channel_1: 'helpline_calls', count_1: '5', region_3: 'GB-CAM', channel_3: 'a,b', count_3: '' });
    expect(r).toEqual({ weekStart: '2026-03-02', csv: 'region,week_start,period,channel,count\nGB-CAM,2026-03-02,week,helpline_calls,5\nGB-CAM,2026-03-02,week,"a,b",\n' });
  });

  it('asks for a date and at least one line', () => {
    expect(weekFormToCsv({ week_start: '', region_1: 'GB-CAM' })).toEqual({ error: 'Week starting: pick the first day of the week in the form' });
    expect(weekFormToCsv({ week_start: '2026-03-02' })).toEqual({ error: 'Fill in at least one line of the form: region, channel and count.' });
  });

  it('suggests the Monday of the last full week', () => {
    expect(lastFullWeek('2026-11-27')).toBe('2026-11-16'); // a Friday
    expect(lastFullWeek('2026-11-23')).toBe('2026-11-16'); // a Monday
  });

  it('aligns weeks to the partner\'s declared start day', () => {
    expect(alignedWeekStart('2026-03-04', 'monday')).toBe('2026-03-02');
    expect(alignedWeekStart('2026-03-04', 'sunday')).toBe('2026-03-01');
    expect(lastFullWeek('2026-11-27', 'sunday')).toBe('2026-11-15'); // week 15..21 ended; 22..28 has not
    expect(lastFullWeek('2026-11-22', 'monday')).toBe('2026-11-09'); // a Sunday: the week 16..22 ends today
  });

  it('refuses a week that has not ended, a start that is not the partner\'s week day, and one overlapping a sent week', () => {
    const today = '2026-11-25'; // a Wednesday
    expect(weekProblem('2026-11-16', today, 'monday', [])).toBeUndefined();
    expect(weekProblem('2026-11-23', today, 'monday', [])).toMatch(/^The week starting 2026-11-23 has not ended yet: send it from 2026-11-30/);
    expect(weekProblem('2026-11-18', today, 'monday', [])).toMatch(/^Your weeks start on Monday: 2026-11-18 is not a Monday\. The week that contains it starts on 2026-11-16/);
    expect(weekProblem('2026-11-15', today, 'sunday', [])).toBeUndefined();
    // A week sent with another start (a file with Wednesday weeks) overlaps: refused, never double counted.
    expect(weekProblem('2026-11-09', today, 'monday', [{ periodStart: '2026-11-04', periodDays: 7 }])).toMatch(/overlaps the week starting 2026-11-04/);
    // Correcting the same week is fine.
    expect(weekProblem('2026-11-09', today, 'monday', [{ periodStart: '2026-11-09', periodDays: 7 }])).toBeUndefined();
  });

  it('lists the weeks that have ended since the last week sent', () => {
    const sent = [{ periodStart: '2026-10-26', periodDays: 7 }, { periodStart: '2026-11-02', periodDays: 7 }];
    expect(missingWeeks(sent, '2026-11-25', 'monday')).toEqual(['2026-11-09', '2026-11-16']);
    expect(missingWeeks(sent, '2026-11-09', 'monday')).toEqual([]);
    expect(missingWeeks([], '2026-11-25', 'monday')).toEqual([]);
  });

  it('drops the partner column from the example template', () => {
    expect(withoutPartnerColumn('partner,region,count\nfenland-helpline,GB-CAM,3\n')).toBe('region,count\nGB-CAM,3\n');
    expect(withoutPartnerColumn('region,count\nGB-CAM,3\n')).toBe('region,count\nGB-CAM,3\n');
  });
});
