/**
 * @jest-environment jsdom
 */
import { act, renderHook } from '@testing-library/react';
import { ApiFailure } from '../services/api';
import { requestIdFor, useIntent } from './useIntent';

describe('requestIdFor', () => {
  it('reuses the pending requestId only for the very same intent', () => {
    const fresh = jest.fn().mockReturnValueOnce('r-1').mockReturnValueOnce('r-2');
    const first = requestIdFor(null, '["m_a",5]', fresh);
    expect(requestIdFor(first, '["m_a",5]', fresh)).toBe(first);
    expect(requestIdFor(first, '["m_a",-5]', fresh)).toEqual({ key: '["m_a",-5]', requestId: 'r-2' });
  });
});

describe('useIntent', () => {
  it('retries a BUSY intent with the same requestId, and a corrected one with a new requestId', async () => {
    const sent: string[] = [];
    const { result } = renderHook(() => useIntent());
    const attempt = (key: string, fail: boolean) =>
      act(async () => {
        await result.current.run(key, async (requestId) => {
          sent.push(`${key}:${requestId}`);
          if (fail) throw new ApiFailure('BUSY', '当前人数较多，请稍后再试');
          return true;
        });
      });
    await attempt('adjust:50', true);
    await attempt('adjust:50', true);
    await attempt('adjust:40', false);
    await attempt('adjust:40', false);
    const ids = sent.map((s) => s.split(':').pop());
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[1]);
    expect(ids[3]).not.toBe(ids[2]);
    expect(result.current.error).toBeNull();
  });

  it('drops the requestId once the server refused, so the next tap is a new request', async () => {
    const sent: string[] = [];
    const { result } = renderHook(() => useIntent());
    for (let i = 0; i < 2; i += 1) {
      await act(async () => {
        await result.current.run('redeem', async (requestId) => {
          sent.push(requestId);
          throw new ApiFailure('INSUFFICIENT_POINTS', '积分不足');
        });
      });
    }
    expect(sent[0]).not.toBe(sent[1]);
    expect(result.current.error?.message).toBe('积分不足');
  });
});
