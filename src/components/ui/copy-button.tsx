import { useEffect, useState } from 'react';

interface CopyButtonProps {
  /** The text to copy. */
  text: string;
  /** Accessible name, e.g. "Copy scope string". */
  label?: string;
  className?: string;
  disabled?: boolean;
}

/** Copies `text` to the clipboard and says so for two seconds. */
export function CopyButton({ text, label = 'Copy', className = 'small', disabled }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
    <button
      type="button"
      className={className}
      aria-label={label}
      disabled={disabled}
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
    {/* The button's name stays fixed (tests and voice control use it); this always-present live region says what happened. */}
    <span role="status" className="visually-hidden">
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
    </span>
    </>
  );
}
