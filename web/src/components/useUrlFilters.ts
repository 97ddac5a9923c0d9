import { useSearchParams } from 'react-router';

/**
 * A list page's filters and cursor kept in the URL (so a view can be bookmarked). `set` merges
 * into the URL as it is now, not as the last render saw it, so quick changes one after another
 * all count; a change that does not name the cursor starts again from the first page.
 */
export function useUrlFilters(): [URLSearchParams, (next: Record<string, string | null | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const set = (next: Record<string, string | null | undefined>) => {
    const p = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v); else p.delete(k);
    if (!('cursor' in next)) p.delete('cursor');
    setParams(p);
  };
  return [params, set];
}
