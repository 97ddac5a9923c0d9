import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zh from './zh.json';

export const LANGUAGES = [
  { code: 'en', label: 'English', locale: 'en-US' },
  { code: 'zh', label: '中文', locale: 'zh-CN' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('lastmile.lang') : null;
const browser = typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: saved === 'zh' || saved === 'en' ? saved : browser,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

/** Switches the language (remembered in this browser; the user's account keeps it too). */
export function setLanguage(lang: Language) {
  localStorage.setItem('lastmile.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  void i18n.changeLanguage(lang);
}

export const localeOf = (lang: string) => (lang === 'zh' ? 'zh-CN' : 'en-US');
export default i18n;
