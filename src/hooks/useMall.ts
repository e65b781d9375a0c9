import { useCallback, useState } from 'react';
import type { Address, ItemInput, OrderStatus, OrderView } from '../../types/api';
import type { ApiFailure } from '../services/api';
import { cancelOrder, confirmOrder, fetchItems, fetchMyOrders, fetchOrders, fulfillOrder, redeemItem, saveItem } from '../services/mall';
import { login } from '../services/session';
import { usePaged } from './usePaged';
import { asFailure, useRemote } from './useRemote';
import { useAction } from './useAction';

/** The mall shelf: items with whether and why not the member can redeem them, plus the balance. */
export function useMallItems(sessionKey = '') {
  return useRemote(async () => {
    await login();
    return fetchItems();
  }, `mall:${sessionKey}`);
}

/** Redeem one item; the requestId is kept across retries of the same tap. */
export function useRedeem() {
  const { submit: run, submitting, error } = useAction((requestId: string, itemId: string, qty: number, address?: Address) => redeemItem(itemId, qty, address, requestId));
  return { redeem: run, submitting, error };
}

function useOrderAction<A extends unknown[], R extends { order: OrderView }>(action: (...args: A) => Promise<R>, replace: (order: OrderView) => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const run = useCallback(
    async (orderId: string, ...args: A) => {
      setBusy(orderId);
      setError(null);
      try {
        const result = await action(...args);
        replace(result.order);
        return result;
      } catch (e) {
        setError(asFailure(e));
        return null;
      } finally {
        setBusy(null);
      }
    },
    [action, replace],
  );
  return { run, busy, error };
}

/** 我的订单: the member's orders and the confirm-receipt action. */
export function useMyOrders() {
  const paged = usePaged(async (after) => {
    await login();
    const page = await fetchMyOrders(after);
    return { items: page.orders, next: page.next };
  }, 'my-orders');
  const { setItems } = paged;
  const replace = useCallback((order: OrderView) => setItems((list) => list.map((o) => (o.id === order.id ? order : o))), [setItems]);
  const confirm = useOrderAction((orderId: string) => confirmOrder(orderId), replace);
  return { ...paged, confirm };
}

/** 订单管理 (host/owner): orders by status, fulfil and cancel. */
export function useOrdersAdmin(status?: OrderStatus) {
  const paged = usePaged(async (after) => {
    await login();
    const page = await fetchOrders(status, after);
    return { items: page.orders, next: page.next };
  }, `orders:${status ?? 'all'}`);
  const { setItems } = paged;
  const replace = useCallback((order: OrderView) => setItems((list) => list.map((o) => (o.id === order.id ? order : o))), [setItems]);
  const fulfill = useOrderAction((orderId: string, note: string) => fulfillOrder(orderId, note), replace);
  const cancel = useOrderAction((orderId: string, reason: string) => cancelOrder(orderId, reason), replace);
  return { ...paged, fulfill, cancel };
}

/** 商品编辑 (owner): save an item and report the outcome. */
export function useSaveItem() {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const save = useCallback(async (item: ItemInput) => {
    setSaving(true);
    setError(null);
    try {
      await login();
      return (await saveItem(item)).item;
    } catch (e) {
      setError(asFailure(e));
      return null;
    } finally {
      setSaving(false);
    }
  }, []);
  return { save, saving, error };
}
