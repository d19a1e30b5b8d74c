import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { explainClaims } from '../../lib/jwt/claims';
import type { JsonObject } from '../../lib/jwt/decode';
import { explainHeader } from '../../lib/jwt/header-params';
import { buildTimeline, humanizeDuration, tokenValidity } from '../../lib/jwt/time';
import { useClockSkew, useDebuggerActions } from './debugger-store';
import { useNow } from './use-now';
import { ClaimExplanation } from '../../components/ui/claim-explanation';

/** Longer values are cut in the table (the editor has them in full), so huge claims do not slow every keystroke. */
const VALUE_LIMIT = 1000;

const KIND_LABELS = { registered: 'registered', oidc: 'OIDC', auth0: 'Auth0', 'access-token': 'access token', namespaced: 'namespaced', custom: 'custom' } as const;

/** Labels near an edge grow inwards, so the timeline never overflows a narrow screen. */
const alignment = (position: number) => (position < 0.25 ? 'align-start' : position > 0.75 ? 'align-end' : 'align-center');

function Timeline({ claims, now }: { claims: JsonObject; now: number }) {
  const skew = useClockSkew();
  const { clockSkewChanged } = useDebuggerActions();
  const skewedNow = now + skew;
  const timeline = buildTimeline(claims, skewedNow);
  if (!timeline) return <p className="muted">No iat, nbf, auth_time or exp to place on a timeline.</p>;
  const skewText = skew === 0 ? 'none' : `${skew > 0 ? '+' : '−'}${humanizeDuration(skew)} (verifier clock ${skew > 0 ? 'ahead' : 'behind'})`;
  return (
    <div className="timeline-block">
      <div className="timeline" aria-label="Timeline" role="img">
        <div className="timeline-axis" />
        {timeline.points.map((point, index) => (
          <div
            key={point.time}
            className={`timeline-point ${point.claims.map((c) => `tp-${c}`).join(' ')} ${alignment(point.position)} ${index % 2 ? 'below' : 'above'}`}
            style={{ left: `${point.position * 100}%` }}
          >
            <span className="timeline-dot" />
            <span className="timeline-label">
              {point.claims.join(', ')} <span className="muted">{point.relative}</span>
            </span>
          </div>
        ))}
        <div className={`timeline-now ${alignment(timeline.nowPosition)}`} style={{ left: `${timeline.nowPosition * 100}%` }}>
          <span className="timeline-label">now{skew !== 0 ? ' (skewed)' : ''}</span>
        </div>
      </div>
      <label className="field skew-field">
        <span>Clock skew: {skewText}</span>
        <input type="range" aria-label="Clock skew" aria-valuetext={skew === 0 ? '0 seconds, no skew' : `${skew > 0 ? 'plus' : 'minus'} ${Math.abs(skew)} seconds, verifier clock ${skew > 0 ? 'ahead' : 'behind'}`} min={-3600} max={3600} step={30} value={skew} onChange={(event) => clockSkewChanged(Number(event.target.value))} />
      </label>
      <p className="muted">With this clock: {tokenValidity(claims, skewedNow).text}</p>
    </div>
  );
}

interface ExplainedRow {
  key: string;
  name: ReactNode;
  value: ReactNode;
  label: string;
  description: string;
  specLabel: string;
  specUrl: string;
}

/** A name / value / meaning table where every meaning links to its spec. Values are rendered as text. */
function ExplainedTable({ caption, nameHeading, className, rows }: { caption: string; nameHeading: string; className: string; rows: ExplainedRow[] }) {
  return (
    <div className="table-scroll">
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeading}</th>
            <th scope="col">Value</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              <td data-label="Value">{row.value}</td>
              <td data-label="Meaning">
                <ClaimExplanation label={row.label} description={row.description} specLabel={row.specLabel} specUrl={row.specUrl} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const shortValue = (text: string) => (text.length > VALUE_LIMIT ? `${text.slice(0, VALUE_LIMIT)}…` : text);

function HeaderTable({ header }: { header: JsonObject }) {
  const rows = useMemo(
    () =>
      explainHeader(header).map((row) => ({
        ...row,
        key: row.name,
        name: (
          <>
            <code>{row.name}</code> {row.namesKey && <span className="badge warn">not trusted</span>}
          </>
        ),
        value: <code className="claim-value">{shortValue(row.valueText)}</code>,
      })),
    [header],
  );
  return (
    <>
      <h3>Header parameters</h3>
      <ExplainedTable caption="Header parameters" nameHeading="Parameter" className="header-table" rows={rows} />
    </>
  );
}

/** Every claim explained with its spec, times in ISO and relative form, and a timeline with a clock-skew slider. */
export function ClaimsPanel({ claims, header }: { claims: JsonObject | undefined; header?: JsonObject | undefined }) {
  const now = useNow();
  const rows = useMemo(() => (claims ? explainClaims(claims, now) : []), [claims, now]);
  if (!claims) return header ? <section className="panel"><HeaderTable header={header} /></section> : null;
  return (
    <section className="panel" aria-labelledby="claims-heading">
      <h2 id="claims-heading">Claims</h2>
      <ExplainedTable
        caption="Claims (unverified until the signature is verified)"
        nameHeading="Claim"
        className="claims-table"
        rows={rows.map((row) => ({
          ...row,
          key: row.name,
          name: (
            <>
              <code>{row.name}</code> <span className={`badge ${row.kind === 'namespaced' ? 'info' : ''}`}>{KIND_LABELS[row.kind]}</span>
            </>
          ),
          value: (
            <>
              <code className="claim-value">{shortValue(row.valueText)}</code>
              {row.valueText.length > VALUE_LIMIT && <div className="claim-time">{row.valueText.length.toLocaleString('en')} characters; the full value is in the Payload editor.</div>}
              {row.time && (
                <div className="claim-time">
                  {row.time.iso} · {row.time.relative}
                </div>
              )}
            </>
          ),
        }))}
      />
      <h3>Timeline</h3>
      <Timeline claims={claims} now={now} />
      {header && <HeaderTable header={header} />}
    </section>
  );
}
