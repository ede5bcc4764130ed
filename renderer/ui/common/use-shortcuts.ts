import { useEffect } from 'react';
import { useActions, useAppStore, useStoreApi } from '../../store/store-context.js';
import { selectOpenPages, selectScreen } from '../../store/selectors.js';
import { findShortcut, isTypingTarget } from './shortcuts.js';

/** Keyboard shortcuts for the whole app (see SHORTCUTS): one listener on the window. */
export function useShortcuts(): void {
  const setHelpOpen = useAppStore((s) => s.setHelpOpen);
  const toggleTheme = useAppStore((s) => s.toggleTheme);
  const actions = useActions();
  const store = useStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const s = store.getState();
      if (isTypingTarget(event.target)) {
        // Escape leaves the field, so the single-key shortcuts work again.
        if (event.key === 'Escape' && event.target instanceof HTMLElement) event.target.blur();
        return;
      }
      if (s.helpOpen) return; // the overlay handles its own keys
      const shortcut = findShortcut(event.key, selectScreen(s));
      if (!shortcut) return;
      // Arrow keys scroll lists and move in radio groups: only take them on the board's rows.
      if (
        event.key.startsWith('Arrow') &&
        !(event.target instanceof HTMLElement && event.target.closest('table.board'))
      )
        return;
      event.preventDefault();
      if (shortcut.focus) {
        const target = document.querySelector<HTMLElement>(shortcut.focus);
        if (target) target.focus();
        else if (shortcut.opener) document.querySelector<HTMLElement>(shortcut.opener)?.click();
        return;
      }
      switch (shortcut.command) {
        case 'help':
          setHelpOpen(true);
          break;
        case 'theme':
          toggleTheme();
          break;
        case 'board':
          actions.showBoard();
          break;
        case 'oncall':
        case 'profile':
        case 'metrics':
        case 'reviews':
          if (s.signedIn) actions.showPage(shortcut.command);
          break;
        case 'acknowledge-page': {
          const page = selectOpenPages(s)[0];
          if (page) void actions.command({ type: 'incident.acknowledge', incidentId: page.incidentId, payload: {} });
          break;
        }
        case 'acknowledge-lead':
          // The button knows when it is offered (acknowledge-lead-button.tsx): the key does what it would.
          document.getElementById('acknowledge-lead')?.click();
          break;
        case 'next-row':
        case 'previous-row':
          moveRow(shortcut.command === 'next-row' ? 1 : -1);
          break;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, store, setHelpOpen, toggleTheme]);
}

function moveRow(step: number): void {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('table.board tbody button')];
  if (buttons.length === 0) return;
  const index = buttons.findIndex((b) => b === document.activeElement);
  const next =
    index < 0 ? (step > 0 ? 0 : buttons.length - 1) : Math.min(buttons.length - 1, Math.max(0, index + step));
  buttons[next]?.focus();
}
