import { createHash } from 'node:crypto';
import { handleError } from '../errors.ts';
import type { GnuSocialState, StoredFile } from './state.ts';

export interface Upload {
  filename: string;
  /** The type the client declared; the content decides when it is recognisable. */
  declaredType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

const signatures: [string, (b: Uint8Array) => boolean][] = [
  ['image/png', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => ascii(b, 0, 4) === 'GIF8'],
  ['image/webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
  ['application/pdf', (b) => ascii(b, 0, 5) === '%PDF-'],
];

const extensions: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** `MediaFile::maxFileSize()`: "2MB", "500kB" (PHP's `%d` truncates). */
export function maxFileSizeText(bytes: number): string {
  if (bytes > 1024 * 1024) return `${Math.trunc(bytes / (1024 * 1024))}MB`;
  if (bytes > 1024) return `${Math.trunc(bytes / 1024)}kB`;
  return `${bytes}B`;
}

/**
 * `MediaFile::fromUpload`: checks the size against `attachments.file_quota`, sniffs the type
 * from the content (as GNU social does with finfo) and stores the file once per content hash.
 * The file is served back at its URL. Unlike GNU social, images are not re-encoded.
 */
export function storeUpload(state: GnuSocialState, upload: Upload): StoredFile {
  if (!state.settings.uploads) throw handleError(403, 'File uploads are disabled on this site.');
  if (upload.bytes.length > state.settings.fileQuota) {
    throw handleError(
      400,
      `That file is too big. The maximum file size is ${maxFileSizeText(state.settings.fileQuota)}.`,
    );
  }

  const hash = createHash('sha256').update(upload.bytes).digest('hex');
  const mimetype =
    signatures.find(([, test]) => test(upload.bytes))?.[0] ??
    (upload.declaredType.split(';')[0]?.trim() || 'application/octet-stream');
  const url = `${state.baseUrl}/file/${hash}.${extensions[mimetype] ?? 'bin'}`;

  for (const file of state.files.values()) if (file.url === url) return file;
  const file: StoredFile = {
    id: state.next.file++,
    url,
    mimetype,
    size: upload.bytes.length,
    bytes: upload.bytes,
  };
  state.files.set(file.id, file);
  return file;
}

/** The page URL GNU social appends to the notice text for an upload. */
export function attachmentPageUrl(state: GnuSocialState, file: StoredFile): string {
  return `${state.baseUrl}/attachment/${file.id}`;
}
