import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { manifestFor, type TargetBrowser } from './extension/manifest.config.ts';

// scripts/build.ts runs this config once per browser; a plain `vite build` makes the Chrome one.
const browser: TargetBrowser = process.env['BRIDGE_BROWSER'] === 'firefox' ? 'firefox' : 'chrome';

export default defineConfig({
  plugins: [preact(), crx({ manifest: manifestFor(browser), browser })],
  build: {
    outDir: `dist/${browser}`,
    emptyOutDir: true,
    target: browser === 'chrome' ? 'chrome120' : 'firefox128',
    // Store reviewers read the code; readable output costs a few kilobytes.
    minify: false,
    sourcemap: false,
  },
  server: { port: 5173, strictPort: true },
});
