import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, synth, type Synthesised } from './support.ts';

let s: Synthesised;
beforeAll(() => {
  s = synth(true);
});

describe('raw partner uploads on AWS', () => {
  it('expire after a year, and erased versions 30 days after erasure', () => {
    const rules = s.template.toJSON().Resources[logicalId(s.stack.buckets.lake)].Properties.LifecycleConfiguration.Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({ Id: 'raw-partners-retention', Prefix: 'raw/partners/', Status: 'Enabled', ExpirationInDays: 365, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
    );
  });
});
