/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { memberIdFor } from '../src/server/kernel/ids';
import MallPage from '../src/pages/mall/index';
import { resetSession } from '../src/services/session';
import OrdersAdminPage from '../src/subpackages/host/orders/index';
import ItemPage from '../src/subpackages/member/item/index';
import ItemEditPage from '../src/subpackages/owner/item/index';
import Taro from '@tarojs/taro';
import { navigations, routerParams, toasts } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// The mall as a member and a host see it, on the real functions.
const OWNER = 'mall-page-owner';
const MEMBER = 'mall-page-member';
let cloud: PageCloud;
let bagId = '';

const item = (patch: Record<string, unknown>) => ({
  title: '帆布袋', description: '周边', image: '', pointsPrice: 60, stock: 3, perMemberLimit: 1, limitPeriod: 'month', minTier: null,
  saleStartsAt: null, saleEndsAt: null, kind: 'physical', virtual: null, listed: true, ...patch,
});

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  await cloud.call(OWNER, 'member', { action: 'login' });
  await cloud.call(MEMBER, 'member', { action: 'login' });
  await cloud.call(OWNER, 'points', { action: 'adjust', requestId: 'mall-page-fund', memberId: memberIdFor(MEMBER), delta: 100, reason: '测试' });
  bagId = ((await cloud.call(OWNER, 'mall', { action: 'saveItem', requestId: 'mall-page-item-1', item: item({}) })) as { item: { id: string } }).item.id;
  await cloud.call(OWNER, 'mall', { action: 'saveItem', requestId: 'mall-page-item-2', item: item({ title: '钻石会员专享', minTier: 'diamond' }) });
  await cloud.call(OWNER, 'mall', { action: 'saveItem', requestId: 'mall-page-item-3', item: item({ title: '贵重礼品', pointsPrice: 500 }) });
});
afterAll(() => cloud.close());
beforeEach(() => {
  resetSession();
  toasts.length = 0;
  navigations.length = 0;
});

it('shows the shelf with the balance and the reason each blocked item cannot be redeemed', async () => {
  cloud.as(MEMBER);
  render(<MallPage />);
  await waitFor(() => expect(screen.getByTestId('mall-balance').textContent).toBe('100'));
  const cards = screen.getAllByTestId('item-card');
  const text = (title: string) => cards.find((c) => c.textContent?.includes(title))?.textContent ?? '';
  expect(text('钻石会员专享')).toContain('钻石及以上会员可兑换');
  expect(text('贵重礼品')).toContain('积分不足，还差 400');
  expect(text('帆布袋')).toContain('每月限兑 1 件');
  fireEvent.click(cards.find((c) => c.textContent?.includes('帆布袋'))!.querySelector('button')!);
  expect(navigations).toEqual([`/subpackages/member/item/index?id=${bagId}`]);
});

it('asks for a delivery address, redeems, and a host ships the order', async () => {
  cloud.as(MEMBER);
  routerParams.id = bagId;
  render(<ItemPage />);
  const confirm = await screen.findByRole('button', { name: '确认兑换（60 积分）' });
  expect(confirm).toHaveProperty('disabled', true);
  fireEvent.change(screen.getByTestId('address-name'), { target: { value: '林小姐' } });
  fireEvent.change(screen.getByTestId('address-phone'), { target: { value: '13800000000' } });
  fireEvent.change(screen.getByTestId('address-region'), { target: { value: '上海市 徐汇区' } });
  fireEvent.change(screen.getByTestId('address-detail'), { target: { value: '漕溪北路 1 号' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '确认兑换（60 积分）' }));
  });
  await waitFor(() => expect(toasts).toEqual([{ title: '兑换成功' }]));
  expect(navigations).toEqual(['/subpackages/member/orders/index']);

  cloud.as(OWNER);
  resetSession();
  render(<OrdersAdminPage />);
  const row = await screen.findByTestId('order-row');
  expect(row.textContent).toContain('帆布袋 × 1');
  expect(row.textContent).toContain('林小姐 13800000000 上海市 徐汇区 漕溪北路 1 号');
  fireEvent.change(row.querySelector('input')!, { target: { value: '顺丰 SF1234' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '发货' }));
  });
  await waitFor(() => expect(screen.getByTestId('order-row').textContent).toContain('发货信息：顺丰 SF1234'));
});

it('lets the owner upload an item picture from the phone instead of typing an address', async () => {
  const taro = Taro as unknown as { chooseImage: unknown; cloud: { uploadFile: unknown } };
  taro.chooseImage = async ({ count }: { count: number }) => ({ tempFilePaths: ['wxfile://tmp/bag.jpg'].slice(0, count) });
  taro.cloud.uploadFile = async ({ cloudPath, filePath }: { cloudPath: string; filePath: string }) => ({ fileID: `cloud://env-test/${cloudPath.replace(/[^/]+$/, filePath.slice(-7))}` });
  cloud.as(OWNER);
  delete routerParams.id;
  render(<ItemEditPage />);
  expect(screen.queryByLabelText('图片地址')).toBeNull();
  fireEvent.input(await screen.findByLabelText('名称（最多 40 字）'), { target: { value: '带图的笔记本' } });
  fireEvent.input(screen.getByLabelText('积分价格'), { target: { value: '40' } });
  fireEvent.input(screen.getByLabelText('库存'), { target: { value: '5' } });
  await act(async () => {
    fireEvent.click(screen.getByLabelText('添加图片'));
  });
  await waitFor(() => expect(screen.getByLabelText('移除第 1 张图片')).toBeTruthy());
  // One picture is the most: the add tile is gone.
  expect(screen.queryByLabelText('添加图片')).toBeNull();
  await act(async () => {
    fireEvent.click(screen.getByText('保存'));
  });
  await waitFor(() => expect(toasts).toEqual([{ title: '已保存' }]));
  const shelf = (await cloud.call(OWNER, 'mall', { action: 'list' })) as { items: Array<{ title: string; image: string }> };
  // Saved as the owner's own upload (cloud storage under their folder), not a typed address.
  expect(shelf.items.find((i) => i.title === '带图的笔记本')?.image).toMatch(new RegExp(`^cloud://env-test/notes/${memberIdFor(OWNER)}/.+\\.jpg$`));
});
