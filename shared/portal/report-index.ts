/**
 * What the report viewer and the partner page list: registered campaigns, their reports
 * (reports/<campaign>/<as-of>/) and, for the goals at a glance, the latest report.json.
 */
import { z } from 'zod';
import { isCampaignKey, PREFIX, reportPrefix } from '../lake/layout.ts';
import type { GoalStatus, Report } from '../report/report-types.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** Campaign ids and as-of dates as they appear in keys; anything else never reaches the store. */
export const campaignIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
export const asOfSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One campaign as listed in the portal. */
export interface CampaignEntry {
  id: string;
  name: string;
  start: string;
  end: string;
  targeted: string[];
  control: string[];
  /** As-of dates that have a report.html, newest first. */
  reports: string[];
  /** As-of dates that also have a report.pdf (`campaign analyse --pdf`). */
  pdfs: string[];
  /** The phase each report was written in (from its report.json), by as-of date. */
  phases: Record<string, Report['phase']>;
  /** Goals from the latest report.json (empty when there is none yet). */
  goals: { label: string; status: GoalStatus }[];
  latestAsOf?: string;
  latestPhase?: Report['phase'];
}

const campaignFile = z.object({
  id: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string(),
  regions: z.object({ targeted: z.array(z.string()), control: z.array(z.string()).optional() }),
});

const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Every registered campaign with its reports, newest campaign first. */
export async function listCampaigns(store: ObjectStore, opts: { withGoals?: boolean } = {}): Promise<CampaignEntry[]> {
  const keys = (await store.list(PREFIX.campaigns)).map((o) => o.key).filter(isCampaignKey);
  const out: CampaignEntry[] = [];
  for (const key of keys) {
    const parsed = campaignFile.safeParse(safeJson(decode(await store.get(key))));
    if (!parsed.success) continue;
    const c = parsed.data;
    const reports = await listReports(store, c.id);
    const phases: Record<string, Report['phase']> = {};
    for (const asOf of reports) phases[asOf] = (await readReportJson(store, c.id, asOf))?.phase ?? phaseFromDates(c, asOf);
    const entry: CampaignEntry = { id: c.id, name: c.name, start: c.start, end: c.end, targeted: c.regions.targeted, control: c.regions.control ?? [], reports, pdfs: await listReports(store, c.id, 'report.pdf'), phases, goals: [] };
    const latest = reports[0];
    if (opts.withGoals && latest) {
      const report = await readReportJson(store, c.id, latest);
      if (report) {
        entry.goals = report.goals.map((g) => ({ label: g.label, status: g.status }));
        entry.latestAsOf = latest;
        entry.latestPhase = report.phase;
      }
    }
    out.push(entry);
  }
  return out.sort((a, b) => b.start.localeCompare(a.start));
}

/** A report's phase from its dates, for a report without its JSON. */
function phaseFromDates(c: { start: string; end: string }, asOf: string): Report['phase'] {
  return asOf < c.start ? 'not_started' : asOf <= c.end ? 'running' : 'post';
}

/** As-of dates of a campaign's reports that have an HTML file, newest first. */
export async function listReports(store: ObjectStore, campaignId: string, file: 'report.html' | 'report.pdf' = 'report.html'): Promise<string[]> {
  const prefix = `${PREFIX.reports}${campaignId}/`;
  const dates = new Set<string>();
  for (const o of await store.list(prefix)) {
    const m = /^([^/]+)\/(report\.html|report\.pdf)$/.exec(o.key.slice(prefix.length));
    if (m?.[2] !== file) continue;
    if (m && asOfSchema.safeParse(m[1]).success) dates.add(m[1]!);
  }
  const current = file === 'report.pdf' ? await filterAsync([...dates], (d) => pdfIsCurrent(store, campaignId, d, 'report.pdf')) : [...dates];
  return current.sort().reverse();
}

/**
 * A report.pdf beside the latest report belongs to it only if the latest version made one: a later
 * run without --pdf leaves the earlier PDF in place, whose figures may no longer be the report's.
 */
async function pdfIsCurrent(store: ObjectStore, campaignId: string, asOf: string, file: `${string}.pdf`): Promise<boolean> {
  const versionsKey = `${reportPrefix(campaignId, asOf)}versions.json`;
  if (!(await store.exists(versionsKey))) return true; // written before versions were kept
  const versions = safeJson(decode(await store.get(versionsKey))) as { prefix: string; latest: boolean }[] | undefined;
  const latest = Array.isArray(versions) ? versions.find((v) => v.latest) : undefined;
  return latest ? store.exists(`${latest.prefix}${file}`) : false;
}

async function filterAsync<T>(items: T[], keep: (item: T) => Promise<boolean>): Promise<T[]> {
  const flags = await Promise.all(items.map(keep));
  return items.filter((_, i) => flags[i]);
}

/** The internal report.json (exact figures): for the campaigns team only. */
export async function readReportJson(store: ObjectStore, campaignId: string, asOf: string): Promise<Report | undefined> {
  const key = `${reportPrefix(campaignId, asOf)}report.json`;
  if (!(await store.exists(key))) return undefined;
  const doc = safeJson(decode(await store.get(key))) as Report | undefined;
  return doc && Array.isArray(doc.goals) ? doc : undefined;
}

/** A stored report file: the team's, or the partners' copy (report.partners[.<lang>].html/.pdf). */
export type ReportFile = 'report.html' | 'report.md' | 'report.json' | 'report.pdf' | 'report.weeks.csv' | `report.partners.${'' | `${string}.`}${'html' | 'pdf'}`;

/** Read one stored report file, or undefined. Ids are validated by the caller's schema. */
export async function readReportFile(store: ObjectStore, campaignId: string, asOf: string, file: ReportFile): Promise<Uint8Array | undefined> {
  const key = `${reportPrefix(campaignId, asOf)}${file}`;
  if (file.endsWith('.pdf') && !(await pdfIsCurrent(store, campaignId, asOf, file as `${string}.pdf`))) return undefined;
  return (await store.exists(key)) ? store.get(key) : undefined;
}

/**
 * Campaigns a partner may read: those that targeted one of its granted regions, or used one as a
 * control (a control partner's counts are in that report too). `all`: a national partner.
 */
export function campaignsForRegions(campaigns: CampaignEntry[], regions: string[] | 'all'): CampaignEntry[] {
  if (regions === 'all') return campaigns;
  const mine = new Set(regions);
  return campaigns.filter((c) => c.targeted.some((r) => mine.has(r)) || c.control.some((r) => mine.has(r)));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
