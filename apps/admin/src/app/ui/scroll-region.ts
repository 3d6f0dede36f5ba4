import { afterNextRender, DestroyRef, Directive, ElementRef, inject, signal } from '@angular/core';

/**
 * `<div class="table-wrap" adminScrollRegion>`: when its table is wider than the screen (a
 * tablet), the box scrolls, and becomes focusable and named so that keyboard users can scroll it.
 */
@Directive({
  selector: '[adminScrollRegion]',
  host: {
    '[attr.tabindex]': 'overflowing() ? 0 : null',
    '[attr.role]': 'overflowing() ? "region" : null',
    '[attr.aria-label]': 'overflowing() ? label() : null',
  },
})
export class ScrollRegion {
  private readonly element = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly destroy = inject(DestroyRef);
  protected readonly overflowing = signal(false);
  protected readonly label = signal('');

  constructor() {
    afterNextRender(() => {
      if (typeof ResizeObserver !== 'function') return;
      const observer = new ResizeObserver(() => this.measure());
      observer.observe(this.element);
      const table = this.element.querySelector('table');
      if (table) observer.observe(table);
      this.destroy.onDestroy(() => observer.disconnect());
    });
  }

  private measure(): void {
    this.overflowing.set(this.element.scrollWidth > this.element.clientWidth + 1);
    this.label.set(this.tableName());
  }

  /** The table's caption, or the heading it is labelled by. */
  private tableName(): string {
    const table = this.element.querySelector('table');
    const labelledBy = table?.getAttribute('aria-labelledby');
    const source = table?.querySelector('caption') ?? (labelledBy ? this.element.ownerDocument.getElementById(labelledBy) : null);
    return source?.textContent?.trim() ?? '';
  }
}
