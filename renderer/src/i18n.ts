import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, type Language } from '../../shared/i18n/catalogs';

const LANG_KEY = 'ipoe-doctor.lang';

/** Each catalog is its own chunk: the first screen loads the language it shows, the other one comes on a switch. */
const CATALOGS: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  ja: () => import('../../shared/i18n/ja.json'),
  en: () => import('../../shared/i18n/en.json'),
};

async function loadCatalog(lang: Language): Promise<void> {
  if (i18next.hasResourceBundle(lang, 'translation')) return;
  i18next.addResourceBundle(lang, 'translation', (await CATALOGS[lang]()).default);
}

export function initialLanguage(): Language {
  const saved = localStorage.getItem(LANG_KEY);
  return saved === 'en' || saved === 'ja' ? saved : defaultLanguage;
}

export function setLanguage(lang: Language): void {
  localStorage.setItem(LANG_KEY, lang);
  const switchTo = () => {
    document.documentElement.lang = lang;
    void i18next.changeLanguage(lang);
  };
  // The other catalog is fetched after the first screen: by the time anyone switches it is there.
  if (i18next.hasResourceBundle(lang, 'translation')) switchTo();
  else void loadCatalog(lang).then(switchTo);
}

export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  await i18next.use(initReactI18next).init({
    lng,
    // Every key exists in both catalogs (a unit test checks), so no fallback language needs loading.
    fallbackLng: false,
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await loadCatalog(lng);
  setTimeout(() => void loadCatalog(lng === 'ja' ? 'en' : 'ja').catch(() => undefined), 0);
}
