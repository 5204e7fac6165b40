import { iso31662 } from 'iso-3166';
import { describe, expect, it } from 'vitest';
import { createRegionResolver } from '../../shared/geo/region-resolver.ts';
import { englishNames } from '../../shared/geo/subdivision-names.ts';
import { regionLabel } from '../../shared/report/labels.ts';

const resolve = createRegionResolver();
const code = (text: string) => {
  const r = resolve(text);
  return 'code' in r ? r.code : r.error;
};

/** The seed's countries: every subdivision must resolve from the forms Meta and Google export. */
const SEED = { GB: 'United Kingdom', LT: 'Lithuania', KE: 'Kenya', UG: 'Uganda', NG: 'Nigeria', IT: 'Italy', LY: 'Libya' } as const;

describe('subdivisions of the seed countries', () => {
  for (const [cc, country] of Object.entries(SEED)) {
    it(`${country}: every subdivision by its English and ISO (local) name, alone and as "Name, ${country}"`, () => {
      // Lithuania's municipalities roll up to its 10 counties, the level campaigns and Meta use.
      // GB-GBN and GB-UKM name the country itself; ISO lists a few names twice (Zombo, UG-330/331): those stay ambiguous.
      const twice = new Set(iso31662.map((s) => s.name).filter((n, i, all) => all.indexOf(n) !== i));
      const subs = iso31662.filter((s) => s.code.startsWith(`${cc}-`) && !(cc === 'LT' && /^LT-\d/.test(s.code)) && !['GB-GBN', 'GB-UKM'].includes(s.code) && !twice.has(s.name));
      expect(subs.length).toBeGreaterThan(cc === 'LT' ? 9 : 3);
      const en = englishNames();
      const failures: string[] = [];
      for (const s of subs) {
        for (const name of new Set([s.name, en.get(s.code)].filter((n): n is string => !!n && n.length > 4))) {
          const listed = code(`${name}, ${country}`);
          if (listed !== s.code) failures.push(`${name}, ${country} -> ${listed} (want ${s.code})`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('Lithuania: the 10 counties as Meta writes them, and towns to their county', () => {
    const counties = ['Alytus County', 'Kaunas County', 'Klaipėda County', 'Marijampolė County', 'Panevėžys County', 'Šiauliai County', 'Tauragė County', 'Telšiai County', 'Utena County', 'Vilnius County'];
    expect(counties.map(code)).toEqual(['LT-AL', 'LT-KU', 'LT-KL', 'LT-MR', 'LT-PN', 'LT-SA', 'LT-TA', 'LT-TE', 'LT-UT', 'LT-VL']);
    expect(code('Klaipeda County')).toBe('LT-KL');
    expect(code('Kaunas, Kaunas County, Lithuania')).toBe('LT-KU');
    expect(code('Palanga, Lithuania')).toBe('LT-KL');
    expect(resolve('Nida, Lithuania')).toEqual({ code: 'LT-KL', locality: 'Nida' });
  });

  it('Kenya\'s 47 counties with or without "County"; Nigeria\'s states with "State"', () => {
    const ke = iso31662.filter((s) => s.code.startsWith('KE-'));
    expect(ke).toHaveLength(47);
    expect(code('Kisumu County')).toBe('KE-17');
    expect(code('Nairobi County, Kenya')).toBe('KE-30');
    expect(code('Lagos State')).toBe('NG-LA');
    expect(code('Lombardy, Italy')).toBe('IT-25');
    expect(code('Lombardia')).toBe('IT-25');
  });

  it('Google town rows go to their county, keeping the town as locality', () => {
    expect(resolve('Wisbech, England, United Kingdom')).toEqual({ code: 'GB-CAM', locality: 'Wisbech' });
    expect(resolve('Boston, England, United Kingdom')).toEqual({ code: 'GB-LIN', locality: 'Boston' });
    expect(resolve('Spalding, England, United Kingdom')).toEqual({ code: 'GB-LIN', locality: 'Spalding' });
    expect(resolve('Peterborough, England, United Kingdom')).toEqual({ code: 'GB-PTE' });
    expect(resolve('Kisumu, Kenya')).toEqual({ code: 'KE-17' });
    expect(resolve('Gulu, Uganda')).toMatchObject({ code: expect.stringMatching(/^UG-/) });
    expect(code('England, United Kingdom')).toBe('GB-ENG');
  });

  it('reports name regions in English', () => {
    expect(regionLabel('IT-25')).toBe('Lombardy (IT-25)');
    expect(regionLabel('LY-BA')).toBe('Benghazi (LY-BA)');
    expect(regionLabel('GB-LIN')).toBe('Lincolnshire (GB-LIN)');
  });
});
