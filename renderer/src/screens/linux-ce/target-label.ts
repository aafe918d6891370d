import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../../shared/ipc/contract';

/** How the connection is named inside sentences: "this computer" in the UI's language for the local host. */
export function useTargetLabel(view: WizardView): string {
  const { t } = useTranslation();
  if (view.connection?.kind === 'local') return t('ce.connect.localLabel');
  return view.connection?.label ?? '';
}
