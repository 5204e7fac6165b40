import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledge one cdk-nag finding on a construct (cdk-nag v3: CDK's native acknowledgements).
 * Findings of rules that report several (IAM5) are acknowledged one by one: `AwsSolutions-IAM5[Resource::...]`.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The IAM5 finding text cdk-nag gives for `<arn of element>` + suffix, e.g. an object ARN
 * under a prefix: `Resource::<LakeBucketA1B2.Arn>/raw/*`.
 */
export function iam5Resource(element: IConstruct, attribute: string, suffix: string): string {
  const cfn = (element.node.defaultChild ?? element) as CfnElement;
  return `AwsSolutions-IAM5[Resource::<${Stack.of(cfn).getLogicalId(cfn)}.${attribute}>${suffix}]`;
}
