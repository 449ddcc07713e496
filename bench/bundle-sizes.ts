import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The bytes each extension context loads, following the built manifest: the background is
 * the service worker loader and every module it imports, transitively; the options page is
 * its HTML, its scripts, preloads and stylesheets, and their imports. Shared chunks count in
 * both, since each context loads them.
 */
export interface BundleSize {
  name: string;
  files: string[];
  bytes: number;
  /** Each file gzipped on its own (level 9), summed: what a server would send. */
  gzipBytes: number;
}

// Static and dynamic imports of relative modules, as bundlers write them.
const IMPORTS = [
  /(?:^|[\s;})])import\s*(?:[\w$*{}\s,]+\sfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g,
  /(?:^|[\s;})])export\s*[\w$*{}\s,]*\sfrom\s*["'](\.{1,2}\/[^"']+\.js)["']/g,
  /\bimport\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g,
];

function moduleClosure(root: string, entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    const source = readFileSync(join(root, file), 'utf8');
    for (const pattern of IMPORTS)
      for (const match of source.matchAll(pattern))
        visit(posix.normalize(posix.join(posix.dirname(file), match[1]!)));
  };
  entries.forEach(visit);
  return [...seen];
}

function sizeOf(root: string, name: string, files: string[]): BundleSize {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(root, file));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { name, files, bytes, gzipBytes };
}

/** Files an HTML page loads: module scripts, module preloads and stylesheets. */
function pageAssets(root: string, page: string): string[] {
  const html = readFileSync(join(root, page), 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  return refs
    .filter((ref) => !/^[a-z]+:/.test(ref))
    .map((ref) => (ref.startsWith('/') ? ref.slice(1) : posix.join(dirname(page), ref)));
}

export function measureBundles(root: string): BundleSize[] {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string; scripts?: string[] };
    options_ui?: { page?: string };
    options_page?: string;
  };
  const background = manifest.background?.service_worker ?? manifest.background?.scripts?.[0];
  const options = manifest.options_ui?.page ?? manifest.options_page;
  if (!background || !options) throw new Error('the manifest names no background or options page');

  const optionsAssets = pageAssets(root, options);
  const optionsFiles = [
    options,
    ...moduleClosure(
      root,
      optionsAssets.filter((f) => f.endsWith('.js')),
    ),
    ...optionsAssets.filter((f) => !f.endsWith('.js')),
  ];
  return [
    sizeOf(root, 'background', moduleClosure(root, [background])),
    sizeOf(root, 'options page', [...new Set(optionsFiles)]),
  ];
}
