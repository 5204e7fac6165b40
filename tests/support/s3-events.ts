/** An EventBridge "Object Created" event as S3 sends it, with the key URL-encoded as AWS does. */
export function objectCreated(key: string, etag = '9b2cf535f27731c974343645a3985328') {
  return {
    version: '0',
    id: '17793124-05d4-b198-2fde-7ededc63b103',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '111122223333',
    time: '2026-03-30T08:15:00Z',
    region: 'eu-west-2',
    resources: ['arn:aws:s3:::campaign-lake'],
    detail: {
      version: '0',
      bucket: { name: 'campaign-lake' },
      object: { key: encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/'), size: 1234, etag, sequencer: '00617F08299329D189' },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: '123456789012',
      'source-ip-address': '1.2.3.4',
      reason: 'PutObject',
    },
  };
}
