import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { TokenKind } from '../../lib/catalog/api-model';
import { formatSelectionLink, parseSelectionLink } from '../../lib/catalog/deep-link';
import type { ScopeSelectionLink } from '../../lib/catalog/deep-link';

/**
 * The selection, mirrored into the URL (`?kind=…&endpoints=…&api=…`) so the address bar is always the share link.
 * It is held in state first: the router applies location changes in a transition, and a checkbox driven by the
 * URL alone would flip back for a moment after each click. URL changes we did not write (back, forward, a pasted
 * link) are adopted.
 */
export function useScopeSelection() {
  const { search, pathname } = useLocation();
  const navigate = useNavigate();
  const [link, setLink] = useState<ScopeSelectionLink>(() => parseSelectionLink(search));
  const written = useRef(new Set<string>());

  useEffect(() => {
    if (written.current.delete(search)) return;
    setLink(parseSelectionLink(search));
  }, [search]);

  const actions = useMemo(() => {
    const go = (next: ScopeSelectionLink) => {
      const nextSearch = `?${formatSelectionLink(next)}`;
      setLink(next);
      written.current.add(nextSearch);
      navigate({ pathname, search: nextSearch }, { replace: true });
    };
    return {
      endpointToggled: (id: string, selected: boolean) =>
        go({
          ...link,
          endpoints: selected ? [...link.endpoints.filter((e) => e !== id), id] : link.endpoints.filter((e) => e !== id),
          intents: Object.fromEntries(Object.entries(link.intents).filter(([e]) => selected || e !== id)),
        }),
      selectionCleared: () => go({ ...link, endpoints: [], intents: {} }),
      intentChosen: (id: string, key: string) => go({ ...link, intents: { ...link.intents, [id]: key } }),
      kindChosen: (kind: TokenKind) => go({ ...link, kind }),
      apiChosen: (api: string) => go({ api, kind: link.kind, endpoints: [], requested: [], intents: {} }),
      scopesRequested: (scopes: readonly string[]) => go({ ...link, requested: [...new Set([...link.requested, ...scopes])] }),
      scopeRequestWithdrawn: (scope: string) => go({ ...link, requested: link.requested.filter((s) => s !== scope) }),
    };
  }, [navigate, pathname, link]);

  return { ...link, shareQuery: formatSelectionLink(link), actions };
}
