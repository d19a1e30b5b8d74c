import { memo, useDeferredValue, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { explorerLink } from '../../lib/explorer/endpoint-param';
import type { ApiOperation } from '../../lib/catalog/api-model';
import { createSearchIndex, groupRankedByTag, searchOperationsRanked } from '../../lib/catalog/search';
import type { TagGroup } from '../../lib/catalog/search';
import { useScopesActions, useSearchQuery } from './scopes-store';

/**
 * Groups open in order, best matches first, until this many rows are shown; the rest start collapsed.
 * The count stays exact: only the DOM is kept small, which keeps typing fast (rendering all ~470 rows measured
 * keystrokes of 200+ ms on the 2-core machine).
 */
const ROW_BUDGET = 80;

interface EndpointBrowserProps {
  operations: readonly ApiOperation[];
  selected: ReadonlySet<string>;
  /** Endpoints the chosen token kind cannot call, with the badge text that says so. */
  unavailable: ReadonlyMap<string, string>;
  onToggle: (id: string, selected: boolean) => void;
  /** Each row links to the API explorer ("Try it"): the explorer knows the Management API's endpoints. */
  explorable?: boolean;
}

export function EndpointBrowser({ operations, selected, unavailable, onToggle, explorable = false }: EndpointBrowserProps) {
  const query = useSearchQuery();
  const { searchTyped } = useScopesActions();
  const deferredQuery = useDeferredValue(query);
  const index = useMemo(() => createSearchIndex(operations), [operations]);
  const matches = useMemo(() => searchOperationsRanked(index, deferredQuery), [index, deferredQuery]);
  const groups = useMemo(() => groupRankedByTag(matches, deferredQuery), [matches, deferredQuery]);
  const defaultOpen = useMemo(() => {
    const open = new Set<string>();
    let rows = 0;
    for (const group of groups) {
      if (open.size > 0 && rows + group.operations.length > ROW_BUDGET) break;
      open.add(group.tag);
      rows += group.operations.length;
    }
    return open;
  }, [groups]);
  // A group the user opened or closed stays so until the search changes.
  const [groupChoices, setGroupChoices] = useState<{ query: string; open: ReadonlyMap<string, boolean> }>({ query: '', open: new Map() });
  const choices = groupChoices.query === deferredQuery ? groupChoices.open : null;
  const allOpen = defaultOpen.size === groups.length;
  const countId = useId();

  return (
    <section className="panel endpoint-browser" aria-labelledby={`${countId}-h`}>
      <h2 id={`${countId}-h`}>Endpoints</h2>
      <input
        type="search"
        aria-label="Search endpoints"
        aria-describedby={countId}
        placeholder="Method, path, summary, tag or scope"
        value={query}
        onChange={(event) => searchTyped(event.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <p id={countId} className="muted match-count" role="status">
        {matches.length === 1 ? '1 endpoint matches' : `${matches.length} endpoints match`}
        {!allOpen ? ' (some groups are collapsed: expand one, or narrow the search)' : ''}
      </p>
      <div className="tag-groups">
        {groups.map((group) => {
          const open = choices?.get(group.tag) ?? defaultOpen.has(group.tag);
          return (
            <TagGroupView
              key={group.tag}
              group={group}
              open={open}
              selected={selected}
              unavailable={unavailable}
              onToggle={onToggle}
              explorable={explorable}
              onExpandToggle={() =>
                setGroupChoices({ query: deferredQuery, open: new Map(choices ?? []).set(group.tag, !open) })
              }
            />
          );
        })}
      </div>
    </section>
  );
}

interface TagGroupViewProps {
  group: TagGroup;
  open: boolean;
  selected: ReadonlySet<string>;
  unavailable: ReadonlyMap<string, string>;
  onToggle: (id: string, selected: boolean) => void;
  explorable: boolean;
  onExpandToggle: () => void;
}

const TagGroupView = memo(function TagGroupView({ group, open, selected, unavailable, onToggle, explorable, onExpandToggle }: TagGroupViewProps) {
  const listId = useId();
  const selectedCount = group.operations.filter((op) => selected.has(op.id)).length;
  return (
    <div className="tag-group">
      <h3>
        <button type="button" className="tag-toggle" aria-expanded={open} aria-controls={listId} onClick={onExpandToggle}>
          <span aria-hidden="true">{open ? '\u25be' : '\u25b8'}</span> {group.tag}{' '}
          <span className="muted">
            ({group.operations.length}
            {selectedCount > 0 ? `, ${selectedCount} selected` : ''})
          </span>
        </button>
      </h3>
      {open ? (
        <ul id={listId} className="endpoint-list">
          {group.operations.map((op) => (
            <EndpointRow key={op.id} operation={op} checked={selected.has(op.id)} unavailable={unavailable.get(op.id) ?? null} onToggle={onToggle} explorable={explorable} />
          ))}
        </ul>
      ) : null}
    </div>
  );
});

interface EndpointRowProps {
  operation: ApiOperation;
  checked: boolean;
  unavailable: string | null;
  onToggle: (id: string, selected: boolean) => void;
  explorable: boolean;
}

const EndpointRow = memo(function EndpointRow({ operation, checked, unavailable, onToggle, explorable }: EndpointRowProps) {
  const { operationFocused } = useScopesActions();
  const summaryId = useId();
  const pathId = useId();
  return (
    <li className="endpoint-row">
      <label id={pathId}>
        <input
          type="checkbox"
          checked={checked}
          aria-describedby={summaryId}
          onChange={(event) => {
            onToggle(operation.id, event.target.checked);
            operationFocused(operation.id);
          }}
          onFocus={() => operationFocused(operation.id)}
        />
        <span className={`method method-${operation.method.toLowerCase()}`}>{operation.method}</span> <span className="path mono">{operation.path}</span>
      </label>
      <span id={summaryId} className="endpoint-summary">
        <LifecycleBadges operation={operation} />
        {unavailable ? <span className="badge danger">{unavailable}</span> : null} <span className="muted">{operation.summary}</span>
        {explorable ? (
          <>
            {' '}
            <Link className="try-it" to={explorerLink(operation.id)} aria-describedby={pathId}>
              Try it
            </Link>
          </>
        ) : null}
      </span>
    </li>
  );
});

export function LifecycleBadges({ operation }: { operation: ApiOperation }) {
  return (
    <>
      {operation.lifecycle === 'EA' ? <span className="badge warn">EA</span> : null}
      {operation.lifecycle === 'beta' ? <span className="badge info">beta</span> : null}
      {operation.legacy ? <span className="badge danger">legacy</span> : null}
    </>
  );
}
