import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { addDays, addMonths, isIsoDate } from './dates.ts';
import { disclosureSchema } from '../report/disclosure/rules.ts';
import { AD_METRICS, CHANNEL_PATTERN, RATE_DIRECTION, RATE_METRICS } from './metrics.ts';

const localDate = z.string().refine(isIsoDate, { message: 'must be a calendar date written YYYY-MM-DD' });
const regionCode = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'must be an ISO 3166-2 code such as GB-LIN or an ISO 3166-1 code such as KE' });
const REGION_OR_GROUP = 'must be an ISO 3166-2 code such as GB-LIN, an ISO 3166-1 code such as KE, or a group named in regions.groups';
// A group name is words ("Cambridgeshire including Peterborough"); anything code-like must be a valid code.
const regionOrGroup = z.string().refine((r) => regionCode.safeParse(r).success || /[a-z\s]/.test(r), { message: REGION_OR_GROUP });
const channel = z.string().regex(CHANNEL_PATTERN, { message: 'must be a snake_case channel name such as helpline_calls' });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'must be a slug: lower-case letters, digits and hyphens' });

const goalBase = {
  id: slug.optional(),
  label: z.string().optional(),
  /** Limit the goal to some of the campaign's regions. */
  regions: z.array(regionCode).nonempty().optional(),
};

/** An additive metric reaches a target: impressions, link clicks, or a service-demand channel such as helpline calls. */
const totalGoal = z.strictObject({
  ...goalBase,
  kind: z.literal('total'),
  metric: z.union([z.enum(AD_METRICS), channel]),
  target: z.number().positive(),
});

/** CTR (percent) at least, CPM or CPC (campaign currency) at most. */
const rateGoal = z.strictObject({
  ...goalBase,
  kind: z.literal('rate'),
  metric: z.enum(RATE_METRICS),
  target: z.number().positive(),
});

/** A service-demand channel in the targeted regions, campaign versus baseline, rises by at least target percent. */
const upliftGoal = z.strictObject({
  ...goalBase,
  kind: z.literal('uplift'),
  metric: channel,
  target: z.number(),
});

/** A channel's lift versus control regions (geo lift) reaches target percent. */
const liftGoal = z.strictObject({
  ...goalBase,
  kind: z.literal('lift'),
  metric: channel,
  target: z.number(),
});

export const goalSchema = z.discriminatedUnion('kind', [totalGoal, rateGoal, upliftGoal, liftGoal]);

const adCampaignRef = z
  .strictObject({
    platform: z.enum(['meta', 'google', 'tiktok']),
    /** Campaign-name pattern; `*` matches any run of characters. */
    namePattern: z.string().min(1).optional(),
    ids: z.array(z.string().min(1)).nonempty().optional(),
  })
  .refine((r) => r.namePattern !== undefined || r.ids !== undefined, { message: 'needs namePattern or ids' });

const period = z.strictObject({
  start: localDate,
  end: localDate,
  /** set when no baseline was given: the analysis then uses the longest history the data have, up to a year */
  auto: z.boolean().optional(),
});

