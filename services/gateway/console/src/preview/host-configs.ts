/**
 * Adaptive Card host configs in the look of Teams' light, dark and high-contrast themes (Segoe UI,
 * Teams' spacing and font sizes, Fluent 2 colours), for the live preview.
 */
export type PreviewTheme = 'light' | 'dark' | 'contrast';
export const PREVIEW_THEMES: PreviewTheme[] = ['light', 'dark', 'contrast'];

interface Palette {
  background: string;
  emphasis: string;
  foreground: string;
  subtle: string;
  accent: string;
  good: string;
  warning: string;
  attention: string;
}

const PALETTES: Record<PreviewTheme, Palette> = {
  light: { background: '#FFFFFF', emphasis: '#F5F5F5', foreground: '#242424', subtle: '#616161', accent: '#5B5FC7', good: '#0E700E', warning: '#8A3707', attention: '#C4314B' },
  dark: { background: '#292929', emphasis: '#1F1F1F', foreground: '#FFFFFF', subtle: '#ADADAD', accent: '#7F85F5', good: '#54B054', warning: '#F2C661', attention: '#F9526B' },
  contrast: { background: '#000000', emphasis: '#000000', foreground: '#FFFFFF', subtle: '#FFFFFF', accent: '#FFFF00', good: '#3FF23F', warning: '#FFFF00', attention: '#FF8080' },
};

export const PREVIEW_BACKGROUND: Record<PreviewTheme, string> = { light: PALETTES.light.background, dark: PALETTES.dark.background, contrast: PALETTES.contrast.background };

function colours(palette: Palette) {
  const pair = (colour: string, subtle = colour) => ({ default: colour, subtle });
  return {
    default: pair(palette.foreground, palette.subtle),
    dark: pair(palette.foreground, palette.subtle),
    light: pair(palette.foreground, palette.subtle),
    accent: pair(palette.accent),
    good: pair(palette.good),
    warning: pair(palette.warning),
    attention: pair(palette.attention),
  };
}

export function hostConfigFor(theme: PreviewTheme): Record<string, unknown> {
  const palette = PALETTES[theme];
  const foregroundColors = colours(palette);
  return {
    supportsInteractivity: true,
    fontFamily: "'Segoe UI', system-ui, -apple-system, sans-serif",
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: theme === 'light' ? '#E0E0E0' : '#666666' },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: {
      default: { backgroundColor: palette.background, foregroundColors },
      emphasis: { backgroundColor: palette.emphasis, foregroundColors },
      accent: { backgroundColor: palette.emphasis, foregroundColors },
      good: { backgroundColor: palette.emphasis, foregroundColors },
      attention: { backgroundColor: palette.emphasis, foregroundColors },
      warning: { backgroundColor: palette.emphasis, foregroundColors },
    },
    actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 16 }, actionsOrientation: 'horizontal', actionAlignment: 'stretch' },
    adaptiveCard: { allowCustomStyle: true },
    textBlock: { headingLevel: 2 },
    image: { size: 'medium' },
  };
}
