import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import { createContext, useContext } from 'react';
import type { PreviewTheme } from '../preview/host-configs.js';

/** The Teams theme the console runs in (light in a browser): the preview starts in it. */
export const HostThemeContext = createContext<PreviewTheme>('light');

export const useHostTheme = () => useContext(HostThemeContext);

/** Teams' theme names (`default`, `dark`, `contrast`) as the preview's. */
export function previewThemeOf(teamsTheme: string | undefined): PreviewTheme {
  return teamsTheme === 'dark' ? 'dark' : teamsTheme === 'contrast' ? 'contrast' : 'light';
}

/** Fluent 2's Teams theme for Teams' theme name (light in a browser). */
export function fluentThemeOf(teamsTheme: string | undefined): Theme {
  return teamsTheme === 'dark' ? teamsDarkTheme : teamsTheme === 'contrast' ? teamsHighContrastTheme : teamsLightTheme;
}
