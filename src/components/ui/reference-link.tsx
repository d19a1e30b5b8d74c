/** " Reference": a link to an endpoint's documentation, opened in a new tab without a referrer; nothing without a URL. */
export function ReferenceLink({ href }: { href: string | null | undefined }) {
  if (!href) return null;
  return (
    <>
      {' '}
      <a href={href} target="_blank" rel="noreferrer noopener">
        Reference
      </a>
    </>
  );
}
