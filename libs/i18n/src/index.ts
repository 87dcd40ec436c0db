export { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, negotiateLocale, type Language, type ResolvedLocale } from './languages.js';
export { defineCatalogs, type Catalogs, type Messages } from './catalogs.js';
export { createTranslator, type MessageValues, type Translate } from './translator.js';
export { formatDateTime, formatNumber } from './format.js';
export { localeOfActivity, timeZoneOfActivity, type LocaleSource } from './activity-locale.js';
export { BOT_CATALOGS, botTranslator, botTranslatorFor, type BotMessageKey, type BotTranslate } from './bot/bot-messages.js';
