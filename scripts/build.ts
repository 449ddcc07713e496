import { build } from 'vite';

/** Builds the extension for each store: dist/chrome (service worker) and dist/firefox (event page). */
for (const browser of ['chrome', 'firefox'] as const) {
  process.env['BRIDGE_BROWSER'] = browser;
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
  console.log(`built dist/${browser}`);
}
