import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { lessonObserved } from '../../state/lesson-observations';
import { renderRoute } from '../../test-support/render-route';
import { Component as LessonRoute } from './lesson-route';

const stepOne = () => within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem').find((li) => li.dataset.step)!;

describe('/learn/<id>', () => {
  it('ticks a step from what the tools saw, and "Start over" clears it: earlier observations no longer count', () => {
    renderRoute(<LessonRoute />, { url: '/learn/trailing-slash', path: '/learn/:lessonId' });
    expect(screen.queryByRole('button', { name: 'Start over' })).toBeNull();
    act(() => lessonObserved({ kind: 'pitfalls-shown', ids: ['audience-mismatch'] }));
    expect(within(stepOne()).getByText('done ✓')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
    expect(within(stepOne()).getByText('to do')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('0 of 3 steps done');

    // Done again once the tool shows it again.
    act(() => lessonObserved({ kind: 'pitfalls-shown', ids: ['audience-mismatch'] }));
    expect(within(stepOne()).getByText('done ✓')).toBeInTheDocument();
  });
});
