import { zipSync } from 'fflate';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import pkg from '../package.json' with { type: 'json' };

/** Zips dist/chrome and dist/firefox for the stores (run `npm run build` first). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

for (const browser of ['chrome', 'firefox'] as const) {
  const dir = join('dist', browser);
  if (!existsSync(join(dir, 'manifest.json'))) {
    console.error(`${dir} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const entries = Object.fromEntries(
    filesUnder(dir).map((file) => [relative(dir, file), readFileSync(file)]),
  );
  const out = join('dist', `statusnet-x-bridge-${pkg.version}-${browser}.zip`);
  writeFileSync(out, zipSync(entries, { level: 9 }));
  console.log(`wrote ${out}`);
}
