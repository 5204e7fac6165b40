import { Logger } from '@aws-lambda-powertools/logger';
import { parse } from '@aws-lambda-powertools/parser';
import { z } from 'zod';
import { openEngine, openStore } from '../../shared/config.ts';
import { isIsoDate } from '../../shared/domain/dates.ts';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';

const logger = new Logger({ serviceName: 'campaign-analyse' });

/** Input of a scheduled (post-campaign, follow-up) or on-demand run. */
export const AnalyseRequestSchema = z.strictObject({
  campaignId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  asOf: z.string().refine(isIsoDate, { message: 'must be YYYY-MM-DD' }).optional(),
  label: z.string().min(1).optional(),
});

/** Analyse a campaign and write its report to reports/<id>/<as-of>/. */
export async function handler(event: unknown) {
  const request = parse(event, undefined, AnalyseRequestSchema);
  const store = await openStore();
  const engine = await openEngine(store);
  try {
    const { report, keys } = await analyseCampaign(store, engine, request.campaignId, { asOf: request.asOf, label: request.label });
    logger.info('report written', { campaignId: request.campaignId, asOf: report.asOf, phase: report.phase, keys });
    return { campaignId: request.campaignId, asOf: report.asOf, phase: report.phase, keys };
  } finally {
    await engine.close();
  }
}
