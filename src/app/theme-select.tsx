import { themeChoices, useTheme, useThemeActions, type ThemeChoice } from './theme-store';

const labels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeSelect() {
  const theme = useTheme();
  const { themeChosen } = useThemeActions();
  return (
    <label className="theme-select">
      <span className="visually-hidden">Theme</span>
      <select aria-label="Theme" value={theme} onChange={(e) => themeChosen(e.target.value as ThemeChoice)}>
        {themeChoices.map((choice) => (
          <option key={choice} value={choice}>
            {labels[choice]}
          </option>
        ))}
      </select>
    </label>
  );
}
