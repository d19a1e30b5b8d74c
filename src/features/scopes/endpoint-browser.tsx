import { memo, useDeferredValue, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent } from 'react';
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
  const legendId = useId();
  const grid = useRovingGrid();

  return (
    <section className="panel endpoint-browser" aria-labelledby={`${countId}-h`}>
      <h2 id={`${countId}-h`}>Endpoints</h2>
      <div role="search" aria-label="Endpoint search">
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
      </div>
      <p id={countId} className="muted match-count" role="status">
        {matches.length === 1 ? '1 endpoint matches' : `${matches.length} endpoints match`}
        {!allOpen ? ' (some groups are collapsed: expand one, or narrow the search)' : ''}
      </p>
      <p id={legendId} className="field-hint">
        The list is one Tab stop: arrow keys move between endpoints, Left and Right reach &ldquo;Try it&rdquo;, Space ticks one.
      </p>
      <p className="field-hint badge-legend">
        <BadgeLegend />
      </p>
      {/* WAI-ARIA APG layout grid: one tab stop, arrows inside, so the hundreds of rows do not each take a Tab. */}
      <div
        ref={grid.ref}
        className="tag-groups"
        role="grid"
        aria-label="Endpoint list"
        aria-describedby={legendId}
        onKeyDown={grid.onKeyDown}
        onFocus={grid.onFocus}
      >
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
  const selectedCount = group.operations.filter((op) => selected.has(op.id)).length;
  return (
    <div className="tag-group" role="rowgroup">
      <div role="row" className="tag-row">
        <div role="gridcell">
          <h3>
            <button type="button" className="tag-toggle" aria-expanded={open} onClick={onExpandToggle}>
              <span aria-hidden="true">{open ? '\u25be' : '\u25b8'}</span> {group.tag}{' '}
              <span className="muted">
                ({group.operations.length}
                {selectedCount > 0 ? `, ${selectedCount} selected` : ''})
              </span>
            </button>
          </h3>
        </div>
      </div>
      {open
        ? group.operations.map((op) => (
            <EndpointRow key={op.id} operation={op} checked={selected.has(op.id)} unavailable={unavailable.get(op.id) ?? null} onToggle={onToggle} explorable={explorable} />
          ))
        : null}
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
    <div role="row" className="endpoint-row">
      <div role="gridcell" className="endpoint-main">
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
        </span>
      </div>
      {explorable ? (
        <div role="gridcell" className="endpoint-try">
          <Link className="try-it" to={explorerLink(operation.id)} aria-describedby={pathId}>
            Try it
          </Link>
        </div>
      ) : null}
    </div>
  );
});

const BADGE_MEANINGS = {
  EA: 'early access: the tenant may need a feature flag, which no scope grants',
  beta: 'beta: the tenant may need a feature flag, which no scope grants',
  legacy: 'older SDKs call it; the current spec no longer lists it',
} as const;

/**
 * Each badge carries its meaning as text (visually hidden): screen readers read it with the badge, and the
 * visible legend above the list says it for everyone; a title attribute alone reaches neither keyboard nor touch.
 */
function Badge({ name, tone }: { name: keyof typeof BADGE_MEANINGS; tone: string }) {
  return (
    <span className={`badge ${tone}`} title={BADGE_MEANINGS[name]}>
      {name}
      <span className="visually-hidden"> ({BADGE_MEANINGS[name]})</span>
    </span>
  );
}

export function LifecycleBadges({ operation }: { operation: ApiOperation }) {
  return (
    <>
      {operation.lifecycle === 'EA' ? <Badge name="EA" tone="warn" /> : null}
      {operation.lifecycle === 'beta' ? <Badge name="beta" tone="info" /> : null}
      {operation.legacy ? <Badge name="legacy" tone="danger" /> : null}
    </>
  );
}

/** The visible key to the badges. */
export function BadgeLegend() {
  return (
    <span className="badge-key">
      <span className="badge warn" aria-hidden="true">EA</span> early access, <span className="badge info" aria-hidden="true">beta</span> beta: the tenant
      may need a feature flag, which no scope grants. <span className="badge danger" aria-hidden="true">legacy</span> older SDKs call it; the current spec no
      longer lists it.
    </span>
  );
}

const GRID_CONTROLS = 'input, button, a[href]';
const controlsOf = (row: Element | undefined) => (row ? [...row.querySelectorAll<HTMLElement>(GRID_CONTROLS)] : []);
const controlAt = (row: Element | undefined, column: number) => {
  const controls = controlsOf(row);
  return controls[Math.min(column, controls.length - 1)];
};
/** Rows a PageUp / PageDown moves. */
const PAGE_ROWS = 10;

/**
 * Roving tabindex for a WAI-ARIA layout grid (APG "Layout Grid"): the grid is one tab stop, the last focused control.
 * Up/Down move between rows keeping the column, Left/Right between a row's controls, Home/End to a row's first/last,
 * Ctrl+Home/End to the first/last row, PageUp/PageDown by ten rows. Space and Enter keep their native meaning.
 */
function useRovingGrid() {
  const ref = useRef<HTMLDivElement>(null);
  const active = useRef<HTMLElement | null>(null);
  // After every render: rows come and go with the search and the groups, so the one tab stop is reassigned.
  useLayoutEffect(() => {
    const controls = ref.current ? [...ref.current.querySelectorAll<HTMLElement>(GRID_CONTROLS)] : [];
    const current = active.current && controls.includes(active.current) ? active.current : controls[0];
    for (const control of controls) control.tabIndex = control === current ? 0 : -1;
  });
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const target = event.target;
    if (!target.matches(GRID_CONTROLS) || target === active.current) return;
    if (active.current) active.current.tabIndex = -1;
    for (const control of event.currentTarget.querySelectorAll<HTMLElement>('[tabindex="0"]')) control.tabIndex = -1;
    target.tabIndex = 0;
    active.current = target;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const row = target.closest('[role="row"]');
    if (!row || event.altKey || event.metaKey) return;
    const rows = [...event.currentTarget.querySelectorAll('[role="row"]')];
    const r = rows.indexOf(row);
    const controls = controlsOf(row);
    const c = Math.max(0, controls.indexOf(target));
    const moves: Record<string, () => HTMLElement | undefined> = {
      ArrowDown: () => controlAt(rows[r + 1], c),
      ArrowUp: () => controlAt(rows[r - 1], c),
      ArrowRight: () => controls[c + 1],
      ArrowLeft: () => controls[c - 1],
      PageDown: () => controlAt(rows[Math.min(rows.length - 1, r + PAGE_ROWS)], c),
      PageUp: () => controlAt(rows[Math.max(0, r - PAGE_ROWS)], c),
      Home: () => (event.ctrlKey ? controlAt(rows[0], 0) : controls[0]),
      End: () => (event.ctrlKey ? controlsOf(rows.at(-1)).at(-1) : controls.at(-1)),
    };
    const move = moves[event.key];
    if (!move || (event.ctrlKey && event.key !== 'Home' && event.key !== 'End')) return;
    event.preventDefault();
    move()?.focus();
  };
  return { ref, onFocus, onKeyDown };
}
