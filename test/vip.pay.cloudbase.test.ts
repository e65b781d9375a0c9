import type { CloudDb } from '../src/server/cloudbase/cloudbaseStore';
import { createCloudDbDouble, type CloudDbDouble } from './support/cloudbaseDouble';

// The deployed `vip` and `vipPay` entries with a stand-in for wx-server-sdk: each function gets
// only the environment variables README's deploy section asks for (the merchant on `vip` only).
const MERCHANT = '1900000109';
const mockState: { db: CloudDb | null; openid: string; queried: string[] } = { db: null, openid: '', queried: [] };
jest.mock('wx-server-sdk', () => ({
  __esModule: true,
  default: {
    DYNAMIC_CURRENT_ENV: Symbol('env'),
    init() {},
    database: () => mockState.db,
    getWXContext: () => ({ OPENID: mockState.openid }),
    cloudPay: {
      async unifiedOrder(options: { subMchId: string }) {
        if (options.subMchId !== MERCHANT) return { returnCode: 'SUCCESS', resultCode: 'FAIL', errCodeDes: 'sub_mch_id 不正确' };
        return { returnCode: 'SUCCESS', resultCode: 'SUCCESS', payment: { package: 'prepay_id=wx1' } };
      },
      // WeChat Pay answers an order only to the merchant it belongs to.
      async queryOrder(options: { subMchId: string; outTradeNo: string }) {
        mockState.queried.push(options.subMchId);
        if (options.subMchId !== MERCHANT) return { returnCode: 'SUCCESS', resultCode: 'FAIL' };
        return { returnCode: 'SUCCESS', resultCode: 'SUCCESS', tradeState: 'SUCCESS', totalFee: 69900, transactionId: 'wx-tx-1' };
      },
    },
  },
}));

type Main = (event: unknown, context?: unknown) => Promise<any>;

/** Load a deployed entry as CloudBase would: a fresh module with this function's environment only. */
async function loadEntry(name: string, env: Record<string, string>): Promise<Main> {
  const saved = { ...process.env };
  delete process.env.QUNYUN_PAY_SUB_MCH_ID;
  Object.assign(process.env, env);
  let main: Main | undefined;
  try {
    await jest.isolateModulesAsync(async () => {
      main = ((await import(`../cloudfunctions/${name}/index`)) as { main: Main }).main;
    });
  } finally {
    process.env = saved;
  }
  return main as Main;
}

let db: CloudDbDouble;
beforeEach(() => {
  db = createCloudDbDouble({ seed: 5, conflictRate: 0.2, maxRetries: 30 });
  mockState.db = db;
  mockState.queried = [];
});

describe('WeChat Pay with the merchant set on vip only', () => {
  it('confirms a paid order in vipPay and extends VIP once', async () => {
    const member = await loadEntry('member', {});
    const vip = await loadEntry('vip', { QUNYUN_PAY_SUB_MCH_ID: MERCHANT });
    const vipPay = await loadEntry('vipPay', {});
    mockState.openid = 'pay-buyer';
    expect((await member({ action: 'login' })).ok).toBe(true);
    const bought = await vip({ action: 'buy', requestId: 'pay-buy-0001', planId: 'year' });
    expect(bought).toMatchObject({ ok: true, data: { simulated: false, payment: { package: 'prepay_id=wx1' } } });

    mockState.openid = '';
    const callbacks = await Promise.all([vipPay({ outTradeNo: bought.data.orderId }), vipPay({ outTradeNo: bought.data.orderId })]);
    expect(callbacks).toEqual([{ errcode: 0, errmsg: '' }, { errcode: 0, errmsg: '' }]);
    expect(mockState.queried).toEqual([MERCHANT, MERCHANT]);

    mockState.openid = 'pay-buyer';
    const status = await vip({ action: 'status' });
    expect(status.data.vip.active).toBe(true);
    expect(status.data.vip.daysLeft).toBeGreaterThanOrEqual(365);
    expect(status.data.vip.daysLeft).toBeLessThan(367);
  });
});
