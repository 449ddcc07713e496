import { describe, expect, it } from 'vitest';
import { linkedWords, planExportMedia, X_MAX_IMAGE_BYTES } from './media-rules.ts';

const image = (n: number, fields: Record<string, unknown> = {}) => ({
  url: `https://social.example/file/${n}.png`,
  mimetype: 'image/png',
  size: '2048',
  ...fields,
});

describe('planExportMedia', () => {
  it('uploads images with their description, else their title, as alt text', () => {
    const plan = planExportMedia([
      image(1, { title: 'a title', description: 'a harbour at dusk' }),
      image(2, { title: 'the bakery', description: null }),
      image(3),
    ]);
    expect(plan.uploads).toEqual([
      { url: 'https://social.example/file/1.png', altText: 'a harbour at dusk' },
      { url: 'https://social.example/file/2.png', altText: 'the bakery' },
      { url: 'https://social.example/file/3.png', altText: undefined },
    ]);
    expect(plan.links).toEqual([]);
  });

  it('links files X does not take, saying why', () => {
    const plan = planExportMedia([
      { url: 'https://social.example/file/a.pdf', mimetype: 'application/pdf', size: 100 },
      image(1, { size: String(X_MAX_IMAGE_BYTES + 1) }),
    ]);
    expect(plan.uploads).toEqual([]);
    expect(linkedWords(plan.links)).toBe(
      'a.pdf: X takes only JPEG, PNG, WEBP and GIF images; ' +
        "1.png: 5.0 MB is over X's limit of 5.0 MB",
    );
  });

  it('leaves out the links of the text, which GNU social lists as attachments too', () => {
    const plan = planExportMedia([
      { url: 'https://example.org/page', mimetype: null, size: null },
      { url: 'https://example.org/other', mimetype: 'text/html; charset=utf-8', size: '512' },
    ]);
    expect(plan).toEqual({ uploads: [], links: [] });
  });

  it('uploads four images at most and links the fifth', () => {
    const plan = planExportMedia([1, 2, 3, 4, 5].map((n) => image(n)));
    expect(plan.uploads).toHaveLength(4);
    expect(plan.links).toEqual([
      { url: 'https://social.example/file/5.png', reason: 'X takes at most 4 images a post' },
    ]);
  });

  it('reads the type case-insensitively and without its parameters', () => {
    const plan = planExportMedia([image(1, { mimetype: 'IMAGE/JPEG; charset=binary' })]);
    expect(plan.uploads).toHaveLength(1);
  });
});
