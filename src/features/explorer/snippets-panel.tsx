import { useId } from 'react';
import { CopyButton } from '../../components/ui/copy-button';
import { curlSnippet, nodeSnippet } from '../../lib/explorer/code-snippets';
import type { FormRequest } from '../../lib/explorer/request-form';

/** "Copy as curl" and as Node: the token is always the `$TOKEN` placeholder, never the real one. */
export function SnippetsPanel({ baseUrl, request, withToken }: { baseUrl: string; request: FormRequest; withToken: boolean }) {
  const id = useId();
  const curl = curlSnippet({ baseUrl, request, withToken });
  const node = nodeSnippet({ baseUrl, request, withToken });
  return (
    <section className="panel explorer-snippets" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Code</h2>
      <p className="muted">The token is left out: set it in $TOKEN first.</p>
      <div className="button-row">
        <CopyButton text={curl} label="Copy as curl" className="" />
        <CopyButton text={node} label="Copy as Node" className="" />
      </div>
      {[
        { summary: 'Show the curl command', label: 'curl command', text: curl },
        { summary: 'Show the Node snippet', label: 'Node snippet', text: node },
      ].map((snippet) => (
        <details key={snippet.label}>
          <summary>{snippet.summary}</summary>
          <pre className="mono" aria-label={snippet.label}>
            {snippet.text}
          </pre>
        </details>
      ))}
    </section>
  );
}
