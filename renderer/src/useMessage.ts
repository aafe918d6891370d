import { useTranslation } from 'react-i18next';
import { LIST_SEPARATOR_KEY, renderParams, type Message } from '../../shared/i18n/message';

/** Renders the core's texts (catalog codes with values, shared/i18n/message.ts) in the UI's language. */
export function useMessage(): (m: Message) => string {
  const { t } = useTranslation();
  const render = (m: Message): string => t(m.code, renderParams(m, render, t(LIST_SEPARATOR_KEY)));
  return render;
}
