/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetSession } from '../src/services/session';
import ItemPage from '../src/subpackages/member/item/index';
import { routerParams, toasts } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// 使用微信收货地址 on weapp: WeChat may refuse the address sheet (scope denied, privacy agreement
// declined, or requiredPrivateInfos missing); the member must be told to use the form instead.
const OWNER = 'address-page-owner';
const MEMBER = 'address-page-member';
let cloud: PageCloud;
let itemId = '';
const taro = Taro as unknown as { chooseAddress?: () => Promise<unknown> };
const taroEnv = process.env.TARO_ENV;

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  await cloud.call(OWNER, 'member', { action: 'login' });
  await cloud.call(MEMBER, 'member', { action: 'login' });
  const saved = await cloud.call(OWNER, 'mall', {
    action: 'saveItem',
    requestId: 'address-page-item',
    item: {
      title: '帆布袋', description: '', image: '', pointsPrice: 10, stock: 3, perMemberLimit: null, limitPeriod: 'month', minTier: null,
      saleStartsAt: null, saleEndsAt: null, kind: 'physical', virtual: null, listed: true,
    },
  });
  itemId = (saved as { item: { id: string } }).item.id;
});
afterAll(async () => {
  delete taro.chooseAddress;
  process.env.TARO_ENV = taroEnv;
  await cloud.close();
});
beforeEach(() => {
  resetSession();
  toasts.length = 0;
  process.env.TARO_ENV = 'weapp';
  cloud.as(MEMBER);
  routerParams.id = itemId;
});

async function tapWechatAddress(answer: () => Promise<unknown>): Promise<void> {
  taro.chooseAddress = answer;
  render(<ItemPage />);
  const button = await screen.findByRole('button', { name: '使用微信收货地址' });
  await act(async () => {
    fireEvent.click(button);
  });
}

it('tells the member to fill the form by hand when WeChat refuses the address sheet', async () => {
  await tapWechatAddress(() => Promise.reject({ errMsg: 'chooseAddress:fail auth deny' }));
  expect(toasts).toEqual([{ title: '无法读取微信地址，请在下方手动填写' }]);
  expect(screen.getByTestId('address-name')).toHaveProperty('value', '');
});

it('says nothing when the member closes the address sheet', async () => {
  await tapWechatAddress(() => Promise.reject({ errMsg: 'chooseAddress:fail cancel' }));
  expect(toasts).toEqual([]);
});

it('fills the form from the WeChat address', async () => {
  await tapWechatAddress(async () => ({
    userName: '林小姐', telNumber: '13800000000', provinceName: '上海市', cityName: '上海市', countyName: '徐汇区', detailInfo: '漕溪北路 1 号',
  }));
  expect(screen.getByTestId('address-name')).toHaveProperty('value', '林小姐');
  expect(screen.getByTestId('address-region')).toHaveProperty('value', '上海市 上海市 徐汇区');
  expect(toasts).toEqual([]);
});
