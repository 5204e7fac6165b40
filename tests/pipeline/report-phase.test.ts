import { describe, expect, it } from 'vitest';
import { POST_CAMPAIGN_LABEL, reportPhase } from '../../shared/pipeline/report-phase.ts';

const c = { start: '2026-03-02', end: '2026-03-29', timezone: 'Europe/London', followUps: [{ label: '3 months', asOf: '2026-06-29' }, { label: '6 months', asOf: '2026-09-29' }] };
const on = (iso: string) => new Date(iso);

describe('reportPhase', () => {
  it('the post-campaign run as of the end date is final, whenever it runs', () => {
    expect(reportPhase(c, c.end, { label: POST_CAMPAIGN_LABEL, now: on('2026-04-05T06:00:00Z') })).toEqual({ phase: 'post' });
    expect(reportPhase(c, '2026-04-05', { label: POST_CAMPAIGN_LABEL })).toEqual({ phase: 'post' });
  });

  it('as of the end date without a label: running on that day, final once it is over in the campaign zone', () => {
    // 23:30 UTC on 29 March 2026 is already 30 March 00:30 in London (BST).
    expect(reportPhase(c, c.end, { now: on('2026-03-29T22:30:00Z') })).toEqual({ phase: 'running' });
    expect(reportPhase(c, c.end, { now: on('2026-03-29T23:30:00Z') })).toEqual({ phase: 'post' });
  });

  it('before the end is running or not started, whatever the label', () => {
    expect(reportPhase(c, '2026-03-01')).toEqual({ phase: 'not_started' });
    expect(reportPhase(c, '2026-03-15', { label: POST_CAMPAIGN_LABEL })).toEqual({ phase: 'running' });
  });

  it('after the end: a follow-up label, or the latest follow-up date reached, makes a follow-up', () => {
    expect(reportPhase(c, '2026-06-29', { label: '3 months' })).toEqual({ phase: 'follow_up', followUp: { label: '3 months', asOf: '2026-06-29' } });
    expect(reportPhase(c, '2026-10-01')).toEqual({ phase: 'follow_up', followUp: { label: '6 months', asOf: '2026-09-29' } });
    expect(reportPhase(c, '2026-04-10')).toEqual({ phase: 'post' });
    expect(reportPhase(c, '2026-07-15', { label: 'summer' })).toEqual({ phase: 'follow_up', followUp: { label: 'summer', asOf: '2026-07-15' } });
  });
});
