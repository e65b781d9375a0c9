import type { LedgerEntryView } from '../../../types/domain';
import type { LedgerDoc, MemberDoc } from './model';
import type { Doc, Store } from '../store/port';
import { ledgerView } from './views';

/** The few order fields a ledger label needs (`orders/<id>`). */
interface OrderRef extends Doc {
  itemTitle: string;
  qty: number;
}

/** Entries whose `ref` is already words (a title, a day, "连续 7 天") rather than an id. */
const REF_IS_TEXT = new Set(['checkin', 'streak_bonus', 'lesson', 'activity', 'campaign', 'topic']);

/**
 * What one ledger entry is about, in words a member reads ("兑换 帆布袋 ×2", "邀请 会员2MVF 激活"),
 * never a raw id. `lookup` resolves an order or a member by id (null once deleted).
 */
export function labelFor(
  entry: LedgerDoc,
  lookup: { order(id: string): OrderRef | null; member(id: string): MemberDoc | null },
): string | null {
  const ref = entry.ref;
  if (entry.reason === 'manual') return entry.reverses ? '冲正' : null;
  if (ref === null) return null;
  // Games write what the entry is about into the note ("红包 · 恭喜发财", "抽奖 · 周末福利").
  if (entry.reason === 'red_packet' || entry.reason === 'lottery' || entry.reason === 'praise') return entry.note;
  if (REF_IS_TEXT.has(entry.reason)) return ref;
  if (entry.reason === 'makeup') return `补签 ${ref}`;
  if (entry.reason === 'redeem' || entry.reason === 'refund') {
    const order = lookup.order(ref);
    // Refunds of games (an expired red packet, a cancelled lottery) carry their words in the note.
    if (!order) return entry.note ?? (entry.reason === 'refund' ? '订单退回' : '商城订单');
    const what = order.qty > 1 ? `${order.itemTitle} ×${order.qty}` : order.itemTitle;
    return entry.reason === 'refund' ? `退回 ${what}` : `兑换 ${what}`;
  }
  if (entry.reason === 'referral') {
    if (ref.startsWith('milestone:')) return entry.note ?? '邀请里程碑';
    const name = lookup.member(ref)?.nickname ?? '已注销成员';
    if (entry.id.startsWith('referral:welcome:')) return `受 ${name} 邀请`;
    if (entry.id.startsWith('referral:convert:')) return `邀请 ${name} 开通会员`;
    return `邀请 ${name} 激活`;
  }
  // Support desk (issue 18): an accepted answer's ref is the question's opening words; a goodwill credit's is the case id.
  if (entry.reason === 'support') return entry.id.startsWith('support:answer:') ? `回答被采纳：${ref}` : '客服补偿';
  // Expiry refs are bucket timestamps; the entry's own time says when.
  return null;
}

/** Ledger views with a `label` each; reads every referenced order/member once per page. Errors: none. */
export async function labelledLedgerViews(store: Store, entries: LedgerDoc[]): Promise<LedgerEntryView[]> {
  const orders = new Map<string, OrderRef | null>();
  const members = new Map<string, MemberDoc | null>();
  for (const e of entries) {
    if (e.ref === null) continue;
    if ((e.reason === 'redeem' || e.reason === 'refund') && !orders.has(e.ref)) orders.set(e.ref, await store.get('orders', e.ref));
    if (e.reason === 'referral' && !e.ref.startsWith('milestone:') && !members.has(e.ref)) members.set(e.ref, await store.get('members', e.ref));
  }
  const lookup = { order: (id: string) => orders.get(id) ?? null, member: (id: string) => members.get(id) ?? null };
  return entries.map((e) => ({ ...ledgerView(e), label: labelFor(e, lookup) }));
}
