/**
 * The time zones and languages the settings card offers (the person's own is always added): a
 * card holding all ~420 IANA zones would pass Teams' 28 KB limit. An app can set any other
 * through the API.
 */
export const TIME_ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Phoenix', 'America/Chicago', 'America/Mexico_City',
  'America/New_York', 'America/Toronto', 'America/Bogota', 'America/Lima', 'America/Caracas', 'America/Halifax', 'America/Santiago',
  'America/Sao_Paulo', 'America/Argentina/Buenos_Aires', 'America/St_Johns', 'Atlantic/Azores', 'UTC', 'Europe/London', 'Europe/Dublin',
  'Europe/Lisbon', 'Africa/Lagos', 'Europe/Paris', 'Europe/Berlin', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam', 'Europe/Stockholm',
  'Europe/Warsaw', 'Europe/Athens', 'Europe/Helsinki', 'Europe/Kyiv', 'Africa/Cairo', 'Africa/Johannesburg', 'Europe/Istanbul',
  'Europe/Moscow', 'Asia/Riyadh', 'Africa/Nairobi', 'Asia/Tehran', 'Asia/Dubai', 'Asia/Karachi', 'Asia/Kolkata', 'Asia/Kathmandu',
  'Asia/Dhaka', 'Asia/Bangkok', 'Asia/Jakarta', 'Asia/Singapore', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Australia/Perth',
  'Asia/Seoul', 'Asia/Tokyo', 'Australia/Adelaide', 'Australia/Brisbane', 'Australia/Sydney', 'Pacific/Auckland',
];

export const LOCALES: Readonly<Record<string, string>> = {
  'en-US': 'English (United States)', 'en-GB': 'English (United Kingdom)', 'de-DE': 'Deutsch', 'fr-FR': 'Français', 'es-ES': 'Español',
  'it-IT': 'Italiano', 'nl-NL': 'Nederlands', 'pt-BR': 'Português (Brasil)', 'pt-PT': 'Português (Portugal)', 'sv-SE': 'Svenska',
  'da-DK': 'Dansk', 'nb-NO': 'Norsk bokmål', 'fi-FI': 'Suomi', 'pl-PL': 'Polski', 'cs-CZ': 'Čeština', 'tr-TR': 'Türkçe',
  'ru-RU': 'Русский', 'uk-UA': 'Українська', 'ja-JP': '日本語', 'ko-KR': '한국어', 'zh-CN': '中文 (简体)', 'zh-TW': '中文 (繁體)',
};

/** The deliveries a topic may have on the card (titled from the catalogs, `settings.delivery.<value>`). */
export const DELIVERY_CHOICES = ['now', 'hourly', 'daily', 'off'] as const;
