import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  debounce,
  decideNavigation,
  decideWindowOpen,
  restorePlacement,
  withContentSecurityPolicy,
} from './window-policy.js';

const RENDERER = 'file:///app/dist/renderer/index.html';

describe('Content Security Policy', () => {
  it('allows only our own scripts and no network from the page', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('replaces a server CSP on http(s) responses, whatever its case', () => {
    const headers = withContentSecurityPolicy('http://localhost:5173/', {
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withContentSecurityPolicy('https://example.com/', undefined)).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('leaves other responses alone', () => {
    const headers = { 'Content-Type': ['text/html'] };
    expect(withContentSecurityPolicy(RENDERER, headers)).toBe(headers);
    expect(withContentSecurityPolicy('devtools://devtools/bundled/x.html', undefined)).toBeUndefined();
  });
});

describe('navigation', () => {
  it('stays on our page', () => {
    expect(decideNavigation(`${RENDERER}#/incident/inc-1`, RENDERER)).toBe('allow');
  });

  it('sends web links to the system browser', () => {
    expect(decideNavigation('https://status.example.com/', RENDERER)).toBe('open-externally');
    expect(decideWindowOpen('http://grafana.internal/d/1')).toBe('open-externally');
  });

  it('blocks everything else', () => {
    expect(decideNavigation('file:///etc/passwd', RENDERER)).toBe('block');
    expect(decideNavigation('javascript:alert(1)', RENDERER)).toBe('block');
    expect(decideWindowOpen(RENDERER)).toBe('block');
    expect(decideWindowOpen('about:blank')).toBe('block');
  });
});

describe('restorePlacement', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 875 };
  const external = { x: 1440, y: 0, width: 2560, height: 1415 };

  it('opens at the default size, centred, the first time', () => {
    expect(restorePlacement(null, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('restores the saved bounds on a display that is still there', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: true };
    expect(restorePlacement(saved, [laptop, external])).toEqual(saved);
  });

  it('drops the position when its display is gone, and fits the size to what is left', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: false };
    expect(restorePlacement(saved, [laptop])).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('drops the position when only a sliver of the title bar would be visible', () => {
    const saved = { x: 1400, y: 100, width: 800, height: 600, maximized: false };
    expect(restorePlacement(saved, [laptop])).toEqual({ width: 800, height: 600, maximized: false });
  });

  it('never goes below the minimum size', () => {
    const saved = { x: 10, y: 10, width: 50, height: 20, maximized: false };
    expect(restorePlacement(saved, [laptop])).toEqual({ ...MIN_WINDOW_SIZE, x: 10, y: 10, maximized: false });
  });
});

describe('debounce', () => {
  it('calls once, with the last arguments, after the quiet period', () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      const timers = {
        set: (cb: () => void, ms: number) => setTimeout(cb, ms),
        clear: (h: unknown) => clearTimeout(h as number),
      };
      const save = debounce(fn, 500, timers);
      save.call(1);
      vi.advanceTimersByTime(300);
      save.call(2);
      vi.advanceTimersByTime(499);
      expect(fn).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(fn).toHaveBeenCalledExactlyOnceWith(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('flushes a waiting call at once, and only once', () => {
    const fn = vi.fn();
    const pending: (() => void)[] = [];
    const timers = { set: (cb: () => void) => pending.push(cb), clear: () => undefined };
    const save = debounce(fn, 500, timers);
    save.call('bounds');
    save.flush();
    save.flush();
    expect(fn).toHaveBeenCalledExactlyOnceWith('bounds');
  });

  it('cancel drops a waiting call', () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      const timers = {
        set: (cb: () => void, ms: number) => setTimeout(cb, ms),
        clear: (h: unknown) => clearTimeout(h as number),
      };
      const save = debounce(fn, 100, timers);
      save.call();
      save.cancel();
      vi.advanceTimersByTime(1000);
      expect(fn).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
