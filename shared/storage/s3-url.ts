/** A bucket and a key prefix inside it. The prefix is '' or ends in '/'. */
export interface S3Location {
  bucket: string;
  prefix: string;
}

// S3 general-purpose bucket naming rules, simplified: 3-63 chars, lowercase, digits, dots, hyphens.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Split an `s3://bucket/some/prefix` URL into bucket and prefix.
 *
 * @example
 * parseS3Url('s3://lake/prod'); // { bucket: 'lake', prefix: 'prod/' }
 * parseS3Url('s3://lake');      // { bucket: 'lake', prefix: '' }
 */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(url.trim());
  if (!match) throw new Error(`Not an S3 URL (expected s3://bucket/prefix): ${JSON.stringify(url)}`);
  const bucket = match[1] ?? '';
  if (!BUCKET_NAME.test(bucket))
    throw new Error(`Invalid S3 bucket name ${JSON.stringify(bucket)} in ${JSON.stringify(url)}`);
  const path = match[2] ?? '';
  const parts = path.split('/').filter((part, i, all) => !(part === '' && i === all.length - 1));
  // An empty or dot segment is almost always a typo, and would create keys nobody can find again.
  if (path !== '' && parts.some((part) => part === '' || part === '.' || part === '..'))
    throw new Error(`Invalid S3 prefix ${JSON.stringify(path)} in ${JSON.stringify(url)}`);
  return { bucket, prefix: path === '' ? '' : `${parts.join('/')}/` };
}

/**
 * Decode an object key as S3 event notifications carry it: URL-encoded, with `+` for space.
 *
 * @example
 * decodeS3EventKey('raw/month%3D2026-03/my+file.csv'); // 'raw/month=2026-03/my file.csv'
 */
export function decodeS3EventKey(key: string): string {
  // `+` must become a space before decoding, so that an encoded plus (%2B) survives as '+'.
  return decodeURIComponent(key.replace(/\+/g, ' '));
}
