/**
 * The public pages' one stylesheet, served at /status/style.css (a file of its own, so the CSP needs no inline
 * style). System fonts only (nothing to download), light and dark from the visitor's setting, text colours that
 * pass WCAG AA on their backgrounds in both, a visible focus ring, and a layout that reads on a phone.
 * States are always written as words; colour only repeats them.
 * The app's preview (renderer/ui/status-page/public-preview.tsx) rewrites `:root` and a line-initial `body {` to
 * `:host` for a shadow root: keep those selectors written so.
 */
export const STATUS_PAGE_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --surface: #f6f8fa;
  --border: #d0d7de;
  --text: #1f2328;
  --muted: #57606a;
  --link: #0550ae;
  --focus: #0969da;
  --operational: #116329;
  --under_maintenance: #0550ae;
  --degraded_performance: #7d4e00;
  --partial_outage: #a0400c;
  --major_outage: #b3151d;
  --bar-operational: #2da44e;
  --bar-under_maintenance: #218bff;
  --bar-degraded_performance: #d4a72c;
  --bar-partial_outage: #e16f24;
  --bar-major_outage: #cf222e;
  --banner-text: #ffffff;
  --banner-none: #116329;
  --banner-maintenance: #0550ae;
  --banner-minor: #7d4e00;
  --banner-major: #a0400c;
  --banner-critical: #b3151d;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117;
    --surface: #161b22;
    --border: #30363d;
    --text: #e6edf3;
    --muted: #9ea7b3;
    --link: #6cb6ff;
    --focus: #6cb6ff;
    --operational: #4ac26b;
    --under_maintenance: #6cb6ff;
    --degraded_performance: #e3b341;
    --partial_outage: #f0883e;
    --major_outage: #ff7b72;
    --bar-operational: #2ea043;
    --bar-under_maintenance: #388bfd;
    --bar-degraded_performance: #d29922;
    --bar-partial_outage: #db6d28;
    --bar-major_outage: #f85149;
    --banner-text: #0d1117;
    --banner-none: #4ac26b;
    --banner-maintenance: #6cb6ff;
    --banner-minor: #e3b341;
    --banner-major: #f0883e;
    --banner-critical: #ff7b72;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--link); text-underline-offset: 0.15em; }
