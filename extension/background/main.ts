import { openBridgeDb } from '../shared/db.ts';
import { logActivity } from '../shared/activity.ts';
import { startBackground } from './start.ts';

// The worker (Chrome) or event page (Firefox) starts here. Listeners must be registered in the
// first turn of the event loop so that the event which woke the worker is not missed.
startBackground(openBridgeDb).catch(async (error: unknown) => {
  // The one place background start-up errors are caught: recorded for the user to see.
  const db = await openBridgeDb();
  await logActivity(db, {
    level: 'error',
    area: 'system',
    message: `The bridge could not start: ${error instanceof Error ? error.message : String(error)}`,
  });
});
