import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { ApiOperation } from '../../lib/catalog/api-model';
import { createSearchIndex, searchOperations } from '../../lib/catalog/search';

interface EndpointPickerProps {
  operations: readonly ApiOperation[];
  selected: ApiOperation | null;
  onSelect: (operationId: string) => void;
}

/** A searchable select over the catalog: the search narrows the options, the select picks one. */
export function EndpointPicker({ operations, selected, onSelect }: EndpointPickerProps) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const index = useMemo(() => createSearchIndex(operations), [operations]);
  const matches = useMemo(() => (deferred.trim() ? searchOperations(index, deferred) : [...operations]), [index, operations, deferred]);
  // The selected endpoint stays an option, whatever the search.
  const options = selected && !matches.includes(selected) ? [selected, ...matches] : matches;
  const id = useId();
  return (
    <div className="endpoint-picker">
      <div className="field">
        <label htmlFor={`${id}-search`} className="field-label">
          Search endpoints
        </label>
        <input
          id={`${id}-search`}
          type="search"
          value={query}
          placeholder="Method, path, summary, tag or scope"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-count`}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span id={`${id}-count`} className="field-hint" role="status">
          {matches.length === 1 ? '1 endpoint matches' : `${matches.length} endpoints match`}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-select`} className="field-label">
          Endpoint
        </label>
        <select id={`${id}-select`} value={selected?.id ?? ''} onChange={(e) => e.target.value && onSelect(e.target.value)}>
          {selected ? null : <option value="">Choose an endpoint…</option>}
          {options.map((op) => (
            <option key={op.id} value={op.id}>
              {op.id}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