a:focus-visible, button:focus-visible, input:focus-visible, main:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
}
main:focus { outline: none; }
.wrap { max-width: 56rem; margin: 0 auto; padding: 0 1rem; }
.vh {
  position: absolute !important;
  width: 1px; height: 1px;
  margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
.skip-link {
  position: absolute; left: 0.5rem; top: -4rem; z-index: 10;
  padding: 0.5rem 1rem; background: var(--bg); color: var(--link); border: 2px solid var(--focus);
}
.skip-link:focus { top: 0.5rem; }
.page-header { border-bottom: 1px solid var(--border); padding: 1.5rem 0 1.25rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 0 0 0.75rem; }
h3 { font-size: 1.05rem; margin: 0; overflow-wrap: anywhere; }
.overall {
  margin: 0; padding: 0.75rem 1rem; border-radius: 6px;
  font-weight: 600; font-size: 1.1rem; color: var(--banner-text);
  display: flex; align-items: center; gap: 0.6rem;
}
.overall .dot { background: var(--banner-text); }
.indicator-none { background: var(--banner-none); }
.indicator-maintenance { background: var(--banner-maintenance); }
.indicator-minor { background: var(--banner-minor); }
.indicator-major { background: var(--banner-major); }
.indicator-critical { background: var(--banner-critical); }
.dot { display: inline-block; width: 0.65rem; height: 0.65rem; border-radius: 50%; flex: none; background: currentColor; }
.section { padding: 1.5rem 0 0.5rem; }
.muted { color: var(--muted); }
.incident, .maintenance, .service {
  background: var(--surface); border: 1px solid var(--border); border-radius: 6px;
  padding: 1rem; margin: 0 0 1rem;
}
.incident { border-left-width: 4px; }
.incident.impact-minor { border-left-color: var(--bar-degraded_performance); }
.incident.impact-major { border-left-color: var(--bar-partial_outage); }
.incident.impact-critical { border-left-color: var(--bar-major_outage); }
.maintenance { border-left: 4px solid var(--bar-under_maintenance); }
.incident h3 a { color: inherit; text-decoration: none; }
.incident h3 a:hover { text-decoration: underline; }
.incident-meta {
  display: flex; flex-wrap: wrap; gap: 0.35rem 0.9rem; align-items: center;
  margin: 0.4rem 0 0.75rem; color: var(--muted); font-size: 0.9rem;
}
.badge {
  display: inline-block; padding: 0 0.5rem; border: 1px solid var(--border); border-radius: 999px;
  color: var(--text); background: var(--bg); font-weight: 600;
}
.updates { list-style: none; margin: 0; padding: 0; }
.update { border-top: 1px solid var(--border); padding: 0.6rem 0 0.2rem; }
.update-head { margin: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 0.75rem; align-items: baseline; }
.update-head time { color: var(--muted); font-size: 0.9rem; }
.update-body p { margin: 0.3rem 0; overflow-wrap: anywhere; }
.pre { white-space: pre-line; overflow-wrap: anywhere; }
.services { list-style: none; margin: 0; padding: 0; }
.service-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.25rem 1rem; align-items: baseline; }
.service > .muted { margin: 0.25rem 0 0; font-size: 0.9rem; }
.state { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 600; }
.state-operational { color: var(--operational); }
.state-under_maintenance { color: var(--under_maintenance); }
.state-degraded_performance { color: var(--degraded_performance); }
.state-partial_outage { color: var(--partial_outage); }
.state-major_outage { color: var(--major_outage); }
.history { display: flex; gap: 1px; list-style: none; margin: 0.75rem 0 0.25rem; padding: 0; height: 2rem; }
.day {
  flex: 1 1 0; min-width: 0; border-radius: 1px; background: var(--bar-operational);
  /* The day's words are for screen readers: pushed out of the bar's box and clipped, not hidden. */
  overflow: hidden; white-space: nowrap; text-indent: 110%; font-size: 1px; line-height: 1px;
}
.day.state-under_maintenance { background: var(--bar-under_maintenance); }
.day.state-degraded_performance { background: var(--bar-degraded_performance); }
.day.state-partial_outage { background: var(--bar-partial_outage); }
.day.state-major_outage { background: var(--bar-major_outage); }
.day:hover { opacity: 0.7; }
.history-ends { display: flex; justify-content: space-between; margin: 0; color: var(--muted); font-size: 0.8rem; }
.subscribe label { font-weight: 600; }
.subscribe input[type="email"] {
  display: block; width: 100%; max-width: 24rem; margin-top: 0.25rem; padding: 0.5rem 0.6rem;
  font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--muted); border-radius: 6px;
}
.subscribe fieldset { border: 1px solid var(--border); border-radius: 6px; margin: 0 0 1rem; padding: 0.5rem 1rem; }
.subscribe legend { padding: 0 0.25rem; }
.choices { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
.choices label { font-weight: normal; display: inline-flex; align-items: center; gap: 0.4rem; min-height: 2.75rem; }
.choices input { width: 1.1rem; height: 1.1rem; margin: 0; }
button {
  font: inherit; font-weight: 600; padding: 0.55rem 1.1rem; min-height: 2.75rem; border-radius: 6px; cursor: pointer;
  color: #ffffff; background: #116329; border: 1px solid #116329;
}
@media (prefers-color-scheme: dark) {
  button { color: #0d1117; background: #4ac26b; border-color: #4ac26b; }
}
.page-footer { border-top: 1px solid var(--border); margin-top: 1.5rem; padding: 1rem 0 2rem; color: var(--muted); font-size: 0.9rem; }
.page-footer p { margin: 0.25rem 0; }
.simple { padding: 1.5rem 0; }
@media (max-width: 30rem) {
  h1 { font-size: 1.4rem; }
  .wrap { padding: 0 0.75rem; }
  .incident, .maintenance, .service { padding: 0.75rem; }
  .history { height: 1.75rem; }
  .day { border-radius: 0; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; } }
`;
