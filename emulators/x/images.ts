import { crc32, deflateSync } from 'node:zlib';

/** An image type X accepts for `tweet_image`, with its pixel size. */
export interface SniffedImage {
  mimeType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/bmp';
  width: number;
  height: number;
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]) =>
  prefix.every((b, i) => bytes[i] === b);

function jpegSize(bytes: Uint8Array, view: DataView): [number, number] {
  // Walk the JPEG segments to the first start-of-frame marker, which holds the size.
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return [0, 0];
    const marker = bytes[i + 1] ?? 0;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return [view.getUint16(i + 7), view.getUint16(i + 5)];
    }
    i += 2 + view.getUint16(i + 2);
  }
  return [0, 0];
}

/**
 * Recognises an image by its magic bytes (what X trusts, not the declared type) and reads its
 * size from the header. Returns undefined for anything that is not an image X takes.
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  if (bytes.length < 16) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) && bytes.length >= 24) {
    return { mimeType: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) {
    const [width, height] = jpegSize(bytes, view);
    return { mimeType: 'image/jpeg', width, height };
  }
  if (startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) {
    return {
      mimeType: 'image/gif',
      width: view.getUint16(6, true),
      height: view.getUint16(8, true),
    };
  }
  if (
    startsWith(bytes, 0x52, 0x49, 0x46, 0x46) &&
    startsWith(bytes.subarray(8), 0x57, 0x45, 0x42, 0x50)
  ) {
    // VP8X (extended) headers carry the size as 24-bit values; other variants are rare here.
    const width = bytes.length >= 30 ? 1 + (view.getUint32(24, true) & 0xffffff) : 0;
    const height = bytes.length >= 30 ? 1 + (view.getUint32(27, true) & 0xffffff) : 0;
    return { mimeType: 'image/webp', width, height };
  }
  if (startsWith(bytes, 0x42, 0x4d) && bytes.length >= 26) {
    return {
      mimeType: 'image/bmp',
      width: view.getInt32(18, true),
      height: Math.abs(view.getInt32(22, true)),
    };
  }
  return undefined;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A solid-colour PNG, for posts the control API or the demo attach images to. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace.
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).fill(Buffer.from(rgb))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', new Uint8Array()),
  ]);
}
