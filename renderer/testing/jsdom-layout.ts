/**
 * jsdom has no layout: give the virtual lists a scroll box, and rows the height the list estimates (rows that
 * measured otherwise would make the virtualizer correct the scroll position, which jsdom cannot do).
 */
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('vlist') ? 600 : 0;
  },
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('vlist') ? 800 : 0;
  },
});
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get(this: HTMLElement) {
    if (!this.classList.contains('vlist__item')) return 0;
    return Number(this.closest<HTMLElement>('[data-row-estimate]')?.dataset.rowEstimate ?? 50);
  },
});
