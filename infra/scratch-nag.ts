import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CampaignAnalyticsStack } from './stack.ts';
const app = new App({ outdir: '/tmp/stub-out' });
const stack = new CampaignAnalyticsStack(app, 'S', { stubCode: true });
const nag = new AwsSolutionsChecks(app);
app.synth();
const r = nag.validateScope(app);
for (const v of r.violations) console.log(v.severity, v.ruleName, v.violatingResources.map((x: any) => x.constructPath).join(', '));
