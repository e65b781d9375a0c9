import { useEffect, useState } from 'react';
import type { MemberView } from '../../types/domain';
import { searchMembers } from '../services/members';
import { login } from '../services/session';
import type { ApiFailure } from '../services/api';
import { asFailure } from './useRemote';

/** Host/owner: search members as the query changes (the latest query wins); empty query, no results. */
export function useMemberSearch(query: string) {
  const [results, setResults] = useState<MemberView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const q = query.trim();

  useEffect(() => {
    let live = true;
    if (!q) {
      setResults([]);
      setNext(null);
      setError(null);
      return;
    }
    setLoading(true);
    void (async () => {
      try {
        await login();
        const page = await searchMembers(q);
        if (!live) return;
        setResults(page.members);
        setNext(page.next);
        setError(null);
      } catch (e) {
        if (live) setError(asFailure(e));
      } finally {
        if (live) setLoading(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [q]);

  const more = async () => {
    if (!next) return;
    setLoading(true);
    try {
      const page = await searchMembers(q, next);
      setResults((prev) => [...prev, ...page.members.filter((m) => !prev.some((p) => p.id === m.id))]);
      setNext(page.next);
    } catch (e) {
      setError(asFailure(e));
    } finally {
      setLoading(false);
    }
  };

  return { results, loading, error, hasMore: next !== null, more };
}
