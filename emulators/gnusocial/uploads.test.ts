import { describe, expect, it } from 'vitest';
import { basic, createTestSite } from './testing/client.ts';

// The 8-byte PNG signature and a little more: enough for the type to be sniffed.
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

function form(fields: Record<string, string>, media?: Uint8Array<ArrayBuffer>, type = 'image/png') {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  if (media) data.append('media', new Blob([media], { type }), 'picture.png');
  return data;
}

describe('media upload', () => {
  it('attaches a multipart upload to the notice and serves it back', async () => {
    const site = createTestSite();
    const res = await site.post(
      '/api/statuses/update.json',
      form({ status: 'look' }, png),
      'alice',
    );
    expect(res.status).toBe(200);

    const [attachment] = res.json.attachments as { url: string; mimetype: string; size: string }[];
    expect(attachment).toMatchObject({ mimetype: 'image/png', size: String(png.length) });
    expect(res.json.text).toMatch(/^look http:\/\/gs\.test\/attachment\/\d+$/);
    expect(res.json.statusnet_html).toContain('class="attachment"');

    const served = await site.emulator.app.request(attachment?.url ?? '');
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);

    const page = await site.call('GET', new URL(res.json.text.split(' ')[1]).pathname);
    expect(page.status).toBe(302);
  });

  it('reads a multipart body whose boundary has capitals, as Chrome writes it', async () => {
    const site = createTestSite();
    const boundary = '----WebKitFormBoundaryAbCdEfGh12345678';
    const head = [
      `--${boundary}\r\nContent-Disposition: form-data; name="status"\r\n\r\nlook\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="p.png"\r\n`,
      'Content-Type: image/png\r\n\r\n',
    ].join('');
    const body = new Blob([head, png, `\r\n--${boundary}--\r\n`]);
    const res = await site.call('POST', '/api/statuses/update.json', {
      body: await body.arrayBuffer(),
      headers: {
        authorization: basic('alice'),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    });
    expect(res.status).toBe(200);
    expect((res.json as { attachments: unknown[] }).attachments).toHaveLength(1);
  });

  it('refuses a file over the quota in GNU social’s words, and uploads when disabled', async () => {
    const site = createTestSite();
    await site.control('PATCH', '/settings', { fileQuota: 10 });
    const big = await site.post('/api/statuses/update.json', form({ status: 'big' }, png), 'alice');
    expect([big.status, big.json.error]).toEqual([
      400,
      'That file is too big. The maximum file size is 10B.',
    ]);

    await site.control('PATCH', '/settings', { uploads: false, fileQuota: 2_097_152 });
    expect((await site.get('/api/statusnet/config.json')).json.attachments).toEqual({
      uploads: false,
      file_quota: 2_097_152,
    });
    const refused = await site.post(
      '/api/statuses/update.json',
      form({ status: 'no' }, png),
      'alice',
    );
    expect(refused.status).toBe(403);
  });

  it('takes plain multipart fields like a form', async () => {
    const site = createTestSite();
    const res = await site.post(
      '/api/statuses/update.json',
      form({ status: 'fields only', source: 'mp' }),
      'bob',
    );
    expect([res.json.text, res.json.source, 'attachments' in res.json]).toEqual([
      'fields only',
      'mp',
      false,
    ]);
  });
});
