/** Gathers what the partner page shows, so the route handlers stay thin. */
import type { RowError } from '../sources/reader.ts';
import type { Account } from './accounts.ts';
import type { PortalDeps } from './context.ts';
import type { Messages } from '../i18n/en.ts';
import { campaignsForRegions, listCampaigns, type CampaignEntry } from './report-index.ts';
import { partnerData } from './series.ts';
import { partnerHistory } from './history.ts';
import type { UploadRecord } from './upload-log.ts';
import type { PartnerPageModel } from './views/partner-page.ts';
import { missingWeeks, type StoredPeriod } from './weeks.ts';

/**
 * The campaigns whose reports an account may read. For a partner that is decided by the regions
 * on its account only: the data it uploaded grants nothing.
 */
export async function readableCampaigns(deps: Pick<PortalDeps, 'store'>, account: Account): Promise<CampaignEntry[]> {
  const all = await listCampaigns(deps.store);
  if (account.role === 'admin') return all;
  return campaignsForRegions(all, account.allRegions ? 'all' : account.regions);
}

/** Build the partner page model. */
export async function partnerModel(
  deps: PortalDeps,
  account: Account,
  csrf: string,
  result?: { record: UploadRecord; errors?: RowError[] },
  problem?: string,
  form?: Record<string, string>,
  t?: Messages,
): Promise<PartnerPageModel> {
  const data = await partnerData(deps.store, account.id);
  const today = deps.now().toISOString().slice(0, 10);
  return {
    account,
    csrf,
    series: data.series,
    regions: account.regions,
    history: await partnerHistory(deps.store, account.id),
    campaigns: await readableCampaigns(deps, account),
    limits: deps.limits,
    today,
    missing: missingWeeks(storedPeriods(data.series), today, account.weekStart),
    ...(result ? { result } : {}),
    ...(problem ? { problem } : {}),
    ...(form ? { form } : {}),
    ...(t ? { t } : {}),
  };
}

/** Every period the partner has counts for, over all channels. */
export function storedPeriods(series: { points: { periodStart: string; periodDays: number }[] }[]): StoredPeriod[] {
  return series.flatMap((s) => s.points.map((p) => ({ periodStart: p.periodStart, periodDays: p.periodDays })));
}
