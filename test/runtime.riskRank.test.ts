import { wechatRiskRank } from '../src/server/cloudbase/runtime';

// A fake wx-server-sdk whose getUserRiskRank behaves like WeChat's: client_ip is required (the
// SDK turns `clientIp` into `client_ip`), and a call without it errors instead of answering a rank.
const mockContext: { APPID?: string; OPENID?: string; CLIENTIP?: string } = {};
const mockRiskCalls: Array<Record<string, unknown>> = [];
jest.mock('wx-server-sdk', () => ({
  __esModule: true,
  default: {
    getWXContext: () => mockContext,
    openapi: {
      riskControl: {
        getUserRiskRank: async (options: Record<string, unknown>) => {
          mockRiskCalls.push(options);
          if (typeof options.clientIp !== 'string' || options.clientIp === '') {
            throw Object.assign(new Error('errCode: 44002 | errMsg: client_ip is empty'), { errCode: 44002 });
          }
          return { riskRank: 4 };
        },
      },
    },
  },
}));

beforeEach(() => {
  mockRiskCalls.length = 0;
  for (const key of Object.keys(mockContext)) delete mockContext[key as keyof typeof mockContext];
});

it('passes the caller IP from the WeChat context, so a high-risk invitee is held', async () => {
  Object.assign(mockContext, { APPID: 'wx-test-app', OPENID: 'o-invitee', CLIENTIP: '203.0.113.7' });
  await expect(wechatRiskRank.riskRank('o-invitee')).resolves.toBe('high');
  expect(mockRiskCalls).toEqual([{ appid: 'wx-test-app', openid: 'o-invitee', scene: 1, clientIp: '203.0.113.7' }]);
});

it('does not call WeChat without a caller IP and treats the member as low risk', async () => {
  Object.assign(mockContext, { APPID: 'wx-test-app', OPENID: 'o-invitee' });
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  await expect(wechatRiskRank.riskRank('o-invitee')).resolves.toBe('low');
  quiet.mockRestore();
  expect(mockRiskCalls).toEqual([]);
});
