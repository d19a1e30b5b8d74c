interface ClaimExplanationProps {
  label: string;
  description: string;
  specLabel: string;
  specUrl: string;
}

/** What a claim means, and the spec section that defines it: one cell, the same in every tool. */
export function ClaimExplanation({ label, description, specLabel, specUrl }: ClaimExplanationProps) {
  return (
    <>
      <strong>{label}.</strong> {description}{' '}
      <a href={specUrl} target="_blank" rel="noreferrer noopener">
        {specLabel}
      </a>
    </>
  );
}
