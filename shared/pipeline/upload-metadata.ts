import { partnerFromRawKey, type IngestOptions } from './ingest-object.ts';

/**
 * S3 user metadata an upload may carry in place of the CLI's options (`x-amz-meta-currency: GBP`,
 * as `aws s3 cp --metadata currency=GBP` sets it). S3 lower-cases metadata names.
 */
export const UPLOAD_METADATA = { currency: 'currency', period: 'period', partnerId: 'partner', format: 'format' } as const;

type UploadOptions = Pick<IngestOptions, 'currency' | 'period' | 'partnerId' | 'format'>;

/** A metadata value that cannot be used: the upload is left in raw/ untouched. */
export class UploadMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadMetadataError';
  }
}

/**
 * Ingest options from an object's metadata. Values are checked by the ingest itself, as CLI
 * options are (a bad currency or period rejects the file with that reason); only a partner that
 * contradicts the raw/partners/<id>/ folder is refused here, since the folder says who uploaded.
 * @example optionsFromMetadata({ currency: 'GBP' }, 'raw/ads/uploads/2026-03-30/x.json') // { currency: 'GBP' }
 */
export function optionsFromMetadata(metadata: Record<string, string | undefined>, key: string): UploadOptions {
  const lower = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v?.trim()]));
  const out: UploadOptions = {};
  for (const [option, name] of Object.entries(UPLOAD_METADATA) as [keyof UploadOptions, string][]) {
    const value = lower[name];
    if (value) out[option] = value;
  }
  const folder = partnerFromRawKey(key);
  if (out.partnerId && folder && out.partnerId !== folder)
    throw new UploadMetadataError(`${key}: metadata partner "${out.partnerId}" does not match the folder's partner "${folder}"`);
  return out;
}

/** The metadata that carries these options on an upload (the inverse of {@link optionsFromMetadata}). */
export function metadataFromOptions(opts: UploadOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [option, name] of Object.entries(UPLOAD_METADATA) as [keyof UploadOptions, string][]) {
    const value = opts[option];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}
