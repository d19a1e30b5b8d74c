import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CopyButton } from './copy-button';

describe('CopyButton', () => {
  it('keeps its name and announces "Copied" in a live region', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    render(<CopyButton text="read:users" label="Copy scope string" />);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('');
    await user.click(screen.getByRole('button', { name: 'Copy scope string' }));
    expect(writeText).toHaveBeenCalledWith('read:users');
    await waitFor(() => expect(status).toHaveTextContent('Copied'));
    expect(screen.getByRole('button', { name: 'Copy scope string' })).toBeInTheDocument();
  });
});
