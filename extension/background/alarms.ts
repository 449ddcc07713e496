import browser, { type Alarms as BrowserAlarms } from 'webextension-polyfill';

type AlarmHandler = (alarm: BrowserAlarms.Alarm) => Promise<void> | void;

/**
 * One `alarms.onAlarm` listener for the whole background, dispatching by alarm name. It is
 * registered synchronously at start so the alarm that woke a sleeping worker is not missed.
 */
export function createAlarms(onError: (name: string, error: unknown) => void) {
  const handlers = new Map<string, AlarmHandler>();

  browser.alarms.onAlarm.addListener((alarm) => {
    const handler = handlers.get(alarm.name);
    if (!handler) return;
    Promise.resolve()
      .then(() => handler(alarm))
      .catch((error: unknown) => onError(alarm.name, error));
  });

  return {
    on(name: string, handler: AlarmHandler): void {
      handlers.set(name, handler);
    },
    /** Creates the alarm unless one of that name already exists (keeps its phase on restart). */
    async ensure(name: string, info: BrowserAlarms.CreateAlarmInfoType): Promise<void> {
      if (!(await browser.alarms.get(name))) await browser.alarms.create(name, info);
    },
    /** Fires `name` once at `when` (epoch ms), replacing any pending one. */
    async at(name: string, when: number): Promise<void> {
      await browser.alarms.create(name, { when });
    },
    clear: (name: string) => browser.alarms.clear(name),
  };
}

export type Alarms = ReturnType<typeof createAlarms>;
