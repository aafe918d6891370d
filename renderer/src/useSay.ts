import { useTranslation } from 'react-i18next';
import { LIST_SEPARATOR_KEY, resolveParams, type Message } from '../../shared/i18n/message';

/** Says a message of the core in the UI's language (a message, or a list of them, inside its values first). */
export function useSay(): (m: Message) => string {
  const { t } = useTranslation();
  const say = (m: Message): string => t(m.key, resolveParams(m.params, say, t(LIST_SEPARATOR_KEY)));
  return say;
}
