import { useLayoutEffect, useRef } from 'react';

/**
 * Keeps `--header-height` on <html> equal to the sticky header's height, so `scroll-padding-top`
 * stops focus and anchor scrolling below it at every width (the header wraps on narrow screens).
 */
export function useStickyHeaderHeight<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const header = ref.current;
    if (!header) return;
    const root = document.documentElement;
    const update = () => root.style.setProperty('--header-height', `${Math.ceil(header.getBoundingClientRect().height)}px`);
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);
  return ref;
}
