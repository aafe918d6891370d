import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogs, defaultLanguage, type Language } from '../../shared/i18n/catalogs';

const LANG_KEY = 'ipoe-doctor.lang';

export function initialLanguage(): Language {
  const saved = localStorage.getItem(LANG_KEY);
  return saved === 'en' || saved === 'ja' ? saved : defaultLanguage;
}

export function setLanguage(lang: Language): void {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { ja: { translation: catalogs.ja }, en: { translation: catalogs.en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}
