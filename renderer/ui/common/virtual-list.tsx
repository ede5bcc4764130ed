import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

export interface VirtualListProps {
  /** The list's accessible name. */
  readonly label: string;
  readonly count: number;
  /** A stable key for the item at `index`, so measured heights follow items when new ones arrive on top. */
  readonly itemKey: (index: number) => string;
  readonly renderItem: (index: number) => ReactNode;
  /** data-* attributes for the `<li>` at `index`. */
  readonly itemData?: (index: number) => Record<`data-${string}`, string | boolean | undefined>;
  readonly estimateSize: number;
  readonly className?: string;
}

/**
 * A long list that renders only what is in view (plus a few rows either side), so 10,000 entries scroll as
 * smoothly as 10. Rows measure their own height. The scroll box is focusable, so the keyboard can scroll it.
 */
export function VirtualList({
  label,
  count,
  itemKey,
  renderItem,
  itemData,
  estimateSize,
  className,
}: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose; nothing here is memoized by the compiler
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    getItemKey: itemKey,
    overscan: 8,
  });
  return (
    <div
      ref={scroller}
      className={`vlist ${className ?? ''}`}
      tabIndex={0}
      role="group"
      aria-label={`${label} (scrolls)`}
      data-row-estimate={estimateSize}
    >
      <ol className="vlist__inner" aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <li
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            aria-posinset={row.index + 1}
            aria-setsize={count}
            className="vlist__item"
            style={{ transform: `translateY(${row.start}px)` }}
            {...itemData?.(row.index)}
          >
            {renderItem(row.index)}
          </li>
        ))}
      </ol>
    </div>
  );
}
