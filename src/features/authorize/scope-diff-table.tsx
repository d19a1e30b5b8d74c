import type { ScopeDiff } from '../../lib/oauth/scope-diff';

const STATUS_BADGE = { granted: 'ok', dropped: 'danger', added: 'info' } as const;

function presence(value: boolean | undefined): string {
  if (value === undefined) return 'n/a (opaque)';
  return value ? 'yes' : 'no';
}

/** Requested vs granted scopes, with the reason for every dropped one. */
export function ScopeDiffTable({ diff }: { diff: ScopeDiff }) {
  return (
    <section className="panel" aria-labelledby="scope-diff-heading">
      <h2 id="scope-diff-heading">Requested vs granted</h2>
      {diff.rows.length === 0 ? <p className="muted">No scope was requested or granted.</p> : null}
      {diff.dropped.length > 0 ? (
        <p className="status warn">Dropped: {diff.dropped.join(' ')}</p>
      ) : diff.rows.length > 0 ? (
        <p className="status ok">Every requested scope was granted.</p>
      ) : null}
      <div className="table-scroll">
        <table aria-label="Requested vs granted" className="scope-diff">
          <thead>
            <tr>
              <th scope="col">Scope</th>
              <th scope="col">Status</th>
              <th scope="col">Requested</th>
              <th scope="col">Token response</th>
              <th scope="col">Access token</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((row) => (
              <tr key={row.scope} data-scope={row.scope}>
                <th scope="row">
                  <code>{row.scope}</code>
                </th>
                <td data-label="Status">
                  <span className={`badge ${STATUS_BADGE[row.status]}`}>{row.status}</span>
                </td>
                <td data-label="Requested">{row.requested ? 'yes' : 'no'}</td>
                <td data-label="Token response">{row.inResponse ? 'yes' : 'no'}</td>
                <td data-label="Access token">{presence(row.inAccessToken)}</td>
                <td data-label="Why">{row.explanation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
