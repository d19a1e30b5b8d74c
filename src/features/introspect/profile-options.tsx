import type { ProfileSummary } from '../../shared/api-contract';

/** The `<option>`s of a profile picker, by label (the mint and re-issue panels pick machine profiles). */
export function ProfileOptions({ profiles }: { profiles: readonly ProfileSummary[] }) {
  return profiles.map((p) => (
    <option key={p.id} value={p.id}>
      {p.label}
    </option>
  ));
}
