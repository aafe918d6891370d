import { useEffect, useState } from 'react';
import type { ApiClient, WizardEvent, WizardView } from '../../shared/ipc/contract';

/** The renderer never runs the machine: it mirrors the core's view and sends events back. */
export function useWizard(api: ApiClient): { view: WizardView | null; send: (event: WizardEvent) => Promise<void> } {
  const [view, setView] = useState<WizardView | null>(null);
  useEffect(() => {
    const off = api.on('wizard.view', setView);
    const read = () => void api.invoke('wizard.view', {}).then(setView, () => undefined);
    read();
    const offReconnect = api.onReconnect?.(read);
    return () => {
      off();
      offReconnect?.();
    };
  }, [api]);
  return {
    view,
    send: async (event) => {
      await api.invoke('wizard.send', event);
    },
  };
}
