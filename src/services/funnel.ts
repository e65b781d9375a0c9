import type { FunnelCohorts, FunnelOverview, MemberSegments, OperatingMetrics, SegmentDimension, SegmentExport } from '../../types/api';
import type { Channel } from '../../types/domain';
import { call } from './api';

/** Owner only: the four funnel stages for members who joined in [from, to]. FORBIDDEN for others. */
export function fetchFunnelOverview(from: string, to: string, channel?: Channel): Promise<FunnelOverview> {
  return call('funnel', 'overview', { from, to, ...(channel ? { channel } : {}) });
}

/** Owner only: weekly join cohorts × weeks since joining. */
export function fetchCohorts(from: string, to: string, channel?: Channel): Promise<FunnelCohorts> {
  return call('funnel', 'cohorts', { from, to, ...(channel ? { channel } : {}) });
}

/** Owner only: operating metrics, each with its definition (unbuilt ones say so). */
export function fetchMetrics(): Promise<OperatingMetrics> {
  return call('funnel', 'metrics', {});
}

/** Owner only: segment counts and the inactive list (活跃度警示). */
export function fetchSegments(after?: string): Promise<MemberSegments> {
  return call('funnel', 'segments', { limit: 30, ...(after ? { after } : {}) });
}

/** Owner only: one segment's members as CSV text. */
export function exportSegment(dimension: SegmentDimension, value: string): Promise<SegmentExport> {
  return call('funnel', 'exportSegment', { dimension, value });
}
