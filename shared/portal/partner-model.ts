/** Gathers what the partner page shows, so the route handlers stay thin. */
import type { RowError } from '../sources/reader.ts';
import type { Account } from './accounts.ts';
import type { PortalDeps } from './context.ts';
import { campaignsForRegions, listCampaigns } from './report-index.ts';
import { partnerData } from './series.ts';
import { listUploads, type UploadRecord } from './upload-log.ts';
import type { PartnerPageModel } from './views/partner-page.ts';

/**
 * The regions a partner may read reports for: those they are restricted to, plus those their
 * accepted counts cover (an unrestricted partner's area is where their data is).
 */
export async function partnerRegions(deps: PortalDeps, account: Account): Promise<string[]> {
  const data = await partnerData(deps.store, account.id);
  return [...new Set([...account.regions, ...data.regions])].sort();
}

/** Build the partner page model. */
export async function partnerModel(
  deps: PortalDeps,
  account: Account,
  csrf: string,
  result?: { record: UploadRecord; errors?: RowError[] },
  problem?: string,
): Promise<PartnerPageModel> {
  const data = await partnerData(deps.store, account.id);
  const regions = [...new Set([...account.regions, ...data.regions])].sort();
  const campaigns = campaignsForRegions(await listCampaigns(deps.store), regions);
  return {
    account,
    csrf,
    series: data.series,
    regions,
    uploads: await listUploads(deps.store, account.id),
    campaigns,
    limits: deps.limits,
    today: deps.now().toISOString().slice(0, 10),
    ...(result ? { result } : {}),
    ...(problem ? { problem } : {}),
  };
}
