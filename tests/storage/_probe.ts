
import { startS3rver, S3RVER_CREDENTIALS } from '../support/s3rver.ts';
import { S3ObjectStore, createS3Client } from '../../shared/storage/s3-object-store.ts';
import { PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
async function main() {
  const s = await startS3rver();
  const client = createS3Client({ endpoint: s.endpoint, region: 'us-east-1', credentials: S3RVER_CREDENTIALS });
  const r1 = await client.send(new PutObjectCommand({ Bucket: s.bucket, Key: 'k', Body: 'one', IfNoneMatch: '*' }));
  try { const r2 = await client.send(new PutObjectCommand({ Bucket: s.bucket, Key: 'k', Body: 'two', IfNoneMatch: '*' })); console.log('second put ok', r2.$metadata.httpStatusCode); } catch (e) { console.log('second put err', e); }
  const g = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: 'k' }));
  console.log('content', await g.Body!.transformToString());
  const store = new S3ObjectStore({ bucket: s.bucket, prefix: 'p', client });
  try { await store.get('missing'); } catch (e) { console.log('missing', (e as Error).name, (e as Error).message); }
  client.destroy();
  const t = Date.now(); await s.stop(); console.log('stop ms', Date.now() - t);
}
await main();
