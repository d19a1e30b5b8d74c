import { useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { TokenKind } from '../../lib/catalog/api-model';
import { formatSelectionLink, parseSelectionLink } from '../../lib/catalog/deep-link';
import type { ScopeSelectionLink } from '../../lib/catalog/deep-link';

/** The selection lives in the URL (`?kind=…&endpoints=…&api=…`), so the address bar is always the share link. */
export function useScopeSelection() {
  const { search, pathname } = useLocation();
  const navigate = useNavigate();
  const link = useMemo(() => parseSelectionLink(search), [search]);

  const actions = useMemo(() => {
    const go = (next: ScopeSelectionLink) => navigate({ pathname, search: `?${formatSelectionLink(next)}` }, { replace: true });
    return {
      endpointToggled: (id: string, selected: boolean) =>
        go({ ...link, endpoints: selected ? [...link.endpoints.filter((e) => e !== id), id] : link.endpoints.filter((e) => e !== id) }),
      selectionCleared: () => go({ ...link, endpoints: [] }),
      kindChosen: (kind: TokenKind) => go({ ...link, kind }),
      apiChosen: (api: string) => go({ api, kind: link.kind, endpoints: [] }),
    };
  }, [navigate, pathname, link]);

  return { ...link, shareQuery: formatSelectionLink(link), actions };
}
