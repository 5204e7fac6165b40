import { describe, expect, it } from 'vitest';
import { decodeS3EventKey, parseS3Url } from '../../shared/storage/s3-url.ts';

describe('parseS3Url', () => {
  it('splits bucket and prefix, normalising the prefix to end in /', () => {
    expect(parseS3Url('s3://campaign-lake/prod/lake')).toEqual({ bucket: 'campaign-lake', prefix: 'prod/lake/' });
    expect(parseS3Url('s3://campaign-lake/prod/')).toEqual({ bucket: 'campaign-lake', prefix: 'prod/' });
    expect(parseS3Url('s3://campaign-lake/')).toEqual({ bucket: 'campaign-lake', prefix: '' });
    expect(parseS3Url('s3://campaign-lake')).toEqual({ bucket: 'campaign-lake', prefix: '' });
    expect(parseS3Url('s3://lake.example-1/month=2026-03')).toEqual({
      bucket: 'lake.example-1',
      prefix: 'month=2026-03/',
    });
  });

  it('rejects what is not an s3:// URL', () => {
    expect(() => parseS3Url('https://lake.s3.amazonaws.com/x')).toThrow(/Not an S3 URL/);
    expect(() => parseS3Url('lake/prefix')).toThrow(/Not an S3 URL/);
    expect(() => parseS3Url('')).toThrow(/Not an S3 URL/);
  });

  it('rejects bad bucket names and prefixes, naming the input', () => {
    expect(() => parseS3Url('s3:///prefix')).toThrow(/Invalid S3 bucket name "" in "s3:\/\/\/prefix"/);
    expect(() => parseS3Url('s3://Campaign_Lake/x')).toThrow(/Invalid S3 bucket name "Campaign_Lake"/);
    expect(() => parseS3Url('s3://ab')).toThrow(/Invalid S3 bucket name/);
    expect(() => parseS3Url('s3://lake/a//b')).toThrow(/Invalid S3 prefix "a\/\/b"/);
    expect(() => parseS3Url('s3://lake/../x')).toThrow(/Invalid S3 prefix/);
  });
});

describe('decodeS3EventKey', () => {
  it('decodes keys as AWS event payloads carry them', () => {
    expect(decodeS3EventKey('curated/ad_delivery/month%3D2026-03/x.parquet')).toBe(
      'curated/ad_delivery/month=2026-03/x.parquet',
    );
    expect(decodeS3EventKey('raw/partner+uploads/Week+12.csv')).toBe('raw/partner uploads/Week 12.csv');
    expect(decodeS3EventKey('raw/K%C3%B8benhavn%2B1.csv')).toBe('raw/København+1.csv');
  });

  it('leaves an already-plain key (as s3rver sends it) unchanged when it has no + or %', () => {
    expect(decodeS3EventKey('raw/meta/export-2026-03.csv')).toBe('raw/meta/export-2026-03.csv');
  });
});
