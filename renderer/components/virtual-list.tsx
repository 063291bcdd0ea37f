import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';

interface VirtualListProps<T> {
  readonly items: readonly T[];
  readonly itemKey: (item: T) => string;
  readonly renderItem: (item: T) => ReactNode;
  /** The height assumed for a row until it has been measured. */
  readonly estimate: number;
  /** Keeps the view at the newest row while the reader is there (chat). */
  readonly followEnd?: boolean;
  readonly label: string;
  readonly className?: string;
  /** `log` for conversations; `list` for a long navigation list. */
  readonly role?: 'log' | 'list';
  /** Brings this row into view whenever it changes (a search hit opened). */
  readonly scrollToKey?: string | null;
}

/** Rows drawn beyond the visible ones on each side, so fast scrolling does not show gaps. */
const overscanPx = 600;

/** Finds the first index whose row ends after `offset` in the sorted `ends`. */
function firstEndingAfter(ends: Float64Array, offset: number): number {
  let low = 0;
  let high = ends.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((ends[mid] ?? 0) > offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Draws only the rows in view. Rows start at an estimated height and are measured once drawn,
 * so messages of any length fit; ten thousand rows cost a prefix sum, not ten thousand nodes.
 */
export function VirtualList<T>({ items, itemKey, renderItem, estimate, followEnd = false, label, className, role = 'log', scrollToKey = null }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const [measureTick, setMeasureTick] = useState(0);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const atEnd = useRef(true);

  const ends = useMemo(() => {
    const sums = new Float64Array(items.length);
    let total = 0;
    items.forEach((item, i) => {
      total += heights.current.get(itemKey(item)) ?? estimate;
      sums[i] = total;
    });
    return sums;
    // measureTick is a dependency on purpose: rows reported new heights.
  }, [items, itemKey, estimate, measureTick]);
  const total = ends.length === 0 ? 0 : (ends[ends.length - 1] ?? 0);

  const first = items.length === 0 ? 0 : firstEndingAfter(ends, Math.max(0, viewport.top - overscanPx));
  let last = first;
  while (last < items.length - 1 && (ends[last] ?? 0) < viewport.top + viewport.height + overscanPx) last += 1;
  const offsetTop = first === 0 ? 0 : (ends[first - 1] ?? 0);

  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            let changed = false;
            for (const entry of entries) {
              const key = (entry.target as HTMLElement).dataset['key'];
              const height = Math.ceil(entry.borderBoxSize[0]?.blockSize ?? entry.contentRect.height);
              if (key !== undefined && height > 0 && heights.current.get(key) !== height) {
                heights.current.set(key, height);
                changed = true;
              }
            }
            if (changed) setMeasureTick((t) => t + 1);
          }),
    [],
  );
  useEffect(() => () => observer?.disconnect(), [observer]);

  const rowRef = useCallback(
    (node: HTMLDivElement | null) => {
      if (node !== null) observer?.observe(node);
    },
    [observer],
  );

  const onScroll = () => {
    const el = scroller.current;
    if (el === null) return;
    atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    setViewport({ top: el.scrollTop, height: el.clientHeight });
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    setViewport({ top: el.scrollTop, height: el.clientHeight });
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => setViewport({ top: el.scrollTop, height: el.clientHeight }));
    resize?.observe(el);
    return () => resize?.disconnect();
  }, []);

  // A row asked for is scrolled to, then again as the rows around it are measured, until its own
  // height is known: estimated heights above it would otherwise leave it off screen.
  const pendingScroll = useRef<string | null>(null);
  useLayoutEffect(() => {
    pendingScroll.current = scrollToKey;
  }, [scrollToKey]);
  useLayoutEffect(() => {
    const el = scroller.current;
    const key = pendingScroll.current;
    if (el === null || key === null) return;
    const index = items.findIndex((item) => itemKey(item) === key);
    if (index < 0) return;
    atEnd.current = false;
    const top = index === 0 ? 0 : (ends[index - 1] ?? 0);
    el.scrollTop = Math.max(0, top - el.clientHeight / 3);
    setViewport({ top: el.scrollTop, height: el.clientHeight });
    if (heights.current.has(key)) pendingScroll.current = null;
  }, [items, itemKey, ends, scrollToKey]);

  // Following the end: new rows and a growing streamed answer keep the newest text in view.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null || !followEnd || !atEnd.current) return;
    el.scrollTop = el.scrollHeight;
  }, [followEnd, total, items]);

  const spacer = useMemo(() => ({ height: `${String(total)}px`, position: 'relative' as const }), [total]);
  const windowStyle = useMemo(() => ({ transform: `translateY(${String(offsetTop)}px)` }), [offsetTop]);

  return (
    <div ref={scroller} className={className} onScroll={onScroll} role={role} aria-label={label} tabIndex={0}>
      <div style={spacer}>
        <div style={windowStyle}>
          {items.slice(first, last + 1).map((item) => {
            const key = itemKey(item);
            return (
              <div key={key} data-key={key} ref={rowRef}>
                {renderItem(item)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