export const campaignInputSchema = z
  .strictObject({
    id: slug,
    name: z.string().min(1),
    timezone: z.string().refine((tz) => IANAZone.isValidZone(tz), { message: 'must be an IANA time zone such as Europe/London' }),
    start: localDate,
    end: localDate,
    baseline: period.optional(),
    followUps: z.array(z.strictObject({ label: z.string().min(1), asOf: localDate })).optional(),
    regions: z.strictObject({
      /** ISO codes, or names of groups declared under `groups` */
      targeted: z.array(regionOrGroup).nonempty(),
      control: z.array(regionOrGroup).optional(),
      /** Named groups of codes, e.g. "Cambridgeshire including Peterborough": [GB-CAM, GB-PTE] */
      groups: z.record(z.string().min(1), z.array(regionCode).nonempty()).optional(),
      /** Control regions left out of geo lift, e.g. because the ads reached them (contamination). */
      excludeControls: z.array(regionCode).optional(),
    }).superRefine((regions, ctx) => {
      const groups = regions.groups ?? {};
      for (const role of ['targeted', 'control'] as const)
        (regions[role] ?? []).forEach((r, i) => {
          if (!(r in groups) && !regionCode.safeParse(r).success) ctx.addIssue({ code: 'custom', path: [role, i], message: `"${r}" ${REGION_OR_GROUP}` });
        });
    }),
    adCampaigns: z.array(adCampaignRef).default([]),
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as GBP' }),
    /** Share of a target that counts as `partly` met. */
    partlyAt: z.number().gt(0).lt(1).default(0.8),
    /** Disclosure rules for shared reports (over the project default in config/disclosure.json). */
    disclosure: disclosureSchema.optional(),
    goals: z.array(goalSchema).default([]),
    /** Optional SROI-style inputs for the value-for-money section; every one is shown in the report. */
    valueForMoney: z
      .strictObject({
        channel: channel.optional(),
        valuePerContact: z.number().nonnegative(),
        deadweight: z.number().min(0).max(1).optional(),
        attribution: z.number().min(0).max(1).optional(),
        dropOff: z.number().min(0).max(1).optional(),
        years: z.number().int().min(1).max(10).optional(),
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    const groups = c.regions.groups ?? {};
    if (c.end < c.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be on or after start' });
    if (c.baseline && c.baseline.end >= c.start)
      ctx.addIssue({ code: 'custom', path: ['baseline', 'end'], message: 'must be before the campaign start' });
    if (c.baseline && c.baseline.end < c.baseline.start)
      ctx.addIssue({ code: 'custom', path: ['baseline', 'end'], message: 'must be on or after baseline.start' });
    const targeted = new Set(expandGroups(c.regions.targeted, groups));
    for (const [i, r] of (c.regions.control ?? []).entries())
      for (const code of expandGroups([r], groups)) if (targeted.has(code)) ctx.addIssue({ code: 'custom', path: ['regions', 'control', i], message: `${code} is also targeted` });
    const controls = new Set(expandGroups(c.regions.control ?? [], groups));
    for (const [i, r] of (c.regions.excludeControls ?? []).entries())
      if (!controls.has(r)) ctx.addIssue({ code: 'custom', path: ['regions', 'excludeControls', i], message: `${r} is not one of regions.control` });
    const all = new Set([...targeted, ...controls]);
    c.goals.forEach((g, gi) =>
      g.regions?.forEach((r, ri) => {
        if (!all.has(r)) ctx.addIssue({ code: 'custom', path: ['goals', gi, 'regions', ri], message: `${r} is not one of the campaign's regions` });
      }),
    );
    c.goals.forEach((g, gi) => {
      if (g.kind === 'lift' && !(c.regions.control?.length))
        ctx.addIssue({ code: 'custom', path: ['goals', gi, 'kind'], message: 'a lift goal needs regions.control' });
    });
  });

export type CampaignInput = z.input<typeof campaignInputSchema>;
export type Goal = z.infer<typeof goalSchema> & { id: string };

/** A validated campaign with every default filled in. */
export interface Campaign extends Omit<z.infer<typeof campaignInputSchema>, 'goals' | 'baseline' | 'followUps'> {
  baseline: { start: string; end: string; auto?: boolean };
  followUps: { label: string; asOf: string }[];
  goals: Goal[];
}

export class CampaignValidationError extends Error {
  constructor(
    readonly source: string,
    readonly issues: { path: string; reason: string }[],
  ) {
    super(`${source}: invalid campaign definition\n${issues.map((i) => `  - ${i.path || '(top level)'}: ${i.reason}`).join('\n')}`);
    this.name = 'CampaignValidationError';
  }
}

/**
 * Validate a parsed campaign document and fill its defaults.
 * @example parseCampaign(YAML.parse(text), 'campaign.yaml')
 */
export function parseCampaign(doc: unknown, source = 'campaign'): Campaign {
  const parsed = campaignInputSchema.safeParse(doc);
  if (!parsed.success) {
    throw new CampaignValidationError(
      source,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), reason: i.message })),
    );
  }
  const c = parsed.data;
  // Default baseline: up to a year before the start, trimmed by the analysis to the history the data have.
  const baseline = c.baseline ?? { start: addDays(c.start, -DEFAULT_BASELINE_DAYS), end: addDays(c.start, -1), auto: true };
  const followUps = c.followUps ?? [
    { label: '3 months', asOf: addMonths(c.end, 3) },
    { label: '6 months', asOf: addMonths(c.end, 6) },
  ];
  const goals = c.goals.map((g, i) => ({ ...g, id: g.id ?? `${g.kind}-${g.metric.replace(/_/g, '-')}-${i + 1}` }));
  // Groups are expanded to their codes: everything downstream works on ISO codes.
  const groups = c.regions.groups ?? {};
  const regions = {
    ...c.regions,
    targeted: expandGroups(c.regions.targeted, groups) as [string, ...string[]],
    ...(c.regions.control ? { control: expandGroups(c.regions.control, groups) } : {}),
  };
  return { ...c, regions, baseline, followUps, goals };
}

/** Region entries with group names replaced by their codes, in order, without repeats. */
export function expandGroups(entries: string[], groups: Record<string, string[]>): string[] {
  return [...new Set(entries.flatMap((r) => groups[r] ?? [r]))];
}

/** Longest default baseline: a year, so a full seasonal cycle at most. */
export const DEFAULT_BASELINE_DAYS = 365;

/** Direction of a goal: most goals want at least the target, cost rates want at most. */
export function goalDirection(g: Goal): 'at_least' | 'at_most' {
  return g.kind === 'rate' ? RATE_DIRECTION[g.metric] : 'at_least';
}

/** The as-of date for "now" in the campaign's zone. */
export function campaignToday(c: Pick<Campaign, 'timezone'>, now = new Date()): string {
  return DateTime.fromJSDate(now).setZone(c.timezone).toISODate()!;
}
