import { useCallback, useState } from 'react';
import type { FunnelCohorts, FunnelOverview, InactiveMemberView, MemberSegments, OperatingMetrics, SegmentDimension, SegmentExport } from '../../types/api';
import type { Channel } from '../../types/domain';
import type { ApiFailure } from '../services/api';
import { exportSegment, fetchCohorts, fetchFunnelOverview, fetchMetrics, fetchSegments } from '../services/funnel';
import { fetchGroups } from '../services/groups';
import { login } from '../services/session';
import { usePaged } from './usePaged';
import { asFailure, useRemote, type Remote } from './useRemote';

/** The owner panel's reads for one join-date range and channel filter. */
export interface FunnelPanel {
  overview: Remote<FunnelOverview>;
  cohorts: Remote<FunnelCohorts>;
  metrics: Remote<OperatingMetrics>;
  segments: Remote<MemberSegments>;
}

/** Load the funnel, cohorts, metrics and segments (funnel and metrics of one group with `groupId`); each has its own loading and error state. */
export function useFunnelPanel(from: string, to: string, channel: Channel | null, groupId: string | null = null): FunnelPanel {
  const key = `${from}:${to}:${channel ?? 'all'}:${groupId ?? 'all'}`;
  const overview = useRemote(async () => {
    await login();
    return fetchFunnelOverview(from, to, channel ?? undefined, groupId ?? undefined);
  }, `overview:${key}`);
  const cohorts = useRemote(async () => {
    await login();
    return fetchCohorts(from, to, channel ?? undefined, groupId ?? undefined);
  }, `cohorts:${key}`);
  const metrics = useRemote(async () => {
    await login();
    return fetchMetrics(groupId ?? undefined);
  }, `metrics:${groupId ?? 'all'}`);
  const segments = useRemote(async () => {
    await login();
    return fetchSegments();
  }, 'segments');
  return { overview, cohorts, metrics, segments };
}

/** The claimed groups the owner can filter the panel by (empty while loading or when there are none). */
export function useFunnelGroups(): Array<{ id: string; name: string }> {
  const groups = useRemote(async () => {
    await login();
    return fetchGroups();
  }, 'funnel-groups');
  return (groups.data?.all ?? []).filter((g) => g.claimed).map((g) => ({ id: g.id, name: g.name }));
}

/** CSV export of one segment, with its own busy and error state. */
export function useSegmentExport() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const run = useCallback(async (dimension: SegmentDimension, value: string): Promise<SegmentExport | null> => {
    setBusy(true);
    setError(null);
    try {
      return await exportSegment(dimension, value);
    } catch (e) {
      setError(asFailure(e));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

/** Owner: the whole inactive list (活跃度警示), page by page, with how many of the loaded members a reminder reaches. */
export function useInactiveList() {
  const [summary, setSummary] = useState<{ total: number; inactiveAfterDays: number } | null>(null);
  const paged = usePaged<InactiveMemberView>(async (after) => {
    await login();
    const data = await fetchSegments(after);
    setSummary({ total: data.inactive.total, inactiveAfterDays: data.inactiveAfterDays });
    return { items: data.inactive.members, next: data.inactive.next };
  }, 'inactive');
  const reachable = paged.items.filter((m) => m.reachable).length;
  return { ...paged, summary, reachable };
}
