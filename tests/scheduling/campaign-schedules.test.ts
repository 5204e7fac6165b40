import { describe, expect, it } from 'vitest';
import { parseCampaign } from '../../shared/domain/campaign.ts';
import { planCampaignSchedules, POST_CAMPAIGN_LABEL, schedulePrefix } from '../../shared/scheduling/campaign-schedules.ts';

const campaign = {
  id: 'fenland-lincs-2026',
  end: '2026-03-31',
  timezone: 'Europe/London',
  followUps: [
    { label: '3 months', asOf: '2026-06-30' },
    { label: '6 months', asOf: '2026-09-30' },
  ],
};

describe('planCampaignSchedules', () => {
  it('plans the post-campaign run 7 days after the end, then one run per follow-up, at 06:00 in the campaign zone', () => {
    // Act
    const { schedules, past } = planCampaignSchedules(campaign);
    // Assess
    expect(past).toEqual([]);
    expect(schedules).toEqual([
      {
        name: 'fenland-lincs-2026.post',
        at: '2026-04-07T06:00:00',
        expression: 'at(2026-04-07T06:00:00)',
        timezone: 'Europe/London',
        input: { campaignId: 'fenland-lincs-2026', asOf: '2026-03-31', label: POST_CAMPAIGN_LABEL },
      },
      {
        name: 'fenland-lincs-2026.followup-2026-06-30',
        at: '2026-07-07T06:00:00',
        expression: 'at(2026-07-07T06:00:00)',
        timezone: 'Europe/London',
        input: { campaignId: 'fenland-lincs-2026', asOf: '2026-06-30', label: '3 months' },
      },
      {
        name: 'fenland-lincs-2026.followup-2026-09-30',
        at: '2026-10-07T06:00:00',
        expression: 'at(2026-10-07T06:00:00)',
        timezone: 'Europe/London',
        input: { campaignId: 'fenland-lincs-2026', asOf: '2026-09-30', label: '6 months' },
      },
    ]);
  });

  it('takes the grace period and time of day as options', () => {
    const { schedules } = planCampaignSchedules(campaign, { graceDays: 14, timeOfDay: '09:30:00' });
    expect(schedules[0]!.expression).toBe('at(2026-04-14T09:30:00)');
    expect(() => planCampaignSchedules(campaign, { timeOfDay: '9:30' })).toThrow(/hh:mm:ss/);
  });

  it('keeps one run per as-of date (the post-campaign run wins) and orders follow-ups by date', () => {
    const { schedules } = planCampaignSchedules({
      ...campaign,
      followUps: [
        { label: 'six', asOf: '2026-09-30' },
        { label: 'same day as end', asOf: '2026-03-31' },
        { label: 'three', asOf: '2026-06-30' },
        { label: 'three again', asOf: '2026-06-30' },
      ],
    });
    expect(schedules.map((s) => s.input.label)).toEqual([POST_CAMPAIGN_LABEL, 'three', 'six']);
  });

  it('leaves out runs already past, judged in the campaign zone, not UTC', () => {
    const nz = { ...campaign, timezone: 'Pacific/Auckland' };
    // 2026-04-07T06:00 in Auckland (NZST, UTC+12) is 2026-04-06T18:00Z.
    const justBefore = planCampaignSchedules(nz, { now: new Date('2026-04-06T17:59:59Z') });
    const justAfter = planCampaignSchedules(nz, { now: new Date('2026-04-06T18:00:00Z') });
    expect(justBefore.schedules).toHaveLength(3);
    expect(justAfter.schedules.map((s) => s.input.label)).toEqual(['3 months', '6 months']);
    expect(justAfter.past.map((s) => s.input.label)).toEqual([POST_CAMPAIGN_LABEL]);
  });

  it('uses the default 3- and 6-month follow-ups of a parsed campaign', () => {
    const c = parseCampaign({
      id: 'kenya-uganda',
      name: 'Kenya and Uganda',
      timezone: 'Africa/Nairobi',
      start: '2026-05-01',
      end: '2026-05-31',
      regions: { targeted: ['KE', 'UG'] },
      currency: 'KES',
    });
    const { schedules } = planCampaignSchedules(c);
    expect(schedules.map((s) => [s.input.asOf, s.expression, s.timezone])).toEqual([
      ['2026-05-31', 'at(2026-06-07T06:00:00)', 'Africa/Nairobi'],
      ['2026-08-31', 'at(2026-09-07T06:00:00)', 'Africa/Nairobi'],
      ['2026-11-30', 'at(2026-12-07T06:00:00)', 'Africa/Nairobi'],
    ]);
  });
});

describe('schedulePrefix', () => {
  it('is the campaign id when names fit in 64 characters', () => {
    expect(schedulePrefix('london-borough')).toBe('london-borough');
  });

  it('shortens long ids with a stable hash so every schedule name fits and stays unique', () => {
    const a = 'a'.repeat(30) + '-nigeria-libya-italy-awareness-2026-x';
    const b = 'a'.repeat(30) + '-nigeria-libya-italy-awareness-2026-y';
    const { schedules } = planCampaignSchedules({ ...campaign, id: a });
    for (const s of schedules) {
      expect(s.name.length).toBeLessThanOrEqual(64);
      expect(s.name).toMatch(/^[0-9A-Za-z._-]+$/);
    }
    expect(schedulePrefix(a)).toBe(schedulePrefix(a));
    expect(schedulePrefix(a)).not.toBe(schedulePrefix(b));
    expect(schedules[0]!.input.campaignId).toBe(a);
  });
});
