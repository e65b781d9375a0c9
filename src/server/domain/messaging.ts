import { blockedWordIn } from '../../core/lessonRules';
import { isLocalTemplate } from '../../core/reminderTemplates';
import { DuplicateError, inc, type Doc, type Store, type Tx } from '../store/port';

/** One subscription message (订阅消息) to a member. */
export interface OutgoingMessage {
  openid: string;
  templateId: string;
  /** Mini-program page the message opens. */
  page: string;
  /** Template fields (`thing1`, `time2`, `thing3`…), each `{ value }`. */
  data: Record<string, { value: string }>;
}

/**
 * How lessons reach members and how member text is checked: on CloudBase through
 * `cloud.openapi` (subscribeMessage.send, security.msgSecCheck); locally and in tests messages
 * stay in the `outbox` collection and text goes through the local word filter.
 */
export interface MessagingPort {
  channel: 'outbox' | 'wechat';
  /** Deliver one message; throws when WeChat refuses it. */
  send(message: OutgoingMessage): Promise<void>;
  /** True when `text` may be published (false: it contains something not allowed). */
  textAllowed(text: string, openid: string): Promise<boolean>;
}

/** Local mode and tests (the runtime's default): the outbox is the delivery; text goes through `BLOCKED_WORDS`. */
export const localMessaging: MessagingPort = {
  channel: 'outbox',
  async send() {},
  async textAllowed(text) {
    return blockedWordIn(text) === null;
  },
};

/** One-time subscription quota per member and template (`subscriptions/<memberId>:<templateId>`). */
export interface SubscriptionDoc extends Doc {
  memberId: string;
  templateId: string;
  granted: number;
  used: number;
}

/** Template id used when no WeChat template is configured (local mode, or a build without one). */
export const LOCAL_TEMPLATE = 'local';

/** A message to a member (`outbox/<id>`): lesson reminders and notices, VIP renewal reminders, an owner's nudge to an inactive member, content reminders (check-in, post kinds). The id makes it at most once. */
export interface OutboxDoc extends Doc {
  kind: 'reminder' | 'time_change' | 'vip_renewal' | 'reactivation' | 'support_overdue' | 'content';
  memberId: string;
  /** The lesson a lesson message is about; null for VIP renewal reminders. */
  lessonId: string | null;
  templateId: string;
  title: string;
  body: string;
  state: 'queued' | 'sent' | 'failed' | 'no_quota';
  channel: 'outbox' | 'wechat';
  createdAt: string;
  error?: string;
  /** What goes (or would go) to WeChat: the page the message opens and the template data. */
  page?: string;
  data?: Record<string, { value: string }>;
}

/** What a caller decides about one message; `sendOnce` adds state, channel and time. */
export type OutboxClaim = Pick<OutboxDoc, 'id' | 'kind' | 'memberId' | 'lessonId' | 'templateId' | 'title' | 'body'>;

/** Add one unit of one-time subscription quota (the member tapped "remind me"), inside the caller's transaction. */
export async function grantSubscription(tx: Tx, memberId: string, templateId: string): Promise<SubscriptionDoc> {
  const id = `${memberId}:${templateId}`;
  const quota = await tx.get('subscriptions', id);
  const next: SubscriptionDoc = { id, memberId, templateId, granted: (quota?.granted ?? 0) + 1, used: quota?.used ?? 0 };
  await tx.set('subscriptions', next);
  return next;
}

/**
 * Send (or queue) one message at most once: the outbox id is the claim, one unit of the member's
 * one-time quota is spent in the same transaction (none left: recorded as `no_quota`, nothing
 * sent), WeChat is called only after commit, and a refused send is marked failed with its quota
 * unit given back (WeChat spends a subscription only on a delivered message). Returns true when
 * this call sent or queued the message. `port` is the runtime's messaging port.
 */
export async function sendOnce(
  store: Store,
  port: MessagingPort,
  claim: OutboxClaim,
  now: Date,
  compose: () => Omit<OutgoingMessage, 'openid' | 'templateId'>,
): Promise<boolean> {
  const quotaId = `${claim.memberId}:${claim.templateId}`;
  const message = compose();
  let doc: OutboxDoc;
  try {
    doc = await store.transaction(async (tx) => {
      const quota = await tx.get('subscriptions', quotaId);
      const hasQuota = quota !== null && quota.granted - quota.used > 0;
      const out: OutboxDoc = { ...claim, state: hasQuota ? 'queued' : 'no_quota', channel: port.channel, createdAt: now.toISOString(), page: message.page, data: message.data };
      await tx.create('outbox', out);
      if (hasQuota) await tx.update('subscriptions', quotaId, { used: inc(1), updatedAt: now.toISOString() });
      return out;
    });
  } catch (error) {
    if (error instanceof DuplicateError && error.collection === 'outbox') return false;
    throw error;
  }
  if (doc.state !== 'queued') return false;
  let failure: string | undefined;
  if (port.channel === 'wechat') {
    try {
      const member = await store.get('members', claim.memberId);
      if (!member || isLocalTemplate(claim.templateId)) throw new Error('no WeChat template or member');
      await port.send({ openid: member.openid, templateId: claim.templateId, ...message });
    } catch (error) {
      failure = error instanceof Error ? error.message.slice(0, 200) : 'send failed';
    }
  }
  await store.transaction(async (tx) => {
    await tx.update('outbox', claim.id, failure ? { state: 'failed', error: failure } : { state: 'sent' });
    if (failure) await tx.update('subscriptions', quotaId, { used: inc(-1) });
  });
  return true;
}
