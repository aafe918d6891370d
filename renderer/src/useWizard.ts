import { useEffect, useState } from 'react';
import type { ApiClient, WizardEvent, WizardView } from '../../shared/ipc/contract';
import { mirrorCore } from './mirror';

/** The renderer never runs the machine: it mirrors the core's view and sends events back. */
export function useWizard(api: ApiClient): { view: WizardView | null; send: (event: WizardEvent) => Promise<void> } {
  const [view, setView] = useState<WizardView | null>(null);
  useEffect(
    () =>
      mirrorCore(
        api,
        () => api.on('wizard.view', setView),
        () => void api.invoke('wizard.view', {}).then(setView, () => undefined),
      ),
    [api],
  );
  return {
    view,
    send: async (event) => {
      await api.invoke('wizard.send', event);
    },
  };
}
