import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useAppStore } from '../../store/store-context.js';
import { FORM_KEYS, SHORTCUTS, type Shortcut } from './shortcuts.js';

const GROUPS: ReadonlyArray<{ title: string; screen: Shortcut['screen'] }> = [
  { title: 'Anywhere', screen: 'any' },
  { title: 'On the board', screen: 'board' },
  { title: 'In an incident', screen: 'incident' },
];

const KEY_NAMES: Readonly<Record<string, string>> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' };

/** The `?` overlay: every shortcut. A modal dialog: focus moves in, Escape closes, focus goes back. */
export function HelpOverlay() {
  const setHelpOpen = useAppStore((s) => s.setHelpOpen);
  const open = useAppStore((s) => s.helpOpen);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement;
    close.current?.focus();
    return () => {
      if (before instanceof HTMLElement) before.focus();
    };
  }, [open]);
  if (!open) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' || event.key === '?') {
      event.preventDefault();
      setHelpOpen(false);
    } else if (event.key === 'Tab') {
      event.preventDefault(); // one control inside: keep the focus in the dialog
      close.current?.focus();
    }
  };

  return (
    <div className="overlay" onClick={() => setHelpOpen(false)}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onKeyDown={onKeyDown}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="dialog__head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button ref={close} type="button" className="button" onClick={() => setHelpOpen(false)}>
            Close
          </button>
        </div>
        <div className="dialog__body">
          {GROUPS.map((g) => (
            <section key={g.screen} aria-labelledby={`help-${g.screen}`}>
              <h3 id={`help-${g.screen}`}>{g.title}</h3>
              <dl className="keys">
                {SHORTCUTS.filter((s) => s.screen === g.screen).map((s) => (
                  <div key={s.keys.join()}>
                    <dt>
                      {s.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 && ' or '}
                          <kbd>{KEY_NAMES[k] ?? k}</kbd>
                        </span>
                      ))}
                    </dt>
                    <dd>{s.label}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <section aria-labelledby="help-forms">
            <h3 id="help-forms">In forms</h3>
            <dl className="keys">
              {FORM_KEYS.map((f) => (
                <div key={f.keys}>
                  <dt>
                    <kbd>{f.keys}</kbd>
                  </dt>
                  <dd>{f.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
      </div>
    </div>
  );
}
