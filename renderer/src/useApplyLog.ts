import { useEffect, useState } from 'react';
import type { ApiClient, ApplyEventView } from '../../shared/ipc/contract';
import { mirrorCore } from './mirror';

/**
 * Everything the current apply transaction reported, kept at the app level so no event is lost
 * while screens change (the backup event arrives before the apply screen mounts). The core keeps the same log,
 * so a reloaded page (or one that lost its connection for a while) reads it back and the console and chart return.
 */
export function useApplyLog(api: ApiClient): ApplyEventView[] {
  const [events, setEvents] = useState<ApplyEventView[]>([]);
  useEffect(
    () =>
      mirrorCore(
        api,
        () =>
          api.on('apply.event', (e) => {
            // A new transaction starts with its backup: the log starts afresh.
            setEvents((prev) => (e.kind === 'phase' && e.phase === 'backup' ? [e] : [...prev, e]));
          }),
        () => void api.invoke('apply.log', {}).then(setEvents, () => undefined),
      ),
    [api],
  );
  return events;
}
