import type { FunnelCohorts, FunnelOverview, InactiveReminder, MemberSegments, OperatingMetrics, ProfileBreakdown, SegmentDimension, SegmentExport } from '../../types/api';
import type { Channel } from '../../types/domain';
import { call, newRequestId } from './api';
import { lessonTemplateId } from './lessons';

/** Inactive reminders go out on the lesson-reminder template (the quota members grant when they ask to be reminded). */
function reminderTemplate(): string {
  return lessonTemplateId() || 'local';
}

/** Owner only: the four funnel stages for members who joined in [from, to] (through one group with `groupId`). FORBIDDEN for others, VALIDATION for an unknown group. */
export function fetchFunnelOverview(from: string, to: string, channel?: Channel, groupId?: string): Promise<FunnelOverview> {
  return call('funnel', 'overview', { from, to, ...(channel ? { channel } : {}), ...(groupId ? { groupId } : {}) });
}

/** Owner only: weekly join cohorts × weeks since joining (members acquired through one group with `groupId`). */
export function fetchCohorts(from: string, to: string, channel?: Channel, groupId?: string): Promise<FunnelCohorts> {
  return call('funnel', 'cohorts', { from, to, ...(channel ? { channel } : {}), ...(groupId ? { groupId } : {}) });
}

/** Owner only: operating metrics, each with its definition (unbuilt ones say so); one group's own with `groupId`. */
export function fetchMetrics(groupId?: string): Promise<OperatingMetrics> {
  return call('funnel', 'metrics', groupId ? { groupId } : {});
}

/** Owner only: segment counts and the inactive list (活跃度警示). */
export function fetchSegments(after?: string): Promise<MemberSegments> {
  return call('funnel', 'segments', { limit: 30, templateId: reminderTemplate(), ...(after ? { after } : {}) });
}

/** Owner only: remind one inactive member (once a day; spends one unit of their subscription quota). VALIDATION when they are not on the list. */
export function remindInactive(memberId: string, requestId: string = newRequestId()): Promise<InactiveReminder> {
  return call('funnel', 'remindInactive', { requestId, memberId, templateId: reminderTemplate() });
}

/** Owner only: one segment's members as CSV text. */
export function exportSegment(dimension: SegmentDimension, value: string): Promise<SegmentExport> {
  return call('funnel', 'exportSegment', { dimension, value });
}

/** Owner: funnel stages by the answers to one profile choice field (issue 16); VALIDATION for a bad range. */
export function fetchProfileBreakdown(from: string, to: string, field?: string): Promise<ProfileBreakdown> {
  return call('funnel', 'profileBreakdown', { from, to, ...(field ? { field } : {}) });
}
