import { useTranslation } from 'react-i18next';
import { resolveParams, type Message } from '../../shared/i18n/message';

/** Says a message of the core in the UI's language (a message inside its values first). */
export function useSay(): (m: Message) => string {
  const { t } = useTranslation();
  const say = (m: Message): string => t(m.key, resolveParams(m.params, say));
  return say;
}
