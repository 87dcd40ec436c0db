import { localeOfActivity, type LocaleSource } from '../activity-locale.js';
import { defineCatalogs } from '../catalogs.js';
import type { ResolvedLocale } from '../languages.js';
import { createTranslator, type Translate } from '../translator.js';
import { BOT_DE } from './bot.de.js';
import { BOT_EN, type BotMessageKey } from './bot.en.js';

export type { BotMessageKey };

/** Herald's bot texts in every language it speaks. */
export const BOT_CATALOGS = defineCatalogs({ en: BOT_EN, de: BOT_DE });

export type BotTranslate = Translate<BotMessageKey>;

/** The bot's texts in the language negotiated from `locale` (English when none fits). */
export function botTranslator(locale?: string | ResolvedLocale | null): BotTranslate {
  return createTranslator(BOT_CATALOGS, locale);
}

/** The bot's texts for the person who sent `activity` (see `localeOfActivity`). */
export function botTranslatorFor(activity: LocaleSource, fallback?: string | null): BotTranslate {
  return botTranslator(localeOfActivity(activity, fallback));
}
