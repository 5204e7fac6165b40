import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CampaignAnalyticsStack } from './stack.ts';

/** CDK app (`cdk.json`: npx tsx infra/app.ts). cdk-nag AWS Solutions checks run at every synth. */
const app = new App();
new CampaignAnalyticsStack(app, 'CampaignAnalytics', {
  description: 'Geo-targeted campaign analytics: lake, Glue/Athena, ingest, analyse, scheduled reports',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
