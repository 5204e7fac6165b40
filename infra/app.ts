import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CampaignAnalyticsStack, DEFAULT_PREFIX } from './stack.ts';

/**
 * CDK app (`cdk.json`: npx tsx infra/app.ts). cdk-nag AWS Solutions checks run at every synth.
 * Context (`-c key=value`): region (required, or AWS_REGION), stackName (default
 * CampaignAnalytics), prefix (default campaign-analytics), alarmEmail.
 */
const app = new App();
const context = (key: string): string | undefined => app.node.tryGetContext(key) ?? undefined;
// Never let the CDK fall back to us-east-1 unasked: data about people stays where the NGO chose.
const region = context('region') ?? process.env.AWS_REGION;
if (!region) throw new Error('Say which AWS region the stack is for: npx cdk deploy -c region=eu-west-2 (or set AWS_REGION).');
const stackName = context('stackName') ?? 'CampaignAnalytics';
const stack = new CampaignAnalyticsStack(app, stackName, {
  description: 'Geo-targeted campaign analytics: lake, Glue/Athena, ingest, analyse, scheduled reports, partner portal',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
  prefix: context('prefix') ?? DEFAULT_PREFIX,
  alarmEmail: context('alarmEmail'),
});
// Cost Explorer groups costs by this tag once it is activated as a cost allocation tag.
Tags.of(stack).add('campaign:stack', stackName);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
