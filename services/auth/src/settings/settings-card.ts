import { USER_SETTINGS, type UserSettingName, type UserSettings } from '@herald/contracts';

/** The settings card: one toggle per setting, saved by Action.Execute `settings.save`. */
export function settingsCard(settings: UserSettings, notice?: string): Record<string, unknown> {
  const toggles = (Object.entries(USER_SETTINGS) as [UserSettingName, (typeof USER_SETTINGS)[UserSettingName]][]).flatMap(([name, setting]) => [
    { type: 'Input.Toggle', id: name, title: setting.label, value: String(settings[name]), valueOn: 'true', valueOff: 'false' },
    { type: 'TextBlock', text: setting.hint, isSubtle: true, size: 'Small', wrap: true, spacing: 'None' },
  ]);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Your settings', weight: 'Bolder', size: 'Medium', wrap: true },
      ...toggles,
      ...(notice ? [{ type: 'TextBlock', text: notice, color: 'Good', wrap: true }] : []),
      { type: 'TextBlock', text: 'Topics you follow: type "subscriptions".', isSubtle: true, size: 'Small', wrap: true },
    ],
    actions: [{ type: 'Action.Execute', title: 'Save', verb: 'settings.save' }],
  };
}

/** The toggles' values as the card sent them back ("true" / "false"); anything else is ignored. */
export function valuesFromCard(data: Record<string, unknown>): Partial<Record<UserSettingName, boolean>> {
  const values: Partial<Record<UserSettingName, boolean>> = {};
  for (const name of Object.keys(USER_SETTINGS) as UserSettingName[]) {
    const raw = data[name];
    if (raw === 'true' || raw === true) values[name] = true;
    if (raw === 'false' || raw === false) values[name] = false;
  }
  return values;
}
