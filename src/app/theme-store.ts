import { useEffect } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];
/** Repairs whatever storage holds into a valid choice (zod would cost the first route ~15 KB gz for one enum). */
function toThemeChoice(persisted: unknown): ThemeChoice {
  const theme = (persisted as { theme?: unknown } | null)?.theme;
  return themeChoices.find((c) => c === theme) ?? 'system';
}

interface ThemeState {
  theme: ThemeChoice;
  actions: { themeChosen: (theme: ThemeChoice) => void };
}

/** The only persisted app-level state: the theme choice (allowlisted, versioned, repaired on read). */
const useThemeStore = create<ThemeState>()(
  persist(
    (set) => ({
      theme: 'system',
      actions: { themeChosen: (theme) => set({ theme }) },
    }),
    {
      name: 'token-workbench:theme',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ theme: state.theme }),
      migrate: (persisted) => ({ theme: toThemeChoice(persisted) }),
      merge: (persisted, current) => ({
        ...current,
        theme: toThemeChoice(persisted),
      }),
    },
  ),
);

export const useTheme = () => useThemeStore((s) => s.theme);
export const useThemeActions = () => useThemeStore((s) => s.actions);

/** Mirrors the choice onto <html data-theme>, where the CSS variables switch. */
export function useApplyTheme() {
  const theme = useTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
