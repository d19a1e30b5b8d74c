import { customParamRows } from '../../lib/oauth/authorize-form';
import { useAuthorizeActions, useAuthorizeRequest } from './authorize-store';

/** Parameters without a field of their own (and repeats), editable in place and in order. */
export function CustomParams() {
  const request = useAuthorizeRequest();
  const { customParamChanged, customParamAdded, customParamRemoved } = useAuthorizeActions();
  const rows = customParamRows(request);
  return (
    <fieldset className="custom-params">
      <legend>Custom parameters</legend>
      <ul aria-label="Custom parameters">
        {rows.map((row, at) => (
          <li key={row.index} className="custom-param">
            <input
              aria-label={`Parameter ${at + 1} name`}
              value={row.name}
              spellCheck={false}
              onChange={(event) => customParamChanged(row.index, { name: event.target.value, value: row.value })}
            />
            <input
              aria-label={`Parameter ${at + 1} value`}
              value={row.value}
              spellCheck={false}
              onChange={(event) => customParamChanged(row.index, { name: row.name, value: event.target.value })}
            />
            <button type="button" className="small" aria-label={`Remove parameter ${at + 1}`} onClick={() => customParamRemoved(row.index)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="small" onClick={customParamAdded}>
        Add parameter
      </button>
    </fieldset>
  );
}
