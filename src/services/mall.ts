import type { Address, ItemInput, ItemView, OrderStatus, OrderView } from '../../types/api';
import { call, newRequestId } from './api';

/** Items the member can see (all items for hosts and owners) and the member's spendable balance. */
export function fetchItems(): Promise<{ items: ItemView[]; balance: number }> {
  return call('mall', 'list', {});
}

/** Redeem `qty` of an item; reuse `requestId` when retrying the same tap. */
export function redeemItem(itemId: string, qty: number, address: Address | undefined, requestId: string): Promise<{ order: OrderView; balance: number }> {
  return call('mall', 'redeem', { requestId, itemId, qty, ...(address ? { address } : {}) });
}

/** The member's own orders, newest first. */
export function fetchMyOrders(after?: string): Promise<{ orders: OrderView[]; next: string | null }> {
  return call('mall', 'myOrders', { limit: 20, ...(after ? { after } : {}) });
}

/** Member: confirm a shipped order arrived. */
export function confirmOrder(orderId: string): Promise<{ order: OrderView }> {
  return call('mall', 'confirm', { requestId: newRequestId(), orderId });
}

/** Host/owner: every order, optionally by status, newest first. */
export function fetchOrders(status?: OrderStatus, after?: string): Promise<{ orders: OrderView[]; next: string | null }> {
  return call('mall', 'orders', { limit: 30, ...(status ? { status } : {}), ...(after ? { after } : {}) });
}

/** Host/owner: mark an order shipped with a tracking note or coupon code. */
export function fulfillOrder(orderId: string, note: string): Promise<{ order: OrderView }> {
  return call('mall', 'fulfill', { requestId: newRequestId(), orderId, note });
}

/** Host/owner: cancel an order; stock returns and points are refunded once (a lottery prize: stock only); `message` says which. */
export function cancelOrder(orderId: string, reason: string): Promise<{ order: OrderView; refunded: number; message: string }> {
  return call('mall', 'cancel', { requestId: newRequestId(), orderId, reason });
}

/** Owner: create (no id) or edit an item. */
export function saveItem(item: ItemInput): Promise<{ item: ItemView }> {
  return call('mall', 'saveItem', { requestId: newRequestId(), item });
}
