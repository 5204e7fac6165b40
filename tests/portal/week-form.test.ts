import { describe, expect, it } from 'vitest';
import { withoutPartnerColumn } from '../../shared/portal/template.ts';
import { lastFullWeek } from '../../shared/portal/views/partner-page.ts';
import { weekFormToCsv } from '../../shared/portal/week-form.ts';

describe('weekly form and template helpers', () => {
  it('turns filled lines into template CSV, keeping half-filled lines so their problem is reported', () => {
    const r = weekFormToCsv({ week_start: '2026-03-02', region_1: 'GB-CAM', channel_1: 'helpline_calls', count_1: '5', region_3: 'GB-CAM', channel_3: 'a,b', count_3: '' });
    expect(r).toEqual({ weekStart: '2026-03-02', csv: 'region,week_start,period,channel,count\nGB-CAM,2026-03-02,week,helpline_calls,5\nGB-CAM,2026-03-02,week,"a,b",\n' });
  });

  it('asks for a date and at least one line', () => {
    expect(weekFormToCsv({ week_start: '', region_1: 'GB-CAM' })).toEqual({ error: 'Week starting: pick a date' });
    expect(weekFormToCsv({ week_start: '2026-03-02' })).toEqual({ error: 'Fill in at least one line: region, channel and count.' });
  });

  it('suggests the Monday of the last full week', () => {
    expect(lastFullWeek('2026-11-27')).toBe('2026-11-16'); // a Friday
    expect(lastFullWeek('2026-11-23')).toBe('2026-11-16'); // a Monday
  });

  it('drops the partner column from the example template', () => {
    expect(withoutPartnerColumn('partner,region,count\nfenland-helpline,GB-CAM,3\n')).toBe('region,count\nGB-CAM,3\n');
    expect(withoutPartnerColumn('region,count\nGB-CAM,3\n')).toBe('region,count\nGB-CAM,3\n');
  });
});
