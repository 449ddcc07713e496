import '../shared/zod-jitless.ts';
import { openBridgeDb } from '../shared/db.ts';
import { startAccounts } from './accounts/start-accounts.ts';
import { createBackground } from './background.ts';
import { startExport } from './export/index.ts';
import { startImport } from './import/index.ts';
import { recordStart } from './start.ts';

// The worker (Chrome) or event page (Firefox) starts here. Every feature registers its
// listeners synchronously, in this first turn, so the event that woke the worker is not missed.
const background = createBackground(openBridgeDb);

background.router.listen();
startAccounts(background);
startImport(background);
startExport(background);

void openBridgeDb()
  .then(recordStart)
  .catch((error: unknown) => background.report('system', error));
