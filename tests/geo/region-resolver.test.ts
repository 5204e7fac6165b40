import { describe, expect, it } from 'vitest';
import { createRegionResolver } from '../../shared/geo/region-resolver.ts';

describe('region resolver', () => {
  const resolve = createRegionResolver();

  it('resolves ISO names, codes and bundled aliases', () => {
    expect(resolve('Lincolnshire')).toEqual({ code: 'GB-LIN' });
    expect(resolve('Nairobi')).toEqual({ code: 'KE-30' });
    expect(resolve('gb-cam')).toEqual({ code: 'GB-CAM' });
    expect(resolve('Kenya')).toEqual({ code: 'KE' });
    expect(resolve('Tanzania')).toEqual({ code: 'TZ' }); // ISO writes "Tanzania, United Republic of"
  });

  it('maps Meta "Unknown" and Google "Other locations" to the explicit unknown region ZZ', () => {
    expect(resolve('Unknown')).toEqual({ code: 'ZZ' });
    expect(resolve('Other locations')).toEqual({ code: 'ZZ' });
  });

  it('reads "Locality, Region, Country" inwards, keeping the locality', () => {
    expect(resolve('Los Angeles County, California, United States')).toEqual({ code: 'US-CA', locality: 'Los Angeles County' });
    expect(resolve('California, United States')).toEqual({ code: 'US-CA' });
    expect(resolve('Nairobi, Kenya')).toEqual({ code: 'KE-30' });
  });

  it('uses the country part to tell Georgia the state from Georgia the country', () => {
    expect(resolve('Georgia')).toEqual({ error: expect.stringMatching(/ambiguous \(US-GA, GE\)/), kind: 'ambiguous', value: 'Georgia', codes: ['US-GA', 'GE'], aliasFile: 'config/region-aliases.json' });
    expect(resolve('Atlanta, Georgia, United States')).toEqual({ code: 'US-GA', locality: 'Atlanta' });
    expect(resolve('Tbilisi, Georgia')).toEqual({ code: 'GE-TB' });
  });

  it('names an unknown string and says how to add an alias; user aliases win', () => {
    expect(resolve('Springfield, Nowhere')).toEqual({ error: expect.stringMatching(/unknown region "Springfield, Nowhere".*add a line "Springfield, Nowhere": "<ISO code>" to config\/region-aliases\.json/), kind: 'unknown', value: 'Springfield, Nowhere', aliasFile: 'config/region-aliases.json' });
    expect(resolve('Smallville, Kenya')).toMatchObject({ error: expect.stringMatching(/unknown region "Smallville, Kenya"/), kind: 'unknown' });
    expect(createRegionResolver({ 'Smallville, Kenya': 'KE-30' })('Smallville, Kenya')).toEqual({ code: 'KE-30' });
  });
});
