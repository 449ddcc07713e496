import { useEffect, useState } from 'preact/hooks';

/** The current time, updated every `everyMs`, for texts like "waits until" and "expired". */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export const clock = (at: number) =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export const dateTime = (at: number) => new Date(at).toLocaleString();
