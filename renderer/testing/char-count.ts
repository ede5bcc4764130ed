/**
 * The counter a field's description points at ("800 / 1,000"), as a screen reader would find it; null while the
 * text is far from its limit (then the field is not described by one).
 */
export function charCountOf(field: HTMLElement): string | null {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const counter = ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('char-count'));
  return counter?.textContent ?? null;
}
