import { useEffect, useState } from 'react';
import type { ApiClient, ApplyEventView } from '../../shared/ipc/contract';

/**
 * Everything the current apply transaction reported, kept at the app level so no event is lost
 * while screens change (the backup event arrives before the apply screen mounts).
 */
export function useApplyLog(api: ApiClient): ApplyEventView[] {
  const [events, setEvents] = useState<ApplyEventView[]>([]);
  useEffect(
    () =>
      api.on('apply.event', (e) => {
        // A new transaction starts with its backup, a recovery with its own phase: the log starts afresh.
        setEvents((prev) => (e.kind === 'phase' && (e.phase === 'backup' || e.phase === 'recover') ? [e] : [...prev, e]));
      }),
    [api],
  );
  return events;
}
